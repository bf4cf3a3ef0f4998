import type { AuditLogItem } from '@anagen/core/contracts';
import { describeAccess } from '../portal/access-log-page';
import { formatWhen } from './form-bits';

/**
 * Audit entries as a table, in the clinic's zone. `all` (the admin audit log) shows the raw action,
 * record and patient; `patient` (one patient's chart) says in words what happened to their record.
 */
export function AuditEntriesTable({
  items,
  label,
  variant,
  timeZone,
}: {
  items: AuditLogItem[];
  label: string;
  variant: 'all' | 'patient';
  timeZone?: string | undefined;
}) {
  return (
    <div className="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            {variant === 'all' ? (
              <>
                <th scope="col">Action</th>
                <th scope="col">Record</th>
                <th scope="col">Patient</th>
              </>
            ) : (
              <th scope="col">What</th>
            )}
            <th scope="col">Address</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <td>{formatWhen(i.at, timeZone)}</td>
              <td>
                {i.actorName ?? (i.actorId && variant === 'all' ? i.actorId : 'Visitor')}
                {i.actorRole && <span className="muted small"> ({i.actorRole})</span>}
              </td>
              {variant === 'all' ? (
                <>
                  <td>
                    <code>{i.action}</code>
                    {i.detail && <div className="muted small audit-detail">{i.detail}</div>}
                  </td>
                  <td>
                    {i.resource}
                    {i.resourceId && <span className="muted small"> {i.resourceId}</span>}
                  </td>
                  <td>{i.patientName ?? i.patientId ?? '—'}</td>
                </>
              ) : (
                <td>
                  {describeAccess(i.action, { subject: 'patient' })}{' '}
                  <code className="muted small">{i.action}</code>
                </td>
              )}
              <td>{i.ip ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
