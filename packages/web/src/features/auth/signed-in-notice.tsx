import { Link } from 'react-router';
import { homeFor, useMe } from './use-me';

/** On the sign-in and register pages: someone already signed in is told so, instead of a bare form. */
export function SignedInNotice() {
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <div className="alert info" role="status">
      You are signed in as {me.name}. <Link to={homeFor(me)}>Continue to your area</Link>, or sign out first
      to use another account.
    </div>
  );
}
