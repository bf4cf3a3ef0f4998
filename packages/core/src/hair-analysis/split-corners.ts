import type { Strand, StrandEnd } from './trace-strands';

const MAX_TURN = Math.cos((55 * Math.PI) / 180);

/**
 * Splits strands at sharp bends. Two hairs leaving one follicular opening at an angle thin into a
 * single V-shaped chain with no junction; a shaft itself bends gently, so a turn of more than 55°
 * within a few shaft widths marks the shared emergence point. Each half gets a `corner` end.
 */
export function splitAtCorners(strands: Strand[], w: number, radiusPx: (s: Strand) => number): Strand[] {
  const out: Strand[] = [];
  const queue = [...strands];
  while (queue.length) {
    const s = queue.pop()!;
    const span = Math.max(6, Math.round(2.5 * radiusPx(s)));
    const n = s.path.length;
    let best = -1;
    let bestCos = MAX_TURN;
    for (let i = span; i + span < n; i++) {
      let nearCrossing = false;
      for (let k = 0; k < s.crossings.length && !nearCrossing; k++)
        nearCrossing = Math.abs(s.crossings[k]!.index - i) <= span;
      if (nearCrossing) continue;
      const a = s.path[i - span]!;
      const b = s.path[i]!;
      const c = s.path[i + span]!;
      const ux = (b % w) - (a % w);
      const uy = Math.floor(b / w) - Math.floor(a / w);
      const vx = (c % w) - (b % w);
      const vy = Math.floor(c / w) - Math.floor(b / w);
      const cos = (ux * vx + uy * vy) / (Math.hypot(ux, uy) * Math.hypot(vx, vy) || 1);
      if (cos < bestCos) {
        bestCos = cos;
        best = i;
      }
    }
    if (best < 0) {
      out.push(s);
      continue;
    }
    const p = s.path[best]!;
    const corner: StrandEnd = { x: p % w, y: Math.floor(p / w), kind: 'corner', unpaired: 2, r: radiusPx(s) };
    queue.push(
      {
        path: s.path.slice(0, best + 1),
        crossings: s.crossings.filter((c) => c.index <= best),
        start: s.start,
        end: corner,
      },
      {
        path: s.path.slice(best),
        crossings: s.crossings.filter((c) => c.index > best).map((c) => ({ ...c, index: c.index - best })),
        start: { ...corner },
        end: s.end,
      },
    );
  }
  return out;
}
