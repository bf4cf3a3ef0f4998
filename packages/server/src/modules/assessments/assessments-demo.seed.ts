import { AssessmentInputSchema, assessCandidacy } from '@anagen/core/assessment';
import { summarizeAssessment } from '@anagen/core/contracts';
import type { SeedContext } from '../demo/seed-context';
import { evidenceLibrary } from './treatment-library';

const DAY = 24 * 60 * 60 * 1000;

/** Pat Rivera filled in the online assessment before their first consultation. Idempotent. */
export async function seedDemoAssessment({ db, now }: SeedContext): Promise<void> {
  const input = AssessmentInputSchema.parse({
    sex: 'male',
    age: 39,
    onset: 'receding-hairline-or-crown',
    durationMonths: 48,
    familyHistory: 'yes',
    scale: { system: 'norwood', stage: 'III-vertex' },
    priorTreatments: [{ slug: 'topical-minoxidil', effect: 'no-change' }],
    goals: ['slow-loss', 'regrow'],
    monthlyBudgetCents: 30_000,
  });
  const result = assessCandidacy(input, evidenceLibrary().treatments);
  await db
    .insertInto('assessments')
    .values({
      id: 'demo-assessment-1',
      patient_id: 'demo-patient-1',
      created_by: 'demo-user-patient',
      input_json: JSON.stringify(input),
      result_json: JSON.stringify(result),
      summary: summarizeAssessment(input, result),
      created_at: now - 120 * DAY,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
