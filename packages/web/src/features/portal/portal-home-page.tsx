import { usePageMeta } from '../../components/ui/page-title';
import { useMe } from '../auth/use-me';

export function PortalHomePage() {
  usePageMeta('My portal');
  const { data: me } = useMe();
  const firstName = me?.name.split(' ')[0] ?? '';
  return (
    <>
      <h1>Welcome, {firstName}</h1>
      <p className="muted">Your appointments, treatment plan, photos and records in one place.</p>
    </>
  );
}
