/**
 * Scratch buffers for the per-pixel stages, kept between calls.
 *
 * A fresh multi-megabyte typed array is cheap to allocate but each 4 KiB page costs a page fault on
 * first touch (≈ 10 µs each on the 2-core benchmark VM: ~20 ms for one 1.9 MP Float32 image) plus
 * garbage-collector pressure; on a 1.9 MP field that was a large share of the analysis time.
 * Internal working memory therefore comes from here and stays mapped.
 *
 * Rules: a borrowed buffer never leaves the function that borrowed it (never returned, never kept
 * past the call), and a slot is used by one stage at a time — the stages are synchronous and do not
 * call each other while holding a slot. Buffers only grow, up to the largest working image seen
 * (bounded by MAX_WORKING_PIXELS). They live in shared memory, so that a helper thread can work on
 * them (row-chunks.ts).
 */
import { sharedBytes, sharedInt32 } from './row-chunks';

const byteSlots: Uint8Array[] = [];
const intSlots: Int32Array[] = [];

/** Zero-filled bytes of slot `slot` (0–2), length `length`, 4-byte aligned. */
export function scratchBytes(slot: 0 | 1 | 2, length: number): Uint8Array {
  let buf = byteSlots[slot];
  if (!buf || buf.length < length) {
    buf = sharedBytes(length);
    byteSlots[slot] = buf;
    return buf;
  }
  const view = buf.subarray(0, length);
  view.fill(0);
  return view;
}

/**
 * Int32 slot `slot` (0–4) of length `length`; contents are left over from earlier use, except that
 * the first `keep` values of the slot survive when it has to grow. Slot 4 is never used by a stage
 * itself: it is for a list the pipeline hands to several stages (the mask's foreground pixels).
 */
export function scratchInts(slot: 0 | 1 | 2 | 3 | 4, length: number, keep = 0): Int32Array {
  let buf = intSlots[slot];
  if (!buf || buf.length < length) {
    const grown = sharedInt32(Math.max(length, 1024));
    if (buf && keep > 0) grown.set(buf.subarray(0, keep));
    buf = grown;
    intSlots[slot] = buf;
  }
  return buf.subarray(0, length);
}
