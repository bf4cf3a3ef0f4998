import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * The treatment a patient's progress is compared against: their current plan's treatment (active,
 * then completed, then proposed; newest first). Read with plain SQL so this module does not depend
 * on the plans module's types; answers null when there is no plan (or no plans table yet).
 */
export async function planTreatmentSlug(db: Kysely<Database>, patientId: string): Promise<string | null> {
  try {
    const res = await sql<{ treatment_slug: string }>`
      select treatment_slug from treatment_plans
      where patient_id = ${patientId} and status in ('active', 'completed', 'proposed')
      order by case status when 'active' then 0 when 'completed' then 1 else 2 end, created_at desc
      limit 1`.execute(db);
    return res.rows[0]?.treatment_slug ?? null;
  } catch {
    return null;
  }
}
