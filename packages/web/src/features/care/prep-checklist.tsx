import type { AppointmentChecklist } from '@anagen/core/contracts';
import { useState } from 'react';
import { fmtDateTime } from '../../lib/clinic-time';
import { useTickItem } from './care-api';

/** The patient's "getting ready" steps for one appointment; each ticks off with one tap. */
export function PrepChecklist({
  patientId,
  checklist,
  timeZone,
}: {
  patientId: string;
  checklist: AppointmentChecklist;
  /** The clinic's zone, so times read as clinic time. */
  timeZone?: string | undefined;
}) {
  const tick = useTickItem(patientId);
  // Optimistic: the box changes at once; the list refetches after the server has stored it.
  const [local, setLocal] = useState<Record<string, boolean>>({});
  const isTicked = (i: AppointmentChecklist['items'][number]) => local[i.id] ?? i.tickedAt !== null;
  const done = checklist.items.filter(isTicked).length;
  return (
    <div>
      <p>
        <strong>
          {done} of {checklist.total} done
        </strong>
      </p>
      <progress max={checklist.total} value={done} aria-label={`${done} of ${checklist.total} steps done`} />
      <ul className="checklist">
        {checklist.items.map((i) => (
          <li key={i.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={isTicked(i)}
                onChange={(e) => {
                  const ticked = e.target.checked;
                  setLocal((l) => ({ ...l, [i.id]: ticked }));
                  tick.mutate(
                    { _itemId: i.id, ticked },
                    { onError: () => setLocal((l) => ({ ...l, [i.id]: !ticked })) },
                  );
                }}
              />
              <span>
                {i.text}
                <span className="muted small block">From {fmtDateTime(i.dueAt, timeZone)}</span>
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
