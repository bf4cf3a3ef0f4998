import { describe, expect, it } from 'vitest';
import { clinicChangeRange, faceRectInCrop, isOutsideRange, monthsBetween } from './index';

describe('publication checks', () => {
  it('gives no clinic range from fewer than 5 patients, and flags changes beyond P10–P90', () => {
    expect(clinicChangeRange([{ month: 6, changes: [1, 2, 3, 4] }], 6)).toBeNull();
    const range = clinicChangeRange(
      [
        { month: 3, changes: [100, 100, 100, 100, 100] },
        { month: 6, changes: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] },
      ],
      7,
    );
    expect(range).toEqual({ month: 6, p10: 10, p90: 90, n: 11 });
    expect(isOutsideRange(95, range)).toBe(true);
    expect(isOutsideRange(-1, range)).toBe(true);
    expect(isOutsideRange(50, range)).toBe(false);
    expect(isOutsideRange(500, null)).toBe(false);
  });

  it('maps the face region of a frontal view into the crop and finds none in a vertex view', () => {
    expect(faceRectInCrop('vertex', { left: 0, top: 0, width: 1, height: 1 }, 100, 100)).toBeNull();
    expect(faceRectInCrop('frontal', { left: 0, top: 0, width: 1, height: 1 }, 200, 100)).toEqual({
      left: 0,
      top: 40,
      width: 200,
      height: 60,
    });
    // A crop of the top 40 % leaves the face out entirely.
    expect(faceRectInCrop('frontal', { left: 0, top: 0, width: 1, height: 0.4 }, 200, 80)).toBeNull();
    // The lower half of the crop (0.2–0.8 of the photo) is face from 0.4 on: a third of the output.
    expect(faceRectInCrop('frontal', { left: 0, top: 0.2, width: 1, height: 0.6 }, 100, 60)).toEqual({
      left: 0,
      top: 20,
      width: 100,
      height: 40,
    });
  });

  it('counts months in average months whatever the time zone', () => {
    expect(monthsBetween(0, 365.25 * 86_400_000)).toBe(12);
  });
});
