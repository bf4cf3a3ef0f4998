import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateTrichoscopyImage,
  type SyntheticTrichoscopyImage,
} from '@anagen/core/hair-analysis/synthetic';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalysisOutput, runAnalyze } from './analyze';

let dir: string;
const images: { file: string; img: SyntheticTrichoscopyImage }[] = [];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) },
    out,
    err,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'anagen-analyze-'));
  for (const seed of [21, 22]) {
    const img = generateTrichoscopyImage({ seed, width: 900, height: 675, umPerPx: 10, densityPerCm2: 80 });
    const file = join(dir, `field-${seed}.png`);
    await sharp(Buffer.from(img.pixels), { raw: { width: img.width, height: img.height, channels: 3 } })
      .png()
      .toFile(file);
    images.push({ file, img });
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runAnalyze', () => {
  it('prints one JSON object for one image, close to the ground truth', async () => {
    const { file, img } = images[0]!;
    const c = capture();
    const code = await runAnalyze([file], { umPerPx: 10, json: true }, c.io);
    expect(code).toBe(0);
    const r = JSON.parse(c.out.join('')) as AnalysisOutput;
    expect(Array.isArray(r)).toBe(false);
    expect(r.width).toBe(900);
    expect(r.areaCm2).toBeCloseTo(0.6075, 4);
    expect(Math.abs(r.hairCount - img.truth.hairCount)).toBeLessThanOrEqual(
      Math.max(3, 0.3 * img.truth.hairCount),
    );
    // One image at 10 µm/px, where one pixel of width is 10 µm: within a pixel. The ≤ 8 µm target is a
    // mean over the bench's 30 images; here engine 0.8.0 reads 63.5 µm for 71.8 µm (0.7.0: 65.1).
    expect(Math.abs(r.meanDiameterUm - img.truth.meanDiameterUm)).toBeLessThan(10);
    expect(r.hairs).toHaveLength(r.hairCount);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(r.quality.ok).toBe(true);
  });

  it('prints an array in input order, a progress bar on stderr, and writes overlays', async () => {
    const overlay = join(dir, 'overlays');
    const c = capture();
    const code = await runAnalyze(
      images.map((i) => i.file),
      { umPerPx: 10, json: true, overlay },
      c.io,
    );
    expect(code).toBe(0);
    const r = JSON.parse(c.out.join('')) as AnalysisOutput[];
    expect(r.map((x) => x.file)).toEqual(images.map((i) => i.file));
    expect(c.err.join('')).toContain('2/2');
    expect(readdirSync(overlay).sort()).toEqual(['field-21.overlay.png', 'field-22.overlay.png']);
    const meta = await sharp(join(overlay, 'field-21.overlay.png')).metadata();
    expect([meta.width, meta.height]).toEqual([900, 675]);
  });

  it('prints a readable summary without --json', async () => {
    const c = capture();
    expect(await runAnalyze([images[0]!.file], { umPerPx: 10, json: false }, c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/hairs\s+\d+ in 0\.6075 cm² → [\d.]+ hairs\/cm²/);
    // The range the true count lay in for 80 % of real train images (engine 0.6.0).
    expect(c.out.join('')).toMatch(/hairs\/cm² \(true count likely \d+–\d+\)/);
  });

  it.each([0, -3, Number.NaN])('rejects umPerPx %s with a message and exit code 2', async (umPerPx) => {
    const c = capture();
    expect(await runAnalyze([images[0]!.file], { umPerPx, json: true }, c.io)).toBe(2);
    expect(c.err.join('')).toContain('--um-per-px must be a positive number');
    expect(c.out).toEqual([]);
  });

  it('fails clearly on a non-image, a truncated PNG and a missing file', async () => {
    const text = join(dir, 'notes.png');
    writeFileSync(text, 'this is not an image at all');
    const truncated = join(dir, 'truncated.png');
    const png = await sharp(images[0]!.file).png().toBuffer();
    writeFileSync(truncated, png.subarray(0, Math.floor(png.length / 2)));
    const c = capture();
    const code = await runAnalyze(
      [text, truncated, join(dir, 'missing.jpg'), images[1]!.file],
      { umPerPx: 10, json: true },
      c.io,
    );
    expect(code).toBe(1);
    const err = c.err.join('');
    expect(err).toContain('notes.png: not a supported image');
    expect(err).toMatch(/truncated\.png: the PNG file (is damaged|could not be decoded)/);
    expect(err).toContain('missing.jpg: cannot read the file (ENOENT)');
    const r = JSON.parse(c.out.join('')) as AnalysisOutput[];
    expect(r.map((x) => x.file)).toEqual([images[1]!.file]);
  });
});
