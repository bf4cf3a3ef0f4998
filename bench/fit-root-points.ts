/**
 * Fits the root-point scorer (packages/core/src/hair-analysis/root-point-model.ts): for every seed of
 * root-points.ts (the most shaft-like pixel of each ~40 µm cell), whether a marked root (premium,
 * single, undersize) lies within LABEL_UM. A small MLP (features → H tanh → sigmoid), minibatch
 * Adam, seeded; seeds far from every marked root are subsampled (they are most of them).
 *
 * Reads rows written by `bench/dump-real-strands.ts` from the TRAIN split (keep that file outside
 * the repository: it carries the dataset's annotations). The peak threshold is chosen on train too:
 * the model is fitted on the even-numbered images and, on the odd-numbered ones, the threshold is
 * the lowest that keeps at most `--per-hair` peaks per engine hair, unless `--threshold` gives one
 * chosen by the placement's root F1 on the odd half (`bench/fit-placement.ts --point-threshold T
 * --half-only`); then the model is refitted on all train images. Prints, on the odd half, how many
 * of the roots the engine's placement missed lie within 110 µm of a seed and of a kept peak, and
 * the root F1 a perfect scorer would reach over them (the ceiling the new candidates give).
 *
 * Trials (decision 074): `--use N` / `--drop a,b` leave features out, `--neg-share S` keeps another
 * share of the negatives, `--quick` prints only the seed AUC on the odd half, `--half-out FILE`
 * writes the model fitted on the even half for `bench/fit-placement.ts --root-model FILE
 * --half-only` (the placement's root F1 on the odd half, the figure every choice was made by), and
 * `--half-only` stops there.
 *
 *   npx tsx bench/fit-root-points.ts --rows /tmp/train.jsonl [--hidden 32] [--epochs 10] [--label-um 60] [--threshold T] [--save]
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { placeHairs } from '../packages/core/src/hair-analysis/placement';
import {
  ROOT_POINT_FEATURE_NAMES,
  ROOT_POINT_FEATURES,
  type RootPointModel,
  rootPointScore,
  SEEDS_NEAR_CAP,
  SEEDS_NEAR_UM,
  scorePeaks,
} from '../packages/core/src/hair-analysis/root-points';
import { Rng } from '../packages/core/src/hair-analysis/synthetic';
import { arg } from './args';
import { type AnnotatedHair, matchRoots, SHAFT_CLASSES } from './real-images';

const argv = process.argv;

// 32 units and 10 epochs since decision 074 (16 and 6 before; odd-half placement F1 0.753 → 0.757).
const HIDDEN = Number(arg('hidden') ?? 32);
const EPOCHS = Number(arg('epochs') ?? 10);
const LABEL_UM = Number(arg('label-um') ?? 60);
const PEAK_UM = Number(arg('peak-um') ?? 80);
/** Kept peaks per hair the count model counted, at most (sets the threshold). */
const PER_HAIR = Number(arg('per-hair') ?? 1);
const MATCH_UM = 110;
/** Share of the seeds with no marked root within LABEL_UM kept for the fit (weighted back up). */
const NEG_SHARE = Number(arg('neg-share') ?? 1 / 3);
/**
 * Features the scorer reads: every one by default; `--use N` the first N (N = 27: the features of
 * decision 066), `--drop a,b` leaves the named ones out. A feature left out keeps its place in
 * the model with zero weights.
 */
const USE = Number(arg('use') ?? ROOT_POINT_FEATURES);
const DROP = new Set((arg('drop') ?? '').split(',').filter(Boolean));
for (const d of DROP)
  if (!(ROOT_POINT_FEATURE_NAMES as readonly string[]).includes(d)) throw new Error(`no feature ${d}`);
