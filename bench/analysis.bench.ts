/**
 * Accuracy and speed benchmark of the hair analysis engine (issue 6).
 * Usage: npm run bench:analysis -- [--from 1000] [--count 30]
 * Seeds from `--from` on are never used for tuning (tuning used seeds < 1000).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { analyzeHair } from '../packages/core/src/hair-analysis';
import { generateTrichoscopyImage } from '../packages/core/src/hair-analysis/synthetic';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const from = arg('from', 1000);
const count = arg('count', 30);
const TARGET = { countMape: 8, diameterMae: 8, vellusErr: 0.08, speedRatio: 3, rssMb: 300 };

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const median = (a: number[]) => [...a].sort((p, q) => p - q)[a.length >> 1]!;
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);
const pad = (v: string | number, n: number) => String(v).padStart(n);

console.log(`Hair analysis accuracy on ${count} synthetic images, seeds ${from}–${from + count - 1}\n`);
console.log(
  '  seed  size       µm/px  truth  found   APE%  diam truth/found  vellus truth/found   ms  quality',
);
const countApe: number[] = [];
const densityApe: number[] = [];
const diameterAe: number[] = [];
const vellusAe: number[] = [];
const times: number[] = [];
for (let seed = from; seed < from + count; seed++) {
  const img = generateTrichoscopyImage({ seed });
  sampleRss();
  const t0 = performance.now();
  const r = analyzeHair({
    pixels: img.pixels,
    width: img.width,
    height: img.height,
    channels: 3,
    umPerPx: img.umPerPx,
  });
  const ms = performance.now() - t0;
  sampleRss();
  const t = img.truth;
  const ape = (Math.abs(r.hairCount - t.hairCount) / Math.max(1, t.hairCount)) * 100;
  countApe.push(ape);
  densityApe.push((Math.abs(r.densityPerCm2 - t.densityPerCm2) / Math.max(1e-9, t.densityPerCm2)) * 100);
  if (t.hairCount > 0) {
    diameterAe.push(Math.abs(r.meanDiameterUm - t.meanDiameterUm));
    vellusAe.push(Math.abs(r.vellusRatio - t.vellusRatio));
  }
  times.push(ms);
  console.log(
    `${pad(seed, 6)}  ${pad(`${img.width}×${img.height}`, 9)}  ${pad(img.umPerPx.toFixed(1), 5)}  ${pad(t.hairCount, 5)}  ${pad(r.hairCount, 5)}  ${pad(ape.toFixed(1), 5)}  ${pad(t.meanDiameterUm.toFixed(1), 8)}/${r.meanDiameterUm.toFixed(1).padEnd(6)}  ${pad(t.vellusRatio.toFixed(2), 10)}/${r.vellusRatio.toFixed(2).padEnd(6)}  ${pad(ms.toFixed(0), 4)}  ${r.quality.ok ? 'ok' : r.quality.issues.join(',')}`,
  );
}
const summary = {
  countMape: mean(countApe),
  densityMape: mean(densityApe),
  diameterMae: mean(diameterAe),
  vellusErr: mean(vellusAe),
};
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
console.log('\nSummary');
console.log(
  `  count MAPE            ${summary.countMape.toFixed(1)} %   (target ≤ ${TARGET.countMape} %, ${verdict(summary.countMape <= TARGET.countMape)})`,
);
console.log(
  `  density MAPE          ${summary.densityMape.toFixed(1)} %   (same field area, so it tracks count)`,
);
console.log(
  `  mean-diameter MAE     ${summary.diameterMae.toFixed(1)} µm  (target ≤ ${TARGET.diameterMae} µm, ${verdict(summary.diameterMae <= TARGET.diameterMae)})`,
);
console.log(
  `  vellus-ratio error    ${summary.vellusErr.toFixed(3)}    (target ≤ ${TARGET.vellusErr}, ${verdict(summary.vellusErr <= TARGET.vellusErr)})`,
);
console.log(
  `  time per image        median ${median(times).toFixed(0)} ms, mean ${mean(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
);

// Speed against decoding: one 1600×1200 PNG at 8 µm/px, decoded by sharp, then analysed.
const dir = mkdtempSync(join(tmpdir(), 'anagen-bench-'));
try {
  const big = generateTrichoscopyImage({
    seed: 4242,
    width: 1600,
    height: 1200,
    umPerPx: 8,
    densityPerCm2: 180,
  });
  const file = join(dir, 'field-1600x1200.png');
  await sharp(Buffer.from(big.pixels.buffer, big.pixels.byteOffset, big.pixels.length), {
    raw: { width: 1600, height: 1200, channels: 3 },
  })
    .png()
    .toFile(file);
  const png = readFileSync(file);
  const runs = 7;
  const decodeMs: number[] = [];
  const analyseMs: number[] = [];
  let decoded: { data: Buffer; info: sharp.OutputInfo } | null = null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    decoded = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    decodeMs.push(performance.now() - t0);
    sampleRss();
  }
  for (let i = 0; i < runs; i++) {
    const { data, info } = decoded!;
    const t0 = performance.now();
    analyzeHair({
      pixels: data,
      width: info.width,
      height: info.height,
      channels: info.channels as 3 | 4,
      umPerPx: 8,
    });
    analyseMs.push(performance.now() - t0);
    sampleRss();
  }
  const ratio = median(analyseMs) / median(decodeMs);
  console.log(`\nSpeed on a 1600×1200 PNG (${(png.length / 1e6).toFixed(1)} MB), median of ${runs} runs`);
  console.log(`  sharp decode to raw   ${median(decodeMs).toFixed(1)} ms`);
  console.log(`  full analysis         ${median(analyseMs).toFixed(1)} ms`);
  console.log(
    `  ratio                 ${ratio.toFixed(2)}×  (goal ≤ ${TARGET.speedRatio}×, ${verdict(ratio <= TARGET.speedRatio)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const maxRssMb = Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20;
console.log(
  `  peak memory (RSS)     ${maxRssMb.toFixed(0)} MB (goal < ${TARGET.rssMb} MB, ${verdict(maxRssMb < TARGET.rssMb)})`,
);
