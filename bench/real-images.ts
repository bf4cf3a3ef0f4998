/**
 * Reading a VOC-style trichoscopy dataset whose "boxes" are root→tip vectors (the public FDU hair
 * follicle dataset, and `anagen export-verified` folders), and scoring the engine against it.
 * The dataset itself is never committed: its folder is named on the command line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { HairAnalysisResult } from '../packages/core/src/hair-analysis';

/** Annotated classes: hairs of multi-hair units, single hairs, thin (vellus) hairs, broken stubs. */
export type RealHairClass = 'premium' | 'single' | 'undersize' | 'abnormal';
export const SHAFT_CLASSES: readonly RealHairClass[] = ['premium', 'single', 'undersize'];

export interface AnnotatedHair {
  cls: RealHairClass;
  root: { x: number; y: number };
  tip: { x: number; y: number };
}

export interface AnnotatedImage {
  id: string;
  imagePath: string;
  width: number;
  height: number;
  hairs: AnnotatedHair[];
  /** Calibration written in the file (`<umPerPx>`), when there is one. */
  umPerPx: number | null;
}

/** The FDU set's 70× trichoscope: its printed 1.0 mm scale bar measures ≈ 361 px. */
export const FDU_UM_PER_PX = 2.77;

const tag = (s: string, t: string) => s.match(new RegExp(`<${t}>\\s*([^<]*?)\\s*</${t}>`))?.[1];

/** Parses one VOC annotation; (xmin, ymin) is the root and (xmax, ymax) the tip, whatever their order. */
export function parseVocVectors(xml: string): Omit<AnnotatedImage, 'id' | 'imagePath'> {
  const width = Number(tag(xml, 'width'));
  const height = Number(tag(xml, 'height'));
  const um = tag(xml, 'umPerPx');
  const hairs: AnnotatedHair[] = [];
  for (const m of xml.matchAll(/<object>([\s\S]*?)<\/object>/g)) {
    const o = m[1]!;
    const cls = (tag(o, 'class') ?? tag(o, 'name')) as RealHairClass | undefined;
    if (!cls) continue;
    const n = (t: string) => Number(tag(o, t));
    hairs.push({ cls, root: { x: n('xmin'), y: n('ymin') }, tip: { x: n('xmax'), y: n('ymax') } });
  }
  return { width, height, hairs, umPerPx: um ? Number(um) : null };
}

const readList = (dir: string, split: string): string[] | null => {
  try {
    return readFileSync(join(dir, 'ImageSets', 'Main', `${split}.txt`), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  } catch {
    return null;
  }
};

/**
 * The list a split reads: `<split>.txt`, or `all.txt` when the folder has no such list (an
 * `anagen export-verified` folder has no train/val split: every image is the clinic's own). A folder
 * with neither (a mistyped FDU split) is an error, so the FDU test split is never read by accident.
 */
export function splitList(dir: string, split: string): { name: string; ids: string[] } {
  const own = readList(dir, split);
  if (own) return { name: split, ids: own };
  const all = split === 'all' ? null : readList(dir, 'all');
  if (all) return { name: 'all', ids: all };
  throw new Error(`no split list ${join(dir, 'ImageSets', 'Main', `${split}.txt`)}`);
}

/** The images of one split (see `splitList`). */
export function readSplit(dir: string, split: string): AnnotatedImage[] {
  return splitList(dir, split).ids.map((id) => {
    const xml = readFileSync(join(dir, 'Annotations', `${id}.xml`), 'utf8');
    // FDU images are <id>.jpg; an export keeps the stored format (PNG or JPEG) and names it here.
    const named = tag(xml, 'filename');
    const imagePath =
      named && !named.includes('/') && existsSync(join(dir, 'Images', named))
        ? join(dir, 'Images', named)
        : join(dir, 'Images', `${id}.jpg`);
    return { id, imagePath, ...parseVocVectors(xml) };
  });
}

export async function decodeImage(path: string) {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height, channels: 3 as const };
}

export interface RealScore {
  id: string;
  truth: number;
  found: number;
  ape: number;
  tp: number;
  fp: number;
  fn: number;
  ok: boolean;
  confidence: number | null;
  /** quality.expectedError and quality.countInterval (null from engines before 0.4.0 / 0.6.0). */
  expectedError: number | null;
  countInterval: [number, number] | null;
  /** Quality issues other than the count gate's (`uncertain-count`, `few-hairs`): the hard gates. */
  hardIssues: number;
  /** The count gate's `few-hairs` flag, and its logit (count-gate.ts; absent for older engines). */
  fewHairs?: boolean;
  gateScore?: number;
  meanDiameterUm: number;
  ms: number;
}

/**
 * Greedy root matching: each found point may claim one marked point within `radiusPx`, nearest
 * pairs first. Returns the indices of the found and the marked points that were matched.
 */
export function matchRoots(
  found: readonly { x: number; y: number }[],
  marked: readonly { x: number; y: number }[],
  radiusPx: number,
): { usedF: Set<number>; usedT: Set<number> } {
  const pairs: [number, number, number][] = [];
  found.forEach((f, i) => {
    marked.forEach((t, j) => {
      const d = Math.hypot(f.x - t.x, f.y - t.y);
      if (d <= radiusPx) pairs.push([d, i, j]);
    });
  });
  pairs.sort((a, b) => a[0] - b[0]);
  const usedF = new Set<number>();
  const usedT = new Set<number>();
  for (const [, i, j] of pairs) {
    if (usedF.has(i) || usedT.has(j)) continue;
    usedF.add(i);
    usedT.add(j);
  }
  return { usedF, usedT };
}

/**
 * Root-level matching: each engine hair may claim one annotated root within `radiusPx`, nearest
 * pairs first (greedy on sorted distances, as detection benchmarks do). Abnormal stubs are neither
 * required nor penalised: an engine hair on one is left out of both precision and recall.
 */
export function scoreImage(
  img: AnnotatedImage,
  result: HairAnalysisResult,
  radiusPx: number,
): { tp: number; fp: number; fn: number } {
  const shafts = img.hairs.filter((h) => SHAFT_CLASSES.includes(h.cls));
  const stubs = img.hairs.filter((h) => h.cls === 'abnormal');
  const { usedF, usedT } = matchRoots(
    result.hairs,
    shafts.map((t) => t.root),
    radiusPx,
  );
  let fp = 0;
  result.hairs.forEach((f, i) => {
    if (usedF.has(i)) return;
    const onStub = stubs.some((s) => Math.hypot(f.x - s.root.x, f.y - s.root.y) <= radiusPx);
    if (!onStub) fp++;
  });
  return { tp: usedT.size, fp, fn: shafts.length - usedT.size };
}