const USED = ROOT_POINT_FEATURE_NAMES.map((name, k) => k < USE && !DROP.has(name));
const TO_STRAND = ROOT_POINT_FEATURE_NAMES.indexOf('toStrand');
const TO_END = ROOT_POINT_FEATURE_NAMES.indexOf('toEnd');
const TO_TIP = ROOT_POINT_FEATURE_NAMES.indexOf('toTip');
/**
 * Hard negatives (decision 083, a study): seeds with no marked root within HARD_CLEAR_UM (the bench's
 * match radius, so a near miss is never pushed down) that stand on a shaft (within HARD_STRAND_UM of
 * a strand's centre line) or near a frame end or tip (HARD_END_UM), or, with `--hard-mined T`, that
 * a first fit scored ≥ T. Every hard negative is kept and weighted HARD_WEIGHT (1 = as many as they
 * are); the rest are subsampled by NEG_SHARE as before.
 */
const HARD_WEIGHT = Number(arg('hard-weight') ?? 0);
const HARD_CLEAR_UM = Number(arg('hard-clear') ?? 110);
const HARD_STRAND_UM = Number(arg('hard-strand-um') ?? -1);
const HARD_END_UM = Number(arg('hard-end-um') ?? -1);
const HARD_MINED = arg('hard-mined') ? Number(arg('hard-mined')) : undefined;
const SEEDS_NEAR = ROOT_POINT_FEATURE_NAMES.indexOf('seedsNear');

interface Image {
  id: string;
  umPerPx: number;
  roots: { x: number; y: number }[];
  /** The engine's hairs (x, y). */
  hairs: { x: number; y: number }[];
  /** The placement's present candidates (image px). */
  candidates: { x: number; y: number }[];
  /** Seeds: x, y (image px). */
  xy: Float64Array;
  features: Float32Array;
  labels: Uint8Array;
  /** 1: a hard negative by the shaft/end rule (or by a first fit's score, set later). */
  hard: Uint8Array;
}

/** Whether a marked root lies within `r` (pixels) of x, y. */
function rootWithin(roots: readonly { x: number; y: number }[], x: number, y: number, r: number): boolean {
  return roots.some((q) => Math.hypot(q.x - x, q.y - y) <= r);
}

function read(file: string): Image[] {
  const images: Image[] = [];
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    if (!line.endsWith('}')) continue; // a dump still being written
    const row = JSON.parse(line) as {
      id: string;
      umPerPx: number;
      marked: AnnotatedHair[];
      hairs: [number, number, number][];
      points: number[][];
      candidates: [number, number, number, string, number[]][];
    };
    const roots = row.marked.filter((h) => SHAFT_CLASSES.includes(h.cls)).map((h) => h.root);
    const n = row.points.length;
    const F = ROOT_POINT_FEATURES;
    const xy = new Float64Array(2 * n);
    const features = new Float32Array(n * F);
    const labels = new Uint8Array(n);
    const hard = new Uint8Array(n);
    const r = LABEL_UM / row.umPerPx;
    const clear = HARD_CLEAR_UM / row.umPerPx;
    row.points.forEach((p, i) => {
      xy[2 * i] = p[0]!;
      xy[2 * i + 1] = p[1]!;
      for (let k = 0; k < F; k++) features[i * F + k] = p[3 + k]!;
      // The engine caps the distance to a strand's centre line at 150 µm (dumps before it, at 300).
      features[i * F + TO_STRAND] = Math.min(1.5, features[i * F + TO_STRAND]!);
      labels[i] = rootWithin(roots, p[0]!, p[1]!, r) ? 1 : 0;
      const o = i * F;
      const near =
        features[o + TO_STRAND]! * 100 <= HARD_STRAND_UM ||
        Math.min(features[o + TO_END]!, features[o + TO_TIP]!) * 100 <= HARD_END_UM;
      hard[i] = near && !rootWithin(roots, p[0]!, p[1]!, clear) ? 1 : 0;
    });
    // Other seeds within SEEDS_NEAR_UM, as the engine counts them (dumps before 074 capped it at 12).
    const near = SEEDS_NEAR_UM / row.umPerPx;
    for (let i = 0; i < n; i++) {
      let c = 0;
      for (let j = 0; j < n; j++)
        if (j !== i && Math.hypot(xy[2 * j]! - xy[2 * i]!, xy[2 * j + 1]! - xy[2 * i + 1]!) <= near) c++;
      features[i * F + SEEDS_NEAR] = Math.min(SEEDS_NEAR_CAP, c);
    }
    images.push({
      id: row.id,
      umPerPx: row.umPerPx,
      roots,
      hairs: row.hairs.map(([x, y]) => ({ x, y })),
      candidates: row.candidates.map(([, x, y]) => ({ x, y })),
      xy,
      features,
      labels,
      hard,
    });
  }
  return images;
}

