import { CONTRAINDICATION_CODES, type ContraindicationCode } from '../evidence/codes';
import type { AssessmentInput } from './schema';

const KNOWN = new Set<string>(CONTRAINDICATION_CODES);
const ACUTE_ONSETS = new Set([
  'sudden-shedding',
  'after-pregnancy',
  'after-illness',
  'after-chemotherapy',
  'after-new-medication',
  'patches',
]);
/** Upper age used to treat a woman as possibly able to become pregnant; deliberately generous. */
const CHILDBEARING_MAX_AGE = 55;

/** The contraindication codes that apply to this person, derived from their answers. */
export function activeContraindicationCodes(a: AssessmentInput): Set<ContraindicationCode> {
  const codes = new Set<ContraindicationCode>();
  for (const c of a.conditions) if (KNOWN.has(c)) codes.add(c as ContraindicationCode);
  if (a.age < 18) codes.add('under-18');
  if (a.sex === 'female' && a.age <= CHILDBEARING_MAX_AGE) codes.add('could-become-pregnant');
  if (a.scalpSymptoms.includes('redness') || a.scalpSymptoms.includes('pustules'))
    codes.add('scalp-inflammation');
  if (a.scalpSymptoms.includes('scarring-shiny-patches')) codes.add('scarring-alopecia');
  if (ACUTE_ONSETS.has(a.onset)) codes.add('unstable-hair-loss');
  return codes;
}
