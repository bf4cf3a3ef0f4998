/**
 * Fits the hair analysis count model (packages/core/src/hair-analysis/count-model.ts): per image,
 * the engine's count-model features summed over its strands, against the true hair count; the
 * coefficients minimise the mean relative count error (iteratively reweighted least squares).
 * Prints the coefficients to paste into COUNT_MODEL, a 5-fold cross-validated error, and how the
 * engine's current model does on the same images.
 *
 * Usage: npm run fit:count-model -- [--from 2000] [--count 400] [--jobs 2] [--scalp varied|mix|usual|…]
 *        [--save rows.json]  (per image: what the count model read — strands, field, root-point peaks —
 *        and the true count; write it OUTSIDE the repository for real images)
 *        [--rows rows.json]  (fit on saved rows instead of analysing images: the features are
 *        recomputed from what was read by count-model.ts as it is now, so a new term or a refit
 *        takes seconds; rows saved before decision 079 keep their saved feature sums)
 *        [--hold name=value,…]  (hold more terms, not fitted)
 * Every run also analyses the engine tests' drawn cases that a count refit can break and prints
 * the refitted count of each against the test's limit ("check ok" / "check FAIL").
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
  type CountFieldSource,
  countFieldInput,
  featureSums,
  type StrandCountInput,
  strandFeatures,
} from '../packages/core/src/hair-analysis/count-model';
import { generateTrichoscopyImage } from '../packages/core/src/hair-analysis/synthetic';
import { paint, shaft, skinCanvas } from '../packages/core/src/hair-analysis/test-canvas';
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
  /** What the count model read (the engine's `countInputs`): a refit from saved rows recomputes the features from these. */
  inputs?: { strands: StrandCountInput[]; source: CountFieldSource };
  /**
   * A drawn case of the engine's tests (never fitted on): the refit's count for it is printed
   * against the test's limit, `tolerance` as a share of `truth`.
   */
  check?: { name: string; tolerance: number };
}

/** The saved form of the engine's count inputs (typed arrays as plain ones). */
function savedInputs(c: ReturnType<typeof analyzeHairDetailed>['countInputs']): Row['inputs'] {
  const { peaks, roots, ...field } = c.source;
  return {
    strands: c.strands,
    source: {
      ...field,
      peaks: { xy: Array.from(peaks.xy), scores: Array.from(peaks.scores) },
      roots: Array.from(roots),
    },
  };
}

