import { describe, expect, it } from 'vitest';
import { decideEmergence, extendRoot, insetRoot } from './emergence';
import type { Strand, StrandEnd } from './trace-strands';

const W = 60;
const end = (x: number, y: number): StrandEnd => ({ x, y, kind: 'free', unpaired: 1, r: 2 });
/** A horizontal strand from (x0, y) to (x1, y), traced in that order. */
const horizontal = (y: number, x0: number, x1: number): Strand => {
  const path: number[] = [];
  const step = x1 > x0 ? 1 : -1;
  for (let x = x0; x !== x1 + step; x += step) path.push(y * W + x);
  return { path, crossings: [], start: end(x0, y), end: end(x1, y) };
};

describe('root walk (extendRoot)', () => {
  // A shaft of darkness 1 from x = 20 to 50, fading to 0.7 from x = 12 to 19 (under the skin).
  const dark = new Float32Array(W * W);
  for (let x = 12; x <= 50; x++) dark[30 * W + x] = x >= 20 ? 1 : 0.7;
  const strand = horizontal(30, 20, 50);

  it('walks on from the root end while the shaft still shows faintly', () => {
    const p = extendRoot(strand.path, true, dark, W, W, 0.55, 20);
    expect(Math.round(p.x)).toBe(12);
    expect(p.y).toBe(30);
  });

  it('stops where the shaft stops, and never beyond its reach', () => {
    expect(extendRoot(strand.path, true, dark, W, W, 0.8, 20).x).toBe(20);
    expect(Math.round(extendRoot(strand.path, true, dark, W, W, 0.55, 4).x)).toBe(16);
    // From the other end (x = 50) there is only skin beyond.
    expect(extendRoot(strand.path, false, dark, W, W, 0.55, 20).x).toBe(50);
  });
});

describe('growth direction', () => {
  it('lets the image’s coherent growth direction decide a strand whose ends disagree with it', () => {
    // Four hairs whose ends clearly say "root on the left", one whose own evidence mildly says the
    // opposite: hair in one scalp area grows parallel, so its root is taken on the left as well.
    const strands = [10, 20, 30, 40, 50].map((y) => horizontal(y, 5, 45));
    const bulges: [number, number][] = [
      [2, 1],
      [2, 1],
      [2, 1],
      [2, 1],
      [1.2, 1.45],
    ];
    const d = decideEmergence(strands, bulges, { w: W, h: W, radius: () => 2 });
    expect(d.every((x) => x.counted)).toBe(true);
    expect(d.map((x) => x.x)).toEqual([5, 5, 5, 5, 5]);
  });

  it('follows the ends’ own evidence when there is no coherent direction', () => {
    const strands = [horizontal(10, 5, 45), horizontal(30, 5, 45)];
    const d = decideEmergence(
      strands,
      [
        [2, 1],
        [1, 2],
      ],
      { w: W, h: W, radius: () => 2 },
    );
    expect(d.map((x) => x.x)).toEqual([5, 45]);
    // Which end is the root travels with the decision (later stages read the tip from it).
    expect(d.map((x) => x.rootAtStart)).toEqual([true, false]);
  });

  it('names the root end of a strand cut by the border: its inner end, whichever way it was traced', () => {
    const inward = horizontal(20, 30, 0);
    inward.end = { ...inward.end, kind: 'border' };
    const outward = horizontal(40, 0, 30);
    outward.start = { ...outward.start, kind: 'border' };
    const d = decideEmergence(
      [inward, outward],
      [
        [2, 1],
        [1, 2],
      ],
      { w: W, h: W, radius: () => 2 },
    );
    expect(d.map((x) => x.rootAtStart)).toEqual([true, false]);
  });
});

describe('root inset (insetRoot)', () => {
  const strand = horizontal(30, 20, 50);
  it('moves the emergence point back along the shaft towards the tip', () => {
    expect(insetRoot(strand.path, true, { x: 12, y: 30 }, W, 5)).toEqual({ x: 17, y: 30 });
    // Traced the other way round, the root is at x = 50 and the tip at x = 20.
    const back = horizontal(30, 50, 20);
    expect(insetRoot(back.path, true, { x: 50, y: 30 }, W, 5)).toEqual({ x: 45, y: 30 });
  });

  it('never moves a short strand’s root more than a share of its length', () => {
    const short = horizontal(30, 20, 25);
    expect(insetRoot(short.path, true, { x: 20, y: 30 }, W, 50).x).toBeCloseTo(22, 5);
  });
});
