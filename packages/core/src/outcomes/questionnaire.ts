/**
 * Anagen's own patient-reported outcome questionnaire. The items are written for Anagen: published
 * hair-loss instruments (for example the Hair Growth Questionnaire or the Women's Androgenetic
 * Alopecia Quality of Life Index) have licences we could not confirm allow reuse, so none of their
 * wording is used. The 7-point −3…+3 global change scale follows the common form of investigator
 * and subject global assessments in hair trials; the wording below is ours.
 */
export const QUESTIONNAIRE_ID = 'anagen-hair-outcome';
export const QUESTIONNAIRE_VERSION = '1';
export const QUESTIONNAIRE_URL = 'https://anagen.dev/fhir/Questionnaire/anagen-hair-outcome';

/** Months after the plan's start at which the questionnaire is sent (0 = baseline). */
export const QUESTIONNAIRE_MONTHS = [0, 3, 6, 12] as const;
export type QuestionnaireMonth = (typeof QUESTIONNAIRE_MONTHS)[number];

export const GLOBAL_CHANGE_OPTIONS = [
  { value: -3, label: 'Much worse' },
  { value: -2, label: 'Moderately worse' },
  { value: -1, label: 'A little worse' },
  { value: 0, label: 'No change' },
  { value: 1, label: 'A little better' },
  { value: 2, label: 'Moderately better' },
  { value: 3, label: 'Much better' },
] as const;

export const SATISFACTION_OPTIONS = [
  { value: 1, label: 'Very dissatisfied' },
  { value: 2, label: 'Dissatisfied' },
  { value: 3, label: 'Neither satisfied nor dissatisfied' },
  { value: 4, label: 'Satisfied' },
  { value: 5, label: 'Very satisfied' },
] as const;

export const QUESTIONNAIRE_ITEMS = {
  globalChange: {
    linkId: 'global-change',
    text: 'Compared with just before you started this treatment, how is your hair now?',
  },
  satisfaction: { linkId: 'satisfaction', text: 'How satisfied are you with your hair right now?' },
  comment: {
    linkId: 'comment',
    text: 'Is there anything else you would like your clinic to know about your hair or the treatment?',
  },
} as const;

/** The global change question makes no sense before treatment, so the baseline asks the other two. */
export const asksGlobalChange = (month: number) => month > 0;

export interface QuestionnaireAnswers {
  /** −3…+3; absent at baseline. */
  globalChange: number | null;
  /** 1…5. */
  satisfaction: number;
  comment: string | null;
}

// biome-ignore lint/suspicious/noExplicitAny: FHIR resources are open JSON documents
type Resource = { resourceType: string; id?: string; [key: string]: any };

const coding = (system: string, o: { value: number; label: string }) => ({
  valueCoding: { system, code: String(o.value), display: o.label },
});
const GLOBAL_SYSTEM = `${QUESTIONNAIRE_URL}/global-change`;
const SATISFACTION_SYSTEM = `${QUESTIONNAIRE_URL}/satisfaction`;

/** The questionnaire as a FHIR R4 Questionnaire (one definition for every time point). */
export function questionnaireResource(): Resource {
  return {
    resourceType: 'Questionnaire',
    id: QUESTIONNAIRE_ID,
    url: QUESTIONNAIRE_URL,
    version: QUESTIONNAIRE_VERSION,
    name: 'AnagenHairOutcome',
    title: 'How is your hair?',
    status: 'active',
    subjectType: ['Patient'],
    description:
      'Patient-reported change and satisfaction, asked before a treatment plan starts and 3, 6 and 12 months after. Items written for Anagen.',
    item: [
      {
        linkId: QUESTIONNAIRE_ITEMS.globalChange.linkId,
        text: QUESTIONNAIRE_ITEMS.globalChange.text,
        type: 'choice',
        required: false,
        answerOption: GLOBAL_CHANGE_OPTIONS.map((o) => coding(GLOBAL_SYSTEM, o)),
      },
      {
        linkId: QUESTIONNAIRE_ITEMS.satisfaction.linkId,
        text: QUESTIONNAIRE_ITEMS.satisfaction.text,
        type: 'choice',
        required: true,
        answerOption: SATISFACTION_OPTIONS.map((o) => coding(SATISFACTION_SYSTEM, o)),
      },
      {
        linkId: QUESTIONNAIRE_ITEMS.comment.linkId,
        text: QUESTIONNAIRE_ITEMS.comment.text,
        type: 'text',
        required: false,
        maxLength: 2000,
      },
    ],
  };
}

/** One answered questionnaire as a FHIR R4 QuestionnaireResponse. */
export function questionnaireResponseResource(r: {
  id: string;
  patientRef: string;
  month: number;
  answeredAt: number;
  answers: QuestionnaireAnswers;
}): Resource {
  const g = GLOBAL_CHANGE_OPTIONS.find((o) => o.value === r.answers.globalChange);
  const s = SATISFACTION_OPTIONS.find((o) => o.value === r.answers.satisfaction);
  const item: Resource['item'] = [];
  if (g)
    item.push({
      linkId: 'global-change',
      text: QUESTIONNAIRE_ITEMS.globalChange.text,
      answer: [coding(GLOBAL_SYSTEM, g)],
    });
  if (s)
    item.push({
      linkId: 'satisfaction',
      text: QUESTIONNAIRE_ITEMS.satisfaction.text,
      answer: [coding(SATISFACTION_SYSTEM, s)],
    });
  if (r.answers.comment)
    item.push({
      linkId: 'comment',
      text: QUESTIONNAIRE_ITEMS.comment.text,
      answer: [{ valueString: r.answers.comment }],
    });
  return {
    resourceType: 'QuestionnaireResponse',
    id: r.id,
    questionnaire: `${QUESTIONNAIRE_URL}|${QUESTIONNAIRE_VERSION}`,
    status: 'completed',
    subject: { reference: r.patientRef },
    authored: new Date(r.answeredAt).toISOString(),
    source: { reference: r.patientRef },
    extension: [
      {
        url: 'https://anagen.dev/fhir/StructureDefinition/months-after-plan-start',
        valueInteger: r.month,
      },
    ],
    item,
  };
}
