import type { Actor } from '@anagen/core/access';
import { type Appointment, UNDO_REASON, type UndoAppointment } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { cancelAppointment, dtoFor, type OpenedInput, rescheduleAppointment } from './manage-appointment';

/**
 * Undo for the desk, built on the cancel and reschedule use cases so every rule (locks, conflicts,
 * notices, audit) applies unchanged. An undo that already took effect answers with the appointment
 * as it is, so a double click or a retried request does not fail or cancel twice.
 */
export async function undoAppointmentChange(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: OpenedInput & { undo: UndoAppointment },
): Promise<Appointment> {
  const { opened: o, undo: body, ip } = input;
  const v = o.view;
  if (body.kind === 'booking') {
    if (v.status === 'cancelled' && v.cancel_reason === UNDO_REASON) return dtoFor(o);
    return cancelAppointment(deps, actor, { opened: o, reason: UNDO_REASON, ip });
  }
  if (v.status === 'booked' && v.start_at === Date.parse(body.start) && v.provider_id === body.providerId) {
    return dtoFor(o);
  }
  return rescheduleAppointment(deps, actor, {
    opened: o,
    start: body.start,
    providerId: body.providerId,
    ip,
  });
}
