import type { Block, Calendar, CalendarEntry } from '@anagen/core/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { clinicToday, clinicZone } from '../../lib/clinic-time';
import {
  addDays,
  formatDate,
  formatTime,
  localDateKey,
  localMinutes,
  weekdayOf,
  zoneName,
} from '../booking/time';
import { AppointmentPanel } from './appointment-panel';
import { BlockPanel } from './block-panel';
import { STATUS_LABEL, useCalendar } from './calendar-api';
import { NewAppointmentPanel } from './new-appointment-panel';

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

/** `/staff/calendar`: day and week views with providers and rooms as columns; create, move, cancel, block. */
export function CalendarPage() {
  usePageMeta('Calendar');
  const [view, setView] = useState<'day' | 'week'>('day');
  const [date, setDate] = useState(() => clinicToday());
  const [selected, setSelected] = useState<string | null>(null);
  const [panel, setPanel] = useState<'none' | 'new' | 'block'>('none');
  const weekStart = addDays(date, 1 - weekdayOf(date));
  const from = view === 'day' ? date : weekStart;
  const to = view === 'day' ? date : addDays(weekStart, 6);
  const q = useCalendar(from, to);
  const zone = q.data?.timeZone ?? clinicZone();
  const step = view === 'day' ? 1 : 7;
  const entry = q.data?.appointments.find((a) => a.id === selected) ?? null;

  return (
    <>
      <h1>Calendar</h1>
      <div className="row calendar-toolbar">
        <fieldset className="row view-switch">
          <legend className="visually-hidden">View</legend>
          {(['day', 'week'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className={`btn small ${view === v ? '' : 'secondary'}`}
              aria-pressed={view === v}
              onClick={() => setView(v)}
            >
              {v === 'day' ? 'Day' : 'Week'}
            </button>
          ))}
        </fieldset>
        <button type="button" className="btn secondary small" onClick={() => setDate(addDays(date, -step))}>
          Previous {view}
        </button>
        <button
          type="button"
          className="btn secondary small"
          onClick={() => setDate(localDateKey(Date.now(), zone))}
        >
          Today
        </button>
        <button type="button" className="btn secondary small" onClick={() => setDate(addDays(date, step))}>
          Next {view}
        </button>
        <label className="visually-hidden" htmlFor="calendar-date">
          Go to date
        </label>
        <input
          id="calendar-date"
          type="date"
          value={date}
          onChange={(e) => e.target.value && setDate(e.target.value)}
        />
        <button
          type="button"
          className="btn small"
          onClick={() => setPanel(panel === 'new' ? 'none' : 'new')}
        >
          New appointment
        </button>
        <button
          type="button"
          className="btn secondary small"
          onClick={() => setPanel(panel === 'block' ? 'none' : 'block')}
        >
          Block time
        </button>
      </div>
      <h2 className="calendar-title">
        {view === 'day'
          ? formatDate(`${date}T12:00:00Z`, 'UTC')
          : `Week of ${formatDate(`${weekStart}T12:00:00Z`, 'UTC')}`}{' '}
        <span className="muted small">(clinic time, {zoneName(zone)})</span>
      </h2>
      {q.isPending && <Loading />}
      {q.error && <ErrorState error={q.error} />}
      <div className="calendar-layout">
        <div className="calendar-main">
          {q.data && q.data.providers.length + q.data.resources.length === 0 && (
            <EmptyState title="No clinicians or rooms yet">
              The calendar has a column per clinician and per room. An admin adds them under{' '}
              <Link to="/admin/schedules">Schedules</Link>, with their working hours.
            </EmptyState>
          )}
          {q.data &&
            q.data.providers.length + q.data.resources.length > 0 &&
            !q.data.appointments.some((a) => a.status !== 'cancelled') && (
              <p className="muted" role="status">
                Nothing booked {view === 'day' ? 'on this day' : 'this week'}. Use “New appointment” to book a
                visit.
              </p>
            )}
          {q.data &&
            q.data.providers.length + q.data.resources.length > 0 &&
            (view === 'day' ? (
              <DayGrid cal={q.data} date={date} onSelect={setSelected} selected={selected} />
            ) : (
              <WeekGrid
                cal={q.data}
                weekStart={weekStart}
                onSelect={setSelected}
                onDay={(d) => {
                  setDate(d);
                  setView('day');
                }}
              />
            ))}
        </div>
        <aside className="calendar-side" aria-label="Details">
          {panel === 'new' && q.data && (
            <NewAppointmentPanel
              cal={q.data}
              date={date}
              onDone={(id) => {
                setPanel('none');
                setSelected(id);
              }}
              onClose={() => setPanel('none')}
            />
          )}
          {panel === 'block' && q.data && (
            <BlockPanel cal={q.data} date={date} onClose={() => setPanel('none')} />
          )}
          {entry && q.data && (
            <AppointmentPanel entry={entry} cal={q.data} onClose={() => setSelected(null)} />
          )}
          {!entry && panel === 'none' && <p className="muted">Choose an appointment to see it here.</p>}
        </aside>
      </div>
    </>
  );
}

