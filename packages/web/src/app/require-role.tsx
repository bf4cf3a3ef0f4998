import type { Role } from '@anagen/core/access';
import { Link, Navigate, useLocation } from 'react-router';
import { usePageMeta } from '../components/ui/page-title';
import { Loading } from '../components/ui/states';
import { homeFor, useMe } from '../features/auth/use-me';
import { AREA_NAV, Shell } from './layout';

/** Area layout that only the listed roles may enter; visitors are sent to sign in first. */
export function AreaLayout({ area, roles }: { area: keyof typeof AREA_NAV; roles: readonly Role[] }) {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (!me) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!roles.includes(me.role)) {
    return (
      <Shell nav={[]}>
        <NotForYourRole home={homeFor(me)} />
      </Shell>
    );
  }
  const nav = AREA_NAV[area].filter((n) => !n.roles || n.roles.includes(me.role));
  return <Shell nav={nav} wide={area !== 'portal'} />;
}

function NotForYourRole({ home }: { home: string }) {
  usePageMeta('Not available for your account');
  return (
    <>
      <h1>Not available for your account</h1>
      <p>This part of Anagen is for other roles.</p>
      <p>
        <Link to={home}>Go to your own area</Link>
      </p>
    </>
  );
}
