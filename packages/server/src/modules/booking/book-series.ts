import type { Actor } from '@anagen/core/access';
import { type Appointment, mapSearchUrl } from '@anagen/core/contracts';
import {
  formatLocalDate,
  parseLocalDate,
  proposeSeries,
  validateBookingStart,
} from '@anagen/core/scheduling';
import type { AppDeps } from '../../deps';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { assertPatientAccess } from '../../lib/patient-scope';
import { recordAudit } from '../audit/audit.service';
import { loadSchedulingContext } from '../availability/scheduling-context';
import { requireVisibleType } from '../availability/visible-type';
import { queueBookingNotices } from '../notices/notices';
import { assertConsultationDone } from '../plans/consultation-rule';
import { syncPreparationForAppointment } from '../preparation/preparation.service';
import { iso } from './appointment-dto';
import { findLocationAddress, hasConflict, insertAppointment } from './booking.repository';
import { assertSpanBounded, bookingRejection, slotTaken } from './booking.service';
import { isUniqueViolation, lockRows, withBookingTransaction } from './booking-lock.repository';

/** Proposes a series (pure `proposeSeries` over one scheduling input spanning every session). */
export async function proposeTreatmentSeries(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  body: {
    type: string;
    firstDate: string;
    count: number;
    intervalDays: number;
    toleranceDays: number;
    providerId?: string | undefined;
  },
) {
  const type = await requireVisibleType(deps.db.kysely, actor, body.type);
  const first = parseLocalDate(body.firstDate);
  const last = first + (body.count - 1) * body.intervalDays + body.toleranceDays;
  if (last - first > 400) {
    throw new AppError('VALIDATION_FAILED', 'A series may span at most 400 days.');
  }
  const { input, location } = await loadSchedulingContext(
    deps.db.kysely,
    type,
    { from: formatLocalDate(first - body.toleranceDays), to: formatLocalDate(last) },
    deps.clock.now(),
    { providerId: body.providerId },
  );
  const proposal = proposeSeries({
    ...input,
    firstDate: body.firstDate,
    count: body.count,
    intervalDays: body.intervalDays,
    toleranceDays: body.toleranceDays,
  });
  const dto = (s: { start: number; end: number; providerId: string }) => ({
    start: iso(s.start),
    end: iso(s.end),
    providerId: s.providerId,
  });
  return {
    timeZone: location.timeZone,
    sessions: proposal.sessions.map((s) => ({
      index: s.index,
      targetDate: s.targetDate,
      slot: s.slot ? dto(s.slot) : null,
      alternatives: s.alternatives.map(dto),
    })),
  };
}

/**
 * Books all sessions of a series or none: each start must be a free slot on its own, the sessions
 * must not overlap each other, and inside one locked transaction (all providers, then resources, in
 * id order) none may overlap anything committed meanwhile. Any failure rolls everything back.
 */
