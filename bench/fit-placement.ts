/**
 * Fits the hair placement model (packages/core/src/hair-analysis/placement-model.ts): for every
 * candidate point of placement.ts (a counted strand's root, points 130 and 260 µm along it, its other
 * end, the ends of strands not counted, the root-point detector's peaks), whether a marked root (premium, single, undersize) lies
 * within 110 µm. A small MLP (features → 16 tanh → sigmoid), full-batch Adam, seeded; `--members N`
 * (default 2, decision 078) such networks from different seeds, every second one on a soft label
 * (SOFT_UM), their log-odds averaged.
 * Then the context correction (PlacementContext in placement.ts): the placement is replayed on the
 * train images and, at every step, each candidate with a hair within 220 µm or on its strand is a
 * row (its context features, its score's log-odds as offset) labelled by whether a marked root not
 * yet taken by the hairs placed (greedy matching, as the bench scores) lies within 110 µm; a
 * logistic fit (Newton, ridge 1) over those rows, replayed with the new weights and refitted,
 * CONTEXT_ROUNDS times, rows pooled (the first replay damps the odds near each hair by 0.1, as the
 * placement before the context did).
 *
 * Reads rows written by `bench/dump-real-strands.ts` from the TRAIN split (keep that file outside
 * the repository: it carries the dataset's annotations). Both parts are first fitted on the
 * even-numbered images and the root F1 printed on the odd-numbered ones (against the greedy
 * placement with damping 0.1 that came before the context); then both are refitted on all train
 * images.
 *
 * With the detector's seeds in the dump (`points`), the candidates are recomputed here with the
 * present root-point model (root-point-model.ts): refit the placement after refitting that model.
 *
 *   npx tsx bench/fit-placement.ts --rows /tmp/train.jsonl [--hidden 16] [--iterations 800] [--check /tmp/val.jsonl] [--save]
 *   npx tsx bench/fit-placement.ts --rows /tmp/train.jsonl --point-threshold 0.4 --half-only   (a trial)
 *   npx tsx bench/fit-placement.ts --rows /tmp/train.jsonl --half-only --half-out /tmp/half.json   (keeps the even-half model)
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StrandInfo } from '../packages/core/src/hair-analysis/analyze-hair';
import {
  type Candidate,
  type CandidateType,
  CONTEXT_FEATURES,
  candidateScore,
  PLACEMENT_RADIUS_UM,
  PlacementContext,
  type PlacementModel,
  placeHairs,
  placeHairsInContext,
  placementCandidates,
  REFINE_RADIUS_UM,
  type RootCandidatePoint,
  refinePlacement,
} from '../packages/core/src/hair-analysis/placement';
import { ROOT_POINT_MODEL } from '../packages/core/src/hair-analysis/root-point-model';
import {
  ROOT_POINT_FEATURE_NAMES,
  type RootPointModel,
  rootPointScore,
  SEEDS_NEAR_CAP,
  SEEDS_NEAR_UM,
  scorePeaks,
} from '../packages/core/src/hair-analysis/root-points';
import { Rng } from '../packages/core/src/hair-analysis/synthetic';
import type { HairAnalysisResult } from '../packages/core/src/hair-analysis/types';
import { arg } from './args';
import { solve } from './linear-solve';
import {
  type AnnotatedHair,
  type AnnotatedImage,
  matchRoots,
  SHAFT_CLASSES,
  scoreImage,
} from './real-images';

const argv = process.argv;

interface Row {
  id: string;
  umPerPx: number;
  width: number;
  height: number;
  marked: AnnotatedHair[];
  strands: StrandInfo[];
  paths: number[][];
  candidates?: [number, number, number, CandidateType, number[]][];
  /** The root-point detector's seeds: x, y (image px), score, features (root-points.ts). */
  points?: number[][];
}
interface Prepared {
  row: Row;
  candidates: Candidate[];
  labels: number[];
  /** Soft labels: 1 with a marked root within SOFT_UM, falling linearly to 0 at 110 µm. */
  soft: number[];
  count: number;
}
/**
 * `--root-model FILE`: a trial root-point model (JSON, as `bench/fit-root-points.ts --half-out`
 * writes one fitted on the even-numbered images), used in place of root-point-model.ts; not saved.
 */
