import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { findPlanTreatmentSlug } from './measurements.repository';

/** The treatment a patient's progress is compared against (see findPlanTreatmentSlug), or null. */
export function planTreatmentSlug(db: Kysely<Database>, patientId: string): Promise<string | null> {
  return findPlanTreatmentSlug(db, patientId);
}
