import { describe, expect, it } from 'vitest';
import { distanceTransform } from './distance-transform';
import { nonZeroIndices } from './mask-pixels';
import { buildSkeletonGraph, degree, pruneSpurs } from './skeleton-graph';
import { DX, DY, skeletonize } from './skeletonize';
import { splitAtCorners } from './split-corners';
import { traceStrands } from './trace-strands';

/** Draws a thick segment into a mask. */
function bar(mask: Uint8Array, w: number, x0: number, y0: number, x1: number, y1: number, half: number) {
  const h = mask.length / w;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = x1 - x0;
      const dy = y1 - y0;
      const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
      if (Math.hypot(x - x0 - t * dx, y - y0 - t * dy) <= half) mask[y * w + x] = 1;
    }
  }
}

function analyse(mask: Uint8Array, w: number, h: number) {
  const dt = distanceTransform(mask, w, h);
  const skeleton = skeletonize(mask, w, h);
  const g = buildSkeletonGraph(skeleton, dt, w, h);
  pruneSpurs(g, (r) => Math.max(4, 2.2 * r + 2));
  const edgeR = new Float32Array(g.edges.length).fill(3);
  return { sk: skeleton.sk, g, strands: traceStrands(g, edgeR, w, h) };
}

describe('skeletonize', () => {
  it('thins a diagonal bar to a one-pixel chain whose inner pixels have two neighbours', () => {
    const w = 60;
    const h = 60;
    const mask = new Uint8Array(w * h);
    bar(mask, w, 10, 12, 48, 40, 3.5);
    const { sk } = analyse(mask, w, h);
    let ends = 0;
    let inner = 0;
    for (let p = 0; p < w * h; p++) {
      if (!sk[p]) continue;
      let n = 0;
      for (let i = 0; i < 8; i++) if (sk[p + DY[i]! * w + DX[i]!]) n++;
      if (n === 1) ends++;
      else if (n === 2) inner++;
      else throw new Error(`pixel with ${n} neighbours`);
    }
    expect(ends).toBe(2);
    expect(inner).toBeGreaterThan(30);
  });
});

describe('skeletonize with reused memory', () => {
  it('gives the same skeleton into a dirty buffer and after a larger mask', () => {
    const w = 70;
    const h = 50;
    const mask = new Uint8Array(w * h);
    bar(mask, w, 5, 8, 60, 40, 3);
    bar(mask, w, 10, 45, 65, 5, 2);
    const first = skeletonize(mask, w, h);
    const big = new Uint8Array(300 * 200);
    bar(big, 300, 10, 10, 290, 190, 12);
    skeletonize(big, 300, 200);
    const again = skeletonize(mask, w, h, new Uint8Array(w * h + 3).fill(1));
    expect(again.pixels).toEqual(first.pixels);
    expect(again.sk).toEqual(first.sk);
    const dt = distanceTransform(mask, w, h);
    expect(JSON.stringify(buildSkeletonGraph(again, dt, w, h))).toBe(
      JSON.stringify(buildSkeletonGraph(first, dt, w, h)),
    );
  });

  it('gives the same skeleton and distances from a supplied foreground list', () => {
    const w = 70;
    const h = 50;
    const mask = new Uint8Array(w * h);
    bar(mask, w, 0, 3, 69, 46, 4); // touches the image border
    bar(mask, w, 10, 45, 65, 5, 2);
    mask[w * 20 + 33] = 7; // any non-zero value is foreground
    const fg = nonZeroIndices(mask);
    const plain = skeletonize(mask, w, h);
    const listed = skeletonize(mask, w, h, new Uint8Array(w * h).fill(1), fg);
    expect(listed.pixels).toEqual(plain.pixels);
    expect(listed.sk).toEqual(plain.sk);
    expect(distanceTransform(mask, w, h, new Float32Array(w * h).fill(5), fg)).toEqual(
      distanceTransform(mask, w, h),
    );
  });
});

