import { usePageMeta } from '../../components/ui/page-title';
import { useMe } from '../auth/use-me';

export function StaffHomePage() {
  usePageMeta('Today');
  const { data: me } = useMe();
  return (
    <>
      <h1>Today</h1>
      <p className="muted">
        Signed in as {me?.name} ({me?.role}).
      </p>
    </>
  );
}