type Weights = Omit<RootPointModel, 'threshold' | 'peakUm'>;

function fitScorer(set: Image[]): Weights {
  const F = ROOT_POINT_FEATURES;
  const rng = new Rng(20261207);
  // Every positive seed, a third of the negatives (weighted back up by 3).
  const rows: number[] = [];
  const img: number[] = [];
  set.forEach((im, k) => {
    for (let i = 0; i < im.labels.length; i++)
      if (im.labels[i] || (HARD_WEIGHT > 0 && im.hard[i]) || rng.uniform() < NEG_SHARE) {
        rows.push(i);
        img.push(k);
      }
  });
  const n = rows.length;
  const z = new Float32Array(n * F);
  const y = new Float32Array(n);
  const wt = new Float32Array(n);
  const mean = new Array<number>(F).fill(0);
  const scale = new Array<number>(F).fill(0);
  for (let r = 0; r < n; r++) {
    const im = set[img[r]!]!;
    for (let k = 0; k < F; k++) z[r * F + k] = im.features[rows[r]! * F + k]!;
    y[r] = im.labels[rows[r]!]!;
    wt[r] = y[r] ? 1 : HARD_WEIGHT > 0 && im.hard[rows[r]!] ? HARD_WEIGHT : 1 / NEG_SHARE;
  }
  let wsum = 0;
  for (let r = 0; r < n; r++) wsum += wt[r]!;
  for (let r = 0; r < n; r++) for (let k = 0; k < F; k++) mean[k]! += (wt[r]! * z[r * F + k]!) / wsum;
  for (let r = 0; r < n; r++)
    for (let k = 0; k < F; k++) scale[k]! += (wt[r]! * (z[r * F + k]! - mean[k]!) ** 2) / wsum;
  for (let k = 0; k < F; k++) scale[k] = Math.sqrt(scale[k]!) + 1e-6;
  for (let r = 0; r < n; r++)
    for (let k = 0; k < F; k++) z[r * F + k] = USED[k] ? (z[r * F + k]! - mean[k]!) / scale[k]! : 0;
  const H = HIDDEN;
  const np = F * H + 2 * H + 1;
  const p = new Float64Array(np);
  for (let i = 0; i < F * H; i++) p[i] = rng.normal(0, 0.3);
  for (let j = 0; j < H; j++) p[F * H + H + j] = rng.normal(0, 0.3);
  const g = new Float64Array(np);
  const m1 = new Float64Array(np);
  const m2 = new Float64Array(np);
  const a = new Float64Array(H);
  const b1 = F * H;
  const w2 = b1 + H;
  const order = Array.from({ length: n }, (_, i) => i);
  const BATCH = 512;
  let step = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const lr = 0.01 * (epoch >= EPOCHS - 2 ? 0.3 : 1);
    let loss = 0;
    for (let s = 0; s < n; s += BATCH) {
      g.fill(0);
      let bw = 0;
      for (let t = s; t < Math.min(n, s + BATCH); t++) {
        const r = order[t]!;
        const o = r * F;
        let out = p[np - 1]!;
        for (let j = 0; j < H; j++) {
          let v = p[b1 + j]!;
          const wj = j * F;
          for (let k = 0; k < F; k++) v += z[o + k]! * p[wj + k]!;
          a[j] = Math.tanh(v);
          out += a[j]! * p[w2 + j]!;
        }
        const q = 1 / (1 + Math.exp(-out));
        loss -= wt[r]! * (y[r] ? Math.log(q + 1e-9) : Math.log(1 - q + 1e-9));
        const d = wt[r]! * (q - y[r]!);
        bw += wt[r]!;
        g[np - 1]! += d;
        for (let j = 0; j < H; j++) {
          g[w2 + j]! += d * a[j]!;
          const da = d * p[w2 + j]! * (1 - a[j]! * a[j]!);
          g[b1 + j]! += da;
          const wj = j * F;
          for (let k = 0; k < F; k++) g[wj + k]! += da * z[o + k]!;
        }
      }
      step++;
      for (let i = 0; i < np; i++) {
        const gi = g[i]! / bw;
        m1[i] = 0.9 * m1[i]! + 0.1 * gi;
        m2[i] = 0.999 * m2[i]! + 0.001 * gi * gi;
        p[i]! -= (lr * (m1[i]! / (1 - 0.9 ** step))) / (Math.sqrt(m2[i]! / (1 - 0.999 ** step)) + 1e-8);
      }
    }
    console.log(`  epoch ${epoch + 1}/${EPOCHS}: loss ${(loss / wsum).toFixed(4)} over ${n} seeds`);
  }
  const w1 = new Array<number>(F * H);
  for (let k = 0; k < F; k++) for (let j = 0; j < H; j++) w1[k * H + j] = USED[k] ? p[j * F + k]! : 0;
  const round = (v: number) => +v.toPrecision(5);
  return {
    mean: mean.map(round),
    scale: scale.map(round),
    w1: w1.map(round),
    b1: [...p.subarray(b1, b1 + H)].map(round),
    w2: [...p.subarray(w2, w2 + H)].map(round),
    b2: round(p[np - 1]!),
  };
}

