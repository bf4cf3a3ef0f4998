/**
 * Fits the hair analysis count model (packages/core/src/hair-analysis/count-model.ts): per image,
 * the engine's count-model features summed over its strands, against the true hair count; the
 * coefficients minimise the mean relative count error (iteratively reweighted least squares).
 * Prints the coefficients to paste into COUNT_MODEL, a 5-fold cross-validated error, and how the
 * engine's current model does on the same images.
 *
 * Usage: npm run fit:count-model -- [--from 2000] [--count 400] [--jobs 2] [--scalp varied|mix|usual|…]
 *        [--save rows.json]  (the per-image features and true counts, for exploring other fits)
 *        [--rows rows.json]  (fit on saved rows instead of analysing images)
 *        [--real DIR [--real-count 300]]  (add real images with hairs marked by people: the train
 *        split of a VOC folder of root→tip vectors — the FDU dataset's data/ or an
 *        `anagen export-verified` folder; their rows have negative seeds)
 *        [--usual-from 2200 --usual-count 100]  (add synthetic images under the generator's usual
 *        scalp conditions; with --balance, the varied and the usual ones weigh the same in total)
 *        [--synthetic-share 1]  (with --balance: the synthetic images' total weight over the real ones')
 * Cross-validation folds are grouped by patient (FDU ids `<date>_<patient>_<site>`: sites of one
 * scalp stay in one fold); each synthetic image is its own group.
 * The default seeds 2000–2399 (and 2200–2299 for --usual-from) are disjoint from the tuning (1–12,
 * 100–139), validation (200–239) and benchmark (1000–1099) seeds. With hand-counted clinic images, fit on those instead.
 */

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeHairDetailed } from '../packages/core/src/hair-analysis';
import {
  COUNT_FEATURES,
  COUNT_MODEL,
  type CountFeature,
} from '../packages/core/src/hair-analysis/count-model';
import { generateTrichoscopyImage } from '../packages/core/src/hair-analysis/synthetic';
import { numberArg as arg } from './args';
import { solve } from './linear-solve';
import { decodeImage, FDU_UM_PER_PX, readSplit, SHAFT_CLASSES, splitList } from './real-images';
import { scalpConditions, scalpOption } from './scalp-conditions';

const from = arg('from', 2000);
const count = arg('count', 400);
const jobs = Math.max(1, arg('jobs', 2));
/** Scalp conditions by name (scalp-conditions.ts); `varied` (default) draws unit mix and hair lengths per image. */
const scalp = scalpOption('varied');

interface Row {
  seed: number;
  /** Real images: the FDU id (patient grouping); synthetic: `<scalp>-<seed>`. */
  id?: string;
  /** Relative weight in the fit (--balance). */
  weight?: number;
  truth: number;
  found: number;
  features: number[];
}

/** Child mode: analyses seeds [from, from + count) and prints one JSON row per image. */
function emitRows(): void {
  for (let seed = from; seed < from + count; seed++) {
    const img = generateTrichoscopyImage({ seed, ...scalpConditions(scalp)(seed) });
    const { result, countFeatures } = analyzeHairDetailed(img);
    const row: Row = {
      seed,
      id: `${scalp}-${seed}`,
      truth: img.truth.hairCount,
      found: result.hairCount,
      features: [...countFeatures],
    };
    process.stdout.write(`ROW ${JSON.stringify(row)}\n`);
  }
}

async function collect(from: number, count: number, scalp: string): Promise<Row[]> {
  const per = Math.ceil(count / jobs);
  const parts = await Promise.all(
    Array.from({ length: jobs }, (_, j) => {
      const start = from + j * per;
      const n = Math.min(per, from + count - start);
      if (n <= 0) return Promise.resolve<Row[]>([]);
      return new Promise<Row[]>((resolve, reject) => {
        const child = spawn(process.execPath, [
          ...process.execArgv,
          fileURLToPath(import.meta.url),
          '--child',
          '--from',
          String(start),
          '--count',
          String(n),
          '--scalp',
          scalp,
        ]);
        child.stderr.pipe(process.stderr);
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.on('error', reject);
        child.on('close', (code) => {
          if (code !== 0) return reject(new Error(`fitting child exited with ${code}`));
          resolve(
            out
              .split('\n')
              .filter((l) => l.startsWith('ROW '))
              .map((l) => JSON.parse(l.slice(4)) as Row),
          );
        });
      });
    }),
  );
  return parts.flat();
}

