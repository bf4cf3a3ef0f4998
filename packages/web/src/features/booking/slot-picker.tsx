import type { SlotDto } from '@anagen/core/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorState, Loading } from '../../components/ui/states';
import {
  clinicToday,
  clinicZone,
  formatDate,
  formatTime,
  localDateKey,
  localHour,
  useClinicZone,
  visitorZone,
  zoneName,
  zonesDiffer,
} from '../../lib/clinic-time';
import { useAvailability } from './booking-api';
import { dateKey, daysInMonth, parseDateKey, weekdayOf } from './time';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface PickedSlot extends SlotDto {
  timeZone: string;
}

/**
 * Slot picker (UX.md): a month grid marking the days with free times, then that day's times as
 * buttons grouped morning / afternoon in clinic time, the zone named under the list (and the
 * visitor's own time beside each when their zone differs).
 */
/** Says when the visitor's own date differs from the clinic's for the same instant. */
function dayShift(at: string, clinicZone: string, ownZone: string): string {
  const clinic = localDateKey(at, clinicZone);
  const own = localDateKey(at, ownZone);
  if (own === clinic) return '';
  return own > clinic ? ' (next day)' : ' (previous day)';
}

export function SlotPicker({
  type,
  providerId,
  onPick,
  initialMonth,
}: {
  type: string;
  providerId?: string;
  onPick: (slot: PickedSlot) => void;
  initialMonth?: string;
}) {
  // The clinic's today (its zone from GET /api/clinic), not a fixed zone's.
  const clinic = useClinicZone();
  const today = clinicToday(clinic ?? undefined);
  const start = parseDateKey(initialMonth ?? today);
  const [ym, setYm] = useState({ year: start.year, month: start.month });
  const [day, setDay] = useState<string | null>(null);
  const dayHeading = useRef<HTMLHeadingElement>(null);
  // On a phone the times appear below the screen: bring them into view and move focus to them, so a
  // screen-reader user hears which day was chosen and the next Tab reaches the first time (issue 25).
  useEffect(() => {
    const h = dayHeading.current;
    if (!day || !h) return;
    h.focus({ preventScroll: true });
    h.closest('section')?.scrollIntoView({ block: 'start' });
  }, [day]);
  const from = dateKey(ym.year, ym.month, 1);
  const to = dateKey(ym.year, ym.month, daysInMonth(ym.year, ym.month));
  const q = useAvailability(type, from, to, providerId);
  const zone = q.data?.timeZone ?? clinic ?? clinicZone();
  const mine = visitorZone();
  const showMine = zonesDiffer(zone, mine);

  const byDay = useMemo(() => {
    const m = new Map<string, SlotDto[]>();
    for (const s of q.data?.slots ?? []) {
      const k = localDateKey(s.start, zone);
      const list = m.get(k) ?? [];
      // One button per time: the clinic assigns a free clinician when several are free.
      if (!list.some((x) => x.start === s.start)) list.push(s);
      m.set(k, list);
    }
    return m;
  }, [q.data, zone]);

  const thisMonth = parseDateKey(today);
  const atFirstMonth = ym.year === thisMonth.year && ym.month === thisMonth.month;
  const move = (delta: number) => {
    const d = new Date(Date.UTC(ym.year, ym.month - 1 + delta, 1));
    setYm({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });
    setDay(null);
  };

  const lead = weekdayOf(from) - 1;
  const cells: { key: string; date: string | null }[] = [
    ...Array.from({ length: lead }, (_, i) => ({ key: `blank-${i}`, date: null })),
    ...Array.from({ length: daysInMonth(ym.year, ym.month) }, (_, i) => {
      const date = dateKey(ym.year, ym.month, i + 1);
      return { key: date, date };
    }),
  ];
  const weeks = Array.from({ length: Math.ceil(cells.length / 7) }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const daySlots = day ? (byDay.get(day) ?? []) : [];
  const morning = daySlots.filter((s) => localHour(s.start, zone) < 12);
  const afternoon = daySlots.filter((s) => localHour(s.start, zone) >= 12);

  const slotButton = (s: SlotDto) => (
    <li key={s.start}>
      <button type="button" className="btn secondary slot" onClick={() => onPick({ ...s, timeZone: zone })}>
        {formatTime(s.start, zone)}
        {showMine && (
          <span className="slot-mine">
            {formatTime(s.start, mine)} your time{dayShift(s.start, zone, mine)}
          </span>
        )}
      </button>
    </li>
  );

  return (
    <div className="slot-picker">
      <div className="month-head">
        <button
          type="button"
          className="btn secondary small"
          onClick={() => move(-1)}
          disabled={atFirstMonth}
        >
          <span aria-hidden="true">‹</span> Previous<span className="visually-hidden"> month</span>
        </button>
        <h3 aria-live="polite">
          {MONTHS[ym.month - 1]} {ym.year}
        </h3>
        <button type="button" className="btn secondary small" onClick={() => move(1)}>
          Next<span className="visually-hidden"> month</span> <span aria-hidden="true">›</span>
        </button>
      </div>
      {q.isPending && <Loading label="Finding free times…" />}
      {q.error && <ErrorState error={q.error} title="Could not load free times" />}
      {q.data && (
        <>
          <table className="month-grid">
            <caption className="visually-hidden">
              Days in {MONTHS[ym.month - 1]} {ym.year}; days with free times can be chosen
            </caption>
            <thead>
              <tr>
                {WEEKDAYS.map((w) => (
                  <th key={w} scope="col">
                    {w}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week[0]!.key}>
                  {week.map(({ key, date: k }) => {
                    if (!k) return <td key={key} />;
                    const n = byDay.get(k)?.length ?? 0;
                    const d = parseDateKey(k).day;
                    return (
                      <td key={k}>
                        <button
                          type="button"
                          className={`day${n ? ' has-slots' : ''}${day === k ? ' selected' : ''}`}
                          disabled={!n}
                          aria-pressed={day === k}
                          aria-label={`${formatDate(`${k}T12:00:00Z`, 'UTC')}: ${n ? `${n} free times` : 'no free times'}`}
                          onClick={() => setDay(k)}
                        >
                          {d}
                          {n > 0 && <span className="dot" aria-hidden="true" />}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {byDay.size === 0 && (
            <p className="alert info">No free times this month. Try the next month, or call the clinic.</p>
          )}
          {day && (
            <section
              className="day-slots"
              aria-label={`Free times on ${formatDate(`${day}T12:00:00Z`, 'UTC')}`}
            >
              <h3 ref={dayHeading} tabIndex={-1}>
                {formatDate(`${day}T12:00:00Z`, 'UTC')}
              </h3>
              {morning.length > 0 && (
                <>
                  <h4>Morning</h4>
                  <ul className="slot-list">{morning.map(slotButton)}</ul>
                </>
              )}
              {afternoon.length > 0 && (
                <>
                  <h4>Afternoon</h4>
                  <ul className="slot-list">{afternoon.map(slotButton)}</ul>
                </>
              )}
              <p className="muted small zone-note">
                Times are clinic time: {zoneName(zone, daySlots[0]?.start)} ({zone}).
                {showMine && ` Your own time (${zoneName(mine, daySlots[0]?.start)}) is shown beside each.`}
              </p>
            </section>
          )}
        </>
      )}
    </div>
  );
}
