import type { MeasurementHair } from '@anagen/core/contracts';

/** One mark on the review screen; `removed` marks stay visible (dashed) so they can be restored. */
export interface ReviewMark extends MeasurementHair {
  key: number;
  removed: boolean;
}

export interface ReviewState {
  marks: ReviewMark[];
  past: ReviewMark[][];
  future: ReviewMark[][];
  nextKey: number;
}

export type ReviewAction =
  | { type: 'toggle'; key: number }
  | { type: 'add'; x: number; y: number }
  | { type: 'undo' }
  | { type: 'redo' };

export function initialReview(
  hairs: readonly MeasurementHair[],
  removedEngine: readonly MeasurementHair[] = [],
): ReviewState {
  const marks = [
    ...hairs.map((h, i) => ({ ...h, key: i, removed: false })),
    ...removedEngine.map((h, i) => ({ ...h, key: hairs.length + i, removed: true })),
  ];
  return { marks, past: [], future: [], nextKey: marks.length };
}

/** Undoable edits: each toggle or add keeps the previous marks on the undo stack. */
export function reviewReducer(s: ReviewState, a: ReviewAction): ReviewState {
  switch (a.type) {
    case 'toggle':
      return {
        ...s,
        marks: s.marks.map((m) => (m.key === a.key ? { ...m, removed: !m.removed } : m)),
        past: [...s.past, s.marks],
        future: [],
      };
    case 'add':
      return {
        ...s,
        marks: [
          ...s.marks,
          {
            key: s.nextKey,
            x: a.x,
            y: a.y,
            diameterUm: null,
            class: 'unmeasured',
            origin: 'added',
            removed: false,
          },
        ],
        past: [...s.past, s.marks],
        future: [],
        nextKey: s.nextKey + 1,
      };
    case 'undo': {
      const prev = s.past.at(-1);
      return prev ? { ...s, marks: prev, past: s.past.slice(0, -1), future: [s.marks, ...s.future] } : s;
    }
    case 'redo': {
      const next = s.future[0];
      return next ? { ...s, marks: next, past: [...s.past, s.marks], future: s.future.slice(1) } : s;
    }
  }
}

/**
 * Engine hairs a verified list no longer holds, matched by emergence point (one per hair), so a
 * second review shows what the first one removed.
 */
export function removedSince(
  engine: readonly MeasurementHair[],
  verified: readonly MeasurementHair[],
): MeasurementHair[] {
  const left = new Map<string, number>();
  for (const h of verified) left.set(`${h.x},${h.y}`, (left.get(`${h.x},${h.y}`) ?? 0) + 1);
  return engine.filter((h) => {
    const k = `${h.x},${h.y}`;
    const n = left.get(k) ?? 0;
    if (n > 0) {
      left.set(k, n - 1);
      return false;
    }
    return true;
  });
}
