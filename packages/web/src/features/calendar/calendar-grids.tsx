// The calendar's day grid (columns per clinician and room) and week table.
import type { Block, Calendar, CalendarEntry } from '@anagen/core/contracts';
import { localToUtc } from '@anagen/core/scheduling';
import { formatDate, formatTime, localDateKey, localMinutes } from '../../lib/clinic-time';
import { addDays } from '../booking/time';
import { STATUS_LABEL } from './calendar-api';
import type { BookingStart } from './new-appointment-panel';

const DAY_START = 7 * 60;
const DAY_END = 19 * 60;
const PX_PER_MIN = 1.2;

interface Column {
  id: string;
  name: string;
  kind: 'provider' | 'resource';
}

function columnsOf(c: Calendar): Column[] {
  return [
    ...c.providers.map((p) => ({ id: p.id, name: p.name, kind: 'provider' as const })),
    ...c.resources.map((r) => ({ id: r.id, name: r.name, kind: 'resource' as const })),
  ];
}

const inColumn = (col: Column) => (a: CalendarEntry) =>
  col.kind === 'provider' ? a.providerId === col.id : a.resourceIds.includes(col.id);
const blockInColumn = (col: Column) => (b: Block) =>
  col.kind === 'provider' ? b.providerId === col.id : b.resourceId === col.id;

function EntryButton({
  a,
  zone,
  onSelect,
  style,
  selected,
  landed,
}: {
  a: CalendarEntry;
  zone: string;
  onSelect: (id: string) => void;
  style?: React.CSSProperties;
  selected?: boolean;
  landed?: boolean;
}) {
  return (
    <button
      type="button"
      data-entry-id={a.id}
      className={`cal-entry status-${a.status}${selected ? ' selected' : ''}${landed ? ' landed' : ''}`}
      style={style}
      onClick={() => onSelect(a.id)}
      aria-label={`${formatTime(a.start, zone)} ${a.patientName}, ${a.typeName}, ${STATUS_LABEL[a.status]}${a.patientConfirmedAt ? ', confirmed by patient' : ''}`}
    >
      <span className="cal-time">{formatTime(a.start, zone)}</span> {a.patientName}
      <span className="cal-type">
        {a.typeName}
        {a.status !== 'booked' && ` · ${STATUS_LABEL[a.status]}`}
        {a.patientConfirmedAt && ' · ✓ confirmed'}
      </span>
    </button>
  );
}

export function DayGrid({
  cal,
  date,
  onSelect,
  onSelectBlock,
  onEmpty,
  selected,
  landed,
}: {
  cal: Calendar;
  date: string;
  onSelect: (id: string) => void;
  onSelectBlock: (id: string) => void;
  onEmpty: (start: BookingStart) => void;
  selected: string | null;
  landed: string | null;
}) {
  const zone = cal.timeZone;
  const cols = columnsOf(cal);
  const onDay = (iso: string) => localDateKey(iso, zone) === date;
  const height = (DAY_END - DAY_START) * PX_PER_MIN;
  const top = (iso: string) => Math.max(0, (localMinutes(iso, zone) - DAY_START) * PX_PER_MIN);
  const span = (s: string, e: string) =>
    Math.max(18, ((Date.parse(e) - Date.parse(s)) / 60_000) * PX_PER_MIN);
  const hours = Array.from({ length: (DAY_END - DAY_START) / 60 }, (_, i) => DAY_START / 60 + i);
  // A click on the empty part of a column books from that quarter hour (keyboard users have the
  // "New appointment" button, which offers the same times).
  const emptyClick = (c: Column) => (e: React.MouseEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget) return;
    const y = e.clientY - e.currentTarget.getBoundingClientRect().top;
    const minutes = Math.floor((DAY_START + y / PX_PER_MIN) / 15) * 15;
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    const at = localToUtc(zone, date, `${hh}:${mm}`);
    onEmpty({
      date,
      ...(at !== null ? { from: new Date(at).toISOString() } : {}),
      ...(c.kind === 'provider' ? { providerId: c.id } : {}),
    });
  };
  return (
    <div
      className="day-grid"
      style={{ gridTemplateColumns: `56px repeat(${cols.length}, minmax(140px, 1fr))` }}
    >
      <div className="day-grid-head" />
      {cols.map((c) => (
        <div key={c.id} className="day-grid-head">
          {c.name}
        </div>
      ))}
      <div className="day-grid-times" style={{ height }}>
        {hours.map((h) => (
          <span key={h} style={{ top: (h * 60 - DAY_START) * PX_PER_MIN }}>
            {`${((h + 11) % 12) + 1} ${h < 12 ? 'AM' : 'PM'}`}
          </span>
        ))}
      </div>
      {cols.map((c) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents: a mouse shortcut; "New appointment" is the keyboard path
        <section
          key={c.id}
          className="day-grid-col"
          style={{ height }}
          aria-label={c.name}
          data-column={c.id}
          onClick={emptyClick(c)}
        >
          {cal.blocks
            .filter(blockInColumn(c))
            .filter((b) => onDay(b.start) || onDay(b.end))
            .map((b) => (
              <button
                type="button"
                key={b.id}
                className="cal-block"
                style={{ top: top(b.start), height: span(b.start, b.end) }}
                onClick={() => onSelectBlock(b.id)}
                aria-label={`Blocked ${formatTime(b.start, zone)}–${formatTime(b.end, zone)}${b.reason ? `: ${b.reason}` : ''}, ${c.name}`}
              >
                Blocked{b.reason ? `: ${b.reason}` : ''}
              </button>
            ))}
          {cal.appointments
            .filter(inColumn(c))
            .filter((a) => onDay(a.start) && a.status !== 'cancelled')
            .map((a) => (
              <EntryButton
                key={a.id}
                a={a}
                zone={zone}
                onSelect={onSelect}
                selected={a.id === selected}
                landed={a.id === landed}
                style={{ top: top(a.start), height: span(a.start, a.end) }}
              />
            ))}
        </section>
      ))}
    </div>
  );
}

