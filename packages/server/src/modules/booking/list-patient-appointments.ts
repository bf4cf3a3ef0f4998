import type { Appointment } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { loadClinicSettings } from '../availability/scheduling.repository';
import { toAppointmentDto } from './appointment-dto';
import { listAppointmentViews } from './booking.repository';

/**
 * A patient's appointments, each with the cut-off of its own clinic. The caller has already been
 * checked for the patient's scheduling record (the route declares it).
 */
export async function listPatientAppointments(
  deps: Pick<AppDeps, 'db'>,
  input: { patientId: string },
): Promise<Appointment[]> {
  const k = deps.db.kysely;
  const views = await listAppointmentViews(k, { patientId: input.patientId });
  const cutoffs = new Map<string, number>();
  for (const v of views) {
    if (!cutoffs.has(v.clinic_id)) {
      cutoffs.set(v.clinic_id, (await loadClinicSettings(k, v.clinic_id)).cancellationCutoffHours);
    }
  }
  return views.map((v) =>
    toAppointmentDto(v, { includePatient: true, cutoffHours: cutoffs.get(v.clinic_id) ?? 24 }),
  );
}
