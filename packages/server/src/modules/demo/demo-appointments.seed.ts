import { DAY_MS, formatLocalDate, localToUtc, parseLocalDate, utcToLocal } from '@anagen/core/scheduling';
import type { AppointmentStatus } from '../../db/schema';
import { DEMO_APPOINTMENT_TYPES, DEMO_HOURS, DEMO_LOCATION } from './demo-clinic';
import type { SeedContext } from './seed-context';

const TZ = DEMO_LOCATION.time_zone;
const MORGAN = 'demo-provider-morgan';
const CHEN = 'demo-provider-chen';

interface DemoAppt {
  id: string;
  patientId: string;
  typeId: string;
  providerId: string;
  start: number;
  status: AppointmentStatus;
}

/** Clinic-local day number (days since epoch) of a UTC instant. */
function localDay(ms: number): number {
  return parseLocalDate(utcToLocal(TZ, ms).date);
}

function at(day: number, time: string): number | null {
  return localToUtc(TZ, formatLocalDate(day), time);
}

/** 0 = Sunday … 6 = Saturday, matching provider_hours.weekday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

function hoursOn(providerId: string, day: number): [string, string] | null {
  const h = (DEMO_HOURS[providerId] ?? []).find(([w]) => w === weekday(day));
  return h ? [h[1], h[2]] : null;
}

function minusMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const total = h * 60 + m - minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** First day ≥ `from` on which the provider has hours (searching two weeks). */
function nextWorkingDay(providerId: string, from: number): number {
  for (let d = from; d < from + 14; d++) if (hoursOn(providerId, d)) return d;
  return from;
}

/** Last day ≤ `from` on which the provider has hours (so past visits avoid days off). */
function prevWorkingDay(providerId: string, from: number): number {
  for (let d = from; d > from - 14; d--) if (hoursOn(providerId, d)) return d;
  return from;
}

/**
 * Past visits that fit the seeded histories (a consultation the day before the earliest photo,
 * assessment or session; a PRP visit on each session's date; a later follow-up), plus a few upcoming
 * ones. Upcoming visits sit in the last hour of a provider's day so they leave the morning slots free.
 */
