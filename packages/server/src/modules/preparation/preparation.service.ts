import { scheduleChecklist } from '@anagen/core/care';
import type { AppointmentChecklist, PostCare } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';
import { enqueueJob } from '../../lib/jobs/jobs.repository';
import { findActiveTemplate } from '../care-templates/care-templates.repository';
import {
  type AppointmentForPrep,
  findAppointmentForPrep,
  itemsForAppointments,
  listPostCareSince,
  upcomingTreatmentAppointments,
  upsertItem,
} from './preparation.repository';

export const PREP_REMINDER_JOB = 'care.prep-reminder';

export interface PrepReminderPayload {
  appointmentId: string;
  /** The start the reminder was planned for; a moved appointment makes it stale. */
  startAt: number;
  keys: string[];
}

async function syncOne(db: Kysely<Database>, appt: AppointmentForPrep, now: number): Promise<void> {
  if (!appt.treatment_slug || !['booked', 'checked-in'].includes(appt.status) || appt.start_at <= now) return;
  const template = await findActiveTemplate(db, 'preparation', appt.treatment_slug);
  if (!template) return;
  const existing = new Map((await itemsForAppointments(db, [appt.id])).map((i) => [i.item_key, i] as const));
  const steps = scheduleChecklist(template.steps, appt.start_at, now);
  const byRemindAt = new Map<number, string[]>();
  for (const s of steps) {
    const prior = existing.get(s.key);
    await upsertItem(db, {
      id: prior?.id ?? newId(),
      patient_id: appt.patient_id,
      appointment_id: appt.id,
      template_id: template.id,
      item_key: s.key,
      text: s.text,
      due_at: s.dueAt,
      ticked_at: prior?.ticked_at ?? null,
      created_at: prior ? Number(prior.created_at) : now,
    });
    // Reminders were queued when the item got its current due time; only new or moved steps get one.
    if (!prior || Number(prior.due_at) !== s.dueAt) {
      byRemindAt.set(s.remindAt, [...(byRemindAt.get(s.remindAt) ?? []), s.key]);
    }
  }
  // One email per reminder time; the unique key makes a second sync of the same start a no-op.
  for (const [remindAt, keys] of byRemindAt) {
    const payload: PrepReminderPayload = { appointmentId: appt.id, startAt: appt.start_at, keys };
    await enqueueJob(
      db,
      {
        kind: PREP_REMINDER_JOB,
        payload,
        runAt: remindAt,
        uniqueKey: `prep:${appt.id}:${appt.start_at}:${remindAt}`,
      },
      now,
    );
  }
}

/**
 * Builds (or moves) the preparation checklist of one appointment from its treatment's template and
 * queues the reminder emails. Idempotent: call it after booking and after every reschedule, inside
 * the booking transaction if you like. Cancelled, past or non-treatment appointments are skipped;
 * reminders of a cancelled or moved appointment are dropped when they come due.
 */
export async function syncPreparationForAppointment(
  db: Kysely<Database>,
  appointmentId: string,
  now: number,
): Promise<void> {
  const appt = await findAppointmentForPrep(db, appointmentId);
  if (appt) await syncOne(db, appt, now);
}

/** Syncs every upcoming treatment appointment of the patient; returns how many it looked at. */
export async function syncPatientPreparation(
  db: Kysely<Database>,
  patientId: string,
  now: number,
): Promise<number> {
  const appts = await upcomingTreatmentAppointments(db, patientId, now);
  for (const a of appts) await syncOne(db, a, now);
  return appts.length;
}

/** The patient's upcoming treatment appointments with their checklists, synced first. */
export async function patientChecklists(
  db: Kysely<Database>,
  patientId: string,
  now: number,
): Promise<AppointmentChecklist[]> {
  const appts = await upcomingTreatmentAppointments(db, patientId, now);
  for (const a of appts) await syncOne(db, a, now);
  const items = await itemsForAppointments(
    db,
    appts.map((a) => a.id),
  );
  return appts
    .map((a) => {
      const mine = items
        .filter((i) => i.appointment_id === a.id)
        .map((i) => ({
          id: i.id,
          key: i.item_key,
          text: i.text,
          dueAt: Number(i.due_at),
          tickedAt: i.ticked_at === null ? null : Number(i.ticked_at),
        }));
      return {
        appointmentId: a.id,
        startAt: a.start_at,
        typeName: a.type_name,
        treatmentSlug: a.treatment_slug ?? '',
        items: mine,
        done: mine.filter((i) => i.tickedAt !== null).length,
        total: mine.length,
      };
    })
    .filter((c) => c.total > 0);
}

const POST_CARE_WINDOW_MS = 90 * 86_400_000;

/** Post-care instructions of the patient's sessions in the last 90 days, newest first, as sent. */
export async function recentPostCare(
  db: Kysely<Database>,
  patientId: string,
  now: number,
): Promise<PostCare[]> {
  const rows = await listPostCareSince(db, patientId, now - POST_CARE_WINDOW_MS);
  return rows.map((r) => ({
    sessionId: r.id,
    performedAt: Number(r.performed_at),
    treatmentSlug: r.treatment_slug,
    title: r.title,
    body: r.body,
  }));
}
