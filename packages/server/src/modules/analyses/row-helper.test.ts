import { analyzeHairDetailed, hasRowHelper, withoutRowHelper } from '@anagen/core/hair-analysis';
import { generateTrichoscopyImage } from '@anagen/core/hair-analysis/synthetic';
import { afterAll, describe, expect, it } from 'vitest';
import { startRowHelper, stopRowHelper } from './row-helper';

afterAll(() => stopRowHelper());

describe('row helper thread', () => {
  it('takes part in analyses without changing a single result, and can be stopped', {
    timeout: 60_000,
  }, async () => {
    expect(await startRowHelper()).toBe(true);
    expect(hasRowHelper()).toBe(true);
    for (const [seed, umPerPx] of [
      [31, 8],
      [32, 5], // binned 2×2
    ] as const) {
      const img = generateTrichoscopyImage({ seed, width: 900, height: 700, umPerPx, densityPerCm2: 160 });
      const input = { pixels: img.pixels, width: 900, height: 700, channels: 3 as const, umPerPx };
      const alone = withoutRowHelper(() => analyzeHairDetailed(input));
      // Several runs: which thread claims which rows varies from run to run.
      for (let i = 0; i < 3; i++) expect(analyzeHairDetailed(input)).toEqual(alone);
      expect(alone.result.hairCount).toBeGreaterThan(20);
    }
    expect(hasRowHelper()).toBe(true); // it never stalled or failed
    await stopRowHelper();
    expect(hasRowHelper()).toBe(false);
    expect(await startRowHelper()).toBe(true);
  });
});