/** Peaks of one image's scores, as the engine keeps them (seed indices). */
const peaks = (im: Image, scores: Float64Array, threshold: number): number[] =>
  scorePeaks(im.xy, scores, threshold, PEAK_UM / im.umPerPx);

/** Marked roots the engine's hairs leave unmatched (greedy by distance, as the real bench scores). */
function missedRoots(im: Image): { x: number; y: number }[] {
  const { usedT } = matchRoots(im.hairs, im.roots, MATCH_UM / im.umPerPx);
  return im.roots.filter((_, j) => !usedT.has(j));
}

/**
 * Root F1 of a perfect scorer over a candidate set, the engine's number of hairs kept: a hair can
 * stand on any candidate (several on one), so it finds min(N, marked roots within 110 µm of some
 * candidate) of them.
 */
function oracleF1(set: Image[], pointsOf: (im: Image) => { x: number; y: number }[]): number {
  let tp = 0;
  let n = 0;
  let m = 0;
  for (const im of set) {
    const pts = pointsOf(im);
    const r = MATCH_UM / im.umPerPx;
    const covered = im.roots.filter((q) => pts.some((c) => Math.hypot(c.x - q.x, c.y - q.y) <= r)).length;
    tp += Math.min(im.hairs.length, covered);
    n += im.hairs.length;
    m += im.roots.length;
  }
  return (2 * tp) / (n + m);
}

/**
 * Root F1 of the engine's greedy placement (damping 0.1) when every candidate's score is 1 with a
 * marked root within 110 µm and 0 without: the "perfect scores" figure of docs/analysis.md.
 */
function greedyOracleF1(set: Image[], pointsOf: (im: Image) => { x: number; y: number }[]): number {
  let tp = 0;
  let n = 0;
  let m = 0;
  for (const im of set) {
    const pts = pointsOf(im);
    const r = MATCH_UM / im.umPerPx;
    const labels = pts.map((c) => (im.roots.some((q) => Math.hypot(c.x - q.x, c.y - q.y) <= r) ? 1 : 0));
    const placed = placeHairs(pts, labels, im.hairs.length, r, 0.1).map((i) => pts[i]!);
    tp += matched(placed, im.roots, r);
    n += im.hairs.length;
    m += im.roots.length;
  }
  return (2 * tp) / (n + m);
}

