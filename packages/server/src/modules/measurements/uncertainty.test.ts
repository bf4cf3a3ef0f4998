import { describe, expect, it } from 'vitest';
import { qualityExpectedError } from './build-progress';
import { measurementUncertainty } from './uncertainty';

const base = { hairCount: 150, areaCm2: 1, densityPerCm2: 150, vellusRatio: 0.1, corrected: false };

describe('measurement uncertainty', () => {
  it("widens with the engine's own expected error for the image, when it gave one", () => {
    const plain = measurementUncertainty(base).densityPerCm2;
    const wide = measurementUncertainty({ ...base, expectedError: 0.3 }).densityPerCm2;
    // Worked by hand: √150 hairs over 1 cm² = 12.25; the benchmark's 23 % of 150 = 34.5;
    // √(12.25² + 34.5²) = 36.6. With the image's own 30 %: √(150 + 45²) = 46.6.
    expect(plain).toBe(36.6);
    expect(wide).toBe(46.6);
    expect(wide).toBeGreaterThan(plain);
  });

  it('leaves only the counting variation on a clinician-corrected count', () => {
    expect(measurementUncertainty({ ...base, corrected: true, expectedError: 0.3 }).densityPerCm2).toBe(12.2);
  });

  it('combines the engine figures for diameter and vellus share with the sampling of the share', () => {
    // Vellus share 0.1 of 150 hairs: √(0.1·0.9/150) = 0.0245; with the engine's 0.056: √(0.0245² + 0.056²) = 0.061.
    expect(measurementUncertainty(base)).toMatchObject({ meanDiameterUm: 5.4, vellusRatio: 0.061 });
  });

  it('reads the expected error from stored quality, and nothing from older or broken records', () => {
    expect(
      qualityExpectedError(JSON.stringify({ ok: true, issues: [], confidence: 0.8, expectedError: 0.12 })),
    ).toBe(0.12);
    expect(qualityExpectedError(JSON.stringify({ ok: true, issues: [] }))).toBeUndefined();
    expect(qualityExpectedError('not json')).toBeUndefined();
    expect(qualityExpectedError(null)).toBeUndefined();
  });
});
