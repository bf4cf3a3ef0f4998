import { analyzeHair } from '@anagen/core/hair-analysis';
import { generateTrichoscopyImage } from '@anagen/core/hair-analysis/synthetic';
import { describe, expect, it } from 'vitest';
import { analysisMode, runAnalysis } from './run-analysis';

describe('running the engine off the main thread', () => {
  const img = generateTrichoscopyImage({
    seed: 42,
    width: 320,
    height: 240,
    umPerPx: 12,
    densityPerCm2: 150,
  });

  it('gives the same result as the engine on the main thread, in a worker', async () => {
    const { result, traces } = await runAnalysis(img, { detailed: true });
    expect(analysisMode()).toBe('worker');
    expect(result).toEqual(analyzeHair(img));
    expect(traces?.some((t) => t.counted)).toBe(true);
    const plain = await runAnalysis(img);
    expect(plain.traces).toBeUndefined();
  });

  it('passes the engine’s input errors through as RangeError', async () => {
    await expect(runAnalysis({ ...img, umPerPx: 0 })).rejects.toBeInstanceOf(RangeError);
    // The worker survives an error.
    expect((await runAnalysis(img)).result.hairCount).toBe(analyzeHair(img).hairCount);
  });
});
