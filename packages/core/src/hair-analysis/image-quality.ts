import type { QualityIssue } from './types';

export interface QualityInputs {
  /** Median skin grey level (0–255) after removing hair. */
  skinLevel: number;
  /** Share of working pixels at ≥ 250 grey. */
  saturatedShare: number;
  /** Median relative edge slope of measured shafts (1/px); sharp images give ≳ 0.3. */
  edgeSlope: number | null;
  /** Share of sampled pixels with at least two colour channels clipped (≥ 250). */
  clippedShare: number;
  /**
   * Length-weighted mean length of the traced strands, µm. Clipped hair (phototrichogram practice,
   * ~1 mm) stays near 1 mm; from ~2 mm on, hairs cross so often that strands break up and counts
   * inflate.
   */
  weightedStrandUm: number;
}

/**
 * Flags images whose figures should not be trusted instead of returning a confident wrong number.
 * Thresholds are deliberately loose: they catch gross problems, not mild ones.
 */
export function assessQuality(q: QualityInputs): QualityIssue[] {
  const issues: QualityIssue[] = [];
  if (q.skinLevel < 45) issues.push('underexposed');
  if (q.skinLevel > 240 || q.saturatedShare > 0.05 || q.clippedShare > 0.25) issues.push('overexposed');
  if (q.edgeSlope !== null && q.edgeSlope < 0.22) issues.push('blurred');
  if (q.weightedStrandUm > 1800) issues.push('hair-too-long');
  return issues;
}
