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
});