const rootModelFile = arg('root-model');
const ROOT_MODEL: RootPointModel = rootModelFile
  ? (JSON.parse(readFileSync(rootModelFile, 'utf8')) as RootPointModel)
  : ROOT_POINT_MODEL;
if (argv.includes('--save') && rootModelFile) throw new Error('--root-model is for trials');
/** Peak threshold of the root-point model; `--point-threshold` tries another (not saved). */
const POINT_THRESHOLD = Number(arg('point-threshold') ?? ROOT_MODEL.threshold);
if (argv.includes('--save') && POINT_THRESHOLD !== ROOT_POINT_MODEL.threshold)
  throw new Error('--point-threshold is for trials: save with the root-point model’s own threshold');

/**
 * Every second scorer of the ensemble (MEMBERS) learns a soft label: 1 with a marked root within
 * this many µm, falling linearly to 0 at 110 µm, which pulls its ranking of two candidates that see
 * one root towards the nearer (decision 078).
 */
const SOFT_UM = 55;

const SEEDS_NEAR = ROOT_POINT_FEATURE_NAMES.indexOf('seedsNear');
/** The root-point model's peaks among the dumped seeds (x, y, old score, features...). */
function peaksOf(points: number[][], umPerPx: number): RootCandidatePoint[] {
  const xy = points.flatMap((p) => [p[0]!, p[1]!]);
  // The engine caps the distance to a strand's centre line at 150 µm (dumps before it, at 300).
  const at = 3 + ROOT_POINT_FEATURE_NAMES.indexOf('toStrand');
  // Other seeds within SEEDS_NEAR_UM, as the engine counts them (dumps before 074 capped it at 12).
  const near = SEEDS_NEAR_UM / umPerPx;
  const crowd = points.map((p, i) => {
    let c = 0;
    for (let j = 0; j < points.length; j++)
      if (j !== i && Math.hypot(points[j]![0]! - p[0]!, points[j]![1]! - p[1]!) <= near) c++;
    return Math.min(SEEDS_NEAR_CAP, c);
  });
  const scores = points.map((p, i) => {
    const f = p.slice(3);
    f[at - 3] = Math.min(1.5, p[at]!);
    if (SEEDS_NEAR < f.length) f[SEEDS_NEAR] = crowd[i]!;
    return Math.fround(rootPointScore(f, ROOT_MODEL));
  });
  const radius = ROOT_MODEL.peakUm / umPerPx;
  return scorePeaks(xy, scores, POINT_THRESHOLD, radius).map((i) => ({
    x: xy[2 * i]!,
    y: xy[2 * i + 1]!,
    score: scores[i]!,
  }));
}

