import type { SyntheticHair } from './generate-trichoscopy';

/** Flags hairs whose centre line stays within touching distance of one sibling's all along. */
export function markHiddenSiblings(
  unit: { pts: Float64Array; d: number; hair: Pick<SyntheticHair, 'hiddenBySibling' | 'lengthUm'> }[],
): void {
  for (const a of unit) {
    for (const b of unit) {
      if (a === b || a.hair.hiddenBySibling) continue;
      const touch = (a.d + b.d) / 2;
      let always = true;
      for (let i = 0; i < a.pts.length && always; i += 4) {
        let best = Number.POSITIVE_INFINITY;
        for (let j = 0; j < b.pts.length; j += 2) {
          best = Math.min(best, Math.hypot(a.pts[i]! - b.pts[j]!, a.pts[i + 1]! - b.pts[j + 1]!));
        }
        always = best <= touch;
      }
      // The longer hair stays visible where it runs past the shorter one.
      if (always && a.hair.lengthUm <= b.hair.lengthUm) a.hair.hiddenBySibling = true;
    }
  }
}
