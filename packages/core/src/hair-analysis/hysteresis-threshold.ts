import { CHUNK_ROWS, runRows, sharedInt32 } from './row-chunks';
import { scratchBytes, scratchInts } from './scratch';
import { smoothRows } from './smooth';

/**
 * Per-pixel states of the flood fill (0: below `low`), in a copy padded by one pixel of 0 on every
 * side. FOREGROUND is the mask's own value, so a clean state row is copied to the mask as it is.
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
  const W = w + 2;
  const state = scratchBytes(0, W * (h + 2));
  let faint = scratchInts(1, Math.max(1024, (w * h) >> 8));
  let nf = 0;
  for (let y = 0; y < h; y++) {
    // Room for a whole row first, so the row's faint pixels always fit.
    if (faint.length - nf < w) faint = scratchInts(1, Math.max(2 * faint.length, nf + w), nf);
    nf = classifyRow(src, y, w, W, state, low, high, faint, 0, nf, faint.length);
  }
  return finishHysteresis(state, w, h, faint, nf, out);
}

/**
 * Completes a hysteresis threshold from its classified, padded state image (see classifyRow) and
 * the list of its faint pixels (padded indices): faint pixels connected to a strong one become
 * foreground, then pinholes are closed. Writes the mask to `out` (or a new array) and returns it.
 * Only faint pixels can change, so the fill starts from the faint pixels next to a seed and spreads
 * through faint pixels — the same connected set as a fill from every seed, at a fraction of the
 * work (seeds far outnumber faint pixels).
 */
function finishHysteresis(
  state: Uint8Array,
  w: number,
  h: number,
  faint: Int32Array,
  nf: number,
  out?: Uint8Array,
): Uint8Array {
  const W = w + 2;
  // Every faint pixel is pushed at most once, so their count bounds the stack. The connected set
  // does not depend on the visiting order, so depth-first is as good as any.
  const stack = scratchInts(0, Math.max(1, nf));
  let top = 0;
  const nw = -W - 1;
  const ne = -W + 1;
  const sw = W - 1;
  const se = W + 1;
  for (let i = 0; i < nf; i++) {
    const p = faint[i]!;
    if (
      state[p + nw] === FOREGROUND ||
      state[p - W] === FOREGROUND ||
      state[p + ne] === FOREGROUND ||
      state[p - 1] === FOREGROUND ||
      state[p + 1] === FOREGROUND ||
      state[p + sw] === FOREGROUND ||
      state[p + W] === FOREGROUND ||
      state[p + se] === FOREGROUND
    ) {
      // (A faint pixel marked here counts as a seed for the faint pixels after it: it is
      // connected to one.)
      state[p] = FOREGROUND;
      stack[top++] = p;
    }
  }
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
  // Faint pixels the fill did not reach are background; the state is then exactly the mask.
  for (let i = 0; i < nf; i++) if (state[faint[i]!] === LOW) state[faint[i]!] = 0;
  const mask = out ? out.subarray(0, w * h) : new Uint8Array(w * h);
  for (let y = 0; y < h; y++) mask.set(state.subarray((y + 1) * W + 1, (y + 1) * W + 1 + w), y * w);
  closePinholes(mask, w, h);
  return mask;
}

/**
 * Row kernel (see row-chunks.ts): smooths rows `from`…`to`−1 of `src` into `out` (3×3 binomial) and
 * classifies each row for the hysteresis threshold while it is in cache, into the padded `state`
 * (zero-filled beforehand) and, per chunk of CHUNK_ROWS rows, a segment of `cap` entries of `faint`
 * whose length goes to `faintCounts` (−1 when the segment overflowed: the caller rescans those rows).
 */
export function smoothClassifyRows(
  a: {
    src: Float32Array;
    out: Float32Array;
    w: number;
    h: number;
    low: number;
    high: number;
    state: Uint8Array;
    faint: Int32Array;
    faintCounts: Int32Array;
    cap: number;
  },
  from: number,
  to: number,
): void {
  const { src, out, w, h, low, high, state, faint, faintCounts, cap } = a;
  const W = w + 2;
  let chunk = -1;
  let nf = 0;
  smoothRows(src, out, w, h, from, to, (y) => {
    const c = Math.floor(y / CHUNK_ROWS);
    if (c !== chunk) {
      if (chunk >= 0) faintCounts[chunk] = nf;
      chunk = c;
      nf = 0;
    }
    nf = classifyRow(out, y, w, W, state, low, high, faint, c * cap, nf, cap);
  });
  if (chunk >= 0) faintCounts[chunk] = nf;
}