/** Hairs matched to marked roots, greedy by distance (as the real bench scores). */
function matched(hairs: { x: number; y: number }[], roots: { x: number; y: number }[], r: number): number {
  return matchRoots(hairs, roots, r).usedT.size;
}

const seedPoints = (im: Image, idx?: number[]) =>
  (idx ?? Array.from({ length: im.labels.length }, (_, i) => i)).map((i) => ({
    x: im.xy[2 * i]!,
    y: im.xy[2 * i + 1]!,
  }));

function scoresOf(im: Image, w: Weights): Float64Array {
  const s = new Float64Array(im.labels.length);
  const m = { ...w, threshold: 0, peakUm: PEAK_UM };
  for (let i = 0; i < s.length; i++)
    s[i] = Math.fround(rootPointScore(im.features, m, i * ROOT_POINT_FEATURES));
  return s;
}

/** AUC of the scores over every seed of the set (rank sum), with the seed and positive counts. */
function seedAuc(set: Image[], scored: Float64Array[]): { auc: number; seeds: number; positive: number } {
  const all: [number, number][] = [];
  set.forEach((im, k) => {
    im.labels.forEach((l, i) => {
      all.push([scored[k]![i]!, l]);
    });
  });
  all.sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let pos = 0;
  all.forEach(([, l], i) => {
    if (l) {
      rankSum += i + 1;
      pos++;
    }
  });
  return {
    auc: (rankSum - (pos * (pos + 1)) / 2) / (pos * (all.length - pos)),
    seeds: all.length,
    positive: pos,
  };
}

/** Ranking quality only (AUC over the seeds); returns the default threshold. */
function quick(set: Image[], w: Weights): number {
  const scored = set.map((im) => scoresOf(im, w));
  const { auc, seeds, positive } = seedAuc(set, scored);
  console.log(`  seeds ${seeds}, positive ${positive}, AUC ${auc.toFixed(4)}`);
  atThreshold(set, scored, Number(arg('threshold') ?? 0.2));
  return 0.2;
}

/**
 * At the threshold: seeds scored above it (precision/recall against the LABEL_UM label), AUC over
 * the seeds on a shaft or near an end/tip only (where the hard negatives are), and the peaks kept
 * (share within 110 µm of a marked root, share of marked roots with a peak within 110 µm).
 */
function atThreshold(set: Image[], scored: readonly Float64Array[], t: number): void {
  let tp = 0;
  let fp = 0;
  let pos = 0;
  let kept = 0;
  let keptOk = 0;
  let roots = 0;
  let covered = 0;
  const nearSet: Image[] = [];
  const nearScores: Float64Array[] = [];
  set.forEach((im, k) => {
    const s = scored[k]!;
    const F = ROOT_POINT_FEATURES;
    const idx: number[] = [];
    for (let i = 0; i < s.length; i++) {
      if (im.labels[i]) pos++;
      if (s[i]! >= t) im.labels[i] ? tp++ : fp++;
      const o = i * F;
      if (
        im.features[o + TO_STRAND]! <= 0.3 ||
        Math.min(im.features[o + TO_END]!, im.features[o + TO_TIP]!) <= 1
      )
        idx.push(i);
    }
    nearSet.push({ ...im, labels: Uint8Array.from(idx, (i) => im.labels[i]!) });
    nearScores.push(Float64Array.from(idx, (i) => s[i]!));
    const r = MATCH_UM / im.umPerPx;
    const pk = peaks(im, s, t);
    kept += pk.length;
    for (const i of pk) if (rootWithin(im.roots, im.xy[2 * i]!, im.xy[2 * i + 1]!, r)) keptOk++;
    roots += im.roots.length;
    for (const q of im.roots)
      if (pk.some((i) => Math.hypot(q.x - im.xy[2 * i]!, q.y - im.xy[2 * i + 1]!) <= r)) covered++;
  });
  const near = seedAuc(nearSet, nearScores);
  console.log(
    `  at ${t}: seed precision ${(tp / (tp + fp)).toFixed(3)} recall ${(tp / pos).toFixed(3)}; near-shaft/end seeds ${near.seeds} (positive ${near.positive}) AUC ${near.auc.toFixed(4)}; peaks ${kept}, precision@110 ${(keptOk / kept).toFixed(3)}, roots covered ${(covered / roots).toFixed(3)}`,
  );
}

