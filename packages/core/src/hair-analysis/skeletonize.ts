import { nonZeroIndices } from './mask-pixels';
import { scratchBytes, scratchInts } from './scratch';

// Neighbour bit order: N, NE, E, SE, S, SW, W, NW (Zhang–Suen's P2…P9).
const DX = [0, 1, 1, 1, 0, -1, -1, -1] as const;
const DY = [-1, -1, 0, 1, 1, 1, 0, -1] as const;

const ALIVE = 0x100;
const AGE = 0x200;
const STAMP_SHIFT = 10;
/** Stamps have six bits: the numbering restarts before it reaches this. */
const STAMP_LIMIT = 64;

/**
 * Deletion rules of the two subiterations, indexed by the set bit and the code (unset: 0); whether
 * either rule could delete a pixel with a given code; staircase pixels.
 */
function buildTables(): [Uint8Array, Uint8Array, Uint8Array, Uint8Array] {
  const t1 = new Uint8Array(512);
  const t2 = new Uint8Array(512);
  const either = new Uint8Array(256);
  const stair = new Uint8Array(256);
  for (let code = 0; code < 256; code++) {
    const b = (i: number) => (code >> (i & 7)) & 1;
    let count = 0;
    let transitions = 0;
    for (let i = 0; i < 8; i++) {
      count += b(i);
      if (b(i) === 0 && b(i + 1) === 1) transitions++;
    }
    const ok = count >= 2 && count <= 6 && transitions === 1;
    const [n, e, s, w] = [b(0), b(2), b(4), b(6)];
    t1[ALIVE | code] = ok && n * e * s === 0 && e * s * w === 0 ? 1 : 0;
    t2[ALIVE | code] = ok && n * e * w === 0 && n * s * w === 0 ? 1 : 0;
    either[code] = t1[ALIVE | code]! | t2[ALIVE | code]!;
    // Staircase pixel: two orthogonal neighbours and removable without splitting the skeleton
    // (8-connectivity number 1).
    const corner = (n & e) | (e & s) | (s & w) | (w & n);
    let n8 = 0;
    for (let k = 0; k < 8; k += 2) n8 += 1 - b(k) - (1 - b(k)) * (1 - b(k + 1)) * (1 - b(k + 2));
    stair[code] = corner && n8 === 1 ? 1 : 0;
  }
  return [t1, t2, either, stair];
}
const [SUB1, SUB2, EITHER, STAIR] = buildTables();

/** For the code of a pixel's left neighbour, the bits of the pixel's own code it determines. */
const FROM_LEFT = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  // N → NW, NE → N, SE → S, S → SW; the left neighbour itself is W.
  FROM_LEFT[c] = ((c & 1) << 7) | ((c >> 1) & 1) | (((c >> 3) & 1) << 4) | (((c >> 4) & 1) << 5) | (1 << 6);
}

export interface Skeleton {
  /** 1 on skeleton pixels (image-sized). */
  sk: Uint8Array;
  /** Indices of the skeleton pixels, ascending. */
  pixels: Int32Array;
  /**
   * Per listed pixel, its skeleton neighbours as bits in the order of {@link DX}/{@link DY}
   * (neighbours outside the image are unset): the thinning has them at hand, which saves the
   * graph builder a bounds-checked look at eight neighbours per pixel.
   */
  codes: Uint8Array;
}

/**
 * Zhang–Suen thinning of a binary mask to a one-pixel-wide, 8-connected skeleton.
 * Works on a copy padded by one background pixel (no bounds checks) and re-examines only pixels
 * next to a deletion (each under both subiteration rules), so the cost follows the mask's boundary.
 * Each pixel's neighbourhood code is kept up to date as neighbours are deleted, so examining a
 * candidate is one table lookup. A final pass removes staircase corners so every interior skeleton
 * pixel has exactly two neighbours. `out` (at least w×h long) lets a caller reuse a buffer for `sk`;
 * `foreground`, the mask's non-zero indices in ascending order (see nonZeroIndices), saves listing
 * them again when the caller has them.
 */