/**
 * Coefficients minimising Σ |x·c + offset − t| / t over images: least squares reweighted by the
 * inverse of each image's current error (floored at 1 %), which converges to the least absolute
 * relative error.
 */
export function fitRelativeL1(
  x: number[][],
  t: number[],
  offset: number[],
  iterations = 40,
  rowWeights: number[] = t.map(() => 1),
): number[] {
  const k = x[0]!.length;
  let coef: number[] = new Array(k).fill(0);
  let weights = t.map((v, i) => rowWeights[i]! / (v * v));
  for (let it = 0; it <= iterations; it++) {
    const ata = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const atb = new Array<number>(k).fill(0);
    x.forEach((row, i) => {
      const w = weights[i]!;
      for (let a = 0; a < k; a++) {
        atb[a]! += w * row[a]! * (t[i]! - offset[i]!);
        for (let b = 0; b < k; b++) ata[a]![b]! += w * row[a]! * row[b]!;
      }
    });
    for (let a = 0; a < k; a++) ata[a]![a]! += 1e-8;
    coef = solve(ata, atb);
    weights = x.map((row, i) => {
      const err = Math.abs(predict(row, coef) + offset[i]! - t[i]!) / t[i]!;
      return rowWeights[i]! / Math.max(err, 0.01) / (t[i]! * t[i]!);
    });
  }
  return coef;
}

const predict = (row: number[], coef: number[]) => row.reduce((s, v, j) => s + v * coef[j]!, 0);
const mape = (pred: number[], t: number[]) =>
  (100 * pred.reduce((s, p, i) => s + Math.abs(p - t[i]!) / t[i]!, 0)) / t.length;

/**
 * Coefficients held, not fitted: a root in the border band is already counted with the share of
 * border strands expected to be rooted there (emergence.ts), so it stands for one hair. (Fitted
 * freely, its weight came out negative on one draw of images and near 1 on another: a few strands
 * per image say too little to estimate it.) `short` (under half the median strand) is held at 0
 * from 0.6.0: the graded `piece` term carries short strands, and beside a piece term this one's sign
 * flipped between fits.
 */
const FIXED: Partial<Record<CountFeature, number>> = { rootBorder: 1, short: 0 };

