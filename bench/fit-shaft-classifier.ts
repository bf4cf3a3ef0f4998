/**
 * Fits the shaft classifier (packages/core/src/hair-analysis/shaft-classifier.ts): a small MLP from
 * pixel features to "hair shaft", on real trichoscope images with hairs marked by people (the
 * train split of a VOC folder of root→tip vectors) and on synthetic images with exact shafts.
 *
 *   npm run fit:shaft-classifier -- --real DIR [--images 400] [--synthetic 120] [--hidden 16] [--save]
 *
 * Labels: pixels within ~10 µm of a marked root→tip line (or a drawn synthetic centre line) are
 * shaft; pixels farther than ~60 µm from every marked hair are skin. Unmarked dark shafts exist
 * (hairs whose root is outside the frame are not marked), so very dark unmarked pixels are left out
 * rather than taught as skin. Deterministic (seeded sampling and initialisation).
 * With --save, writes shaft-classifier-weights.ts. Never reads the test split.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  PIXEL_FEATURES,
  pixelFeatures,
  toWorkingRgb,
} from '../packages/core/src/hair-analysis/pixel-features';
import { shaftProbability } from '../packages/core/src/hair-analysis/shaft-classifier';
import { generateTrichoscopyImage, Rng, variedScalp } from '../packages/core/src/hair-analysis/synthetic';
import { ALL_REALISM } from '../packages/core/src/hair-analysis/synthetic/realism';
import { workingFactor } from '../packages/core/src/hair-analysis/working-image';
import { decodeImage, FDU_UM_PER_PX, readSplit } from './real-images';

const argv = process.argv;
const val = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : fallback;
};
const realDir = val('real', '');
const nImages = Number(val('images', '400'));
const nSynthetic = Number(val('synthetic', '120'));
const hidden = Number(val('hidden', '16'));
const epochs = Number(val('epochs', '6'));
const rng = new Rng(20261207);

interface Sample {
  x: Float32Array;
  y: number;
}
const train: Sample[] = [];
const check: Sample[] = [];

/** Distance from (px,py) to the segment a→b. */
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number) {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy || 1e-9;
  const t = Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / l2));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/**
 * Samples labelled pixels of one image. `segments` are polylines in working pixels with the
 * positive radius and the ignore radius (working px) of each.
 */
function sampleImage(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  umPerPx: number,
  segments: { pts: number[]; pos: number; ignore: number }[],
  into: Sample[],
) {
  const factor = workingFactor(umPerPx, width, height);
  const wupp = umPerPx * factor;
  const rgb = toWorkingRgb(pixels, width, height, 3, factor);
  const f = pixelFeatures(rgb, wupp);
  const { width: w, height: h } = f;
  // Nearest-segment distance per pixel, only near segments (the rest are far).
  const dist = new Float32Array(w * h).fill(1e9);
  for (const s of segments) {
    for (let i = 0; i + 3 < s.pts.length; i += 2) {
      const [ax, ay, bx, by] = [s.pts[i]!, s.pts[i + 1]!, s.pts[i + 2]!, s.pts[i + 3]!];
      const pad = s.ignore + 1;
      for (
        let y = Math.max(0, Math.floor(Math.min(ay, by) - pad));
        y <= Math.min(h - 1, Math.ceil(Math.max(ay, by) + pad));
        y++
      )
        for (
          let x = Math.max(0, Math.floor(Math.min(ax, bx) - pad));
          x <= Math.min(w - 1, Math.ceil(Math.max(ax, bx) + pad));
          x++
        ) {
          const d = segDist(x + 0.5, y + 0.5, ax, ay, bx, by);
          // Store distance relative to this segment's radii: < 1 positive, > 2 beyond ignore.
          const rel =
            d <= s.pos ? d / s.pos : d <= s.ignore ? 1 + (d - s.pos) / Math.max(1e-6, s.ignore - s.pos) : 3;
          if (rel < dist[y * w + x]!) dist[y * w + x] = rel;
        }
    }
  }
  const pos: number[] = [];
  const neg: number[] = [];
  const dMin = f.planes[1]!;
  for (let p = 0; p < w * h; p++) {
    const d = dist[p]!;
    if (d <= 1) pos.push(p);
    else if (d > 2 && f.darkness[p]! >= 0.035 && dMin[p]! < 0.45) neg.push(p);
  }
  const take = (list: number[], k: number, y: number) => {
    for (let i = 0; i < Math.min(k, list.length); i++) {
      const j = i + Math.floor(rng.uniform() * (list.length - i));
      [list[i], list[j]] = [list[j]!, list[i]!];
      const x = new Float32Array(PIXEL_FEATURES);
      for (let k2 = 0; k2 < PIXEL_FEATURES; k2++) x[k2] = f.planes[k2]![list[i]!]!;
      into.push({ x, y });
    }
  };
  take(pos, 1500, 1);
  take(neg, 3000, 0);
}

