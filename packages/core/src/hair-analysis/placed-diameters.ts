import { extraWidthFactor } from './multiplicity';
import { MAX_SINGLE_UM } from './post-process';

interface Point {
  x: number;
  y: number;
}

/**
 * Diameters (µm) of the `hairs` hairs the count model gave one strand: the first one the strand's
 * measured width (a width over {@link MAX_SINGLE_UM} is hairs lying together, so it is divided by as
 * many hairs of the image's typical terminal width `typicalUm` as fit, 2–4), each extra one the
 * extra darkness the strand carries over a lone shaft (`level`, see multiplicity.ts).
 */
export function strandHairDiameters(
  diameterUm: number,
  level: { low: number; high: number },
  hairs: number,
  typicalUm: number,
): number[] {
  if (hairs <= 0) return [];
  let first = diameterUm;
  if (first > MAX_SINGLE_UM) first /= Math.min(4, Math.max(2, Math.round(first / typicalUm)));
  const extra = Math.min(MAX_SINGLE_UM, first * extraWidthFactor(level, hairs - 1));
  return [first, ...new Array<number>(hairs - 1).fill(extra)];
}

/**
 * Hands the count model's hair diameters to the hairs the placement placed (engine 0.6.x,
 * docs/decisions/069). The placement says where hairs emerge, fitted on marked roots; it does not
 * measure hairs. A strand keeps its own hairs' diameters for as many hairs as stay on it; each hair
 * the placement moved onto a strand beyond what the count model gave it takes the diameter of the
 * nearest hair moved away (nearest by that hair's count-model root). So the image's diameters —
 * mean, histogram, vellus share — are those the count model read from the shafts, wherever the
 * placement puts the hairs; before, a hair moved off a thin shaft became the extra hair of a thick one
 * (at least half its width).
 *
 * `own[i]`: diameters of the hairs the count model gave strand i; `placed[i]`: the points placed on
 * strand i, in placement order; `roots[i]`: strand i's count-model root. `fallback(i)` is used only if
 * more hairs were placed than the count model gave (never, as the placement keeps the count).
 * Returns, per strand, the diameters of its placed hairs in the order of `placed[i]`.
 */
export function handOverDiameters(
  own: readonly (readonly number[])[],
  placed: readonly (readonly Point[])[],
  roots: readonly (Point | null)[],
  fallback: (strand: number) => number,
): number[][] {
  const out = placed.map((at, i) => own[i]!.slice(0, Math.min(at.length, own[i]!.length)));
  const away: { d: number; at: Point; used: boolean }[] = [];
  own.forEach((ds, i) => {
    const root = roots[i];
    for (let k = placed[i]!.length; k < ds.length; k++)
      if (root) away.push({ d: ds[k]!, at: root, used: false });
  });
  placed.forEach((at, i) => {
    for (let k = out[i]!.length; k < at.length; k++) {
      const p = at[k]!;
      let best = -1;
      let bestD = Number.POSITIVE_INFINITY;
      for (let j = 0; j < away.length; j++) {
        const a = away[j]!;
        if (a.used) continue;
        const d = Math.hypot(a.at.x - p.x, a.at.y - p.y);
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      }
      if (best >= 0) away[best]!.used = true;
      out[i]!.push(best >= 0 ? away[best]!.d : fallback(i));
    }
  });
  return out;
}
