import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { useClinic, useLocations } from './admin-api';
import { ClinicDetailsForm } from './clinic-details-form';
import { LocationsSection } from './locations-section';
import { OutcomeSettingsSection } from './outcome-settings-form';
import { ScalpSitesSection } from './scalp-sites-section';
import { UploadSettingsSection } from './upload-settings-form';

export function AdminHomePage() {
  usePageMeta('Clinic settings');
  const clinic = useClinic();
  const locations = useLocations();
  return (
    <>
      <h1>Clinic settings</h1>
      <p className="muted">
        Clinic details, locations with their time zones and opening hours, holidays and closures, and the
        clinic's own close-up sites, who may upload photos and documents, and whether outcome summaries are
        published.
      </p>
      {(clinic.isPending || locations.isPending) && <Loading />}
      {clinic.error && <ErrorState error={clinic.error} />}
      {locations.error && <ErrorState error={locations.error} />}
      {clinic.data && <ClinicDetailsForm clinic={clinic.data} />}
      {locations.data && <LocationsSection locations={locations.data} />}
      <ScalpSitesSection />
      <UploadSettingsSection />
      <OutcomeSettingsSection />
    </>
  );
}
