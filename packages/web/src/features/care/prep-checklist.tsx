import type { AppointmentChecklist } from '@anagen/core/contracts';
import { useTickItem } from './care-api';
import { fmtDateTime } from './care-format';

/** The patient's "getting ready" steps for one appointment; each ticks off with one tap. */
export function PrepChecklist({
  patientId,
  checklist,
}: {
  patientId: string;
  checklist: AppointmentChecklist;
}) {
  const tick = useTickItem(patientId);
  return (
    <div>
      <p>
        <strong>
          {checklist.done} of {checklist.total} done
        </strong>
      </p>
      <progress
        max={checklist.total}
        value={checklist.done}
        aria-label={`${checklist.done} of ${checklist.total} steps done`}
      />
      <ul className="checklist">
        {checklist.items.map((i) => (
          <li key={i.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={i.tickedAt !== null}
                disabled={tick.isPending}
                onChange={(e) => tick.mutate({ _itemId: i.id, ticked: e.target.checked })}
              />
              <span>
                {i.text}
                <span className="muted small block">From {fmtDateTime(i.dueAt)}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {tick.error && (
        <p className="error" role="alert">
          {tick.error.message}
        </p>
      )}
    </div>
  );
}
