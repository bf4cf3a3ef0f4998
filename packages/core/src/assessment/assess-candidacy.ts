import { CONTRAINDICATION_LABELS, type ContraindicationCode } from '../evidence/codes';
import { activeContraindicationCodes } from './active-codes';
import { questionsToAsk, whatToBring } from './consultation-prep';
import { type LikelyStage, likelyStage } from './likely-stage';
import { type LikelyType, likelyHairLossType } from './likely-type';
import { type RankedOption, rankOptions } from './rank-options';
import { findRedFlags, type RedFlag } from './red-flags';
import type { AssessmentInput } from './schema';
import type { TreatmentFacts } from './treatment-facts';

export interface ContraindicationReason {
  code: ContraindicationCode;
  severity: 'absolute' | 'caution';
  /** Plain-language name of the condition. */
  label: string;
  /** The treatment entry's note, with citation markers left in for the renderer. */
  note: string;
  verified: boolean;
}

export interface CandidacyResult {
  likelyType: LikelyType;
  likelyStage: LikelyStage | null;
  redFlags: RedFlag[];
  /** True when any red flag is present: no treatments are ranked, the page leads with a referral. */
  seePhysicianFirst: boolean;
  /** Only treatments with at least one matching contraindication appear. */
  contraindications: Record<string, ContraindicationReason[]>;
  /** Empty when `seePhysicianFirst`. */
  options: RankedOption[];
  bringToConsultation: string[];
  questionsToAsk: string[];
}

/**
 * Turns validated answers (`AssessmentInputSchema.parse`) into a likely picture and next steps.
 * Pure and deterministic. Nothing here is a diagnosis: types and stages are worded as "likely",
 * and any red flag sends the person to a physician with no treatments ranked.
 */
export function assessCandidacy(
  input: AssessmentInput,
  treatments: readonly TreatmentFacts[],
): CandidacyResult {
  const likelyType = likelyHairLossType(input);
  const stage = likelyStage(input.scale);
  const redFlags = findRedFlags(input, likelyType, stage);
  const seePhysicianFirst = redFlags.length > 0;
  const active = activeContraindicationCodes(input);

  const contraindications: Record<string, ContraindicationReason[]> = {};
  for (const t of treatments) {
    const reasons = t.contraindications
      .filter((c) => active.has(c.code))
      .map((c) => ({
        code: c.code,
        severity: c.severity,
        label: CONTRAINDICATION_LABELS[c.code],
        note: c.note,
        verified: c.verified,
      }));
    if (reasons.length > 0) contraindications[t.slug] = reasons;
  }

  const options = seePhysicianFirst ? [] : rankOptions(treatments, input, likelyType, stage, active);
  return {
    likelyType,
    likelyStage: stage,
    redFlags,
    seePhysicianFirst,
    contraindications,
    options,
    bringToConsultation: whatToBring(input, redFlags),
    questionsToAsk: questionsToAsk(input, redFlags, options),
  };
}
