import type { SignedConsent } from '@anagen/core/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { ConsentSignatureTable } from './consents.table';

export function toSignedConsent(r: Selectable<ConsentSignatureTable>): SignedConsent {
  return {
    id: r.id,
    templateId: r.template_id,
    treatmentSlug: r.treatment_slug,
    version: Number(r.version),
    title: r.title,
    signedText: r.signed_text,
    textSha256: r.text_sha256,
    typedName: r.typed_name,
    signedAt: Number(r.signed_at),
  };
}

export async function listSignatures(db: Kysely<Database>, patientId: string): Promise<SignedConsent[]> {
  const rows = await db
    .selectFrom('consent_signatures')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('signed_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toSignedConsent);
}

export async function findSignature(db: Kysely<Database>, id: string) {
  return db.selectFrom('consent_signatures').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Signatures are insert-only: there is deliberately no update or delete here. */
export async function insertSignature(
  db: Kysely<Database>,
  row: Selectable<ConsentSignatureTable>,
): Promise<void> {
  await db.insertInto('consent_signatures').values(row).execute();
}

/** Treatments a patient is heading for: open plans and upcoming booked appointments. */
export async function treatmentsInPlay(
  db: Kysely<Database>,
  patientId: string,
  now: number,
): Promise<string[]> {
  const plans = await db
    .selectFrom('treatment_plans')
    .select('treatment_slug')
    .where('patient_id', '=', patientId)
    .where('status', 'in', ['proposed', 'active'])
    .execute();
  const appts = await db
    .selectFrom('appointments')
    .innerJoin('appointment_types', 'appointment_types.id', 'appointments.type_id')
    .select('appointment_types.treatment_slug')
    .where('appointments.patient_id', '=', patientId)
    .where('appointments.status', 'in', ['booked', 'checked-in'])
    .where('appointments.end_at', '>', now)
    .where('appointment_types.treatment_slug', 'is not', null)
    .execute();
  const slugs = [...plans.map((p) => p.treatment_slug), ...appts.map((a) => a.treatment_slug as string)];
  return [...new Set(slugs)].sort();
}