if (realDir) {
  const images = readSplit(realDir, 'train');
  const chosen = images
    .filter((_, i) => i % Math.max(1, Math.floor(images.length / nImages)) === 0)
    .slice(0, nImages);
  let k = 0;
  for (const img of chosen) {
    const d = await decodeImage(img.imagePath);
    const um = img.umPerPx ?? FDU_UM_PER_PX;
    const factor = workingFactor(um, d.width, d.height);
    const wupp = um * factor;
    const segs = img.hairs
      .filter((h) => h.cls !== 'abnormal')
      .map((h) => ({
        pts: [h.root.x / factor, h.root.y / factor, h.tip.x / factor, h.tip.y / factor],
        pos: Math.max(0.7, 10 / wupp),
        ignore: 60 / wupp,
      }));
    // Stubs: neither shaft nor skin.
    for (const h of img.hairs.filter((h) => h.cls === 'abnormal'))
      segs.push({
        pts: [h.root.x / factor, h.root.y / factor, h.tip.x / factor, h.tip.y / factor],
        pos: 0,
        ignore: 60 / wupp,
      });
    sampleImage(d.pixels, d.width, d.height, um, segs, k % 5 === 4 ? check : train);
    k++;
  }
  console.log(`real: ${chosen.length} train images sampled`);
}
for (let i = 0; i < nSynthetic; i++) {
  const seed = 5000 + i;
  // Every other image with what real images add (texture, flakes, halos, glare, graphics).
  const img = generateTrichoscopyImage({
    seed,
    ...variedScalp(seed),
    ...(i % 2 ? { realism: ALL_REALISM } : {}),
  });
  const factor = workingFactor(img.umPerPx, img.width, img.height);
  const segs = img.truth.allHairs.map((hr) => {
    const pts: number[] = [];
    const n = Math.max(2, Math.ceil(hr.lengthUm / img.umPerPx));
    let x = hr.x;
    let y = hr.y;
    let t = hr.angleRad;
    for (let s = 0; s < n; s += 2) {
      pts.push(x / factor, y / factor);
      for (let k = 0; k < 2; k++) {
        x += Math.cos(t);
        y += Math.sin(t);
        t += hr.curvatureRadPerPx;
      }
    }
    const rPx = hr.diameterUm / 2 / (img.umPerPx * factor);
    return { pts, pos: Math.max(0.6, 0.6 * rPx), ignore: rPx + 60 / (img.umPerPx * factor) };
  });
  sampleImage(img.pixels, img.width, img.height, img.umPerPx, segs, i % 5 === 4 ? check : train);
}
console.log(`samples: ${train.length} train, ${check.length} held out`);

// Standardise.
const mean = new Array(PIXEL_FEATURES).fill(0);
const sd = new Array(PIXEL_FEATURES).fill(0);
for (const s of train) for (let k = 0; k < PIXEL_FEATURES; k++) mean[k] += s.x[k]! / train.length;
for (const s of train)
  for (let k = 0; k < PIXEL_FEATURES; k++) sd[k] += (s.x[k]! - mean[k]) ** 2 / train.length;
for (let k = 0; k < PIXEL_FEATURES; k++) sd[k] = Math.sqrt(sd[k]) || 1;

