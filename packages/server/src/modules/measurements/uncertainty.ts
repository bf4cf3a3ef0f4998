/**
 * Measurement uncertainty shown as whiskers on the progress charts (± one standard uncertainty).
 *
 * Two sources are combined in quadrature:
 * 1. Counting (sampling) variation: a dermoscope field of area A holding n hairs is a sample; a
 *    field a few millimetres away would hold a different number. For counts this is Poisson, so
 *    density varies by √n / A and the vellus share by √(p(1−p)/n). This is the floor for any
 *    method, human or machine, and it dominates on small fields (0.3 cm² with 40 hairs: ±16 %).
 * 2. The engine's expected error, from the accuracy targets its benchmark checks
 *    (bench/analysis.bench.ts on held-out synthetic images): count within 8 %, mean diameter
 *    within 8 µm, vellus share within 0.08. A clinician-corrected count has no engine count
 *    error, only the counting variation.
 * Systematic engine bias partly cancels when the same site is compared over time, so these
 * whiskers are, if anything, wide for changes; they are deliberately not narrowed.
 */
export const ENGINE_EXPECTED_ERROR = { countRel: 0.08, diameterUm: 8, vellusAbs: 0.08 } as const;

export const UNCERTAINTY_METHOD =
  'Whiskers show ± one standard uncertainty: the counting variation of a small skin field ' +
  '(√n hairs over the field area) combined with the analysis engine’s expected error from its ' +
  'accuracy benchmark (count 8 %, diameter 8 µm, vellus share 0.08). Clinician-corrected counts ' +
  'carry only the counting variation.';

export interface UncertaintyInput {
  hairCount: number;
  areaCm2: number;
  densityPerCm2: number;
  vellusRatio: number;
  corrected: boolean;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function measurementUncertainty(m: UncertaintyInput): {
  densityPerCm2: number;
  meanDiameterUm: number;
  vellusRatio: number;
} {
  const n = Math.max(1, m.hairCount);
  const counting = Math.sqrt(n) / m.areaCm2;
  const engine = m.corrected ? 0 : ENGINE_EXPECTED_ERROR.countRel * m.densityPerCm2;
  const p = Math.min(1, Math.max(0, m.vellusRatio));
  return {
    densityPerCm2: round(Math.hypot(counting, engine), 1),
    meanDiameterUm: ENGINE_EXPECTED_ERROR.diameterUm,
    vellusRatio: round(Math.hypot(ENGINE_EXPECTED_ERROR.vellusAbs, Math.sqrt((p * (1 - p)) / n)), 3),
  };
}
