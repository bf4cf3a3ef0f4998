import type { Appointment, UndoAppointment } from '@anagen/core/contracts';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { api } from '../../lib/api-client';
import {
  clinicToday,
  clinicZone,
  formatDate,
  formatDateTime,
  localDateKey,
  zoneName,
} from '../../lib/clinic-time';
import { addDays, weekdayOf } from '../booking/time';
import { usePatient } from '../chart/use-patient';
import { AppointmentPanel } from './appointment-panel';
import { BlockDetails } from './block-details';
import { BlockPanel } from './block-panel';
import { useCalendar, useRefreshSchedule } from './calendar-api';
import { DayGrid, WeekGrid } from './calendar-grids';
import { type BookingStart, NewAppointmentPanel } from './new-appointment-panel';
import { UndoBar } from './undo-bar';
/** `/staff/calendar`: day and week views with providers and rooms as columns; create, move, cancel, block. */
export function CalendarPage() {
  usePageMeta('Calendar');
  const [view, setView] = useState<'day' | 'week'>('day');
  const [date, setDate] = useState(() => clinicToday());
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
  const zone = q.data?.timeZone ?? clinicZone();
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