export function skeletonize(
  mask: Uint8Array,
  w: number,
  h: number,
  out?: Uint8Array,
  foreground?: Int32Array,
): Skeleton {
  const W = w + 2;
  const size = W * (h + 2);
  const img = scratchBytes(0, size);
  // Foreground pixels in raster order (non-zero mask values count as foreground), as indices of
  // the padded image.
  let all: Int32Array;
  if (foreground) {
    all = scratchInts(0, foreground.length);
    for (let y = 0, i = 0; y < h && i < foreground.length; y++) {
      i = padRow(foreground, i, (y + 1) * w, W + 1 + 2 * y, all, img);
    }
  } else {
    for (let y = 0; y < h; y++) img.set(mask.subarray(y * w, y * w + w), (y + 1) * W + 1);
    all = nonZeroIndices(img, 0);
    for (let i = 0; i < all.length; i++) img[all[i]!] = 1;
  }
  const area = all.length;
  // Neighbour offsets in bit order, and for the neighbour in direction k the mask that clears
  // this pixel's bit in its code (this pixel lies in direction k+4 from there).
  const off = [-W, -W + 1, 1, W + 1, W, W - 1, -1, -W - 1];
  const clear = [0xffef, 0xffdf, 0xffbf, 0xff7f, 0xfffe, 0xfffd, 0xfffb, 0xfff7];
  // Per padded pixel, one 16-bit state: bits 0–7 the neighbourhood code (bit k: the neighbour in
  // direction k is set), bit 8 set, bit 9 the age — subiterations a candidate has been examined
  // without its neighbourhood changing (after both subiteration rules have seen it unchanged it
  // cannot become deletable until a neighbour goes) — and bits 10–15 the subiteration that last
  // queued it. One array: thinning visits pixels in scattered order, and each visit touches one
  // cache line instead of three.
  const bytes = scratchBytes(1, 2 * size);
  const st = new Uint16Array(bytes.buffer, bytes.byteOffset, size);
  let cand = scratchInts(1, area);
  let next = scratchInts(2, area);
  const del = scratchInts(3, area);
  let nc = 0;
  for (let i = 0, c = 0, prev = -2; i < area; i++) {
    const p = all[i]!;
    // Along a run, the left neighbour's code already holds five of the eight bits (its up, up-right,
    // down and down-right neighbours are this pixel's up-left, up, down-left and down; the left
    // one is set): three loads instead of eight.
    c =
      p === prev + 1
        ? FROM_LEFT[c]! | (img[p - W + 1]! << 1) | (img[p + 1]! << 2) | (img[p + W + 1]! << 3)
        : img[p - W]! |
          (img[p - W + 1]! << 1) |
          (img[p + 1]! << 2) |
          (img[p + W + 1]! << 3) |
          (img[p + W]! << 4) |
          (img[p + W - 1]! << 5) |
          (img[p - 1]! << 6) |
          (img[p - W - 1]! << 7);
    prev = p;
    st[p] = ALIVE | c;
    // A pixel that neither rule deletes (inside the mask, or joining two parts) cannot go until a
    // neighbour does, and that deletion queues it.
    cand[nc] = p;
    nc += EITHER[c]!;
  }
  let round = 1;
  let changed = true;
  while (changed) {
    changed = false;
    for (let sub = 0; sub < 2; sub++) {
      const table = sub === 0 ? SUB1 : SUB2;
      let nd = 0;
      // Branch-free: whether a candidate goes is unpredictable, so it is written unconditionally
      // and the count advances by the rule's 0 or 1 (0 for a pixel no longer set).
      for (let i = 0; i < nc; i++) {
        const p = cand[i]!;
        del[nd] = p;
        nd += table[st[p]! & 0x1ff]!;
      }
      if (nd === 0) continue;
      changed = true;
      // All deletions of a subiteration are decided on the same image, then applied.
      for (let i = 0; i < nd; i++) st[del[i]!] = st[del[i]!]! & ~ALIVE;
      // Restart the stamp numbering before it wraps. (Clearing the ages too only means a few
      // unchanged candidates get examined once more.)
      if (++round === STAMP_LIMIT) {
        for (let i = 0; i < area; i++) st[all[i]!] = st[all[i]!]! & 0x1ff;
        round = 1;
      }
      const stamp = round << STAMP_SHIFT;
      let nn = 0;
      // Remaining neighbours of a deleted pixel: update their codes and queue each once (age 0),
      // if either rule could delete them with their new code. (Codes only lose bits: should a later
      // deletion in this subiteration make one deletable, that deletion queues it. Otherwise it
      // stays until a neighbour goes, so it would only be examined twice in vain.)
      // A deleted pixel's own code still lists its neighbours as of this subiteration's start
      // (codes change only here, and only those of pixels still set), so only those are visited.
      // Branch-free as well (`(x | -x) >>> 31` is 1 when x ≠ 0). The code bit is cleared in
      // deleted neighbours too: codes of deleted pixels are never read again (a pixel deleted in
      // this subiteration only looks up its remaining neighbours, and a cleared bit is a deleted one).
      for (let i = 0; i < nd; i++) {
        const p = del[i]!;
        for (let c = st[p]! & 0xff; c !== 0; c &= c - 1) {
          const k = 31 - Math.clz32(c & -c);
          const q = p + off[k]!;
          const s = st[q]! & clear[k]!;
          const x = (s >> STAMP_SHIFT) ^ round;
          const queue = (s >> 8) & 1 & ((x | -x) >>> 31) & EITHER[s & 0xff]!;
          st[q] = s ^ ((s ^ ((s & 0x1ff) | stamp)) & -queue);
          next[nn] = q;
          nn += queue;
        }
      }
      for (let i = 0; i < nc; i++) {
        const p = cand[i]!;
        // Still set, not queued by a deletion this time, and examined only once: keep it (age 1).
        const s = st[p]!;
        const x = (s >> STAMP_SHIFT) ^ round;
        const keep = (s >> 8) & 1 & ((x | -x) >>> 31) & (~(s >> 9) & 1);
        st[p] = s ^ ((s ^ ((s & 0x1ff) | stamp | AGE)) & -keep);
        next[nn] = p;
        nn += keep;
      }
      const t = cand;
      cand = next;
      next = t;
      nc = nn;
    }
  }
  // Remove staircase pixels: simple points (8-connectivity number 1) with two orthogonal
  // neighbours, in raster order and in place (a removal changes the codes of later pixels).
  // Afterwards every pixel inside a branch has exactly two skeleton neighbours.
  let kept = 0;
  for (let i = 0; i < area; i++) {
    const p = all[i]!;
    const s = st[p]!;
    if (!(s & ALIVE)) continue;
    if (!STAIR[s & 0xff]) {
      all[kept++] = p;
      continue;
    }
    st[p] = s & ~ALIVE;
    for (let k = 0; k < 8; k++) st[p + off[k]!] = st[p + off[k]!]! & clear[k]!;
  }
  let sk: Uint8Array;
  if (out) {
    sk = out.subarray(0, w * h);
    sk.fill(0);
  } else sk = new Uint8Array(w * h);
  const pixels = new Int32Array(kept);
  const codes = new Uint8Array(kept);
  for (let i = 0; i < kept; i++) {
    const p = all[i]!;
    const y = Math.floor(p / W) - 1;
    const q = p - W - 2 * y - 1;
    sk[q] = 1;
    pixels[i] = q;
    codes[i] = st[p]! & 0xff;
  }
  return { sk, pixels, codes };
}

/**
 * Lists the foreground pixels `list[i]`… below `rowEnd` (one image row) at their padded index
 * (image index + `shift`) in `padded`, and sets them in `img`; returns the next list index.
 */
function padRow(
  list: Int32Array,
  i: number,
  rowEnd: number,
  shift: number,
  padded: Int32Array,
  img: Uint8Array,
): number {
  for (; i < list.length; i++) {
    const p = list[i]!;
    if (p >= rowEnd) break;
    padded[i] = p + shift;
    img[p + shift] = 1;
  }
  return i;
}

export { DX, DY };
