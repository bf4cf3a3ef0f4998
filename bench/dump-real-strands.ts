/**
 * Development aid: runs the engine over one split of a VOC folder of root→tip vectors and writes,
 * per image, what it found (strands, their evidence, the confidence inputs) beside the marked hairs,
 * as JSON lines to a file OUTSIDE the repository (the rows carry the dataset's annotations, which
 * must never be committed). `bench/fit-root-end.ts` and `bench/fit-placement.ts` fit on such a file.
 *
 *   npx tsx bench/dump-real-strands.ts --real DIR --split train --out /tmp/train.jsonl [--count N]
 *
 * Refuses the `test` split: it is reserved for outside checks.
 */

import { createWriteStream } from 'node:fs';
import { analyzeHairDetailed } from '../packages/core/src/hair-analysis/analyze-hair';
import { ROOT_POINT_FEATURES, type RootPoints } from '../packages/core/src/hair-analysis/root-points';
import { arg } from './args';
import { decodeImage, FDU_UM_PER_PX, readSplit } from './real-images';

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
function rootPointRows(r: RootPoints & { factor: number }): number[][] {
  const F = ROOT_POINT_FEATURES;
  return Array.from({ length: r.seeds.length / 2 }, (_, i) => [
    (r.seeds[2 * i]! + 0.5) * r.factor,
    (r.seeds[2 * i + 1]! + 0.5) * r.factor,
    round4(r.scores[i]!),
    ...Array.from(r.features.subarray(i * F, (i + 1) * F), round4),
  ]);
}

const dir = arg('real');
const split = arg('split') ?? 'train';
const out = arg('out');
if (!dir || !out) throw new Error('usage: --real DIR --split train|val --out FILE');
if (split === 'test') throw new Error('the test split is reserved for outside checks');
let images = readSplit(dir, split);
const count = arg('count');
if (count) images = images.slice(0, Number(count));
const stream = createWriteStream(out);
let k = 0;
for (const img of images) {
  const d = await decodeImage(img.imagePath);
  const umPerPx = img.umPerPx ?? FDU_UM_PER_PX;
  const { result, confidenceInputs, strandInfo, countFeatures, traces, placement, rootPoints } =
    analyzeHairDetailed({
      ...d,
      umPerPx,
    });
  stream.write(
    `${JSON.stringify({
      id: img.id,
      umPerPx,
      width: d.width,
      height: d.height,
      marked: img.hairs,
      found: result.hairCount,
      hairs: result.hairs.map((h) => [h.x, h.y, h.diameterUm]),
      quality: result.quality,
      confidenceInputs,
      countFeatures: [...countFeatures],
      strands: strandInfo,
      // Centre lines (image pixels, ≤ 41 points each), in the order of `strands`.
      paths: traces.slice(0, strandInfo.length).map((t) => t.points.map((v) => Math.round(v))),
      // The placement's candidates as the engine scored them: strand, x, y, type, features.
      candidates: placement.map((c) => [c.strand, c.x, c.y, c.type, c.features]),
      // The root-point detector's seeds (image pixels), their features and scores.
      points: rootPointRows(rootPoints),
    })}\n`,
  );
  if (++k % 50 === 0) console.log(`${k}/${images.length}`);
}
stream.end();
