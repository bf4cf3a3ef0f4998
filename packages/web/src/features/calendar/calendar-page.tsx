import type { Appointment, Block, Calendar, CalendarEntry, UndoAppointment } from '@anagen/core/contracts';
import { localToUtc } from '@anagen/core/scheduling';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import {
  addDays,
  formatDate,
  formatDateTime,
  formatTime,
  localDateKey,
  localMinutes,
  weekdayOf,
  zoneName,
} from '../booking/time';
import { usePatient } from '../chart/use-patient';
import { AppointmentPanel } from './appointment-panel';
import { BlockDetails } from './block-details';
import { BlockPanel } from './block-panel';
import { STATUS_LABEL, useCalendar, useRefreshSchedule } from './calendar-api';
import { type BookingStart, NewAppointmentPanel } from './new-appointment-panel';
import { UndoBar } from './undo-bar';

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
  const [date, setDate] = useState(() => localDateKey(Date.now(), 'America/Los_Angeles'));
  const [selected, setSelected] = useState<string | null>(null);
  const [selectedBlock, setSelectedBlock] = useState<string | null>(null);
  const [panel, setPanel] = useState<'none' | 'new' | 'block'>('none');
  const [bookingStart, setBookingStart] = useState<BookingStart>({ date });
  // The last booking or move: where it landed, and how to take it back for a few seconds.
  const [landed, setLanded] = useState<{ id: string; message: string; undo: UndoAppointment | null } | null>(
    null,
  );
  const refresh = useRefreshSchedule();
  // A chart's "Book" button opens the calendar with the patient chosen (`?patient=ID`).
  const [params, setParams] = useSearchParams();
  const preselected = usePatient(params.get('patient') ?? undefined);
  const weekStart = addDays(date, 1 - weekdayOf(date));
  const from = view === 'day' ? date : weekStart;
  const to = view === 'day' ? date : addDays(weekStart, 6);
  const q = useCalendar(from, to);
  const zone = q.data?.timeZone ?? 'America/Los_Angeles';
  const step = view === 'day' ? 1 : 7;
  const entry = q.data?.appointments.find((a) => a.id === selected) ?? null;
  const block = q.data?.blocks.find((b) => b.id === selectedBlock) ?? null;

  useEffect(() => {
    if (!preselected.data) return;
    setBookingStart({ date, patient: preselected.data });
    setPanel('new');
    setSelected(null);
    setSelectedBlock(null);
    setParams({}, { replace: true });
  }, [preselected.data, date, setParams]);

  const openNew = (start: BookingStart) => {
    setBookingStart(start);
    setPanel('new');
    setSelected(null);
    setSelectedBlock(null);
  };
  const select = (id: string) => {
    setSelected(id);
    setSelectedBlock(null);
    setPanel('none');
  };
  const selectBlock = (id: string) => {
    setSelectedBlock(id);
    setSelected(null);
    setPanel('none');
  };
  // Show the day (or week) where the visit landed, with it selected.
  const showLanded = (a: Appointment, message: string, undo: UndoAppointment | null) => {
    setDate(localDateKey(a.start, zone));
    setSelected(a.id);
    setSelectedBlock(null);
    setLanded({ id: a.id, message, undo });
  };
  const undo = async () => {
    if (!landed?.undo) return;
    try {
      const a = await api.post<Appointment>(`/api/appointments/${landed.id}/undo`, landed.undo);
      refresh();
      if (landed.undo.kind === 'move') {
        showLanded(a, `Move undone: back at ${formatDateTime(a.start, zone)} with ${a.providerName}.`, null);
      } else {
        setSelected(null);
        setLanded({
          id: a.id,
          message: 'Booking undone: the appointment is cancelled (reason: undo).',
          undo: null,
        });
      }
    } catch (err) {
      setLanded({
        id: landed.id,
        message: `Could not undo: ${err instanceof Error ? err.message : 'please try again.'}`,
        undo: null,
      });
    }
  };

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
          onClick={() => (panel === 'new' ? setPanel('none') : openNew({ date }))}
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
      {landed && (
        <UndoBar
          message={landed.message}
          canUndo={!!landed.undo}
          onUndo={undo}
          onDismiss={() => setLanded(null)}
        />
      )}
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
              <DayGrid
                cal={q.data}
                date={date}
                onSelect={select}
                onSelectBlock={selectBlock}
                onEmpty={openNew}
                selected={selected}
                landed={landed?.id ?? null}
              />
            ) : (
              <WeekGrid
                cal={q.data}
                weekStart={weekStart}
                onSelect={select}
                onSelectBlock={selectBlock}
                selected={selected}
                landed={landed?.id ?? null}
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
              key={JSON.stringify([
                bookingStart.date,
                bookingStart.from,
                bookingStart.providerId,
                bookingStart.patient?.id,
              ])}
              cal={q.data}
              start={bookingStart}
              onDone={(a, patientName) => {
                setPanel('none');
                showLanded(
                  a,
                  `Booked: ${patientName}, ${a.typeName}, ${formatDateTime(a.start, zone)} with ${a.providerName}.`,
                  { kind: 'booking' },
                );
              }}
              onClose={() => setPanel('none')}
            />
          )}
          {panel === 'block' && q.data && (
            <BlockPanel cal={q.data} date={date} onClose={() => setPanel('none')} />
          )}
          {entry && q.data && (
            <AppointmentPanel
              key={entry.id}
              entry={entry}
              cal={q.data}
              onClose={() => setSelected(null)}
              onMoved={(a, previous) =>
                showLanded(
                  a,
                  `Moved: ${entry.patientName} now ${formatDateTime(a.start, zone)} with ${a.providerName}.`,
                  { kind: 'move', ...previous },
                )
              }
            />
          )}
          {block && q.data && (
            <BlockDetails
              key={block.id}
              block={block}
              cal={q.data}
              onClose={() => setSelectedBlock(null)}
              onRemoved={(message) => {
                setSelectedBlock(null);
                setLanded({ id: block.id, message, undo: null });
              }}
            />
          )}
          {!entry && !block && panel === 'none' && (
            <p className="muted">
              Choose an appointment or a blocked time to see it here, or click a free place in a column to
              book at that time.
            </p>
          )}
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

function DayGrid({
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
export function cellItems(blocks: readonly Block[], entries: readonly CalendarEntry[]): CellItem[] {
  return [
    ...blocks.map((b) => ({ kind: 'block' as const, at: Date.parse(b.start), b })),
    ...entries.map((a) => ({ kind: 'entry' as const, at: Date.parse(a.start), a })),
  ].sort((x, y) => x.at - y.at || (x.kind === y.kind ? 0 : x.kind === 'block' ? -1 : 1));
}

function WeekGrid({
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