describe('skeleton graph and strands', () => {
  it('traces two crossing hairs as two straight strands', () => {
    const w = 80;
    const h = 80;
    const mask = new Uint8Array(w * h);
    bar(mask, w, 10, 40, 70, 40, 2.5);
    bar(mask, w, 40, 10, 40, 70, 2.5);
    const { strands } = analyse(mask, w, h);
    expect(strands).toHaveLength(2);
    for (const s of strands) {
      expect(s.crossings).toHaveLength(1);
      expect(s.start.kind).toBe('free');
      expect(s.end.kind).toBe('free');
      expect(Math.hypot(s.end.x - s.start.x, s.end.y - s.start.y)).toBeGreaterThan(50);
    }
  });

  it('ends a branch at a Y junction and marks ends at the border', () => {
    const w = 80;
    const h = 60;
    const mask = new Uint8Array(w * h);
    bar(mask, w, 0, 30, 60, 30, 2.5); // enters from the left border
    bar(mask, w, 35, 30, 70, 12, 2.5); // branches off
    const { g, strands } = analyse(mask, w, h);
    expect(g.nodes.filter((_, i) => degree(g, i) === 3)).toHaveLength(1);
    expect(strands).toHaveLength(2);
    const kinds = strands.map((s) => [s.start.kind, s.end.kind].sort().join('+')).sort();
    expect(kinds).toEqual(['border+free', 'free+junction']);
  });

  it('splits a V (two hairs from one opening) at its vertex', () => {
    const w = 80;
    const h = 80;
    const mask = new Uint8Array(w * h);
    bar(mask, w, 40, 70, 15, 10, 2);
    bar(mask, w, 40, 70, 65, 10, 2);
    const { strands } = analyse(mask, w, h);
    const split = splitAtCorners(strands, w, () => 2);
    expect(split).toHaveLength(2);
    for (const s of split) {
      const corner = s.start.kind === 'corner' ? s.start : s.end;
      expect(corner.kind).toBe('corner');
      expect(Math.hypot(corner.x - 40, corner.y - 70)).toBeLessThan(8);
    }
  });
});

/**
 * Plain Zhang–Suen (every pixel examined in every subiteration, neighbourhoods read from the image)
 * followed by the staircase pass, for checking the incremental implementation.
 */
function referenceSkeleton(mask: Uint8Array, w: number, h: number): Uint8Array {
  const img = mask.map((v) => (v ? 1 : 0));
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= w || y >= h ? 0 : img[y * w + x]!);
  // Neighbours N, NE, E, SE, S, SW, W, NW.
  const nb = (x: number, y: number) => [0, 1, 2, 3, 4, 5, 6, 7].map((i) => at(x + DX[i]!, y + DY[i]!));
  const deletable = (b: number[], sub: number) => {
    const count = b.reduce((a, v) => a + v, 0);
    let transitions = 0;
    for (let i = 0; i < 8; i++) if (b[i] === 0 && b[(i + 1) & 7] === 1) transitions++;
    if (count < 2 || count > 6 || transitions !== 1) return false;
    const [n, e, s, ww] = [b[0]!, b[2]!, b[4]!, b[6]!];
    return sub === 0 ? n * e * s === 0 && e * s * ww === 0 : n * e * ww === 0 && n * s * ww === 0;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let sub = 0; sub < 2; sub++) {
      const del: number[] = [];
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) if (img[y * w + x] && deletable(nb(x, y), sub)) del.push(y * w + x);
      for (const p of del) img[p] = 0;
      if (del.length) changed = true;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!img[y * w + x]) continue;
      const b = nb(x, y);
      const corner = (b[0]! & b[2]!) | (b[2]! & b[4]!) | (b[4]! & b[6]!) | (b[6]! & b[0]!);
      let n8 = 0;
      for (let k = 0; k < 8; k += 2) n8 += 1 - b[k]! - (1 - b[k]!) * (1 - b[k + 1]!) * (1 - b[(k + 2) & 7]!);
      if (corner && n8 === 1) img[y * w + x] = 0;
    }
  }
  return img;
}

describe('skeletonize against plain Zhang–Suen', () => {
  it('matches on thin bars, crossings and a disc needing over 64 subiterations', () => {
    const w = 120;
    const h = 110;
    const mask = new Uint8Array(w * h);
    bar(mask, w, 3, 5, 115, 30, 2.5);
    bar(mask, w, 10, 100, 100, 8, 4);
    bar(mask, w, 60, 60, 61, 61, 38); // a disc of radius ~38: thinning takes ~76 subiterations
    bar(mask, w, 0, 80, 50, 109, 1); // touches the border
    const { sk } = skeletonize(mask, w, h);
    expect(sk).toEqual(referenceSkeleton(mask, w, h));
  });
});