/**
 * Classifies row y into `state`, a copy padded by one background pixel on every side, so the fill
 * reads bytes instead of floats and needs neither bounds checks nor divisions: pixels ≥ high are
 * foreground at once, faint ones (≥ low) are listed at faint[base + nf…] up to `cap` (then −1).
 * Each pixel's class depends on that pixel alone, so rows may be classified in any order.
 */
function classifyRow(
  src: Float32Array,
  y: number,
  w: number,
  W: number,
  state: Uint8Array,
  low: number,
  high: number,
  faint: Int32Array,
  base: number,
  nf: number,
  cap: number,
): number {
  // One induction variable: the padded index is p + pad (a second counter made this loop, which
  // runs over every pixel, markedly slower).
  const pad = (y + 1) * W + 1 - y * w;
  for (let p = y * w, end = p + w; p < end; p++) {
    const v = src[p]!;
    if (v < low) continue;
    if (v >= high) state[p + pad] = FOREGROUND;
    else {
      state[p + pad] = LOW;
      if (nf >= 0) {
        if (nf === cap) nf = -1;
        else faint[base + nf++] = p + pad;
      }
    }
  }
  return nf;
}

/**
 * Smoothed darkness and hysteresis mask in one pass over the rows, shared with the helper thread
 * when there is one: `dark` ← 3×3 binomial of `darkness` (a different buffer), mask in `out`.
 * Same result as smoothBinomial followed by hysteresisThreshold.
 */
export function smoothAndThreshold(
  darkness: Float32Array,
  dark: Float32Array,
  w: number,
  h: number,
  low: number,
  high: number,
  out?: Uint8Array,
): Uint8Array {
  const W = w + 2;
  const state = scratchBytes(0, W * (h + 2));
  const chunks = Math.ceil(h / CHUNK_ROWS);
  const cap = (CHUNK_ROWS * w) >> 2;
  const faint = scratchInts(1, chunks * cap);
  const faintCounts = sharedInt32(chunks);
  runRows(
    'smoothClassifyRows',
    smoothClassifyRows,
    { src: darkness, out: dark, w, h, low, high, state, faint, faintCounts, cap },
    h,
  );
  let overflow = false;
  for (let c = 0; c < chunks; c++) if (faintCounts[c]! < 0) overflow = true;
  let nf = 0;
  let list = faint;
  if (!overflow) {
    // The chunks' lists moved down into one, in raster order.
    for (let c = 0; c < chunks; c++) {
      list.copyWithin(nf, c * cap, c * cap + faintCounts[c]!);
      nf += faintCounts[c]!;
    }
  } else {
    // A chunk had more faint pixels than its segment holds: list them all again from the state.
    for (let y = 0; y < h; y++) {
      for (let p = (y + 1) * W + 1, end = p + w; p < end; p++) {
        if (state[p] !== LOW) continue;
        if (nf === list.length) list = scratchInts(1, 2 * nf, nf);
        list[nf++] = p;
      }
    }
  }
  return finishHysteresis(state, w, h, list, nf, out);
}

/**
 * Sets background pixels with ≥ 7 of 8 foreground neighbours, in raster order and in place (a pixel
 * filled here counts for the pixels after it). Pixels on the image border are never filled.
 * A pinhole has a foreground pixel on each side in its own row, so it lies in a 4-byte word that
 * is not all background (a word holds a pixel and at least one of its row neighbours): words of
 * zeros — most of the image — are skipped whole, and so are words without background.
 */
function closePinholes(mask: Uint8Array, w: number, h: number): void {
  const aligned = mask.byteOffset % 4 === 0;
  const words = aligned ? mask.length >> 2 : 0;
  const w32 = words > 0 ? new Int32Array(mask.buffer, mask.byteOffset, words) : new Int32Array(0);
  for (let i = 0; i < words; i++) {
    // All background, or all foreground (the mask holds 0 and 1): nothing to close here.
    const word = w32[i]!;
    if (word === 0 || word === 0x01010101) continue;
    for (let p = 4 * i, end = p + 4; p < end; p++) closeIfPinhole(mask, w, h, p);
  }
  for (let p = 4 * words; p < mask.length; p++) closeIfPinhole(mask, w, h, p);
}

function closeIfPinhole(mask: Uint8Array, w: number, h: number, p: number): void {
  if (mask[p] || p < w || p >= (h - 1) * w) return;
  // At most one of the eight neighbours may be background, so both horizontal ones are set.
  if (!mask[p + 1] || !mask[p - 1]) return;
  const x = p % w;
  if (x === 0 || x === w - 1) return;
  const n =
    mask[p - w - 1]! +
    mask[p - w]! +
    mask[p - w + 1]! +
    2 +
    mask[p + w - 1]! +
    mask[p + w]! +
    mask[p + w + 1]!;
  if (n >= 7) mask[p] = 1;
}
