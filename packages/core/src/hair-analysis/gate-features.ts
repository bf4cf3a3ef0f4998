/**
 * Connected pieces of the shaft mask (8-neighbour) of at least `minPixels`. In a sparse field each
 * is a hair or a follicular unit lying together; the strands traced per piece say how far the
 * tracing broke them up (a thick shaft whose bright reflex splits it into two strands or a ladder
 * of pieces, halo edges, crossings), which is where the count runs high. The mask is marked while
 * walking and restored before returning.
 */
export function maskComponents(mask: Uint8Array, w: number, h: number, minPixels: number): number {
  const n = w * h;
  const stack: number[] = [];
  let pieces = 0;
  for (let s = 0; s < n; s++) {
    if (mask[s] !== 1) continue;
    let size = 0;
    mask[s] = 2;
    stack.push(s);
    while (stack.length) {
      const p = stack.pop()!;
      size++;
      const x = p % w;
      const y = (p - x) / w;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const q = yy * w + xx;
          if (mask[q] === 1) {
            mask[q] = 2;
            stack.push(q);
          }
        }
      }
    }
    if (size >= minPixels) pieces++;
  }
  for (let p = 0; p < n; p++) if (mask[p] === 2) mask[p] = 1;
  return pieces;
}
