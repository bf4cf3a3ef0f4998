/**
 * Measurement uncertainty shown as whiskers on the progress charts (± one standard uncertainty).
 *
 * Two sources are combined in quadrature:
 * 1. Counting (sampling) variation: a dermoscope field of area A holding n hairs is a sample; a
 *    field a few millimetres away would hold a different number. For counts this is Poisson, so
 *    density varies by √n / A and the vellus share by √(p(1−p)/n). This is the floor for any
 *    method, human or machine, and it dominates on small fields (0.3 cm² with 40 hairs: ±16 %).
 * 2. The engine's random error. Each analysis from engine anagen-hair/0.4.0 on carries its own
 *    `quality.expectedError` (fitted on real images counted by people), used when present. Otherwise,
 *    and for the figures in words: on 330 real 70× trichoscope images counted by people (FDU val
 *    split, `npm run bench:analysis -- --real DIR`, 2026-12-07) the relative count error has a
 *    standard deviation of 23 % around a mean of −3 % (single images from −50 % to +114 %); on
 *    synthetic images (seeds 1000–1029) mean-diameter error 5.4 µm and vellus-share error 0.056
 *    (mean absolute). The systematic part would shift every measurement of a site alike, so it is
 *    stated in words rather than added to the whiskers of a change. A clinician-corrected count has
 *    no engine count error.
 * Update these figures when the engine or its benchmark changes.
 */
const ENGINE_EXPECTED_ERROR = { countRel: 0.23, diameterUm: 5.4, vellusAbs: 0.056 } as const;
const ENGINE_COUNT_BIAS = -0.03;

const E = ENGINE_EXPECTED_ERROR;
export const UNCERTAINTY_METHOD =
  'Whiskers show ± one standard uncertainty: the counting variation of a small skin field ' +
  '(√n hairs over the field area) combined with the analysis engine’s random error: its own estimate ' +
  'for each image, or the error measured on real trichoscope images counted by people ' +
  `(count ${Math.round(E.countRel * 100)} %, diameter ${E.diameterUm} µm, vellus share ${E.vellusAbs}). ` +
  'Clinician-corrected counts carry only the counting variation. On those images this engine version ' +
  (Math.abs(ENGINE_COUNT_BIAS) < 0.05
    ? 'shows no clear average over- or undercount, but single images were off by half or more.'
    : `also counts about ${Math.round(-ENGINE_COUNT_BIAS * 100)} % too few hairs on average, so absolute ` +
      'densities read low; changes at the same site are affected less.');

export interface UncertaintyInput {
  hairCount: number;
  areaCm2: number;
  densityPerCm2: number;
  vellusRatio: number;
  corrected: boolean;
  /**
   * The engine's expected relative count error for this image (quality.expectedError, fitted on
   * real images counted by people); without it the benchmark figure above is used.
   */
  expectedError?: number;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function measurementUncertainty(m: UncertaintyInput): {
  densityPerCm2: number;
  meanDiameterUm: number;
  vellusRatio: number;
} {
  const n = Math.max(1, m.hairCount);
  const counting = Math.sqrt(n) / m.areaCm2;
  const engine = m.corrected ? 0 : (m.expectedError ?? ENGINE_EXPECTED_ERROR.countRel) * m.densityPerCm2;
  const p = Math.min(1, Math.max(0, m.vellusRatio));
  return {
    densityPerCm2: round(Math.hypot(counting, engine), 1),
    meanDiameterUm: ENGINE_EXPECTED_ERROR.diameterUm,
    vellusRatio: round(Math.hypot(ENGINE_EXPECTED_ERROR.vellusAbs, Math.sqrt((p * (1 - p)) / n)), 3),
  };
}
