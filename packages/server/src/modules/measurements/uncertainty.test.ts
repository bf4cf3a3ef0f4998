import { describe, expect, it } from 'vitest';
import { qualityExpectedError } from './build-progress';
import { ENGINE_EXPECTED_ERROR, measurementUncertainty } from './uncertainty';

const base = { hairCount: 150, areaCm2: 1, densityPerCm2: 150, vellusRatio: 0.1, corrected: false };

describe('measurement uncertainty', () => {
  it("widens with the engine's own expected error for the image, when it gave one", () => {
    const plain = measurementUncertainty(base).densityPerCm2;
    const wide = measurementUncertainty({ ...base, expectedError: 0.3 }).densityPerCm2;
    expect(plain).toBeCloseTo(Math.hypot(Math.sqrt(150), ENGINE_EXPECTED_ERROR.countRel * 150), 1);
    expect(wide).toBeCloseTo(Math.hypot(Math.sqrt(150), 0.3 * 150), 1);
    expect(wide).toBeGreaterThan(plain);
  });

  it('leaves only the counting variation on a clinician-corrected count', () => {
    expect(
      measurementUncertainty({ ...base, corrected: true, expectedError: 0.3 }).densityPerCm2,
    ).toBeCloseTo(Math.sqrt(150), 1);
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
