import { usePageMeta } from '../../components/ui/page-title';

export function AdminHomePage() {
  usePageMeta('Clinic settings');
  return (
    <>
      <h1>Clinic settings</h1>
      <p className="muted">
        Clinic details, locations, staff, schedules, catalogue, templates and the audit log.
      </p>
    </>
  );
}
