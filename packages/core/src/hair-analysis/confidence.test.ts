import { describe, expect, it } from 'vitest';
import { analyzeHair } from './analyze-hair';
import { assessConfidence, type ConfidenceInputs, plausibilityIssues } from './confidence';
import { disc, paint, shaft, skinCanvas } from './test-canvas';

const clean: ConfidenceInputs = {
  umPerPx: 3,
  hairCount: 40,
  densityPerCm2: 200,
  meanDiameterUm: 70,
  unexplainedShare: 0.05,
  shortShare: 0,
  inferredShare: 0,
  overlayShare: 0,
  overlayTouch: 0,
};

// Whole-image runs: allow for a loaded CI machine.
const SLOW = { timeout: 60_000 };

describe('quality gates', () => {
  it('passes a plausible image', () => {
    expect(plausibilityIssues(clean)).toEqual([]);
  });

  it('refuses calibrations outside 2–12 µm/px, impossible densities and widths, and graphics over shafts', () => {
    expect(plausibilityIssues({ ...clean, umPerPx: 1.5 })).toContain('calibration-out-of-range');
    expect(plausibilityIssues({ ...clean, umPerPx: 15 })).toContain('calibration-out-of-range');
    expect(plausibilityIssues({ ...clean, densityPerCm2: 1200 })).toContain('implausible-count');
    expect(plausibilityIssues({ ...clean, meanDiameterUm: 300 })).toContain('implausible-width');
    expect(plausibilityIssues({ ...clean, meanDiameterUm: 6 })).toContain('implausible-width');
    expect(plausibilityIssues({ ...clean, overlayTouch: 0.2 })).toContain('overlay-not-removed');
    expect(plausibilityIssues({ ...clean, unexplainedShare: 0.8 })).toContain('hair-like-texture');
  });

  it('lowers confidence and raises the expected error as more of the image is unexplained', () => {
    const good = assessConfidence(clean);
    const worse = assessConfidence({ ...clean, unexplainedShare: 0.5, shortShare: 0.4, hairCount: 4 });
    expect(worse.expectedError).toBeGreaterThan(good.expectedError);
    expect(worse.confidence).toBeLessThan(good.confidence);
    expect(good.confidence).toBeGreaterThan(0);
    expect(good.confidence).toBeLessThanOrEqual(1);
  });

  it('says not ok, whatever it counted, when the calibration is out of range', SLOW, () => {
    const c = skinCanvas(300, 240, 3);
    paint(c, [30, 25, 25], shaft(60, 120, 240, 110, 6));
    const r = analyzeHair({ ...c, umPerPx: 20 });
    expect(r.quality.ok).toBe(false);
    expect(r.quality.issues).toContain('calibration-out-of-range');
    expect(r.quality.confidence).toBeLessThanOrEqual(0.3);
  });
});

describe('root end', () => {
  // Clipped shafts at 3 µm/px, 80 µm thick (~27 px), 900 µm long; a bluish follicle halo at one end.
  const field = (haloAtLeft: boolean) => {
    const c = skinCanvas(900, 600, 11);
    const [x0, x1, y] = [250, 550, 300];
    const hx = haloAtLeft ? x0 : x1;
    paint(c, [120, 135, 175], disc(hx, y, 45, 0.7));
    paint(c, [28, 24, 24], shaft(x0, y, x1, y, 27));
    return c;
  };

  it('puts the emergence point at the end with the follicle halo, not at the cut tip', SLOW, () => {
    for (const left of [true, false]) {
      const r = analyzeHair({ ...field(left), umPerPx: 3 });
      expect(r.hairCount).toBe(1);
      const expected = left ? 250 : 550;
      // Within ~110 µm of the real root, as the real-image benchmark matches roots.
      expect(Math.abs(r.hairs[0]!.x - expected)).toBeLessThan(37);
    }
  });
});