const read = (file: string): Prepared[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter((l) => l.endsWith('}'))
    .map((l) => {
      const row = JSON.parse(l) as Row;
      // With the detector's seeds in the dump, the candidates are recomputed from the strands and
      // the peaks of the seeds rescored by the present root-point model (root-point-model.ts), as
      // the engine does; else the engine's own candidates and features when the dump has them.
      const candidates: Candidate[] = row.points
        ? placementCandidates(
            row.strands.map((s, k) => ({ ...s, path: row.paths[k]! })),
            row.umPerPx,
            row.width,
            row.height,
            peaksOf(row.points, row.umPerPx),
          )
        : row.candidates
          ? row.candidates.map(([strand, x, y, type, features]) => ({ strand, x, y, type, features }))
          : placementCandidates(
              row.strands.map((s, k) => ({ ...s, path: row.paths[k]! })),
              row.umPerPx,
              row.width,
              row.height,
            );
      const roots = row.marked.filter((h) => SHAFT_CLASSES.includes(h.cls)).map((h) => h.root);
      const r = PLACEMENT_RADIUS_UM / row.umPerPx;
      const labels = candidates.map((c) =>
        roots.some((q) => Math.hypot(c.x - q.x, c.y - q.y) <= r) ? 1 : 0,
      );
      const soft = candidates.map((c) => {
        const d = Math.min(...roots.map((q) => Math.hypot(c.x - q.x, c.y - q.y) * row.umPerPx));
        return d <= SOFT_UM
          ? 1
          : d >= PLACEMENT_RADIUS_UM
            ? 0
            : (PLACEMENT_RADIUS_UM - d) / (PLACEMENT_RADIUS_UM - SOFT_UM);
      });
      return { row, candidates, labels, soft, count: row.strands.reduce((a, s) => a + s.hairs, 0) };
    });

const HIDDEN = Number(arg('hidden') ?? 16);
const ITERATIONS = Number(arg('iterations') ?? 800);
type Scorer = Omit<PlacementModel, 'context'>;
/**
 * Scorers fitted from different random starts (every second one on the soft label), their log-odds
 * averaged (PlacementModel.also, decision 078); `--members 1` fits one, as before 078.
 */
const MEMBERS = Number(arg('members') ?? 2);
function fitScorer(set: Prepared[]): Scorer {
  const [first, ...also] = Array.from({ length: MEMBERS }, (_, k) =>
    fitModel(set, 20261207 + k, k % 2 === 1),
  );
  return also.length ? { ...first!, also } : first!;
}
function fitModel(set: Prepared[], seed: number, soft = false, iterations = ITERATIONS): Scorer {
  const x = set.flatMap((p) => p.candidates.map((c) => c.features));
  const y = set.flatMap((p) => (soft ? p.soft : p.labels));
  const n = x.length;
  const k = x[0]!.length;
  const mean = new Array<number>(k).fill(0);
  const scale = new Array<number>(k).fill(0);
  for (const f of x) for (let i = 0; i < k; i++) mean[i]! += f[i]! / n;
  for (const f of x) for (let i = 0; i < k; i++) scale[i]! += (f[i]! - mean[i]!) ** 2 / n;
  for (let i = 0; i < k; i++) scale[i] = Math.sqrt(scale[i]!) + 1e-9;
  const z = new Float64Array(n * k);
  x.forEach((f, r) => {
    for (let i = 0; i < k; i++) z[r * k + i] = (f[i]! - mean[i]!) / scale[i]!;
  });
  const rng = new Rng(seed);
  // Parameters in one vector: w1 stored unit-major (H×k, transposed on output), b1 (H), w2 (H), b2.
  const np = k * HIDDEN + 2 * HIDDEN + 1;
  const p = new Float64Array(np);
  for (let i = 0; i < k; i++) for (let j = 0; j < HIDDEN; j++) p[j * k + i] = rng.normal(0, 0.3);
  for (let i = 0; i < HIDDEN; i++) p[k * HIDDEN + HIDDEN + i] = rng.normal(0, 0.3);
  const g = new Float64Array(np);
  const m1 = new Float64Array(np);
  const m2 = new Float64Array(np);
  const a = new Float64Array(HIDDEN);
  const lr = 0.05;
  const b1 = k * HIDDEN;
  const w2 = b1 + HIDDEN;
  for (let it = 1; it <= iterations; it++) {
    g.fill(0);
    for (let r = 0; r < n; r++) {
      const o = r * k;
      let out = p[np - 1]!;
      for (let j = 0; j < HIDDEN; j++) {
        let s = p[b1 + j]!;
        const wj = j * k;
        for (let i = 0; i < k; i++) s += z[o + i]! * p[wj + i]!;
        a[j] = Math.tanh(s);
        out += a[j]! * p[w2 + j]!;
      }
      const d = (1 / (1 + Math.exp(-out)) - y[r]!) / n;
      g[np - 1]! += d;
      for (let j = 0; j < HIDDEN; j++) {
        g[w2 + j]! += d * a[j]!;
        const da = d * p[w2 + j]! * (1 - a[j]! * a[j]!);
        g[b1 + j]! += da;
        const wj = j * k;
        for (let i = 0; i < k; i++) g[wj + i]! += da * z[o + i]!;
      }
    }
    for (let i = 0; i < np; i++) {
      m1[i] = 0.9 * m1[i]! + 0.1 * g[i]!;
      m2[i] = 0.999 * m2[i]! + 0.001 * g[i]! * g[i]!;
      p[i]! -= (lr * (m1[i]! / (1 - 0.9 ** it))) / (Math.sqrt(m2[i]! / (1 - 0.999 ** it)) + 1e-8);
    }
    if (it % 100 === 0) process.stdout.write(`  iteration ${it}/${iterations}\r`);
  }
  const w1 = new Array<number>(k * HIDDEN);
  for (let i = 0; i < k; i++) for (let j = 0; j < HIDDEN; j++) w1[i * HIDDEN + j] = p[j * k + i]!;
  const round = (v: number) => +v.toPrecision(5);
  return {
    mean: mean.map(round),
    scale: scale.map(round),
    w1: w1.map(round),
    b1: [...p.subarray(k * HIDDEN, k * HIDDEN + HIDDEN)].map(round),
    w2: [...p.subarray(k * HIDDEN + HIDDEN, np - 1)].map(round),
    b2: round(p[np - 1]!),
  };
}

const CONTEXT_ROUNDS = 3;
const rootsOf = (row: Row) => row.marked.filter((h) => SHAFT_CLASSES.includes(h.cls)).map((h) => h.root);

/**
 * Replays the placement of one image with context weights `w` (all 0: the scores alone) and adds,
 * at every step, a row for each candidate whose context is not empty.
 */
function contextRows(
  p: Prepared,
  scores: readonly number[],
  w: readonly number[],
  rows: { x: number[]; offset: number; y: number }[],
): void {
  const { row, candidates, count } = p;
  if (!candidates.length) return;
  const r = PLACEMENT_RADIUS_UM / row.umPerPx;
  const roots = rootsOf(row);
  const context = new PlacementContext(candidates, scores, r);
  const scratch = new Array<number>(CONTEXT_FEATURES).fill(0);
  const chosen: number[] = [];
  for (let n = 0; n < count; n++) {
    const taken = matchRoots(
      chosen.map((i) => candidates[i]!),
      roots,
      r,
    ).usedT;
    let best = 0;
    let bestZ = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < candidates.length; c++) {
      const z = context.logit(c, w, scratch);
      if (z > bestZ) {
        bestZ = z;
        best = c;
      }
      if (!context.features(c, scratch)) continue;
      const k = candidates[c]!;
      const y = roots.some((q, j) => !taken.has(j) && Math.hypot(q.x - k.x, q.y - k.y) <= r) ? 1 : 0;
      rows.push({ x: [...scratch], offset: context.logits[c]!, y });
    }
    chosen.push(best);
    context.place(best);
  }
}