type CellItem = { kind: 'block'; at: number; b: Block } | { kind: 'entry'; at: number; a: CalendarEntry };

/**
 * Blocks and visits of one cell in one list by start instant. Listing blocks first and visits
 * after showed a 12 PM block above an 11 AM visit; instants compare correctly, formatted times do not.
 */
function cellItems(blocks: readonly Block[], entries: readonly CalendarEntry[]): CellItem[] {
  return [
    ...blocks.map((b) => ({ kind: 'block' as const, at: Date.parse(b.start), b })),
    ...entries.map((a) => ({ kind: 'entry' as const, at: Date.parse(a.start), a })),
  ].sort((x, y) => x.at - y.at || (x.kind === y.kind ? 0 : x.kind === 'block' ? -1 : 1));
}

export function WeekGrid({
  cal,
  weekStart,
  onSelect,
  onSelectBlock,
  onDay,
  selected,
  landed,
}: {
  cal: Calendar;
  weekStart: string;
  onSelect: (id: string) => void;
  onSelectBlock: (id: string) => void;
  onDay: (d: string) => void;
  selected: string | null;
  landed: string | null;
}) {
  const zone = cal.timeZone;
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  return (
    <table className="week-grid">
      <thead>
        <tr>
          <th scope="col">Provider / room</th>
          {days.map((d) => (
            <th key={d} scope="col">
              <button type="button" className="link-button" onClick={() => onDay(d)}>
                {formatDate(`${d}T12:00:00Z`, 'UTC').split(',').slice(0, 2).join(',')}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {columnsOf(cal).map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.name}</th>
            {days.map((d) => (
              <td key={d} data-day={d}>
                {cellItems(
                  cal.blocks.filter(blockInColumn(c)).filter((b) => localDateKey(b.start, zone) === d),
                  cal.appointments
                    .filter(inColumn(c))
                    .filter((a) => localDateKey(a.start, zone) === d && a.status !== 'cancelled'),
                ).map((item) =>
                  item.kind === 'block' ? (
                    <button
                      type="button"
                      key={item.b.id}
                      className="cal-block inline"
                      onClick={() => onSelectBlock(item.b.id)}
                    >
                      {formatTime(item.b.start, zone)}–{formatTime(item.b.end, zone)} blocked
                      {item.b.reason ? `: ${item.b.reason}` : ''}
                    </button>
                  ) : (
                    <EntryButton
                      key={item.a.id}
                      a={item.a}
                      zone={zone}
                      onSelect={onSelect}
                      selected={item.a.id === selected}
                      landed={item.a.id === landed}
                    />
                  ),
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
