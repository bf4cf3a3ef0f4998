import { type Appointment, UNDO_REASON, type UndoAppointment } from '@anagen/core/contracts';
import type { FastifyRequest } from 'fastify';
import { cancelAppointment, dtoFor, type Opened, rescheduleAppointment } from './manage-appointment';

/**
 * Undo for the desk, built on the cancel and reschedule use cases so every rule (locks, conflicts,
 * notices, audit) applies unchanged. An undo that already took effect answers with the appointment
 * as it is, so a double click or a retried request does not fail or cancel twice.
 */
export async function undoAppointmentChange(
  req: FastifyRequest,
  o: Opened,
  body: UndoAppointment,
): Promise<Appointment> {
  const v = o.view;
  if (body.kind === 'booking') {
    if (v.status === 'cancelled' && v.cancel_reason === UNDO_REASON) return dtoFor(o);
    return cancelAppointment(req, o, UNDO_REASON);
  }
  if (v.status === 'booked' && v.start_at === Date.parse(body.start) && v.provider_id === body.providerId) {
    return dtoFor(o);
  }
  return rescheduleAppointment(req, o, { start: body.start, providerId: body.providerId });
}