/** Ridge logistic regression with a fixed offset per row (Newton steps, at most 1 per weight). */
function fitLogistic(rows: { x: number[]; offset: number; y: number }[], ridge = 1): number[] {
  const K = CONTEXT_FEATURES;
  let w = new Array<number>(K).fill(0);
  for (let it = 0; it < 40; it++) {
    const g = new Array<number>(K).fill(0);
    const h = Array.from({ length: K }, () => new Array<number>(K).fill(0));
    for (const { x, offset, y } of rows) {
      let z = offset;
      for (let j = 0; j < K; j++) z += w[j]! * x[j]!;
      const q = 1 / (1 + Math.exp(-z));
      const v = q * (1 - q);
      for (let j = 0; j < K; j++) {
        if (x[j] === 0) continue;
        g[j]! += (q - y) * x[j]!;
        for (let k = 0; k < K; k++) h[j]![k]! += v * x[j]! * x[k]!;
      }
    }
    for (let j = 0; j < K; j++) {
      g[j]! += ridge * w[j]!;
      h[j]![j]! += ridge;
    }
    const step = solve(h, g);
    // Nearly separable rows (a candidate already holding a hair) make full Newton steps overshoot.
    const big = Math.max(1, ...step.map(Math.abs));
    w = w.map((v, j) => v - step[j]! / big);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  return w;
}

function fitContext(set: Prepared[], scorer: Scorer): number[] {
  const scores = set.map((p) =>
    p.candidates.map((c) => candidateScore(c.features, { ...scorer, context: [] })),
  );
  // The first replay as the placement before the context: a hair within 110 µm multiplies the odds
  // by 0.1 (the old damping, on scores that are mostly small).
  let w = new Array<number>(CONTEXT_FEATURES).fill(0);
  w[0] = Math.log(0.1);
  const rows: { x: number[]; offset: number; y: number }[] = [];
  for (let round = 0; round < CONTEXT_ROUNDS; round++) {
    set.forEach((p, i) => {
      contextRows(p, scores[i]!, w, rows);
    });
    w = fitLogistic(rows);
    console.log(`  context round ${round + 1}/${CONTEXT_ROUNDS}: ${rows.length} rows`);
  }
  return w.map((v) => +v.toPrecision(5));
}

/**
 * Root precision / recall / F1 of the count model's roots (`how` null), of the greedy placement
 * with damping 0.1 (the engine before the context), or of the placement in context.
 */
function f1(
  set: Prepared[],
  model: PlacementModel,
  how: 'roots' | 'damping' | 'context' | 'refined',
): string {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { row, candidates, count } of set) {
    let hairs: { x: number; y: number }[];
    const radius = PLACEMENT_RADIUS_UM / row.umPerPx;
    const scores = candidates.map((c) => candidateScore(c.features, model));
    if (how === 'context' || how === 'refined') {
      const chosen = placeHairsInContext(candidates, scores, count, radius, model.context);
      hairs =
        how === 'refined'
          ? refinePlacement(candidates, scores, chosen, REFINE_RADIUS_UM / row.umPerPx)
          : chosen.map((i) => candidates[i]!);
    } else if (how === 'damping') {
      hairs = placeHairs(candidates, scores, count, radius, 0.1).map((i) => candidates[i]!);
    } else {
      hairs = row.strands.flatMap((s) => (s.root ? new Array(s.hairs).fill(s.root) : []));
    }
    const img = { hairs: row.marked } as AnnotatedImage;
    const m = scoreImage(img, { hairs } as HairAnalysisResult, radius);
    tp += m.tp;
    fp += m.fp;
    fn += m.fn;
  }
  const p = tp / Math.max(1, tp + fp);
  const r = tp / Math.max(1, tp + fn);
  return `precision ${p.toFixed(3)}, recall ${r.toFixed(3)}, F1 ${((2 * p * r) / Math.max(1e-9, p + r)).toFixed(3)}`;
}

