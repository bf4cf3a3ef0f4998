/**
 * Fits the confidence model (packages/core/src/hair-analysis/confidence-model.ts): the absolute
 * relative count error of an image, predicted from what the engine saw on it (confidence.ts), by
 * least squares over the train split of real images with hairs marked by people (a VOC folder of
 * root→tip vectors) and over synthetic images.
 *
 *   npm run fit:confidence -- --real DIR [--real-count 300] [--synthetic 100] [--save]
 *
 * Also fits the count interval's width (how many expected errors the true count lies below or above
 * the count on 10 % of the real images each way), written beside the coefficients.
 *
 * Real images are taken from the train split starting at its second image, every k-th, so that
 * they differ from those the count model takes (from the first). Never reads val or test.
 */

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeHairDetailed } from '../packages/core/src/hair-analysis';
import {
  confidenceFeatures,
  countInterval,
  INTERVAL_TAIL,
  MAX_TRUSTED_ERROR,
} from '../packages/core/src/hair-analysis/confidence';
import { generateTrichoscopyImage, variedScalp } from '../packages/core/src/hair-analysis/synthetic';
import { arg } from './args';
import { solve } from './linear-solve';
import { decodeImage, FDU_UM_PER_PX, readSplit, SHAFT_CLASSES } from './real-images';

const argv = process.argv;

const val = (name: string, fallback: string) => arg(name) ?? fallback;
const realDir = val('real', '');
const nReal = Number(val('real-count', '300'));
const nSynthetic = Number(val('synthetic', '100'));

interface Row {
  real: boolean;
  x: number[];
  ape: number;
  found: number;
  truth: number;
}
const rows: Row[] = [];
if (realDir) {
  const images = readSplit(realDir, 'train');
  const step = Math.max(1, Math.floor(images.length / nReal));
  for (let i = 1; i < images.length && rows.length < nReal; i += step) {
    const img = images[i]!;
    const d = await decodeImage(img.imagePath);
    const { result, confidenceInputs } = analyzeHairDetailed({ ...d, umPerPx: img.umPerPx ?? FDU_UM_PER_PX });
    const truth = img.hairs.filter((h) => SHAFT_CLASSES.includes(h.cls)).length;
    if (!truth) continue;
    rows.push({
      real: true,
      x: confidenceFeatures(confidenceInputs),
      ape: Math.abs(result.hairCount - truth) / truth,
      found: result.hairCount,
      truth,
    });
  }
}
for (let k = 0; k < nSynthetic; k++) {
  const seed = 4000 + k;
  const img = generateTrichoscopyImage({ seed, ...variedScalp(seed) });
  const { result, confidenceInputs } = analyzeHairDetailed(img);
  const truth = img.truth.hairCount;
  if (!truth) continue;
  rows.push({
    real: false,
    x: confidenceFeatures(confidenceInputs),
    ape: Math.abs(result.hairCount - truth) / truth,
    found: result.hairCount,
    truth,
  });
}

// Least squares (normal equations with a small ridge).
const k = rows[0]!.x.length;
const ata = Array.from({ length: k }, () => new Array<number>(k).fill(0));
const atb = new Array<number>(k).fill(0);
for (const r of rows)
  for (let a = 0; a < k; a++) {
    atb[a]! += r.x[a]! * r.ape;
    for (let b = 0; b < k; b++) ata[a]![b]! += r.x[a]! * r.x[b]!;
  }
for (let a = 0; a < k; a++) ata[a]![a]! += 1e-3;
const coef = solve(ata, atb);
const floor = 0.05;
const pred = (x: number[]) =>
  Math.max(
    floor,
    x.reduce((s, v, j) => s + v * coef[j]!, 0),
  );
