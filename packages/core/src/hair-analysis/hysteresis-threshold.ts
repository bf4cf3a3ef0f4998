/**
 * Hysteresis threshold: pixels ≥ `low` that are 8-connected to a pixel ≥ `high` become foreground (1).
 * Faint shaft segments survive if they touch a clearly dark part; isolated noise does not.
 * Then closes pinholes (background pixels with ≥ 7 foreground neighbours), which would otherwise
 * become loops in the skeleton.
 */
export function hysteresisThreshold(
  src: Float32Array,
  w: number,
  h: number,
  low: number,
  high: number,
): Uint8Array {
  const mask = new Uint8Array(w * h);
  // Grows with the foreground only, instead of reserving one slot per image pixel.
  const stack: number[] = [];
  for (let p = 0; p < w * h; p++) {
    if (src[p]! >= high) {
      mask[p] = 1;
      stack.push(p);
    }
  }
  while (stack.length > 0) {
    const p = stack.pop()!;
    const x = p % w;
    const y = (p - x) / w;
    for (let dy = -1; dy <= 1; dy++) {
      const yy = y + dy;
      if (yy < 0 || yy >= h) continue;
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        if (xx < 0 || xx >= w) continue;
        const q = yy * w + xx;
        if (mask[q] === 0 && src[q]! >= low) {
          mask[q] = 1;
          stack.push(q);
        }
      }
    }
  }
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const p = y * w + x;
      // At most one of the eight neighbours may be background, so both horizontal ones are set.
      if (mask[p] || !mask[p - 1] || !mask[p + 1]) continue;
      const n =
        mask[p - w - 1]! +
        mask[p - w]! +
        mask[p - w + 1]! +
        mask[p - 1]! +
        mask[p + 1]! +
        mask[p + w - 1]! +
        mask[p + w]! +
        mask[p + w + 1]!;
      if (n >= 7) mask[p] = 1;
    }
  }
  return mask;
}
