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
const PREGNANCY_CONDITIONS = new Set(['pregnancy', 'breastfeeding', 'planning-pregnancy']);

/**
 * Whether pregnancy may apply. The direct answer decides ("not sure" counts as yes); only when it
 * is missing (clients older than the question) does sex stand in, and then only a man is assumed
 * not to. Being pregnant, breastfeeding or planning a pregnancy always counts.
 */
export function pregnancyMayApply(a: AssessmentInput): boolean {
  if (a.conditions.some((c) => PREGNANCY_CONDITIONS.has(c))) return true;
  if (a.pregnancyPotential !== null) return a.pregnancyPotential !== 'no';
  if (a.sex === 'male') return false;
  return a.sex === 'other' || a.age <= CHILDBEARING_MAX_AGE;
}

/** The contraindication codes that apply to this person, derived from their answers. */
export function activeContraindicationCodes(a: AssessmentInput): Set<ContraindicationCode> {
  const codes = new Set<ContraindicationCode>();
  for (const c of a.conditions) if (KNOWN.has(c)) codes.add(c as ContraindicationCode);
  if (a.age < 18) codes.add('under-18');
  if (pregnancyMayApply(a)) codes.add('could-become-pregnant');
  if (a.scalpSymptoms.includes('redness') || a.scalpSymptoms.includes('pustules'))
    codes.add('scalp-inflammation');
  if (a.scalpSymptoms.includes('scarring-shiny-patches')) codes.add('scarring-alopecia');
  if (ACUTE_ONSETS.has(a.onset)) codes.add('unstable-hair-loss');
  return codes;
}