// MLP with Adam, class-balanced.
const F = PIXEL_FEATURES;
const H = hidden;
const w1 = Array.from({ length: H * F }, () => rng.normal(0, 1 / Math.sqrt(F)));
const b1 = new Array(H).fill(0);
const w2 = Array.from({ length: H }, () => rng.normal(0, 1 / Math.sqrt(H)));
let b2 = 0;
const params = [w1, b1, w2];
const m1 = params.map((p) => new Array(p.length).fill(0));
const v1 = params.map((p) => new Array(p.length).fill(0));
let mb2 = 0;
let vb2 = 0;
const nPos = train.filter((s) => s.y === 1).length;
const wPos = train.length / (2 * nPos);
const wNeg = train.length / (2 * (train.length - nPos));
const lr = 0.003;
const batch = 256;
let step = 0;
const z = new Float64Array(F);
const a = new Float64Array(H);
for (let ep = 0; ep < epochs; ep++) {
  for (let i = train.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [train[i], train[j]] = [train[j]!, train[i]!];
  }
  let loss = 0;
  for (let start = 0; start < train.length; start += batch) {
    const g = params.map((p) => new Array(p.length).fill(0));
    let gb2 = 0;
    const end = Math.min(train.length, start + batch);
    for (let t = start; t < end; t++) {
      const s = train[t]!;
      for (let k = 0; k < F; k++) z[k] = (s.x[k]! - mean[k]) / sd[k];
      let out = b2;
      for (let j = 0; j < H; j++) {
        let v = b1[j]!;
        for (let k = 0; k < F; k++) v += w1[j * F + k]! * z[k]!;
        a[j] = Math.tanh(v);
        out += w2[j]! * a[j]!;
      }
      const p = 1 / (1 + Math.exp(-out));
      const wt = s.y ? wPos : wNeg;
      loss += -wt * (s.y ? Math.log(p + 1e-9) : Math.log(1 - p + 1e-9));
      const dOut = wt * (p - s.y);
      gb2 += dOut;
      for (let j = 0; j < H; j++) {
        g[2]![j] += dOut * a[j]!;
        const dA = dOut * w2[j]! * (1 - a[j]! * a[j]!);
        g[1]![j] += dA;
        for (let k = 0; k < F; k++) g[0]![j * F + k] += dA * z[k]!;
      }
    }
    step++;
    const n = end - start;
    const b1c = 1 - 0.9 ** step;
    const b2c = 1 - 0.999 ** step;
    params.forEach((p, pi) => {
      for (let q = 0; q < p.length; q++) {
        const gq = g[pi]![q]! / n + 1e-4 * p[q]!;
        m1[pi]![q] = 0.9 * m1[pi]![q]! + 0.1 * gq;
        v1[pi]![q] = 0.999 * v1[pi]![q]! + 0.001 * gq * gq;
        p[q] -= (lr * (m1[pi]![q]! / b1c)) / (Math.sqrt(v1[pi]![q]! / b2c) + 1e-8);
      }
    });
    const gq = gb2 / n;
    mb2 = 0.9 * mb2 + 0.1 * gq;
    vb2 = 0.999 * vb2 + 0.001 * gq * gq;
    b2 -= (lr * (mb2 / b1c)) / (Math.sqrt(vb2 / b2c) + 1e-8);
  }
  console.log(`epoch ${ep + 1}: loss ${(loss / train.length).toFixed(4)}`);
}

const weights = {
  mean: mean.map((v) => +v.toPrecision(6)),
  sd: sd.map((v) => +v.toPrecision(6)),
  hidden: H,
  w1: w1.map((v) => +v.toPrecision(6)),
  b1: b1.map((v) => +v.toPrecision(6)),
  w2: w2.map((v) => +v.toPrecision(6)),
  b2: +b2.toPrecision(6),
  fittedOn: `${realDir ? `${Math.min(nImages, 991)} real train-split images (FDU, 70×) and ` : ''}${nSynthetic} synthetic images (seeds 5000–${5000 + nSynthetic - 1}, varied scalp, every other one with texture, halos, glare and graphics); every 5th image held out`,
};
// Held-out pixel accuracy at 0.5.
let tp = 0;
let fp = 0;
let fn = 0;
let tn = 0;
for (const s of check) {
  const p = shaftProbability(s.x, weights);
  if (p >= 0.5) s.y ? tp++ : fp++;
  else s.y ? fn++ : tn++;
}
console.log(
  `held-out pixels: recall ${(tp / Math.max(1, tp + fn)).toFixed(3)}, specificity ${(tn / Math.max(1, tn + fp)).toFixed(3)}`,
);
if (argv.includes('--save')) {
  const file = fileURLToPath(
    new URL('../packages/core/src/hair-analysis/shaft-classifier-weights.ts', import.meta.url),
  );
  writeFileSync(
    file,
    `import type { ShaftClassifierWeights } from './shaft-classifier';\n\n// Written by \`npm run fit:shaft-classifier -- --save\` (bench/fit-shaft-classifier.ts); do not edit by hand.\nexport const SHAFT_CLASSIFIER_WEIGHTS: ShaftClassifierWeights = ${JSON.stringify(weights, null, 2)};\n`,
  );
  console.log(`saved ${file}`);
}
