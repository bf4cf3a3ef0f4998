import type { AuditLogItem, AuditLogPage as AuditPage } from '@anagen/core/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Field, SelectField } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import { useLocations, useStaff } from './admin-api';
import { AuditEntriesTable } from './audit-entries-table';
import { fieldErrorsOf } from './form-bits';

interface Filters {
  patientId: string;
  actorId: string;
  action: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { patientId: '', actorId: '', action: '', from: '', to: '' };

const query = (f: Filters) =>
  new URLSearchParams(Object.entries(f).filter(([, v]) => v.trim() !== '') as [string, string][]).toString();

export function AuditLogPage() {
  usePageMeta('Audit log');
  const staff = useStaff();
  const zone = useLocations().data?.[0]?.timeZone;
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const qs = query(applied);
  const log = useInfiniteQuery({
    queryKey: ['admin', 'audit-log', qs],
    queryFn: ({ pageParam }) =>
      api.get<AuditPage>(
        `/api/audit-log?limit=50${qs ? `&${qs}` : ''}${pageParam ? `&cursor=${pageParam}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next,
  });
  const e = fieldErrorsOf(log.error);
  const items: AuditLogItem[] = log.data?.pages.flatMap((p) => p.items) ?? [];
  const err = (k: keyof Filters) => e[`querystring.${k}`];
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Who did what to which record, when and from which address. Entries cannot be changed or deleted.
        Viewing and exporting this log is recorded too.
      </p>
      <form
        className="card"
        aria-label="Filter the audit log"
        onSubmit={(ev) => {
          ev.preventDefault();
          setApplied(draft);
        }}
      >
        <div className="grid">
          <Field
            label="Patient ID"
            hint="From the chart's address (…/patients/ID); each chart also has an Audit tab."
            value={draft.patientId}
            onChange={(ev) => setDraft({ ...draft, patientId: ev.target.value })}
            error={err('patientId')}
          />
          <SelectField
            label="Staff member"
            value={draft.actorId}
            onChange={(ev) => setDraft({ ...draft, actorId: ev.target.value })}
            error={err('actorId')}
          >
            <option value="">Anyone</option>
            {staff.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <Field
            label="Action"
            hint="For example patient.read, or patient for all patient actions."
            value={draft.action}
            onChange={(ev) => setDraft({ ...draft, action: ev.target.value })}
            error={err('action')}
          />
          <Field
            label="From"
            type="date"
            value={draft.from}
            onChange={(ev) => setDraft({ ...draft, from: ev.target.value })}
            error={err('from')}
          />
          <Field
            label="To"
            type="date"
            value={draft.to}
            onChange={(ev) => setDraft({ ...draft, to: ev.target.value })}
            error={err('to')}
          />
        </div>
        <div className="row">
          <button type="submit" className="btn">
            Apply filters
          </button>
          <button
            type="button"
            className="btn secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              setApplied(NO_FILTERS);
            }}
          >
            Clear
          </button>
          <a className="btn secondary" href={`/api/audit-log.csv${qs ? `?${qs}` : ''}`} download>
            Download CSV
          </a>
        </div>
      </form>
      {log.isPending && <Loading />}
      {log.error && <ErrorState error={log.error} title="Could not load the audit log" />}
      {log.data && items.length === 0 && (
        <EmptyState title="No entries match these filters">
          Widen the dates or clear a filter; every read and change of patient data is logged here.
        </EmptyState>
      )}
      {items.length > 0 && (
        <AuditEntriesTable items={items} label="Audit entries" variant="all" timeZone={zone} />
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
    </>
  );
}
