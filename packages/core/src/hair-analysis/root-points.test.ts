import { describe, expect, it } from 'vitest';
import { placementCandidates } from './placement';
import {
  detectRootPoints,
  MAX_SEEDS,
  ROOT_POINT_FEATURE_NAMES,
  ROOT_POINT_FEATURES,
  RootPointFeatures,
  type RootPointMaps,
  type RootPointModel,
  rootPointSeeds,
  scorePeaks,
} from './root-points';

/** Maps of a 120×80 field at 10 µm/px with one horizontal shaft, 5 px wide, from x = 30 to x = 90 at y = 40. */
function oneShaft(): RootPointMaps {
  const w = 120;
  const h = 80;
  const probability = new Float32Array(w * h);
  const mask = new Uint8Array(w * h);
  const distance = new Float32Array(w * h);
  const dark = new Float32Array(w * h);
  const red = new Float32Array(w * h);
  for (let y = 38; y <= 42; y++)
    for (let x = 30; x <= 90; x++) {
      const p = y * w + x;
      probability[p] = 0.95;
      mask[p] = 1;
      distance[p] = 3 - Math.abs(y - 40);
      dark[p] = 0.6;
      red[p] = 0.6;
    }
  return {
    width: w,
    height: h,
    umPerWorkingPx: 10,
    probability,
    red,
    dark,
    distance,
    mask,
    pixelIndex: new Int32Array(0),
    pixelColumns: new Float32Array(0),
  };
}

const feature = (f: number[], name: (typeof ROOT_POINT_FEATURE_NAMES)[number]) =>
  f[ROOT_POINT_FEATURE_NAMES.indexOf(name)]!;

/** The features `d` gives a point, every entry written (NaN where one was left out). */
const featuresAt = (d: RootPointFeatures) => (x: number, y: number) => {
  const f = new Array<number>(ROOT_POINT_FEATURES).fill(Number.NaN);
  d.describe(x, y, f);
  return f;
};

describe('root-point seeds and their features', () => {
  it('seeds a field that would need more than MAX_SEEDS on coarser cells, still covering all of it', () => {
    // 2000×1500 px at 8 µm/px, shaft-like everywhere: 40 µm cells would give 120 000 seeds.
    const w = 2000;
    const h = 1500;
    const maps: RootPointMaps = {
      ...oneShaft(),
      width: w,
      height: h,
      umPerWorkingPx: 8,
      probability: new Float32Array(w * h).fill(0.9),
    };
    const seeds = rootPointSeeds(maps);
    expect(seeds.length / 2).toBeLessThanOrEqual(MAX_SEEDS);
    expect(seeds.length / 2).toBeGreaterThan(MAX_SEEDS / 2);
    let maxX = 0;
    let maxY = 0;
    for (let i = 0; i < seeds.length; i += 2) {
      maxX = Math.max(maxX, seeds[i]!);
      maxY = Math.max(maxY, seeds[i + 1]!);
    }
    expect(maxX).toBeGreaterThan(w * 0.9);
    expect(maxY).toBeGreaterThan(h * 0.9);
  });

  it('seeds only cells holding shaft-like pixels, one per 40 µm cell', () => {
    const maps = oneShaft();
    const seeds = rootPointSeeds(maps);
    expect(seeds.length / 2).toBeGreaterThanOrEqual(14);
    expect(seeds.length / 2).toBeLessThanOrEqual(32);
    for (let i = 0; i < seeds.length; i += 2) {
      expect(seeds[i + 1]!).toBeGreaterThanOrEqual(38);
      expect(seeds[i + 1]!).toBeLessThanOrEqual(42);
      expect(seeds[i]!).toBeGreaterThanOrEqual(30);
      expect(seeds[i]!).toBeLessThanOrEqual(90);
    }
  });

  it('counts one arm of shaft leaving a ring around an end, two along the shaft, none on skin', () => {
    const maps = oneShaft();
    const d = new RootPointFeatures(maps, { paths: [], ends: [32, 40, 88, 40], roots: [32, 40] });
    const at = featuresAt(d);
    const end = at(32, 40);
    const middle = at(60, 40);
    const skin = at(60, 10);
    expect([end, middle, skin].every((f) => f.every(Number.isFinite))).toBe(true);
    expect(feature(end, 'arms50')).toBe(1);
    expect(feature(middle, 'arms50')).toBe(2);
    expect(feature(skin, 'arms50')).toBe(0);
    expect(feature(skin, 'ring100')).toBe(0);
    // Distances in units of 100 µm: the end is the root, the middle 280 µm from both ends.
    expect(feature(end, 'toRoot')).toBe(0);
    expect(feature(middle, 'toEnd')).toBeCloseTo(2.8, 5);
    expect(feature(middle, 'halfWidth')).toBeCloseTo(0.6, 5);
  });
});

