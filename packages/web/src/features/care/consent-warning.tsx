import { useConsentStatus } from './care-api';
import { treatmentName } from './care-format';

/**
 * A check-in warning when the patient has not signed the consent version in force for a
 * treatment. Renders nothing when consent is in order or the treatment needs none. Front desk may
 * use it: the status endpoint holds no clinical content.
 */
export function ConsentWarning({
  patientId,
  treatmentSlug,
}: {
  patientId: string;
  treatmentSlug: string | null | undefined;
}) {
  const status = useConsentStatus(patientId, treatmentSlug ?? undefined);
  if (!treatmentSlug || !status.data?.missing) return null;
  return (
    <div className="alert warn consent-warning" role="status">
      <strong>Consent missing:</strong> {treatmentName(treatmentSlug)}, version {status.data.currentVersion}
      {status.data.signedVersion ? ` (version ${status.data.signedVersion} was signed earlier)` : ''}. The
      patient signs it in the portal before the procedure.
    </div>
  );
}