function report(set: Image[], w: Weights, thresholds: number[]): number {
  const scored = set.map((im) => scoresOf(im, w));
  const { auc, seeds, positive } = seedAuc(set, scored);
  console.log(`  seeds ${seeds}, positive ${positive}, AUC ${auc.toFixed(3)}`);
  const hairs = set.reduce((a, im) => a + im.hairs.length, 0);
  const missed = set.map(missedRoots);
  const nMissed = missed.reduce((a, m) => a + m.length, 0);
  const seedCover = set.reduce((a, im, k) => {
    const r = MATCH_UM / im.umPerPx;
    return (
      a +
      missed[k]!.filter((q) => {
        for (let i = 0; i < im.labels.length; i++)
          if (Math.hypot(im.xy[2 * i]! - q.x, im.xy[2 * i + 1]! - q.y) <= r) return true;
        return false;
      }).length
    );
  }, 0);
  console.log(
    `  missed marked roots ${nMissed}; within 110 µm of any seed ${seedCover} (${((100 * seedCover) / nMissed).toFixed(1)} %)`,
  );
  console.log(
    `  perfect-scorer F1 (engine's N, any matching): present candidates ${oracleF1(set, (im) => im.candidates).toFixed(3)}, with every seed ${oracleF1(set, (im) => [...im.candidates, ...seedPoints(im)]).toFixed(3)}`,
  );
  console.log(
    `  perfect-scorer F1 (engine's N, greedy placement, damping 0.1): present candidates ${greedyOracleF1(set, (im) => im.candidates).toFixed(3)}, with every seed ${greedyOracleF1(set, (im) => [...im.candidates, ...seedPoints(im)]).toFixed(3)}`,
  );
  let chosen = thresholds[thresholds.length - 1]!;
  for (const t of thresholds) {
    let kept = 0;
    let cover = 0;
    let rootsNear = 0;
    let allRoots = 0;
    set.forEach((im, k) => {
      const pk = peaks(im, scored[k]!, t);
      kept += pk.length;
      const r = MATCH_UM / im.umPerPx;
      const near = (q: { x: number; y: number }) =>
        pk.some((i) => Math.hypot(im.xy[2 * i]! - q.x, im.xy[2 * i + 1]! - q.y) <= r);
      cover += missed[k]!.filter(near).length;
      rootsNear += im.roots.filter(near).length;
      allRoots += im.roots.length;
    });
    const oracle = oracleF1(set, (im) => [
      ...im.candidates,
      ...seedPoints(im, peaks(im, scored[set.indexOf(im)]!, t)),
    ]);
    const greedy = greedyOracleF1(set, (im) => [
      ...im.candidates,
      ...seedPoints(im, peaks(im, scored[set.indexOf(im)]!, t)),
    ]);
    console.log(
      `  threshold ${t}: ${kept} peaks (${(kept / hairs).toFixed(2)} per engine hair), covering ${cover} missed roots (${((100 * cover) / nMissed).toFixed(1)} %), ${((100 * rootsNear) / allRoots).toFixed(1)} % of all roots; perfect-scorer F1 with them ${oracle.toFixed(3)} (greedy ${greedy.toFixed(3)})`,
    );
    if (kept <= PER_HAIR * hairs && chosen === thresholds[thresholds.length - 1] && t < chosen) chosen = t;
  }
  return chosen;
}

