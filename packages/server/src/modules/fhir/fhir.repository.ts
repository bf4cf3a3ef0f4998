import type { PatientEverythingInput } from '@anagen/core/fhir';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Reads everything the FHIR export covers for one patient; undefined when the patient is unknown. */
export async function gatherPatientEverything(
  db: Kysely<Database>,
  patientId: string,
): Promise<PatientEverythingInput | undefined> {
  const patient = await db
    .selectFrom('patients')
    .select(['id', 'name', 'email', 'phone', 'birth_date as birthDate', 'sex'])
    .where('id', '=', patientId)
    .executeTakeFirst();
  if (!patient) return undefined;
  const appointments = await db
    .selectFrom('appointments')
    .innerJoin('appointment_types', 'appointment_types.id', 'appointments.type_id')
    .innerJoin('providers', 'providers.id', 'appointments.provider_id')
    .select([
      'appointments.id',
      'appointments.status',
      'appointments.start_at',
      'appointments.end_at',
      'appointments.notes',
      'appointment_types.name as typeName',
      'providers.name as providerName',
    ])
    .where('appointments.patient_id', '=', patientId)
    .orderBy('appointments.start_at')
    .execute();
  return {
    patient,
    appointments: appointments.map((a) => ({
      id: a.id,
      status: a.status,
      start: Number(a.start_at),
      end: Number(a.end_at),
      typeName: a.typeName,
      providerName: a.providerName,
      notes: a.notes,
    })),
  };
}
