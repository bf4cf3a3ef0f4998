/**
 * Fits the border-strand model (packages/core/src/hair-analysis/border-strand-model.ts): for each
 * counted strand cut by the frame, whether a marked root lies within 110 µm of the emergence point
 * the engine chose. Logistic regression (standardised features, small ridge) over rows written by
 * `bench/dump-real-strands.ts` from the TRAIN split (the dump carries annotations: keep it outside
 * the repository). Prints root precision / recall / F1 and count error on those images per
 * threshold, and with --save writes the model with the threshold given by --keep (default 0.3).
 *
 *   npx tsx bench/dump-real-strands.ts --real DIR --split train --out /tmp/train.jsonl
 *   npx tsx bench/fit-border-strands.ts --rows /tmp/train.jsonl [--keep 0.3] [--save]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StrandInfo } from '../packages/core/src/hair-analysis/analyze-hair';
import {
  type BorderStrandEvidence,
  borderRootProbability,
  borderStrandFeatures,
} from '../packages/core/src/hair-analysis/border-strands';
import { type AnnotatedHair, SHAFT_CLASSES } from './real-images';

const argv = process.argv;
const arg = (name: string, fallback?: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : fallback;
};
interface Row {
  id: string;
  umPerPx: number;
  marked: AnnotatedHair[];
  strands: StrandInfo[];
}
const rows: Row[] = readFileSync(arg('rows')!, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const keep = Number(arg('keep', '0.3'));

const isBorder = (s: StrandInfo) => s.start.kind === 'border' || s.end.kind === 'border';
export function evidenceOf(s: StrandInfo): BorderStrandEvidence {
  const innerIsStart = s.end.kind === 'border';
  const inner = innerIsStart ? s.start : s.end;
  const outer = innerIsStart ? s.end : s.start;
  const root = s.root ?? inner;
  return {
    rootAtBorder:
      Math.hypot(root.x - outer.x, root.y - outer.y) < Math.hypot(root.x - inner.x, root.y - inner.y),
    probability: s.probability,
    lengthUm: s.lengthUm,
    radiusUm: s.radiusUm,
    haloInner: innerIsStart ? s.halo[0] : s.halo[1],
    haloOuter: innerIsStart ? s.halo[1] : s.halo[0],
    bulgeInner: innerIsStart ? s.bulge[0] : s.bulge[1],
    innerKind: inner.kind as BorderStrandEvidence['innerKind'],
  };
}
const shafts = (r: Row) => r.marked.filter((h) => SHAFT_CLASSES.includes(h.cls));
const nearRoot = (p: { x: number; y: number }, r: Row) =>
  shafts(r).some((t) => Math.hypot(p.x - t.root.x, p.y - t.root.y) <= 110 / r.umPerPx);

const X: number[][] = [];
const y: number[] = [];
for (const r of rows)
  for (const s of r.strands)
    if (s.hairs > 0 && s.root && isBorder(s)) {
      X.push(borderStrandFeatures(evidenceOf(s)));
      y.push(nearRoot(s.root, r) ? 1 : 0);
    }
const k = X[0]!.length;
const mean = new Array<number>(k).fill(0);
const sd = new Array<number>(k).fill(1);
for (let j = 1; j < k; j++) {
  mean[j] = X.reduce((a, x) => a + x[j]!, 0) / X.length;
  sd[j] = Math.sqrt(X.reduce((a, x) => a + (x[j]! - mean[j]!) ** 2, 0) / X.length) || 1;
}
const Z = X.map((x) => x.map((v, j) => (j ? (v - mean[j]!) / sd[j]! : 1)));
const weights = new Array<number>(k).fill(0);
for (let it = 0; it < 3000; it++) {
  const g = new Array<number>(k).fill(0);
  Z.forEach((z, i) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += z[j]! * weights[j]!;
    const p = 1 / (1 + Math.exp(-s));
    for (let j = 0; j < k; j++) g[j]! += (p - y[i]!) * z[j]!;
  });
  for (let j = 0; j < k; j++) weights[j]! -= 0.5 * (g[j]! / Z.length + (j ? 1e-3 * weights[j]! : 0));
}
const model = { mean, sd, weights };
console.log(
  `${X.length} counted border strands on ${rows.length} images, ${y.filter(Boolean).length} at a marked root`,
);

/** Greedy root matching, as bench/real-images.ts scoreImage (abnormal stubs neither required nor penalised). */
function score(pts: [number, number][], r: Row) {
  const R = 110 / r.umPerPx;
  const t = shafts(r);
  const stubs = r.marked.filter((h) => h.cls === 'abnormal');
  const pairs: [number, number, number][] = [];
  pts.forEach((f, i) => {
    t.forEach((h, j) => {
      const d = Math.hypot(f[0] - h.root.x, f[1] - h.root.y);
      if (d <= R) pairs.push([d, i, j]);
    });
  });
  pairs.sort((a, b) => a[0] - b[0]);
  const uf = new Set<number>();
  const ut = new Set<number>();
  for (const [, i, j] of pairs) {
    if (uf.has(i) || ut.has(j)) continue;
    uf.add(i);
    ut.add(j);
  }
  let fp = 0;
  pts.forEach((f, i) => {
    if (!uf.has(i) && !stubs.some((s) => Math.hypot(f[0] - s.root.x, f[1] - s.root.y) <= R)) fp++;
  });
  return { tp: ut.size, fp, fn: t.length - ut.size };
}
for (const cut of [0, 0.2, 0.3, 0.4, 0.5]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let ape = 0;
  for (const r of rows) {
    const pts: [number, number][] = [];
    for (const s of r.strands) {
      if (!s.hairs || !s.root) continue;
      if (isBorder(s) && borderRootProbability(evidenceOf(s), model) < cut) continue;
      for (let h = 0; h < s.hairs; h++) pts.push([s.root.x, s.root.y]);
    }
    const m = score(pts, r);
    tp += m.tp;
    fp += m.fp;
    fn += m.fn;
    const truth = shafts(r).length;
    ape += truth ? Math.abs(pts.length - truth) / truth : 0;
  }
  console.log(
    `keep ≥ ${cut}: precision ${(tp / (tp + fp)).toFixed(3)} recall ${(tp / (tp + fn)).toFixed(3)} F1 ${((2 * tp) / (2 * tp + fp + fn)).toFixed(3)}, count MAPE before the count refit ${((100 * ape) / rows.length).toFixed(1)} %`,
  );
}
if (argv.includes('--save')) {
  const file = fileURLToPath(
    new URL('../packages/core/src/hair-analysis/border-strand-model.ts', import.meta.url),
  );
  const r5 = (v: number) => +v.toPrecision(5);
  writeFileSync(
    file,
    `/**\n * Written by \`npx tsx bench/fit-border-strands.ts --rows FILE --save\`; do not edit by hand.\n * Standardised logistic model over borderStrandFeatures() (border-strands.ts).\n */\nexport const BORDER_STRAND_MODEL = {\n  fittedOn: ${JSON.stringify(`${X.length} counted border strands of ${rows.length} real train-split images (FDU, 70×)`)},\n  keep: ${keep},\n  mean: [${mean.map(r5).join(', ')}],\n  sd: [${sd.map(r5).join(', ')}],\n  weights: [${weights.map(r5).join(', ')}],\n};\n`,
  );
  console.log(`saved ${file}`);
}
