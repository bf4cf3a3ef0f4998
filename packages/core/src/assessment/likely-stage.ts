import { computeSaltScore, type SaltBand, saltBand } from './salt';
import type { Scale } from './schema';

export type Severity = 'mild' | 'moderate' | 'advanced';

export interface LikelyStage {
  system: Scale['system'];
  /** The stage as chosen, e.g. `III-vertex`, `II`, `3`; for SALT the band, e.g. `S2`. */
  stage: string;
  label: string;
  severity: Severity;
  /** Only for SALT: percent of the scalp without hair (0–100). */
  saltScore?: number;
  saltBand?: SaltBand;
}

const NORWOOD_SEVERITY: Record<string, Severity> = {
  I: 'mild',
  II: 'mild',
  IIa: 'mild',
  III: 'moderate',
  IIIa: 'moderate',
  'III-vertex': 'moderate',
  IV: 'moderate',
  IVa: 'moderate',
  V: 'advanced',
  Va: 'advanced',
  VI: 'advanced',
  VII: 'advanced',
};
const LUDWIG_SEVERITY: Record<string, Severity> = { I: 'mild', II: 'moderate', III: 'advanced' };
const SINCLAIR_SEVERITY: Record<number, Severity> = {
  1: 'mild',
  2: 'mild',
  3: 'moderate',
  4: 'advanced',
  5: 'advanced',
};

/**
 * The stage as the person placed themselves on the scale, with a coarse severity used for ranking.
 * SALT severity: under 25 % mild, 25–49 % moderate, 50 % or more advanced (the threshold JAK trials used).
 */
export function likelyStage(scale: Scale | null): LikelyStage | null {
  if (!scale) return null;
  switch (scale.system) {
    case 'norwood':
      return {
        system: 'norwood',
        stage: scale.stage,
        label: `Norwood–Hamilton ${scale.stage}`,
        severity: NORWOOD_SEVERITY[scale.stage] ?? 'moderate',
      };
    case 'ludwig':
      return {
        system: 'ludwig',
        stage: scale.stage,
        label: `Ludwig ${scale.stage}`,
        severity: LUDWIG_SEVERITY[scale.stage] ?? 'moderate',
      };
    case 'sinclair':
      return {
        system: 'sinclair',
        stage: String(scale.stage),
        label: `Sinclair ${scale.stage}`,
        severity: SINCLAIR_SEVERITY[scale.stage] ?? 'moderate',
      };
    case 'salt': {
      const score = computeSaltScore(scale);
      const band = saltBand(score);
      const severity: Severity = score >= 50 ? 'advanced' : score >= 25 ? 'moderate' : 'mild';
      return {
        system: 'salt',
        stage: band,
        label: `SALT ${score} (${band})`,
        severity,
        saltScore: score,
        saltBand: band,
      };
    }
  }
}
