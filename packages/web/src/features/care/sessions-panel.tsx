import { useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { useMe } from '../auth/use-me';
import { usePlans, useSessions } from './care-api';
import { SessionCard } from './session-card';
import { SessionRecordForm } from './session-record-form';

/** Staff chart: the patient's session records, newest first, and the form to record one. */
export function SessionsPanel({ patientId }: { patientId: string }) {
  const { data: me } = useMe();
  const sessions = useSessions(patientId);
  const plans = usePlans(patientId);
  const [recording, setRecording] = useState(false);
  const canWrite = me?.role === 'clinician';
  if (sessions.isPending || plans.isPending) return <Loading />;
  if (sessions.error) return <ErrorState error={sessions.error} title="Could not load session records" />;
  return (
    <section aria-labelledby="sessions-heading">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="sessions-heading">Sessions</h2>
        {canWrite && !recording && (
          <button type="button" className="btn" onClick={() => setRecording(true)}>
            Record a session
          </button>
        )}
      </div>
      {recording && (
        <SessionRecordForm
          patientId={patientId}
          plans={plans.data ?? []}
          previous={[...sessions.data].sort((a, b) => b.performedAt - a.performedAt)}
          onDone={() => setRecording(false)}
        />
      )}
      {sessions.data.length === 0 ? (
        <EmptyState title="No sessions recorded yet">
          Records of treatment sessions appear here, with products, lot numbers and the injection map.
        </EmptyState>
      ) : (
        sessions.data.map((s) => (
          <SessionCard key={s.id} s={s} canWrite={canWrite} plans={plans.data ?? []} />
        ))
      )}
    </section>
  );
}
