/**
 * Indices of the non-zero bytes of `a`, ascending. Masks are mostly background, so zero runs are
 * skipped four bytes at a time (when the buffer is 4-byte aligned). `alloc` provides the result
 * array once the count is known.
 */
export function nonZeroIndices(
  a: Uint8Array,
  alloc: (length: number) => Int32Array = (n) => new Int32Array(n),
): Int32Array {
  const words = a.byteOffset % 4 === 0 ? a.length >> 2 : 0;
  const w32 = new Int32Array(a.buffer, a.byteOffset, words);
  let count = 0;
  for (let i = 0; i < words; i++) {
    if (w32[i] === 0) continue;
    for (let j = 4 * i; j < 4 * i + 4; j++) if (a[j]) count++;
  }
  for (let j = 4 * words; j < a.length; j++) if (a[j]) count++;
  const out = alloc(count);
  let n = 0;
  for (let i = 0; i < words; i++) {
    if (w32[i] === 0) continue;
    for (let j = 4 * i; j < 4 * i + 4; j++) if (a[j]) out[n++] = j;
  }
  for (let j = 4 * words; j < a.length; j++) if (a[j]) out[n++] = j;
  return out;
}
