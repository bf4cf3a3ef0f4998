import type { AdminLocation } from '@anagen/core/contracts';
import { WEEKDAYS } from './form-bits';

export interface HoursRow {
  weekday: number;
  start: string;
  end: string;
  locationId?: string;
}

/**
 * Weekly hours as editable rows (weekday, start, end and optionally location). Times are typed as
 * 24-hour HH:MM; the server checks them and its messages appear under the field they concern.
 */
export function HoursEditor({
  rows,
  onChange,
  errors,
  errorPrefix,
  locations,
  label,
}: {
  rows: HoursRow[];
  onChange: (rows: HoursRow[]) => void;
  errors: Record<string, string>;
  /** e.g. `openingHours` or `hours` — the body field the API reports errors under. */
  errorPrefix: string;
  locations?: AdminLocation[];
  label: string;
}) {
  const set = (i: number, patch: Partial<HoursRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const err = (i: number, k: string) => errors[`${errorPrefix}.${i}.${k}`];
  return (
    <fieldset className="hours-editor">
      <legend>{label}</legend>
      {rows.length === 0 && <p className="muted small">No hours yet.</p>}
      {errors[errorPrefix] && (
        <p className="error small" role="alert">
          {errors[errorPrefix]}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {locations && <th scope="col">Location</th>}
            <th scope="col">From</th>
            <th scope="col">Until</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const name = `${label} row ${i + 1}`;
            const startErr = err(i, 'start');
            const endErr = err(i, 'end');
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
              <tr key={i}>
                <td>
                  <select
                    aria-label={`Day, ${name}`}
                    value={r.weekday}
                    onChange={(e) => set(i, { weekday: Number(e.target.value) })}
                  >
                    {WEEKDAYS.map((d, k) => (
                      <option key={d} value={k + 1}>
                        {d}
                      </option>
                    ))}
                  </select>
                  {err(i, 'weekday') && <span className="error small">{err(i, 'weekday')}</span>}
                </td>
                {locations && (
                  <td>
                    <select
                      aria-label={`Location, ${name}`}
                      value={r.locationId}
                      onChange={(e) => set(i, { locationId: e.target.value })}
                    >
                      {locations.map((l) => (
                        <option key={l.id} value={l.id}>
                          {l.name}
                        </option>
                      ))}
                    </select>
                  </td>
                )}
                <td>
                  <input
                    aria-label={`From, ${name}`}
                    inputMode="numeric"
                    placeholder="09:00"
                    size={6}
                    value={r.start}
                    aria-invalid={startErr ? true : undefined}
                    aria-describedby={startErr ? `hours-${errorPrefix}-${i}-start` : undefined}
                    onChange={(e) => set(i, { start: e.target.value.trim() })}
                  />
                  {startErr && (
                    <span id={`hours-${errorPrefix}-${i}-start`} className="error small block">
                      {startErr}
                    </span>
                  )}
                </td>
                <td>
                  <input
                    aria-label={`Until, ${name}`}
                    inputMode="numeric"
                    placeholder="17:00"
                    size={6}
                    value={r.end}
                    aria-invalid={endErr ? true : undefined}
                    aria-describedby={endErr ? `hours-${errorPrefix}-${i}-end` : undefined}
                    onChange={(e) => set(i, { end: e.target.value.trim() })}
                  />
                  {endErr && (
                    <span id={`hours-${errorPrefix}-${i}-end`} className="error small block">
                      {endErr}
                    </span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn secondary small"
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    Remove<span className="visually-hidden"> {name}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="btn secondary small"
        onClick={() =>
          onChange([
            ...rows,
            {
              weekday: 1,
              start: '09:00',
              end: '17:00',
              ...(locations ? { locationId: locations[0]?.id ?? '' } : {}),
            },
          ])
        }
      >
        Add hours
      </button>
    </fieldset>
  );
}
