import type { ScheduleConflict } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Live appointments (booked or checked in) that overlap `[fromMs, toMs)` for the given providers or location. */
export async function findScheduleConflicts(
  db: Kysely<Database>,
  scope: { providerIds?: string[]; locationId?: string },
  fromMs: number,
  toMs: number,
): Promise<ScheduleConflict[]> {
  if (scope.providerIds && scope.providerIds.length === 0) return [];
  let q = db
    .selectFrom('appointments')
    .innerJoin('providers', 'providers.id', 'appointments.provider_id')
    .innerJoin('patients', 'patients.id', 'appointments.patient_id')
    .innerJoin('appointment_types', 'appointment_types.id', 'appointments.type_id')
    .select([
      'appointments.id',
      'appointments.provider_id',
      'providers.name as provider_name',
      'patients.name as patient_name',
      'appointment_types.name as type_name',
      'appointments.start_at',
      'appointments.end_at',
    ])
    .where('appointments.status', 'in', ['booked', 'checked-in'])
    .where('appointments.start_at', '<', toMs)
    .where('appointments.end_at', '>', fromMs);
  if (scope.providerIds) q = q.where('appointments.provider_id', 'in', scope.providerIds);
  if (scope.locationId) q = q.where('appointments.location_id', '=', scope.locationId);
  const rows = await q.orderBy('appointments.start_at').execute();
  return rows.map((r) => ({
    appointmentId: r.id,
    providerId: r.provider_id,
    providerName: r.provider_name,
    patientName: r.patient_name,
    typeName: r.type_name,
    start: new Date(Number(r.start_at)).toISOString(),
    end: new Date(Number(r.end_at)).toISOString(),
  }));
}