for (const [label, pick] of [
  ['real', (r: Row) => r.real],
  ['synthetic', (r: Row) => !r.real],
] as const) {
  const set = rows.filter(pick);
  if (!set.length) continue;
  const trusted = set.filter((r) => pred(r.x) <= MAX_TRUSTED_ERROR);
  const corr = (() => {
    const p = set.map((r) => pred(r.x));
    const a = set.map((r) => r.ape);
    const mp = p.reduce((s, v) => s + v, 0) / p.length;
    const ma = a.reduce((s, v) => s + v, 0) / a.length;
    let num = 0;
    let dp = 0;
    let da = 0;
    p.forEach((v, i) => {
      num += (v - mp) * (a[i]! - ma);
      dp += (v - mp) ** 2;
      da += (a[i]! - ma) ** 2;
    });
    return num / Math.sqrt(dp * da || 1);
  })();
  console.log(
    `${label}: ${set.length} images, mean error ${(100 * (set.reduce((s, r) => s + r.ape, 0) / set.length)).toFixed(1)} %; ` +
      `predicted vs actual r = ${corr.toFixed(2)}; trusted ${trusted.length} with mean error ${(100 * (trusted.reduce((s, r) => s + r.ape, 0) / Math.max(1, trusted.length))).toFixed(1)} % and ${trusted.filter((r) => r.ape > 0.5).length} over 50 % off`,
  );
}
console.log('coefficients', coef.map((c) => c.toFixed(4)).join(', '));

/**
 * The count interval (confidence.ts, countInterval): how many expected errors below and above the
 * count the true count lies, at the 10th and 90th percentiles over the REAL images only (the
 * synthetic ones would make it look narrower than it is on photographs).
 */
const quantile = (a: number[], q: number) => {
  const s = [...a].sort((p, r) => p - r);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0;
};
const intervalRows = rows.filter((r) => r.found > 0 && (realDir ? r.real : true));
const scaled = (r: Row) => r.found * pred(r.x);
const below = Math.max(
  0,
  quantile(
    intervalRows.map((r) => (r.found - r.truth) / scaled(r)),
    1 - INTERVAL_TAIL,
  ),
);
const above = Math.max(
  0,
  quantile(
    intervalRows.map((r) => (r.truth - r.found) / scaled(r)),
    1 - INTERVAL_TAIL,
  ),
);
const inside = intervalRows.filter((r) => {
  const [lo, hi] = countInterval(r.found, pred(r.x), { below, above });
  return r.truth >= lo && r.truth <= hi;
}).length;
console.log(
  `count interval: ${below.toFixed(3)} expected errors below, ${above.toFixed(3)} above; holds the true count on ${inside} of ${intervalRows.length} ${realDir ? 'real ' : ''}fitting images (${((100 * inside) / Math.max(1, intervalRows.length)).toFixed(0)} %, rounded outwards)`,
);
if (argv.includes('--save')) {
  const file = fileURLToPath(
    new URL('../packages/core/src/hair-analysis/confidence-model.ts', import.meta.url),
  );
  const fittedOn = `${realDir ? `${rows.filter((r) => r.real).length} real train-split images (FDU, 70×) and ` : ''}${rows.filter((r) => !r.real).length} synthetic images (seeds 4000–${4000 + nSynthetic - 1}, varied scalp)`;
  writeFileSync(
    file,
    `/**\n * Written by \`npm run fit:confidence -- --real DIR --save\` (bench/fit-confidence.ts); do not edit by hand.\n * Coefficients over confidenceFeatures(): [1, unexplainedShare, shortShare, inferredShare, overlayTouch, 1/hairs].\n */\nexport const CONFIDENCE_MODEL = {\n  fittedOn: '${fittedOn.replaceAll("'", "\\'")}',\n  floor: ${floor},\n  coefficients: [${coef.map((c) => +c.toPrecision(5)).join(', ')}],\n  interval: { below: ${+below.toPrecision(4)}, above: ${+above.toPrecision(4)} },\n};\n`,
  );
  console.log(`saved ${file}`);
}