const train = read(arg('rows')!);
console.log(`${train.length} train images, label: a marked root within ${LABEL_UM} µm`);
const even = train.filter((_, i) => i % 2 === 0);
const odd = train.filter((_, i) => i % 2 === 1);
{
  const hard = train.reduce((a, im) => a + im.hard.reduce((b, v) => b + v, 0), 0);
  const seeds = train.reduce((a, im) => a + im.labels.length, 0);
  if (HARD_WEIGHT > 0)
    console.log(`hard negatives by rule: ${hard} of ${seeds} seeds, weight ${HARD_WEIGHT}`);
}
/** `--hard-mined T`: the set's negatives clear of every marked root that a first fit scores ≥ T. */
function mine(set: Image[]): void {
  if (HARD_MINED === undefined) return;
  const first = fitScorer(set.map((im) => ({ ...im, hard: new Uint8Array(im.labels.length) })));
  let n = 0;
  for (const im of set) {
    const s = scoresOf(im, first);
    const clear = HARD_CLEAR_UM / im.umPerPx;
    for (let i = 0; i < s.length; i++)
      if (
        !im.hard[i] &&
        s[i]! >= HARD_MINED &&
        !rootWithin(im.roots, im.xy[2 * i]!, im.xy[2 * i + 1]!, clear)
      ) {
        im.hard[i] = 1;
        n++;
      }
  }
  console.log(`  mined ${n} hard negatives scored ≥ ${HARD_MINED} by a first fit`);
}
mine(even);
const half = fitScorer(even);
console.log('odd train images, scorer fitted on the even ones:');
const thresholds = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
const byRule = argv.includes('--quick') ? quick(odd, half) : report(odd, half, thresholds);
// `--threshold T`: a threshold chosen by the placement's root F1 on the odd half
// (bench/fit-placement.ts --point-threshold T --half-only); else the peaks-per-hair rule.
const threshold = arg('threshold') ? Number(arg('threshold')) : byRule;
console.log(
  `threshold ${threshold} (the rule of at most ${PER_HAIR} peaks per engine hair on the odd half: ${byRule})`,
);
// `--half-out FILE`: the model fitted on the even half, for `bench/fit-placement.ts --root-model
// FILE --half-only` (the placement's root F1 on the odd half).
const halfOut = arg('half-out');
if (halfOut) {
  writeFileSync(halfOut, JSON.stringify({ ...half, threshold, peakUm: PEAK_UM }));
  console.log(`wrote ${halfOut}`);
}
if (argv.includes('--half-only')) process.exit(0);
mine(train);
const model: RootPointModel = { ...fitScorer(train), threshold, peakUm: PEAK_UM };
if (argv.includes('--save')) {
  const file = fileURLToPath(
    new URL('../packages/core/src/hair-analysis/root-point-model.ts', import.meta.url),
  );
  const seeds = train.reduce((a, im) => a + im.labels.length, 0);
  writeFileSync(
    file,
    `/**\n * Written by \`npx tsx bench/fit-root-points.ts --rows FILE --save\`; do not edit by hand.\n * MLP over RootPointFeatures (root-points.ts): standardise, ${HIDDEN} tanh units, sigmoid.\n */\nimport type { RootPointModel } from './root-points';\n\nexport const ROOT_POINT_FITTED_ON = ${JSON.stringify(`${seeds} seeds of ${train.length} real train-split images (FDU, 70×), a marked root within ${LABEL_UM} µm; threshold chosen on the odd half (${arg('threshold') ? 'placement root F1' : 'peaks per hair'})`)};\n\nexport const ROOT_POINT_MODEL: RootPointModel = ${JSON.stringify(model)};\n`,
  );
  console.log(`saved ${file}`);
}
