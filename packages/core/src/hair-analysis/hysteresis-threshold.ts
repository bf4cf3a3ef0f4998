import { scratchBytes, scratchInts } from './scratch';

/**
 * Per-pixel states of the flood fill, in a copy padded by one pixel of background (0) on every
 * side. Only FOREGROUND has bit 0 set, so `state & 1` counts foreground neighbours.
 */
const FOREGROUND = 1;
const LOW = 2;

/**
 * Hysteresis threshold: pixels ≥ `low` that are 8-connected to a pixel ≥ `high` become foreground (1).
 * Faint shaft segments survive if they touch a clearly dark part; isolated noise does not.
 * Then closes pinholes (background pixels with ≥ 7 foreground neighbours), which would otherwise
 * become loops in the skeleton. `out` (at least w×h long) lets a caller reuse a buffer.
 */
export function hysteresisThreshold(
  src: Float32Array,
  w: number,
  h: number,
  low: number,
  high: number,
  out?: Uint8Array,
): Uint8Array {
  // One pass classifies every pixel into a padded byte image: the flood fill then reads bytes
  // instead of floats and needs neither bounds checks nor divisions to find x and y. Pixels ≥ high
  // are foreground at once and go on the stack as seeds.
  const W = w + 2;
  const state = scratchBytes(0, W * (h + 2));
  let stack = scratchInts(0, Math.max(1024, (w * h) >> 6));
  let top = 0;
  let candidates = 0;
  for (let y = 0; y < h; y++) {
    for (let p = y * w, q = (y + 1) * W + 1, end = p + w; p < end; p++, q++) {
      const v = src[p]!;
      if (v < low) continue;
      candidates++;
      if (v >= high) {
        state[q] = FOREGROUND;
        if (top === stack.length) stack = scratchInts(0, 2 * top, top);
        stack[top++] = q;
      } else state[q] = LOW;
    }
  }
  // Every pixel is pushed at most once, so the candidate count bounds the stack. The connected set
  // does not depend on the visiting order, so depth-first is as good as any.
  if (stack.length < candidates) stack = scratchInts(0, candidates, top);
  const nw = -W - 1;
  const ne = -W + 1;
  const sw = W - 1;
  const se = W + 1;
  while (top > 0) {
    const p = stack[--top]!;
    if (state[p + nw] === LOW) {
      state[p + nw] = FOREGROUND;
      stack[top++] = p + nw;
    }
    if (state[p - W] === LOW) {
      state[p - W] = FOREGROUND;
      stack[top++] = p - W;
    }
    if (state[p + ne] === LOW) {
      state[p + ne] = FOREGROUND;
      stack[top++] = p + ne;
    }
    if (state[p - 1] === LOW) {
      state[p - 1] = FOREGROUND;
      stack[top++] = p - 1;
    }
    if (state[p + 1] === LOW) {
      state[p + 1] = FOREGROUND;
      stack[top++] = p + 1;
    }
    if (state[p + sw] === LOW) {
      state[p + sw] = FOREGROUND;
      stack[top++] = p + sw;
    }
    if (state[p + W] === LOW) {
      state[p + W] = FOREGROUND;
      stack[top++] = p + W;
    }
    if (state[p + se] === LOW) {
      state[p + se] = FOREGROUND;
      stack[top++] = p + se;
    }
  }
  // Output and pinhole closing in one raster pass. Pinholes are filled in place, so a pixel filled
  // here counts for the pixels after it. Pixels on the image border are never filled: the padding
  // leaves them at most 5 foreground neighbours.
  let mask: Uint8Array;
  if (out) {
    mask = out.subarray(0, w * h);
    mask.fill(0);
  } else mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let p = y * w, q = (y + 1) * W + 1, end = p + w; p < end; p++, q++) {
      if (state[q] === FOREGROUND) {
        mask[p] = 1;
        continue;
      }
      // At most one of the eight neighbours may be background, so both horizontal ones are set.
      if (!(state[q + 1]! & state[q - 1]! & 1)) continue;
      const n =
        (state[q + nw]! & 1) +
        (state[q - W]! & 1) +
        (state[q + ne]! & 1) +
        2 +
        (state[q + sw]! & 1) +
        (state[q + W]! & 1) +
        (state[q + se]! & 1);
      if (n >= 7) {
        state[q] = FOREGROUND;
        mask[p] = 1;
      }
    }
  }
  return mask;
}