/** Child mode: analyses seeds [from, from + count) and prints one JSON row per image. */
function emitRows(): void {
  for (let seed = from; seed < from + count; seed++) {
    const img = generateTrichoscopyImage({ seed, ...scalpConditions(scalp)(seed) });
    const { result, countFeatures, countInputs } = analyzeHairDetailed(img);
    const row: Row = {
      seed,
      id: `${scalp}-${seed}`,
      truth: img.truth.hairCount,
      found: result.hairCount,
      features: [...countFeatures],
      inputs: savedInputs(countInputs),
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
// --hold name=value,…: hold more terms (e.g. one whose fitted value breaks a drawn case).
for (const pair of (process.argv[process.argv.indexOf('--hold') + 1] ?? '').split(',')) {
  if (!process.argv.includes('--hold') || !pair) break;
  const [name, value] = pair.split('=');
  if (!COUNT_FEATURES.includes(name as CountFeature) || !Number.isFinite(Number(value)))
    throw new Error(`--hold: ${pair} is not feature=number`);
  FIXED[name as CountFeature] = Number(value);
}

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
    const { result, countFeatures, countInputs } = analyzeHairDetailed({
      ...d,
      umPerPx: img.umPerPx ?? FDU_UM_PER_PX,
    });
    rows.push({
      seed: -(i + 1),
      id: img.id,
      truth: img.hairs.filter((h) => SHAFT_CLASSES.includes(h.cls)).length,
      found: result.hairCount,
      features: [...countFeatures],
      inputs: savedInputs(countInputs),
    });
  }
  return rows;
}

/**
 * The engine tests' drawn cases that a count refit can break (analyze-hair.test.ts, count-model.test.ts),
 * analysed once with the rows so that a refit from saved rows is checked against them at once.
 */
function checkRows(): Row[] {
  const rows: Row[] = [];
  const add = (
    name: string,
    tolerance: number,
    truth: number,
    img: Parameters<typeof analyzeHairDetailed>[0],
  ) => {
    const { result, countFeatures, countInputs } = analyzeHairDetailed(img);
    rows.push({
      seed: 0,
      id: `check-${name}`,
      truth,
      found: result.hairCount,
      features: [...countFeatures],
      inputs: savedInputs(countInputs),
      check: { name, tolerance },
    });
  };
  const single = [1, 0, 0, 0] as const;
  const seven = generateTrichoscopyImage({
    width: 800,
    height: 600,
    umPerPx: 10,
    densityPerCm2: 100,
    seed: 7,
    unitSizeWeights: single,
  });
  add('single-hair field, seed 7 (800×600)', 0.25, seven.truth.hairCount, seven);
  for (const [label, unitSizeWeights, tolerance] of [
    ['usual mix', undefined, 0.2],
    ['single hairs', single, 0.25],
    ['multi-hair units', [0.15, 0.45, 0.32, 0.08] as const, 0.5],
  ] as const) {
    const img = generateTrichoscopyImage({ seed: 12, unitSizeWeights });
    add(`seed 12, ${label}`, tolerance, img.truth.hairCount, img);
  }
  const drawn = (draw: (c: ReturnType<typeof skinCanvas>) => void) => {
    const c = skinCanvas(900, 600, 3);
    draw(c);
    return { ...c, pixels: new Uint8Array(c.pixels.buffer), umPerPx: 2.77 };
  };
  add(
    'thick shaft with a bright central reflex',
    0,
    1,
    drawn((c) => {
      paint(c, [45, 35, 30], shaft(150, 150, 750, 420, 36));
      paint(c, [240, 240, 230], shaft(162, 155, 738, 415, 8));
    }),
  );
  const n = [-270 / Math.hypot(600, 270), 600 / Math.hypot(600, 270)];
  add(
    'two shafts a skin gap apart',
    0,
    2,
    drawn((c) => {
      for (const side of [-1, 1]) {
        const o = side * 14;
        paint(c, [45, 35, 30], shaft(150 + o * n[0]!, 150 + o * n[1]!, 750 + o * n[0]!, 420 + o * n[1]!, 20));
      }
    }),
  );
  // count-model.test.ts: a lone free-rooted hair in an ordinary field is one hair.
  rows.push({
    seed: 0,
    id: 'check-lone',
    truth: 1,
    found: 1,
    features: [],
    inputs: {
      strands: [
        {
          counted: true,
          root: 'free',
          lengthPx: 100,
          diameterUm: 70,
          level: 1,
          attachedEnds: 0,
          crossesBorder: false,
          probability: 1,
        },
      ],
      source: { umPerWorkingPx: 8, areaMm2: 60, coverage: 0.03, peaks: { xy: [], scores: [] }, roots: [] },
    },
    check: { name: 'a lone free-rooted hair', tolerance: 0 },
  });
  return rows;
}

/** Per-strand rows of an image under the current feature definitions (count-model.ts). */
function strandRows(r: Row): Float64Array | null {
  return r.inputs ? strandFeatures(r.inputs.strands, countFieldInput(r.inputs.source)) : null;
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) return emitRows();
  const load = process.argv.indexOf('--rows');
  console.log(
    load >= 0
      ? `Fitting the count model on the rows saved in ${process.argv[load + 1]}…`
      : `Fitting the count model on seeds ${from}–${from + count - 1}, ${scalp} scalp conditions (${jobs} processes)…`,
  );
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
  if (load < 0) all.push(...checkRows());
  const save = process.argv.indexOf('--save');
  if (save >= 0) writeFileSync(process.argv[save + 1]!, JSON.stringify(all));
  // Saved rows carry what the model read: their features follow count-model.ts as it is now.
  for (const r of all) {
    const strands = strandRows(r);
    if (strands) r.features = [...featureSums(strands)];
  }
  const checks = all.filter((r) => r.check);
  const rows = all.filter((r) => r.truth > 0 && !r.check).sort((a, b) => Math.abs(a.seed) - Math.abs(b.seed));
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
  // The drawn cases under the refitted coefficients: the weight of each strand as the engine
  // would give it, never below 0, and the rounded total.
  const full = COUNT_FEATURES.map((name) => value(name));
  for (const r of checks) {
    const strandsRows = strandRows(r)!;
    const k = COUNT_FEATURES.length;
    let total = 0;
    for (let i = 0; i < strandsRows.length / k; i++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += strandsRows[i * k + j]! * full[j]!;
      total += Math.max(0, sum);
    }
    const n = Math.round(total);
    const ok = Math.abs(n - r.truth) <= r.check!.tolerance * r.truth;
    console.log(
      `  check ${ok ? 'ok  ' : 'FAIL'} ${r.check!.name}: ${n} (${total.toFixed(2)}) for ${r.truth}, limit ±${Math.round(100 * r.check!.tolerance)} %, engine now ${r.found}`,
    );
  }
  console.log('\ncoefficients: {');
  for (const name of COUNT_FEATURES) {
    const held = FIXED[name] === undefined ? '' : ' // held, not fitted';
    console.log(`  ${name}: ${value(name).toFixed(3)},${held}`);
  }
  console.log('}');
}

await main();