describe('the shape of the darkness around a point (decision 074)', () => {
  it('tells an end from the middle of a shaft, a dark dot from skin, and a tip from a root', () => {
    const maps = oneShaft();
    // A dark dot (a follicle opening) on the skin, 3 px across, at (60, 12).
    for (let y = 11; y <= 13; y++) for (let x = 59; x <= 61; x++) maps.dark[y * maps.width + x] = 0.5;
    const d = new RootPointFeatures(maps, {
      paths: [],
      ends: [32, 40, 88, 40],
      roots: [32, 40],
      tips: [88, 40],
    });
    const at = featuresAt(d);
    const end = at(32, 40);
    const middle = at(60, 40);
    const dot = at(60, 12);
    const skin = at(10, 70);
    expect([end, middle, dot, skin].every((f) => f.every(Number.isFinite))).toBe(true);
    // The mask leaves an end one way only, the middle both ways, 180° apart.
    expect(feature(end, 'armPull')).toBeGreaterThan(0.9);
    expect(feature(middle, 'armPull')).toBeLessThan(0.1);
    expect(feature(middle, 'armAngle')).toBe(1);
    expect(feature(end, 'armAngle')).toBe(0);
    // Past the end there is skin, along the shaft the shaft.
    expect(feature(end, 'beyondDark')).toBeCloseTo(-0.6, 5);
    expect(feature(end, 'alongDark')).toBeCloseTo(0, 5);
    // Only the dot is darker than every ring around it.
    expect(feature(dot, 'dotContrast30')).toBeCloseTo(0.5, 5);
    expect(feature(skin, 'dotContrast30')).toBe(0);
    expect(feature(middle, 'dotContrast30')).toBeGreaterThan(0);
    expect(feature(middle, 'dotContrast30')).toBeLessThan(0.6);
    // The counted strand's tip is its other end, 560 µm away: beyond the 300 µm cap (units of 100 µm).
    expect(feature(end, 'toTip')).toBe(3);
    expect(feature(at(86, 40), 'toTip')).toBeCloseTo(0.2, 5);
    expect(feature(end, 'rootsNear')).toBe(1);
  });

  it('counts the other seeds near each seed', () => {
    const maps = oneShaft();
    const d = new RootPointFeatures(maps, { paths: [], ends: [], roots: [] });
    const model: RootPointModel = {
      mean: [0],
      scale: [1],
      w1: [0],
      b1: [0],
      w2: [0],
      b2: 0,
      threshold: 0.5,
      peakUm: 80,
    };
    const found = detectRootPoints(d, maps, model);
    const k = ROOT_POINT_FEATURE_NAMES.indexOf('seedsNear');
    const n = found.seeds.length / 2;
    const counts = Array.from({ length: n }, (_, i) => found.features[i * ROOT_POINT_FEATURES + k]!);
    // Seeds 40 µm apart along one line: 110 µm reaches two on each side in the middle, fewer at the ends.
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(4);
    expect(Math.min(...counts)).toBeLessThan(Math.max(...counts));
  });
});

describe('root-point peaks', () => {
  it('keeps the best point of each neighbourhood that reaches the threshold', () => {
    const xy = [0, 0, 5, 0, 50, 0, 100, 0];
    expect(scorePeaks(xy, [0.6, 0.9, 0.7, 0.3], 0.5, 10)).toEqual([1, 2]);
    expect(scorePeaks(xy, [0.6, 0.9, 0.7, 0.3], 0.95, 10)).toEqual([]);
  });

  it('turns the detector’s peaks into scored points of the image', () => {
    const maps = oneShaft();
    const d = new RootPointFeatures(maps, { paths: [], ends: [], roots: [] });
    // A model whose score rises with the first feature (shaft probability) only.
    const model: RootPointModel = {
      mean: new Array(ROOT_POINT_FEATURES).fill(0),
      scale: new Array(ROOT_POINT_FEATURES).fill(1),
      w1: Array.from({ length: ROOT_POINT_FEATURES }, (_, i) => (i === 0 ? 4 : 0)),
      b1: [0],
      w2: [2],
      b2: -1.5,
      threshold: 0.5,
      peakUm: 200,
    };
    const found = detectRootPoints(d, maps, model);
    expect(found.peaks.length).toBeGreaterThan(0);
    // 600 µm of shaft and peaks at least 200 µm apart: at most four.
    expect(found.peaks.length).toBeLessThanOrEqual(4);
    for (const k of found.peaks) expect(found.scores[k]!).toBeGreaterThanOrEqual(0.5);
  });
});

describe('detector points as placement candidates', () => {
  const path = [100, 50, 130, 50, 160, 50];
  const strand = {
    start: { x: 100, y: 50, kind: 'free', unpaired: 1 },
    end: { x: 160, y: 50, kind: 'free', unpaired: 1 },
    root: { x: 102, y: 50 },
    rootAtStart: true,
    hairs: 1,
    weight: 1.2,
    lengthUm: 600,
    radiusUm: 30,
    diameterUm: 60,
    level: 1,
    probability: 0.9,
    halo: [0.1, 0.05] as const,
    bulge: [1.2, 1] as const,
    path,
  };

  it('stands a point on the nearest strand within 110 µm, and on none beyond', () => {
    const c = placementCandidates([strand], 10, 300, 200, [
      { x: 130, y: 55, score: 0.8 },
      { x: 130, y: 150, score: 0.7 },
    ]);
    const points = c.filter((k) => k.type === 'point');
    expect(points.map((k) => k.strand)).toEqual([0, -1]);
    expect(
      c.every((k) => k.features.length === c[0]!.features.length && k.features.every(Number.isFinite)),
    ).toBe(true);
    // The strand's own candidates read the best peak within 110 µm as evidence.
    // (Feature 27: the peak's score, counted from the start; later features are appended.)
    const root = c.find((k) => k.type === 'root')!;
    expect(root.features[27]).toBe(0);
    const mid = c.find((k) => k.type === 'mid260')!;
    expect(mid.features[27]).toBeCloseTo(0.8, 6);
  });
});