async function plan({ db, now }: SeedContext): Promise<DemoAppt[]> {
  const out: DemoAppt[] = [];
  const today = localDay(now);
  const history = [
    { n: 1, patientId: 'demo-patient-1', followUpDaysAgo: 30 },
    { n: 2, patientId: 'demo-patient-2', followUpDaysAgo: 14 },
  ];
  for (const h of history) {
    const sessions = await db
      .selectFrom('treatment_sessions')
      .select(['id', 'performed_at'])
      .where('patient_id', '=', h.patientId)
      .orderBy('performed_at')
      .execute();
    const photo = await db
      .selectFrom('photos')
      .select((eb) => eb.fn.min('taken_at').as('first'))
      .where('patient_id', '=', h.patientId)
      .executeTakeFirst();
    const assessment = await db
      .selectFrom('assessments')
      .select((eb) => eb.fn.min('created_at').as('first'))
      .where('patient_id', '=', h.patientId)
      .executeTakeFirst();
    const firsts = [photo?.first, assessment?.first, sessions[0]?.performed_at]
      .filter((x) => x !== null && x !== undefined)
      .map(Number);
    const earliest = firsts.length ? Math.min(...firsts) : now - 120 * DAY_MS;
    const consult = at(prevWorkingDay(MORGAN, localDay(earliest) - 1), '10:00');
    if (consult !== null) {
      out.push({
        id: `demo-appt-${h.n}-consultation`,
        patientId: h.patientId,
        typeId: 'demo-type-consultation',
        providerId: MORGAN,
        start: consult,
        status: 'completed',
      });
    }
    sessions.forEach((s, i) => {
      const start = at(localDay(Number(s.performed_at)), '10:00');
      if (start === null || start >= now) return;
      out.push({
        id: `demo-appt-${h.n}-prp-${i + 1}`,
        patientId: h.patientId,
        typeId: 'demo-type-prp',
        providerId: MORGAN,
        start,
        status: 'completed',
      });
    });
    const followUp = at(prevWorkingDay(MORGAN, localDay(now - h.followUpDaysAgo * DAY_MS)), '11:00');
    if (followUp !== null) {
      out.push({
        id: `demo-appt-${h.n}-follow-up`,
        patientId: h.patientId,
        typeId: 'demo-type-follow-up',
        providerId: MORGAN,
        start: followUp,
        status: 'completed',
      });
    }
  }

  const lastHour = (providerId: string, day: number, minutes: number): number | null => {
    const hours = hoursOn(providerId, day);
    return hours ? at(day, minusMinutes(hours[1], minutes)) : null;
  };
  // Today, if the clinic is open and there is still time: a follow-up at the end of the day.
  for (const providerId of [MORGAN, 'demo-provider-okafor', CHEN]) {
    const start = lastHour(providerId, today, 60);
    if (start !== null && start > now) {
      out.push({
        id: 'demo-appt-today-follow-up',
        patientId: 'demo-patient-1',
        typeId: 'demo-type-follow-up',
        providerId,
        start,
        status: 'booked',
      });
      break;
    }
  }
  const chenDay = nextWorkingDay(CHEN, today + 1);
  const chenStart = lastHour(CHEN, chenDay, 60);
  if (chenStart !== null) {
    out.push({
      id: 'demo-appt-2-next-consultation',
      patientId: 'demo-patient-2',
      typeId: 'demo-type-consultation',
      providerId: CHEN,
      start: chenStart,
      status: 'booked',
    });
  }
  const followDay = nextWorkingDay(MORGAN, today + 3);
  const followStart = lastHour(MORGAN, followDay, 60);
  if (followStart !== null) {
    out.push({
      id: 'demo-appt-1-next-follow-up',
      patientId: 'demo-patient-1',
      typeId: 'demo-type-follow-up',
      providerId: MORGAN,
      start: followStart,
      status: 'booked',
    });
  }
  // Two weeks on (not one): a PRP visit gets preparation reminders up to 7 days ahead, and tests that
  // count reminders in the coming ten days must not see the demo's.
  const prpDay = nextWorkingDay(MORGAN, followDay + 14);
  const prpStart = lastHour(MORGAN, prpDay, 120);
  if (prpStart !== null) {
    out.push({
      id: 'demo-appt-1-next-prp',
      patientId: 'demo-patient-1',
      typeId: 'demo-type-prp',
      providerId: MORGAN,
      start: prpStart,
      status: 'booked',
    });
  }
  return out;
}

/** Demo step: the demo patients' past visits and a few upcoming ones. Idempotent (fixed ids). */
export async function seedDemoAppointments(ctx: SeedContext): Promise<void> {
  const { db, now } = ctx;
  const done = await db
    .selectFrom('appointments')
    .select('id')
    .where('id', '=', 'demo-appt-1-consultation')
    .executeTakeFirst();
  if (done) return;
  for (const a of await plan(ctx)) {
    const type = DEMO_APPOINTMENT_TYPES.find((t) => t.id === a.typeId);
    if (!type) continue;
    const before = 0; // the demo types have no buffer before (see seed-demo.ts)
    const after = type.buffer_after_minutes * 60_000;
    const end = a.start + type.duration_minutes * 60_000;
    const created = Math.min(now, a.start - 7 * DAY_MS);
    await db
      .insertInto('appointments')
      .values({
        id: a.id,
        type_id: a.typeId,
        provider_id: a.providerId,
        location_id: DEMO_LOCATION.id,
        patient_id: a.patientId,
        start_at: a.start,
        end_at: end,
        busy_start_at: a.start - before,
        busy_end_at: end + after,
        status: a.status,
        notes: null,
        manage_token_hash: null,
        ical_uid: `${a.id}@anagen`,
        ical_sequence: 0,
        series_id: null,
        patient_confirmed_at: null,
        cancelled_at: null,
        cancel_reason: null,
        created_by: 'demo-user-desk',
        created_at: created,
        updated_at: a.status === 'completed' ? end : created,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