/** Rows from the train split of a real, hand-marked image folder (never val or test). */
async function realRows(dir: string, n: number): Promise<Row[]> {
  if (splitList(dir, 'train').name !== 'train')
    console.log(`  ${dir} has no train list: fitting on all.txt (a clinic's own verified images).`);
  const images = readSplit(dir, 'train');
  const step = Math.max(1, Math.floor(images.length / n));
  const rows: Row[] = [];
  for (let i = 0; i < images.length && rows.length < n; i += step) {
    const img = images[i]!;
    const d = await decodeImage(img.imagePath);
    const { result, countFeatures } = analyzeHairDetailed({ ...d, umPerPx: img.umPerPx ?? FDU_UM_PER_PX });
    rows.push({
      seed: -(i + 1),
      id: img.id,
      truth: img.hairs.filter((h) => SHAFT_CLASSES.includes(h.cls)).length,
      found: result.hairCount,
      features: [...countFeatures],
    });
  }
  return rows;
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) return emitRows();
  console.log(
    `Fitting the count model on seeds ${from}–${from + count - 1}, ${scalp} scalp conditions (${jobs} processes)…`,
  );
  const load = process.argv.indexOf('--rows');
  const usualCount = arg('usual-count', 0);
  const all =
    load >= 0
      ? (JSON.parse(readFileSync(process.argv[load + 1]!, 'utf8')) as Row[])
      : [
          ...(await collect(from, count, scalp)),
          ...(usualCount > 0 ? await collect(arg('usual-from', 2200), usualCount, 'usual') : []),
        ];
  const realAt = process.argv.indexOf('--real');
  if (load < 0 && realAt >= 0)
    all.push(...(await realRows(process.argv[realAt + 1]!, arg('real-count', 300))));
  const rows = all.filter((r) => r.truth > 0).sort((a, b) => Math.abs(a.seed) - Math.abs(b.seed));
  // --balance: real and synthetic images weigh the same in total (times --synthetic-share), and
  // within the synthetic ones each scalp set (varied, usual) the same, so that no kind of image
  // decides the coefficients alone.
  const kindOf = (r: Row) => (r.seed < 0 ? 'real' : (r.id ?? `${scalp}-`).replace(/-\d+$/, ''));
  const balance = process.argv.includes('--balance');
  const kinds = new Map<string, number>();
  for (const r of rows) kinds.set(kindOf(r), (kinds.get(kindOf(r)) ?? 0) + 1);
  const nReal = kinds.get('real') ?? 0;
  const syntheticKinds = [...kinds.keys()].filter((k) => k !== 'real').length;
  const share = arg('synthetic-share', 1);
  for (const r of rows) {
    const kind = kindOf(r);
    r.weight =
      !balance || kind === 'real' || nReal === 0 ? 1 : (share * nReal) / syntheticKinds / kinds.get(kind)!;
  }
  const save = process.argv.indexOf('--save');
  if (save >= 0) writeFileSync(process.argv[save + 1]!, JSON.stringify(rows));
  const fitted = COUNT_FEATURES.map((name, j) => [name, j] as const).filter(
    ([name]) => FIXED[name] === undefined,
  );
  // Rows saved before a feature was added lack its column: 0.
  const x = rows.map((r) => fitted.map(([, j]) => r.features[j] ?? 0));
  const offset = rows.map((r) =>
    COUNT_FEATURES.reduce((s, name, j) => s + (FIXED[name] ?? 0) * (r.features[j] ?? 0), 0),
  );
  const t = rows.map((r) => r.truth);
  const w = rows.map((r) => r.weight ?? 1);
  // Folds by patient: the FDU id is <date>_<patient>_<site>; each synthetic image is its own.
  const group = (r: Row) => (r.seed < 0 && r.id ? r.id.replace(/_[^_]*$/, '') : `s${r.seed}`);
  const groups = [...new Set(rows.map(group))].sort();
  const folds = 5;
  const foldOf = new Map(groups.map((g, i) => [g, i % folds]));
  const fold = rows.map((r) => foldOf.get(group(r))!);
  const cvPred: number[] = new Array(rows.length).fill(0);
  for (let f = 0; f < folds; f++) {
    const train = rows.map((_, i) => i).filter((i) => fold[i] !== f);
    const coef = fitRelativeL1(
      train.map((i) => x[i]!),
      train.map((i) => t[i]!),
      train.map((i) => offset[i]!),
      40,
      train.map((i) => w[i]!),
    );
    rows.forEach((_, i) => {
      if (fold[i] === f) cvPred[i] = Math.round(predict(x[i]!, coef) + offset[i]!);
    });
  }
  const coef = fitRelativeL1(x, t, offset, 40, w);
  const inSample = x.map((r, i) => Math.round(predict(r, coef) + offset[i]!));
  console.log(`images                 ${rows.length}`);
  console.log(
    `engine's current count ${mape(
      rows.map((r) => r.found),
      t,
    ).toFixed(2)} % MAPE (${COUNT_MODEL.fittedOn})`,
  );
  console.log(`refitted, 5-fold CV    ${mape(cvPred, t).toFixed(2)} % MAPE`);
  console.log(`refitted, in sample    ${mape(inSample, t).toFixed(2)} % MAPE`);
  for (const [label, pick] of [
    ...[...kinds.keys()].filter((k) => k !== 'real').map((k) => [k, (r: Row) => kindOf(r) === k] as const),
    ['real', (r: Row) => r.seed < 0] as const,
  ]) {
    const idx = rows.map((r, i) => (pick(r) ? i : -1)).filter((i) => i >= 0);
    if (!idx.length || idx.length === rows.length) continue;
    console.log(
      `  ${label.padEnd(9)} ${String(idx.length).padStart(4)} images: current ${mape(
        idx.map((i) => rows[i]!.found),
        idx.map((i) => t[i]!),
      ).toFixed(2)} %, refitted CV ${mape(
        idx.map((i) => cvPred[i]!),
        idx.map((i) => t[i]!),
      ).toFixed(2)} %`,
    );
  }
  const value = (name: CountFeature) => FIXED[name] ?? coef[fitted.findIndex(([n]) => n === name)]!;
  console.log('\ncoefficients: {');
  for (const name of COUNT_FEATURES) {
    const held = FIXED[name] === undefined ? '' : ' // held, not fitted';
    console.log(`  ${name}: ${value(name).toFixed(3)},${held}`);
  }
  console.log('}');
}

await main();
