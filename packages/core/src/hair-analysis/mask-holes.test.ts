import { describe, expect, it } from 'vitest';
import { fillSmallHoles, fillThinHoles } from './mask-holes';

/** Draws a mask from rows of '#' (foreground) and '.' (background). */
function parse(rows: string[]) {
  const w = rows[0]!.length;
  const mask = new Uint8Array(w * rows.length);
  rows.forEach((r, y) => {
    for (let x = 0; x < w; x++) mask[y * w + x] = r[x] === '#' ? 1 : 0;
  });
  return { mask, w, h: rows.length };
}
const show = (m: Uint8Array, w: number) =>
  Array.from({ length: m.length / w }, (_, y) =>
    Array.from(m.subarray(y * w, y * w + w), (v) => (v ? '#' : '.')).join(''),
  );

describe('fillSmallHoles', () => {
  it('fills the centre of a ring-shaped opening but not a larger enclosed region', () => {
    const { mask, w, h } = parse([
      '..............',
      '.####...######',
      '.#..#...#....#',
      '.#..#...#....#',
      '.####...#....#',
      '........######',
      '..............',
    ]);
    expect(fillSmallHoles(mask, w, h, 4)).toBe(4);
    expect(show(mask, w)).toEqual([
      '..............',
      '.####...######',
      '.####...#....#',
      '.####...#....#',
      '.####...#....#',
      '........######',
      '..............',
    ]);
  });

  it('treats a diagonal gap as closed but an open side or the border as open', () => {
    // Foreground is 8-connected, so a diagonal step in the outline still encloses the interior.
    const { mask, w, h } = parse(['#####..', '#...#..', '#...#..', '####...', '.......']);
    expect(fillSmallHoles(mask, w, h, 100)).toBe(6);
    const open = parse(['#####', '#...#', '#...#', '##.##', '.....']);
    expect(fillSmallHoles(open.mask, open.w, open.h, 100)).toBe(0);
    const edge = parse(['.####', '...##', '.####']);
    expect(fillSmallHoles(edge.mask, edge.w, edge.h, 100)).toBe(0);
  });

  it('matches a pixel-by-pixel reference on random masks, aligned or not', () => {
    // Reference: every enclosed 4-connected background region of ≤ maxArea pixels is filled.
    const reference = (m: Uint8Array, w: number, h: number, maxArea: number) => {
      const out = m.slice();
      const seen = new Uint8Array(w * h);
      for (let s = 0; s < w * h; s++) {
        if (m[s] || seen[s]) continue;
        const region = [s];
        seen[s] = 1;
        let border = false;
        for (let i = 0; i < region.length; i++) {
          const p = region[i]!;
          const x = p % w;
          const y = (p - x) / w;
          if (x === 0 || y === 0 || x === w - 1 || y === h - 1) border = true;
          for (const [nx, ny] of [
            [x - 1, y],
            [x + 1, y],
            [x, y - 1],
            [x, y + 1],
          ] as const) {
            if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
            const q = ny * w + nx;
            if (!m[q] && !seen[q]) {
              seen[q] = 1;
              region.push(q);
            }
          }
        }
        if (!border && region.length <= maxArea) for (const p of region) out[p] = 1;
      }
      return out;
    };
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const [w, h] of [
      [37, 23],
      [64, 40],
      [5, 5],
    ] as const) {
      for (const density of [0.3, 0.55, 0.75]) {
        const mask = new Uint8Array(w * h);
        for (let p = 0; p < w * h; p++) mask[p] = rand() < density ? 1 : 0;
        const expected = reference(mask, w, h, 6);
        const aligned = mask.slice();
        fillSmallHoles(aligned, w, h, 6);
        expect(aligned).toEqual(expected);
        const shifted = new Uint8Array(w * h + 3);
        shifted.set(mask, 3);
        fillSmallHoles(shifted.subarray(3), w, h, 6);
        expect(shifted.subarray(3)).toEqual(expected);
      }
    }
  });
});

