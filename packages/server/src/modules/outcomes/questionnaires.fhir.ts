import type { FhirBundle } from '@anagen/core/fhir';
import { questionnaireResource, questionnaireResponseResource } from '@anagen/core/outcomes';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { listPatientQuestionnaireRows } from './questionnaires.repository';

/**
 * The patient's answered questionnaires as FHIR QuestionnaireResponses, with the Questionnaire they
 * answer, for the $everything export (nothing when none is answered).
 */
export async function questionnaireFhirEntries(
  db: Kysely<Database>,
  patientId: string,
  baseUrl: string,
): Promise<FhirBundle['entry']> {
  const answered = (await listPatientQuestionnaireRows(db, patientId)).filter(
    (r) => r.answered_at !== null && r.satisfaction !== null,
  );
  if (!answered.length) return [];
  const q = questionnaireResource();
  return [
    { fullUrl: `${baseUrl}/Questionnaire/${q.id}`, resource: q, search: { mode: 'include' as const } },
    ...answered.map((r) => ({
      fullUrl: `${baseUrl}/QuestionnaireResponse/${r.id}`,
      resource: questionnaireResponseResource({
        id: r.id,
        patientRef: `Patient/${patientId}`,
        month: Number(r.month),
        answeredAt: Number(r.answered_at),
        answers: {
          globalChange: r.global_change === null ? null : Number(r.global_change),
          satisfaction: Number(r.satisfaction),
          comment: r.comment,
        },
      }),
      search: { mode: 'include' as const },
    })),
  ];
}
