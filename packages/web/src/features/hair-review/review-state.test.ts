import type { MeasurementHair } from '@anagen/core/contracts';
import { describe, expect, it } from 'vitest';
import { initialReview, removedSince, reviewReducer } from './review-state';

const hair = (x: number, y: number, diameterUm = 70): MeasurementHair => ({
  x,
  y,
  diameterUm,
  class: 'terminal',
  origin: 'engine',
});
const counted = (s: ReturnType<typeof initialReview>) =>
  s.marks.filter((m) => !m.removed).map((m) => `${m.x},${m.y}`);

describe('hair review reducer', () => {
  it('removes a mark by toggling it and restores it by toggling again', () => {
    let s = initialReview([hair(1, 1), hair(2, 2)]);
    s = reviewReducer(s, { type: 'toggle', key: 0 });
    expect(counted(s)).toEqual(['2,2']);
    s = reviewReducer(s, { type: 'toggle', key: 0 });
    expect(counted(s)).toEqual(['1,1', '2,2']);
  });

  it('adds an unmeasured hair with a fresh key, never reusing one', () => {
    let s = initialReview([hair(1, 1)], [hair(5, 5)]);
    expect(s.nextKey).toBe(2);
    s = reviewReducer(s, { type: 'add', x: 9, y: 8 });
    const added = s.marks.at(-1)!;
    expect(added).toMatchObject({
      key: 2,
      x: 9,
      y: 8,
      origin: 'added',
      class: 'unmeasured',
      diameterUm: null,
    });
    s = reviewReducer(s, { type: 'undo' });
    s = reviewReducer(s, { type: 'add', x: 3, y: 3 });
    // The undone add's key is not handed out again, so a selection never jumps to another mark.
    expect(s.marks.at(-1)!.key).toBe(3);
  });

  it('undoes and redoes edits in order, and a new edit clears what could be redone', () => {
    let s = initialReview([hair(1, 1), hair(2, 2)]);
    s = reviewReducer(s, { type: 'toggle', key: 1 });
    s = reviewReducer(s, { type: 'add', x: 4, y: 4 });
    expect(counted(s)).toEqual(['1,1', '4,4']);
    s = reviewReducer(s, { type: 'undo' });
    expect(counted(s)).toEqual(['1,1']);
    s = reviewReducer(s, { type: 'undo' });
    expect(counted(s)).toEqual(['1,1', '2,2']);
    s = reviewReducer(s, { type: 'redo' });
    expect(counted(s)).toEqual(['1,1']);
    s = reviewReducer(s, { type: 'toggle', key: 0 });
    expect(s.future).toEqual([]);
    expect(reviewReducer(s, { type: 'redo' })).toBe(s);
  });

  it('leaves the state alone when there is nothing to undo', () => {
    const s = initialReview([hair(1, 1)]);
    expect(reviewReducer(s, { type: 'undo' })).toBe(s);
  });

  it('shows engine hairs a verified list dropped as removed marks, one per dropped hair at a point', () => {
    const engine = [hair(1, 1), hair(1, 1, 40), hair(2, 2)];
    const verified = [hair(1, 1)];
    const dropped = removedSince(engine, verified);
    expect(dropped.map((h) => `${h.x},${h.y}`)).toEqual(['1,1', '2,2']);
    const s = initialReview(verified, dropped);
    expect(s.marks.map((m) => m.removed)).toEqual([false, true, true]);
  });
});
