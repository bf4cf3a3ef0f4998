import { nonZeroIndices } from './mask-pixels';

// Neighbour bit order: N, NE, E, SE, S, SW, W, NW (Zhang–Suen's P2…P9).
const DX = [0, 1, 1, 1, 0, -1, -1, -1] as const;
const DY = [-1, -1, 0, 1, 1, 1, 0, -1] as const;

function buildTables(): [Uint8Array, Uint8Array, Uint8Array] {
  const t1 = new Uint8Array(256);
  const t2 = new Uint8Array(256);
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
    t1[code] = ok && n * e * s === 0 && e * s * w === 0 ? 1 : 0;
    t2[code] = ok && n * e * w === 0 && n * s * w === 0 ? 1 : 0;
    // Staircase pixel: two orthogonal neighbours and removable without splitting the skeleton
    // (8-connectivity number 1).
    const corner = (n & e) | (e & s) | (s & w) | (w & n);
    let n8 = 0;
    for (let k = 0; k < 8; k += 2) n8 += 1 - b(k) - (1 - b(k)) * (1 - b(k + 1)) * (1 - b(k + 2));
    stair[code] = corner && n8 === 1 ? 1 : 0;
  }
  return [t1, t2, stair];
}
const [SUB1, SUB2, STAIR] = buildTables();

export interface Skeleton {
  /** 1 on skeleton pixels (image-sized). */
  sk: Uint8Array;
  /** Indices of the skeleton pixels, ascending. */
  pixels: Int32Array;
}

/**
 * Zhang–Suen thinning of a binary mask to a one-pixel-wide, 8-connected skeleton.
 * Works on a copy padded by one background pixel (no bounds checks) and re-examines only pixels
 * next to a deletion (each under both subiteration rules), so the cost follows the mask's boundary. A final pass
 * removes staircase corners so every interior skeleton pixel has exactly two neighbours.
 */
export function skeletonize(mask: Uint8Array, w: number, h: number): Skeleton {
  const W = w + 2;
  const img = new Uint8Array(W * (h + 2));
  for (let y = 0; y < h; y++) img.set(mask.subarray(y * w, y * w + w), (y + 1) * W + 1);
  // Foreground pixels in raster order; non-zero mask values count as foreground.
  const all = nonZeroIndices(img);
  const area = all.length;
  for (let i = 0; i < area; i++) img[all[i]!] = 1;
  const code = (p: number) =>
    img[p - W]! |
    (img[p - W + 1]! << 1) |
    (img[p + 1]! << 2) |
    (img[p + W + 1]! << 3) |
    (img[p + W]! << 4) |
    (img[p + W - 1]! << 5) |
    (img[p - 1]! << 6) |
    (img[p - W - 1]! << 7);
  const o0 = -W;
  const o1 = -W + 1;
  const o3 = W + 1;
  const o5 = W - 1;
  const o7 = -W - 1;
  // Per pixel, one byte: bit 0 is the age — subiterations a candidate has been examined without its
  // neighbourhood changing (after both subiteration rules have seen it unchanged it cannot become
  // deletable until a neighbour goes) — and bits 1–7 the subiteration that last queued it.
  const mark = new Uint8Array(img.length);
  let cand = new Int32Array(area);
  let next = new Int32Array(area);
  const del = new Int32Array(area);
  let nc = 0;
  // Interior pixels (all eight neighbours set) cannot be deleted until a neighbour is.
  for (let i = 0; i < area; i++) {
    const p = all[i]!;
    if (code(p) !== 255) cand[nc++] = p;
  }
  let round = 1;
  let changed = true;
  while (changed) {
    changed = false;
    for (let sub = 0; sub < 2; sub++) {
      const table = sub === 0 ? SUB1 : SUB2;
      let nd = 0;
      for (let i = 0; i < nc; i++) {
        const p = cand[i]!;
        if (img[p] && table[code(p)]) del[nd++] = p;
      }
      if (nd === 0) continue;
      changed = true;
      for (let i = 0; i < nd; i++) img[del[i]!] = 0;
      // Seven-bit stamps: restart the numbering before it wraps. (Clearing the ages too only
      // means a few unchanged candidates get examined once more.)
      if (++round === 128) {
        mark.fill(0);
        round = 1;
      }
      const stamp = round << 1;
      let nn = 0;
      for (let i = 0; i < nd; i++) {
        const p = del[i]!;
        nn = touch(img, mark, next, nn, p + o0, stamp);
        nn = touch(img, mark, next, nn, p + o1, stamp);
        nn = touch(img, mark, next, nn, p + 1, stamp);
        nn = touch(img, mark, next, nn, p + o3, stamp);
        nn = touch(img, mark, next, nn, p + W, stamp);
        nn = touch(img, mark, next, nn, p + o5, stamp);
        nn = touch(img, mark, next, nn, p - 1, stamp);
        nn = touch(img, mark, next, nn, p + o7, stamp);
      }
      for (let i = 0; i < nc; i++) {
        const p = cand[i]!;
        // Still set, not queued by a deletion this time, and examined only once: keep it (age 1).
        const m = mark[p]!;
        if (img[p] && m >> 1 !== round && !(m & 1)) {
          mark[p] = stamp | 1;
          next[nn++] = p;
        }
      }
      const t = cand;
      cand = next;
      next = t;
      nc = nn;
    }
  }
  // Survivors in raster order (the staircase pass below depends on the order: it removes pixels
  // in place).
  let n = 0;
  for (let i = 0; i < area; i++) {
    const p = all[i]!;
    if (img[p]) all[n++] = p;
  }
  // Remove staircase pixels: simple points (8-connectivity number 1) with two orthogonal
  // neighbours. Afterwards every pixel inside a branch has exactly two skeleton neighbours.
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const p = all[i]!;
    if (STAIR[code(p)]) img[p] = 0;
    else all[kept++] = p;
  }
  const sk = new Uint8Array(w * h);
  const pixels = new Int32Array(kept);
  for (let i = 0; i < kept; i++) {
    const p = all[i]!;
    const y = Math.floor(p / W) - 1;
    const q = p - W - 2 * y - 1;
    sk[q] = 1;
    pixels[i] = q;
  }
  return { sk, pixels };
}

/** Queues foreground pixel `q` (next to a deletion) once per subiteration, with age 0. */
function touch(
  img: Uint8Array,
  mark: Uint8Array,
  next: Int32Array,
  nn: number,
  q: number,
  stamp: number,
): number {
  if (img[q] && mark[q]! >> 1 !== stamp >> 1) {
    mark[q] = stamp;
    next[nn++] = q;
  }
  return nn;
}

export { DX, DY };