const train = read(arg('rows')!);
const even = train.filter((_, i) => i % 2 === 0);
const odd = train.filter((_, i) => i % 2 === 1);
const halfScorer = fitScorer(even);
const half: PlacementModel = { ...halfScorer, context: fitContext(even, halfScorer) };
console.log(`odd train images, count model's roots: ${f1(odd, half, 'roots')}`);
console.log(`odd train images, fitted on even, greedy with damping 0.1: ${f1(odd, half, 'damping')}`);
console.log(`odd train images, fitted on even, placement in context: ${f1(odd, half, 'context')}`);
console.log(`odd train images, fitted on even, in context and refined: ${f1(odd, half, 'refined')}`);
// `--half-out FILE`: the even-half model as JSON (outside the repository), for trials on the odd half.
const halfOut = arg('half-out');
if (halfOut) writeFileSync(halfOut, JSON.stringify(half));
// `--half-only`: a trial that stops at the odd-half figures.
if (argv.includes('--half-only')) process.exit(0);
const scorer = fitScorer(train);
const model: PlacementModel = { ...scorer, context: fitContext(train, scorer) };
console.log(
  `all train images: roots ${f1(train, model, 'roots')}; damping 0.1 ${f1(train, model, 'damping')}; in context ${f1(train, model, 'context')}; refined ${f1(train, model, 'refined')}`,
);
const check = arg('check');
if (check) {
  const set = read(check);
  console.log(
    `check: roots ${f1(set, model, 'roots')}; placement ${f1(set, model, 'context')}; refined ${f1(set, model, 'refined')}`,
  );
}
if (argv.includes('--save')) {
  const file = fileURLToPath(
    new URL('../packages/core/src/hair-analysis/placement-model.ts', import.meta.url),
  );
  const candidates = train.reduce((a, p) => a + p.candidates.length, 0);
  writeFileSync(
    file,
    `/**\n * Written by \`npx tsx bench/fit-placement.ts --rows FILE --save\`; do not edit by hand.\n * MLP over placementCandidates() features (placement.ts): standardise, ${HIDDEN} tanh units, sigmoid;\n * ${MEMBERS} such networks (\`also\`: the others), log-odds averaged.\n */\nimport type { PlacementModel } from './placement';\n\nexport const PLACEMENT_FITTED_ON = ${JSON.stringify(`${candidates} candidates of ${train.length} real train-split images (FDU, 70×); context fitted by replaying the placement`)};\n\nexport const PLACEMENT_MODEL: PlacementModel = ${JSON.stringify(model)};\n`,
  );
  console.log(`saved ${file}`);
}
