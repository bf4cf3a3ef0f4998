import type { SlotDto } from '@anagen/core/contracts';
import { ErrorState, Loading } from '../../components/ui/states';
import { formatTime } from '../../lib/clinic-time';
import { useAvailability } from '../booking/booking-api';

/**
 * The free start times of one type on one clinic-local day, as buttons (staff tools). With `from`
 * (a time clicked on the calendar), the first free time at or after it is marked as the suggestion.
 */
export function FreeTimes({
  type,
  date,
  providerId,
  disabled,
  from,
  onPick,
}: {
  type: string;
  date: string;
  providerId?: string | undefined;
  disabled?: boolean;
  from?: string | undefined;
  onPick: (slot: SlotDto) => void;
}) {
  const q = useAvailability(type, date, date, providerId || undefined);
  if (q.isPending) return <Loading label="Finding free times…" />;
  if (q.error) return <ErrorState error={q.error} title="Could not load free times" />;
  // One button per time; the server picks a free provider when none is chosen.
  const slots = [...new Map(q.data.slots.map((s) => [s.start, s] as const)).values()];
  if (!slots.length) return <p className="muted">No free times that day.</p>;
  const names = new Map(q.data.providers.map((p) => [p.id, p.name]));
  const suggested = from ? slots.find((s) => Date.parse(s.start) >= Date.parse(from)) : undefined;
  return (
    <>
      {from && (
        <p className="muted small">
          {suggested
            ? `First free time from ${formatTime(from, q.data.timeZone)}: ${formatTime(suggested.start, q.data.timeZone)} (marked).`
            : `Nothing free from ${formatTime(from, q.data.timeZone)} on; choose an earlier time.`}
        </p>
      )}
      <ul className="slot-list compact" aria-label="Free times">
        {slots.map((s) => (
          <li key={s.start}>
            <button
              type="button"
              className={`btn small ${s === suggested ? '' : 'secondary'}`}
              disabled={disabled}
              onClick={() => onPick(s)}
            >
              {formatTime(s.start, q.data.timeZone)}
              {!providerId && <span className="visually-hidden"> with {names.get(s.providerId)}</span>}
              {s === suggested && <span className="visually-hidden"> (suggested)</span>}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
