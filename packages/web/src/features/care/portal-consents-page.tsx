import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { fmtDateTime } from '../../lib/clinic-time';
import { useMe } from '../auth/use-me';
import { useConsents } from './care-api';
import { ConsentSign } from './consent-sign';

export function PortalConsentsPage() {
  usePageMeta('Consent forms');
  const { data: me } = useMe();
  const consents = useConsents(me?.patientId);
  if (consents.isPending) return <Loading />;
  if (consents.error) return <ErrorState error={consents.error} title="Could not load your consent forms" />;
  return (
    <>
      <h1>Consent forms</h1>
      {consents.data.due.length === 0 ? (
        <div className="alert ok" role="status">
          You have no consent forms to sign. <Link to="/portal">Back to your portal</Link>
        </div>
      ) : (
        consents.data.due.map((c) => <ConsentSign key={c.id} patientId={me!.patientId!} consent={c} />)
      )}
      <h2>Signed</h2>
      {consents.data.signed.length === 0 ? (
        <EmptyState title="Nothing signed yet">
          Consent forms you sign appear here, word for word, with the date you signed them.
        </EmptyState>
      ) : (
        <ul>
          {consents.data.signed.map((c) => (
            <li key={c.id}>
              {c.title}, version {c.version} — signed {fmtDateTime(c.signedAt)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