export async function bookTreatmentSeries(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: {
    body: {
      type: string;
      patientId: string;
      sessions: { start: string; providerId: string }[];
      notes?: string | undefined;
      consultationOverrideReason?: string | undefined;
    };
    /** The client's address, for the audit log. */
    ip: string;
  },
): Promise<{ seriesId: string; appointments: Appointment[] }> {
  const { body, ip } = input;
  const { db, clock } = deps;
  const k = db.kysely;
  const now = clock.now();
  const type = await requireVisibleType(k, actor, body.type);
  await assertPatientAccess(
    deps,
    actor,
    body.patientId,
    {
      scope: 'scheduling',
      mode: 'write',
      action: 'appointment.series.create',
      resource: 'appointment',
    },
    ip,
  );
  const before = type.row.buffer_before_minutes * 60_000;
  const after = type.row.buffer_after_minutes * 60_000;
  const planned: { start: number; end: number; providerId: string; busyStart: number; busyEnd: number }[] =
    [];
  let location: {
    id: string;
    timeZone: string;
    name: string;
    settings: { cancellationCutoffHours: number; reminderHours: number };
  } | null = null;
  const names = new Map<string, string>();
  for (const [i, s] of body.sessions.entries()) {
    const start = Date.parse(s.start);
    const ctx = await loadSchedulingContext(k, type, { at: start }, now, { providerId: s.providerId });
    const check = validateBookingStart({ ...ctx.input, start });
    if (!check.ok) {
      const e = bookingRejection(check, ctx.location.timeZone);
      throw new AppError(e.code, `Session ${i + 1}: ${e.detail}`);
    }
    location = ctx.location;
    for (const p of ctx.providers) names.set(p.id, p.name);
    const busyStart = start - before;
    const busyEnd = check.slot.end + after;
    assertSpanBounded(busyStart, busyEnd);
    for (const [j, other] of planned.entries()) {
      if (busyStart < other.busyEnd && other.busyStart < busyEnd) {
        throw new AppError('UNPROCESSABLE', `Sessions ${j + 1} and ${i + 1} overlap. Choose separate times.`);
      }
    }
    planned.push({ start, end: check.slot.end, providerId: s.providerId, busyStart, busyEnd });
  }
  if (!location) throw notFound('Session');
  const loc = location;
  const seriesId = newId();
  try {
    const appointments = await withBookingTransaction(db, async (trx) => {
      await lockRows(
        trx,
        db,
        planned.map((p) => p.providerId),
        type.resourceIds,
      );
      if (type.row.treatment_slug) {
        const reason = body.consultationOverrideReason;
        await assertConsultationDone(trx, body.patientId, {
          now,
          override: reason ? { reason, actorId: actor?.userId ?? null } : undefined,
        });
      }
      const out: Appointment[] = [];
      for (const [i, p] of planned.entries()) {
        if (
          await hasConflict(trx, {
            providerId: p.providerId,
            resourceIds: type.resourceIds,
            busyStart: p.busyStart,
            busyEnd: p.busyEnd,
          })
        ) {
          throw new AppError(
            'SLOT_TAKEN',
            `Session ${i + 1} is no longer free. Nothing was booked; please choose again.`,
          );
        }
        const id = newId();
        await insertAppointment(
          trx,
          {
            id,
            type_id: type.row.id,
            provider_id: p.providerId,
            location_id: loc.id,
            patient_id: body.patientId,
            start_at: p.start,
            end_at: p.end,
            busy_start_at: p.busyStart,
            busy_end_at: p.busyEnd,
            status: 'booked',
            notes: body.notes ?? null,
            manage_token_hash: null,
            ical_uid: `${id}@anagen`,
            ical_sequence: 0,
            series_id: seriesId,
            patient_confirmed_at: null,
            cancelled_at: null,
            cancel_reason: null,
            created_by: actor?.userId ?? null,
            created_at: now,
            updated_at: now,
          },
          type.resourceIds,
        );
        await syncPreparationForAppointment(trx, id, now);
        const address = await findLocationAddress(trx, loc.id);
        await queueBookingNotices(trx, {
          appointmentId: id,
          patientId: body.patientId,
          start: p.start,
          sequence: 0,
          reminderHours: loc.settings.reminderHours,
          now,
        });
        out.push({
          id,
          status: 'booked',
          start: iso(p.start),
          end: iso(p.end),
          providerId: p.providerId,
          providerName: names.get(p.providerId) ?? p.providerId,
          type: type.row.slug,
          typeName: type.row.name,
          durationMinutes: type.row.duration_minutes,
          timeZone: loc.timeZone,
          locationName: loc.name,
          locationAddress: address,
          mapUrl: mapSearchUrl(address),
          patientId: body.patientId,
          notes: body.notes ?? null,
          resourceIds: type.resourceIds,
          patientConfirmedAt: null,
          cancelledAt: null,
          cancellableUntil: iso(p.start - loc.settings.cancellationCutoffHours * 3_600_000),
          seriesId,
          sequence: 0,
        });
      }
      await recordAudit(
        trx,
        { actor, at: clock.now(), ip },
        {
          action: 'appointment.series.create',
          resource: 'appointment',
          resourceId: seriesId,
          patientId: body.patientId,
          detail: `${planned.length} sessions`,
        },
      );
      return out;
    });
    return { seriesId, appointments };
  } catch (err) {
    if (isUniqueViolation(err)) throw slotTaken();
    throw err;
  }
}
