/**
 * Fits the root-end model (packages/core/src/hair-analysis/root-end-model.ts): for each counted
 * strand lying fully inside the frame with a marked root within 110 µm of exactly one of its ends,
 * whether that end is the start. Logistic regression without intercept (the model must not prefer
 * the start or the end: which one the tracer calls "start" carries no meaning) over rows written by
 * `bench/dump-real-strands.ts` from the TRAIN split (keep that file outside the repository).
 *
 *   npx tsx bench/fit-root-end.ts --rows /tmp/train.jsonl [--check /tmp/val.jsonl] [--save]
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StrandInfo } from '../packages/core/src/hair-analysis/analyze-hair';
import { rootEndFeatures } from '../packages/core/src/hair-analysis/root-end';
import type { StrandEnd } from '../packages/core/src/hair-analysis/trace-strands';
import { arg } from './args';
import { type AnnotatedHair, SHAFT_CLASSES } from './real-images';

const argv = process.argv;

interface Row {
  umPerPx: number;
  marked: AnnotatedHair[];
  strands: StrandInfo[];
}
const read = (file: string): Row[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
const asEnd = (e: StrandInfo['start']): StrandEnd => ({ ...e, kind: e.kind as StrandEnd['kind'], r: 0 });

function examples(rows: Row[]): { x: number[][]; y: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  for (const r of rows) {
    const roots = r.marked.filter((h) => SHAFT_CLASSES.includes(h.cls)).map((h) => h.root);
    const near = (p: { x: number; y: number }) =>
      roots.some((q) => Math.hypot(p.x - q.x, p.y - q.y) <= 110 / r.umPerPx);
    for (const s of r.strands) {
      if (!s.hairs || s.start.kind === 'border' || s.end.kind === 'border') continue;
      const a = near(s.start);
      if (a === near(s.end)) continue;
      x.push(rootEndFeatures(asEnd(s.start), asEnd(s.end), s.rootAtStart, s.halo, s.bulge));
      y.push(a ? 1 : 0);
    }
  }
  return { x, y };
}
const fit = examples(read(arg('rows')!));
const k = fit.x[0]!.length;
const weights = new Array<number>(k).fill(0);
for (let it = 0; it < 3000; it++) {
  const g = new Array<number>(k).fill(0);
  fit.x.forEach((x, i) => {
    let z = 0;
    for (let j = 0; j < k; j++) z += x[j]! * weights[j]!;
    const p = 1 / (1 + Math.exp(-z));
    for (let j = 0; j < k; j++) g[j]! += (p - fit.y[i]!) * x[j]!;
  });
  for (let j = 0; j < k; j++) weights[j]! -= (0.3 * g[j]!) / fit.x.length;
}
const report = (label: string, set: { x: number[][]; y: number[] }) => {
  let rules = 0;
  let model = 0;
  set.x.forEach((x, i) => {
    if ((x[0]! > 0 ? 1 : 0) === set.y[i]) rules++;
    if ((x.reduce((s, v, j) => s + v * weights[j]!, 0) > 0 ? 1 : 0) === set.y[i]) model++;
  });
  console.log(
    `${label}: ${set.x.length} strands; rules chose the marked root for ${((100 * rules) / set.x.length).toFixed(1)} %, the model for ${((100 * model) / set.x.length).toFixed(1)} %`,
  );
};
report('fitted on (train)', fit);
const check = arg('check');
if (check) report('check', examples(read(check)));
console.log('weights', weights.map((w) => w.toFixed(3)).join(', '));
if (argv.includes('--save')) {
  const file = fileURLToPath(
    new URL('../packages/core/src/hair-analysis/root-end-model.ts', import.meta.url),
  );
  writeFileSync(
    file,
    `/**\n * Written by \`npx tsx bench/fit-root-end.ts --rows FILE --save\`; do not edit by hand.\n * Weights over rootEndFeatures() (root-end.ts), no intercept.\n */\nexport const ROOT_END_MODEL = {\n  fittedOn: ${JSON.stringify(`${fit.x.length} strands of real train-split images (FDU, 70×)`)},\n  weights: [${weights.map((w) => +w.toPrecision(5)).join(', ')}],\n};\n`,
  );
  console.log(`saved ${file}`);
}
