import { describe, expect, it } from 'vitest';
import { fillSmallHoles } from './mask-holes';

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
