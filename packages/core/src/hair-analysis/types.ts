export type HairClass = 'vellus' | 'intermediate' | 'terminal';

export interface HairAnalysisInput {
  /** Interleaved 8-bit pixels, row-major, `channels` values per pixel (RGB or RGBA). */
  pixels: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 3 | 4;
  /** Calibration: micrometres per pixel (> 0; dermoscopes typically give 4–12). */
  umPerPx: number;
}

export interface AnalyzedHair {
  /** Emergence point in image pixels. */
  x: number;
  y: number;
  diameterUm: number;
  class: HairClass;
}

export type QualityIssue =
  | 'blurred'
  | 'overexposed'
  | 'underexposed'
  | 'hair-too-long'
  /** Calibration outside the 2–12 µm/px the engine was built and checked for. */
  | 'calibration-out-of-range'
  /** Device graphics cover much of the field or cut across shafts. */
  | 'overlay-not-removed'
  /** More hairs per cm² than a scalp holds: something else is being counted. */
  | 'implausible-count'
  /** Mean shaft width that no scalp hair has at this calibration (a wrong µm/px, or not hair). */
  | 'implausible-width'
  /** Much of what looks dark and hair-like has no shaft shape (skin texture, flakes, halos). */
  | 'hair-like-texture'
  /** The predicted count error on this image is above what we show as trustworthy. */
  | 'uncertain-count'
  /** Too few hairs in the field for a reliable density (one hair more or less is a large share). */
  | 'few-hairs';

export interface HairAnalysisResult {
  width: number;
  height: number;
  umPerPx: number;
  /** Imaged field in cm². */
  areaCm2: number;
  /** Hairs whose emergence point lies in the image; each hair of a follicular unit counts. */
  hairCount: number;
  densityPerCm2: number;
  /** Mean shaft diameter of counted hairs, µm (0 when none). */
  meanDiameterUm: number;
  /** Share of counted hairs with diameter < 30 µm. */
  vellusRatio: number;
  /** Share of counted hairs with diameter ≥ 60 µm. */
  terminalRatio: number;
  hairs: AnalyzedHair[];
  /** Counts per 10 µm diameter bin: counts[i] covers [i·binUm, (i+1)·binUm); the last bin is open-ended. */
  diameterHistogram: { binUm: number; counts: number[] };
  /**
   * Cumulative thickness: sum of the diameters of counted hairs divided by the field area,
   * in µm per cm² (e.g. 150 hairs/cm² of 60 µm → 9000 µm/cm²).
   */
  hairMassPerCm2: number;
  /**
   * `ok` is false when a figure from this image should not be trusted; `issues` says why.
   * `confidence` (0–1) and `expectedError` (typical absolute relative count error, e.g. 0.12 for
   * ±12 %) come from a model fitted on real images with hairs counted by people (confidence.ts).
   * `countInterval` (0.6.0) is the range of hair counts the true count lay in for 80 % of those
   * real images (the two sides fitted separately: the engine's misses are not symmetric).
   */
  quality: {
    ok: boolean;
    confidence: number;
    expectedError: number;
    countInterval: [number, number];
    issues: QualityIssue[];
  };
  engineVersion: string;
}
