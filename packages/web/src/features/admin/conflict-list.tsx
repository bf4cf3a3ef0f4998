import type { ScheduleConflict } from '@anagen/core/contracts';
import { formatWhen } from './form-bits';

/** The warning shown before saving time off that falls on booked appointments. */
export function ConflictList({
  conflicts,
  timeZone,
  onConfirm,
  onCancel,
  confirmLabel,
}: {
  conflicts: ScheduleConflict[];
  timeZone: string;
  onConfirm: () => void;
  onCancel: () => void;
  confirmLabel: string;
}) {
  return (
    <div className="alert warn" role="alert">
      <p>
        <strong>
          {conflicts.length === 1
            ? '1 booked appointment falls'
            : `${conflicts.length} booked appointments fall`}{' '}
          in this time.
        </strong>{' '}
        Saving will not cancel them; contact the patients to move them.
      </p>
      <ul>
        {conflicts.map((c) => (
          <li key={c.appointmentId}>
            {formatWhen(c.start, timeZone)} — {c.typeName} with {c.providerName} for {c.patientName}
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="btn" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="btn secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