describe('fillThinHoles', () => {
  it('closes a long narrow stripe enclosed by one shaft (a reflex), whatever its area', () => {
    const { mask, w, h } = parse([
      '....................',
      '.##################.',
      '.##################.',
      '.###............###.',
      '.###............###.',
      '.##################.',
      '.##################.',
      '....................',
    ]);
    // 24 pixels: more than fillSmallHoles takes at this size, all within 1 px of the shaft.
    expect(fillSmallHoles(mask.slice(), w, h, 10)).toBe(0);
    expect(fillThinHoles(mask, w, h, 1, 100)).toBe(24);
    expect(mask.every((v, p) => v === 1 || p < w || p >= (h - 1) * w || p % w === 0 || p % w === w - 1)).toBe(
      true,
    );
  });

  it('leaves skin between two hairs open at one end, wide enclosed skin and the area limit alone', () => {
    // Two shafts joined at one end only: the skin between them reaches the open side.
    const open = parse([
      '....................',
      '.##################.',
      '.##################.',
      '.###................',
      '.###................',
      '.##################.',
      '.##################.',
      '....................',
    ]);
    expect(fillThinHoles(open.mask, open.w, open.h, 1, 100)).toBe(0);
    // Skin enclosed by crossing hairs: its middle is 2 px from any shaft.
    const wide = parse([
      '.........',
      '.#######.',
      '.#.....#.',
      '.#.....#.',
      '.#.....#.',
      '.#.....#.',
      '.#.....#.',
      '.#######.',
      '.........',
    ]);
    expect(fillThinHoles(wide.mask, wide.w, wide.h, 1.5, 100)).toBe(0);
    expect(fillThinHoles(wide.mask, wide.w, wide.h, 3, 100)).toBe(25);
    const long = parse(['..........', '.########.', '.#......#.', '.########.', '..........']);
    expect(fillThinHoles(long.mask, long.w, long.h, 1, 5)).toBe(0);
    expect(fillThinHoles(long.mask, long.w, long.h, 1, 6)).toBe(6);
  });

  it('matches a pixel-by-pixel reference on random masks', () => {
    // Reference: every enclosed region of ≤ maxArea pixels, all within maxDist of the mask, is filled.
    const reference = (m: Uint8Array, w: number, h: number, maxDist: number, maxArea: number) => {
      const out = m.slice();
      const seen = new Uint8Array(w * h);
      const near = (x: number, y: number) => {
        for (let yy = 0; yy < h; yy++)
          for (let xx = 0; xx < w; xx++)
            if (m[yy * w + xx] && (xx - x) ** 2 + (yy - y) ** 2 <= maxDist * maxDist) return true;
        return false;
      };
      for (let s = 0; s < w * h; s++) {
        if (m[s] || seen[s]) continue;
        const region = [s];
        seen[s] = 1;
        let ok = true;
        for (let i = 0; i < region.length; i++) {
          const p = region[i]!;
          const x = p % w;
          const y = (p - x) / w;
          if (x === 0 || y === 0 || x === w - 1 || y === h - 1 || !near(x, y)) ok = false;
          for (const [nx, ny] of [
            [x - 1, y],
            [x + 1, y],
            [x, y - 1],
            [x, y + 1],
          ] as const) {
            if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
            const q = ny * w + nx;
            if (!m[q] && !seen[q]) {
              seen[q] = 1;
              region.push(q);
            }
          }
        }
        if (ok && region.length <= maxArea) for (const p of region) out[p] = 1;
      }
      return out;
    };
    let seed = 11;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const [w, h] of [
      [37, 23],
      [64, 40],
    ] as const) {
      for (const density of [0.45, 0.6, 0.75]) {
        const mask = new Uint8Array(w * h);
        for (let p = 0; p < w * h; p++) mask[p] = rand() < density ? 1 : 0;
        for (const [maxDist, maxArea] of [
          [1, 40],
          [1.5, 12],
        ] as const) {
          const expected = reference(mask, w, h, maxDist, maxArea);
          const got = mask.slice();
          fillThinHoles(got, w, h, maxDist, maxArea);
          expect(got).toEqual(expected);
        }
      }
    }
  });
});
