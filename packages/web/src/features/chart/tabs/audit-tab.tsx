import type { AuditLogPage } from '@anagen/core/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Loading } from '../../../components/ui/states';
import { api } from '../../../lib/api-client';
import { useLocations } from '../../admin/admin-api';
import { AuditEntriesTable } from '../../admin/audit-entries-table';
import type { ChartTabProps } from '../chart-tab-props';

/** Admins: every audit entry about this patient, the patient's own actions included. */
export default function AuditTab({ patientId }: ChartTabProps) {
  const qs = `patientId=${encodeURIComponent(patientId)}`;
  const zone = useLocations().data?.[0]?.timeZone;
  const log = useInfiniteQuery({
    queryKey: ['admin', 'audit-log', qs],
    queryFn: ({ pageParam }) =>
      api.get<AuditLogPage>(`/api/audit-log?limit=50&${qs}${pageParam ? `&cursor=${pageParam}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.next,
  });
  if (log.isPending) return <Loading />;
  if (log.error) return <ErrorState error={log.error} />;
  const items = log.data.pages.flatMap((p) => p.items);
  return (
    <section aria-labelledby="audit-tab-heading">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="audit-tab-heading">Audit trail</h2>
        <a className="btn secondary small" href={`/api/audit-log.csv?${qs}`} download>
          Download CSV
        </a>
      </div>
      {items.length === 0 ? (
        <EmptyState title="No entries for this patient">
          Every time someone opens or changes this patient’s record, it is logged here.
        </EmptyState>
      ) : (
        <AuditEntriesTable
          items={items}
          label="Audit entries for this patient"
          variant="patient"
          timeZone={zone}
        />
      )}
      {log.hasNextPage && (
        <button
          type="button"
          className="btn secondary"
          onClick={() => log.fetchNextPage()}
          disabled={log.isFetchingNextPage}
        >
          Show older entries
        </button>
      )}
    </section>
  );
}
