import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { fmtDateTime } from '../../lib/clinic-time';
import { useConsents } from './care-api';
import { treatmentName } from './care-format';

/** Staff chart: consents due and signed, each signed text shown exactly as signed with its hash. */
export function ConsentsPanel({ patientId }: { patientId: string }) {
  const consents = useConsents(patientId);
  if (consents.isPending) return <Loading />;
  if (consents.error) return <ErrorState error={consents.error} title="Could not load consents" />;
  const { due, signed } = consents.data;
  return (
    <section aria-labelledby="consents-heading">
      <h2 id="consents-heading">Consents</h2>
      {due.length > 0 && (
        <div className="alert warn" role="status">
          <strong>Not yet signed:</strong>{' '}
          {due
            .map(
              (d) =>
                `${treatmentName(d.treatmentSlug)} (version ${d.version}${d.reason === 'newer-version' ? ', an earlier version was signed' : ''})`,
            )
            .join('; ')}
          . The patient signs in the portal.
        </div>
      )}
      {signed.length === 0 ? (
        <EmptyState title="No signed consents">
          Signed consent forms appear here with the exact text that was signed.
        </EmptyState>
      ) : (
        signed.map((c) => (
          <details className="card" key={c.id}>
            <summary>
              <strong>{c.title}</strong> — version {c.version}, signed {fmtDateTime(c.signedAt)} as “
              {c.typedName}”
            </summary>
            <p className="muted small">
              SHA-256 of the signed text: <code>{c.textSha256}</code>
            </p>
            <div className="consent-text">{c.signedText}</div>
          </details>
        ))
      )}
    </section>
  );
}