function EntryButton({
  a,
  zone,
  onSelect,
  style,
  selected,
}: {
  a: CalendarEntry;
  zone: string;
  onSelect: (id: string) => void;
  style?: React.CSSProperties;
  selected?: boolean;
}) {
  return (
    <button
      type="button"
      className={`cal-entry status-${a.status}${selected ? ' selected' : ''}`}
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

function DayGrid({
  cal,
  date,
  onSelect,
  selected,
}: {
  cal: Calendar;
  date: string;
  onSelect: (id: string) => void;
  selected: string | null;
}) {
  const zone = cal.timeZone;
  const cols = columnsOf(cal);
  const onDay = (iso: string) => localDateKey(iso, zone) === date;
  const height = (DAY_END - DAY_START) * PX_PER_MIN;
  const top = (iso: string) => Math.max(0, (localMinutes(iso, zone) - DAY_START) * PX_PER_MIN);
  const span = (s: string, e: string) =>
    Math.max(18, ((Date.parse(e) - Date.parse(s)) / 60_000) * PX_PER_MIN);
  const hours = Array.from({ length: (DAY_END - DAY_START) / 60 }, (_, i) => DAY_START / 60 + i);
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
        <section key={c.id} className="day-grid-col" style={{ height }} aria-label={c.name}>
          {cal.blocks
            .filter(blockInColumn(c))
            .filter((b) => onDay(b.start) || onDay(b.end))
            .map((b) => (
              <div
                key={b.id}
                className="cal-block"
                style={{ top: top(b.start), height: span(b.start, b.end) }}
              >
                Blocked{b.reason ? `: ${b.reason}` : ''}
              </div>
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
                style={{ top: top(a.start), height: span(a.start, a.end) }}
              />
            ))}
        </section>
      ))}
    </div>
  );
}

function WeekGrid({
  cal,
  weekStart,
  onSelect,
  onDay,
}: {
  cal: Calendar;
  weekStart: string;
  onSelect: (id: string) => void;
  onDay: (d: string) => void;
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
              <td key={d}>
                {cal.blocks
                  .filter(blockInColumn(c))
                  .filter((b) => localDateKey(b.start, zone) === d)
                  .map((b) => (
                    <div key={b.id} className="cal-block inline">
                      {formatTime(b.start, zone)}–{formatTime(b.end, zone)} blocked
                    </div>
                  ))}
                {cal.appointments
                  .filter(inColumn(c))
                  .filter((a) => localDateKey(a.start, zone) === d && a.status !== 'cancelled')
                  .map((a) => (
                    <EntryButton key={a.id} a={a} zone={zone} onSelect={onSelect} />
                  ))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
