import { afterEach, describe, expect, it } from 'vitest';
import { analyzeHairDetailed } from './analyze-hair';
import { hysteresisThreshold, smoothAndThreshold } from './hysteresis-threshold';
import {
  CHUNK_ROWS,
  hasRowHelper,
  type RowHelper,
  type RowJob,
  runBeside,
  runRows,
  setRowHelper,
  sharedFloat32,
  withoutRowHelper,
} from './row-chunks';
import { ROW_KERNELS } from './row-kernels';
import { smoothBinomial } from './smooth';
import { generateTrichoscopyImage, Rng } from './synthetic';

/**
 * A stand-in for the helper thread that works on the calling thread: when a job is handed over it
 * claims up to `take` chunks at once through the kernel registry, as the real helper does. With
 * `failOn`, on that kernel's job it claims one chunk more and never finishes it, then reports
 * failure.
 */
function inlineHelper(take: number, failOn?: string): RowHelper & { jobs: string[] } {
  const jobs: string[] = [];
  let failed = false;
  return {
    jobs,
    begin(job: RowJob) {
      jobs.push(job.kernel);
      const kernel = ROW_KERNELS[job.kernel]!;
      const chunks = Math.ceil(job.rows / job.chunkRows);
      // A failing job leaves at least one chunk undone (a one-chunk job: its only chunk).
      const limit = job.kernel === failOn ? Math.min(take, chunks - 1) : take;
      for (let i = 0; i <= limit; i++) {
        const k = Atomics.add(job.claims, 0, 1);
        if (k >= chunks) return;
        if (i === limit) {
          // One claim too many: left undone on failure, else handed back undone (redone by the caller).
          failed = job.kernel === failOn;
          if (!failed) kernel(job.args, k * job.chunkRows, Math.min(job.rows, (k + 1) * job.chunkRows));
          if (!failed) Atomics.store(job.claims, 1 + k, 1);
          return;
        }
        kernel(job.args, k * job.chunkRows, Math.min(job.rows, (k + 1) * job.chunkRows));
        Atomics.store(job.claims, 1 + k, 1);
      }
    },
    end: () => !failed,
  };
}

afterEach(() => setRowHelper(null));

const SLOW = { timeout: 60_000 };

describe('per-row stages shared with a helper', () => {
  const ENGINE_ROW_KERNELS = ['blockSums', 'upperHalfSums', 'darknessRows', 'distanceAll'];
  it('gives the same analysis whoever runs which rows, and after a helper fails', SLOW, () => {
    expect(Object.keys(ROW_KERNELS)).toEqual(expect.arrayContaining(ENGINE_ROW_KERNELS));
    const img = generateTrichoscopyImage({
      seed: 21,
      width: 640,
      height: 480,
      umPerPx: 8,
      densityPerCm2: 150,
    });
    const input = { pixels: img.pixels, width: 640, height: 480, channels: 3 as const, umPerPx: 8 };
    const alone = analyzeHairDetailed(input);
    expect(alone.result.hairCount).toBeGreaterThan(20);

    for (const take of [3, 1000]) {
      const helper = inlineHelper(take);
      setRowHelper(helper);
      expect(analyzeHairDetailed(input)).toEqual(alone);
      // Every per-row stage of the engine went through the helper (a name missing from the
      // registry throws). Since 0.4.0 the mask comes from the shaft classifier, not from the
      // smoothing-and-threshold kernel (still registered for smoothAndThreshold's own callers).
      expect(new Set(helper.jobs)).toEqual(new Set(ENGINE_ROW_KERNELS));
      expect(withoutRowHelper(() => analyzeHairDetailed(input))).toEqual(alone);
      expect(hasRowHelper()).toBe(true);
    }

    // A helper that fails with a chunk claimed but not done: the caller redoes it and stops using
    // the helper.
    for (const kernel of ENGINE_ROW_KERNELS) {
      const helper = inlineHelper(2, kernel);
      setRowHelper(helper);
      expect(analyzeHairDetailed(input), kernel).toEqual(alone);
      expect(hasRowHelper()).toBe(false);
      expect(helper.jobs.at(-1)).toBe(kernel);
    }
  });

  it('redoes the chunks a failed helper claimed and left', () => {
    const seen: number[] = [];
    const kernel = (a: { out: Float32Array }, from: number, to: number) => {
      for (let y = from; y < to; y++) a.out[y] = y + 1;
      seen.push(from);
    };
    ROW_KERNELS.testRows = kernel;
    try {
      setRowHelper(inlineHelper(1, 'testRows'));
      const out = sharedFloat32(5 * CHUNK_ROWS);
      runRows('testRows', kernel, { out }, out.length);
      expect(Array.from(out)).toEqual(Array.from({ length: out.length }, (_, y) => y + 1));
      // Chunk 0 by the helper, chunk 1 claimed by it and left, 2–4 by the caller, then 1 again.
      expect(seen).toEqual([0, 2 * CHUNK_ROWS, 3 * CHUNK_ROWS, 4 * CHUNK_ROWS, CHUNK_ROWS]);
    } finally {
      delete ROW_KERNELS.testRows;
    }
  });

  it('relists faint pixels when a chunk has more than its share', () => {
    const w = 90;
    const h = 3 * CHUNK_ROWS + 5;
    const rng = new Rng(5);
    // Most pixels between the two thresholds, with a few strong seeds.
    const src = sharedFloat32(w * h);
    for (let p = 0; p < w * h; p++) src[p] = rng.uniform() < 0.02 ? 0.5 : 0.1 + 0.2 * rng.uniform();
    const expectedSmooth = smoothBinomial(src, w, h);
    const expectedMask = hysteresisThreshold(expectedSmooth, w, h, 0.12, 0.3);
    expect(expectedMask.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.3 * w * h);
    for (const helper of [null, inlineHelper(2)]) {
      setRowHelper(helper);
      const dark = sharedFloat32(w * h);
      const mask = smoothAndThreshold(src, dark, w, h, 0.12, 0.3, new Uint8Array(w * h).fill(1));
      expect(dark).toEqual(expectedSmooth);
      expect(mask).toEqual(expectedMask);
    }
  });

  it('runs a whole-image kernel beside other work, and redoes it when a failed helper left it', () => {
    const kernel = (a: { out: Float32Array }, from: number) => {
      if (from === 0) a.out.fill(3);
    };
    ROW_KERNELS.testWhole = kernel;
    try {
      for (const helper of [null, inlineHelper(1), inlineHelper(1, 'testWhole')]) {
        setRowHelper(helper);
        const out = sharedFloat32(10);
        expect(runBeside('testWhole', kernel, { out }, 1, () => 'beside')).toBe('beside');
        expect(Array.from(out)).toEqual(Array(10).fill(3));
        expect(helper?.jobs ?? []).toEqual(helper ? ['testWhole'] : []);
      }
      expect(hasRowHelper()).toBe(false);
    } finally {
      delete ROW_KERNELS.testWhole;
    }
  });

  it('keeps work on the calling thread when an argument is not in shared memory', () => {
    const helper = inlineHelper(1000);
    setRowHelper(helper);
    const rows: number[] = [];
    runRows(
      'blockSums',
      (a: { data: Float32Array }, from, to) => rows.push(a.data.length, from, to),
      { data: new Float32Array(4) },
      100,
    );
    expect(helper.jobs).toEqual([]);
    expect(rows).toEqual([4, 0, 100]);
  });
});
