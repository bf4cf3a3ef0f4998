import { scratchInts } from './scratch';

/**
 * Indices of the non-zero bytes of `a`, ascending. Masks are mostly background, so zero runs are
 * skipped four bytes at a time (when the buffer is 4-byte aligned). With `slot`, the result is a
 * view on that scratch slot (see scratch.ts), filled in one pass; otherwise a new array (two passes:
 * count, then fill).
 */
export function nonZeroIndices(a: Uint8Array, slot?: 0 | 1 | 2 | 3 | 4): Int32Array {
  const words = a.byteOffset % 4 === 0 ? a.length >> 2 : 0;
  // (An Int32Array view must start at a multiple of 4 bytes; unaligned input gets an empty one.)
  const w32 = words > 0 ? new Int32Array(a.buffer, a.byteOffset, words) : new Int32Array(0);
  let out: Int32Array;
  // Only a scratch-slot result grows; a new array is sized by the count.
  const grows = slot !== undefined;
  if (!grows) {
    let count = 0;
    for (let i = 0; i < words; i++) {
      if (w32[i] === 0) continue;
      for (let j = 4 * i; j < 4 * i + 4; j++) if (a[j]) count++;
    }
    for (let j = 4 * words; j < a.length; j++) if (a[j]) count++;
    // Three spare slots for the branch-free fill below, which writes before it counts (the
    // result is cut to the count at the end).
    out = new Int32Array(count + 3);
  } else {
    // Room for a quarter of the image at first; grows (keeping what is listed) if needed.
    out = scratchInts(slot, Math.max(16, a.length >> 2));
  }
  let n = 0;
  for (let i = 0; i < words; i++) {
    if (w32[i] === 0) continue;
    if (grows && n + 4 > out.length) out = scratchInts(slot, 2 * out.length, n);
    // Branch-free, as words along an outline mix set and unset bytes unpredictably: each index is
    // written and the count advances by 1 for a non-zero byte ((v + 255) >> 8 for v in 0…255).
    for (let j = 4 * i; j < 4 * i + 4; j++) {
      out[n] = j;
      n += (a[j]! + 255) >> 8;
    }
  }
  for (let j = 4 * words; j < a.length; j++) {
    if (!a[j]) continue;
    if (grows && n === out.length) out = scratchInts(slot, 2 * out.length + 1, n);
    out[n++] = j;
  }
  return out.subarray(0, n);
}
