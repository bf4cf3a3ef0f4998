import type { HairLossCondition } from '../evidence/codes';
import type { AssessmentInput } from './schema';

export const LIKELY_TYPES = [
  'possible-scarring-alopecia',
  'chemotherapy-related',
  'alopecia-areata',
  'telogen-effluvium',
  'medication-related',
  'male-pattern-hair-loss',
  'female-pattern-hair-loss',
  'unclear',
] as const;
export type LikelyTypeCode = (typeof LIKELY_TYPES)[number];

export interface LikelyType {
  code: LikelyTypeCode;
  /** Worded as a likelihood, never as a diagnosis. */
  label: string;
  /** The evidence-library condition this maps to, when treatments for it are catalogued. */
  condition: HairLossCondition | null;
}

const LABELS: Record<LikelyTypeCode, string> = {
  'possible-scarring-alopecia': 'Possibly a scarring type of hair loss — only a physician can tell',
  'chemotherapy-related': 'Likely hair loss related to chemotherapy',
  'alopecia-areata': 'Likely alopecia areata (patchy hair loss)',
  'telogen-effluvium': 'Likely a shedding episode (telogen effluvium)',
  'medication-related': 'Possibly hair loss related to a medicine',
  'male-pattern-hair-loss': 'Likely male pattern hair loss (androgenetic alopecia)',
  'female-pattern-hair-loss': 'Likely female pattern hair loss (androgenetic alopecia)',
  unclear: 'The pattern is not clear from your answers',
};

const CONDITION: Partial<Record<LikelyTypeCode, HairLossCondition>> = {
  'alopecia-areata': 'alopecia-areata',
  'male-pattern-hair-loss': 'androgenetic-alopecia',
  'female-pattern-hair-loss': 'androgenetic-alopecia',
};

function classify(a: AssessmentInput): LikelyTypeCode {
  if (a.scalpSymptoms.includes('scarring-shiny-patches')) return 'possible-scarring-alopecia';
  switch (a.onset) {
    case 'after-chemotherapy':
      return 'chemotherapy-related';
    case 'patches':
      return 'alopecia-areata';
    case 'sudden-shedding':
    case 'after-pregnancy':
    case 'after-illness':
      return 'telogen-effluvium';
    case 'after-new-medication':
      return 'medication-related';
    default:
      break;
  }
  // Gradual thinning, a receding hairline or crown, or diffuse thinning.
  if (a.sex === 'female') return 'female-pattern-hair-loss';
  if (a.sex === 'male') return a.onset === 'diffuse-thinning' ? 'unclear' : 'male-pattern-hair-loss';
  if (a.scale?.system === 'norwood') return 'male-pattern-hair-loss';
  if (a.scale?.system === 'ludwig' || a.scale?.system === 'sinclair') return 'female-pattern-hair-loss';
  return 'unclear';
}

/** The most likely type of hair loss from the answers alone, as a likelihood. */
export function likelyHairLossType(a: AssessmentInput): LikelyType {
  const code = classify(a);
  return { code, label: LABELS[code], condition: CONDITION[code] ?? null };
}
