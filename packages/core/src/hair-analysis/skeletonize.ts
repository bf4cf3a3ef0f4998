// Neighbour bit order: N, NE, E, SE, S, SW, W, NW (Zhang–Suen's P2…P9).
const DX = [0, 1, 1, 1, 0, -1, -1, -1] as const;
const DY = [-1, -1, 0, 1, 1, 1, 0, -1] as const;

function buildTables(): [Uint8Array, Uint8Array] {
  const t1 = new Uint8Array(256);
  const t2 = new Uint8Array(256);
  for (let code = 0; code < 256; code++) {
    const b = (i: number) => (code >> i) & 1;
    let count = 0;
    let transitions = 0;
    for (let i = 0; i < 8; i++) {
      count += b(i);
      if (b(i) === 0 && b((i + 1) % 8) === 1) transitions++;
    }
    const ok = count >= 2 && count <= 6 && transitions === 1;
    const [n, e, s, w] = [b(0), b(2), b(4), b(6)];
    t1[code] = ok && n * e * s === 0 && e * s * w === 0 ? 1 : 0;
    t2[code] = ok && n * e * w === 0 && n * s * w === 0 ? 1 : 0;
  }
  return [t1, t2];
}
const [SUB1, SUB2] = buildTables();

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
  let area = 0;
  for (let y = 0; y < h; y++) {
    const row = mask.subarray(y * w, y * w + w);
    img.set(row, (y + 1) * W + 1);
    for (let x = 0; x < w; x++) area += row[x]!;
  }
  const code = (p: number) =>
    img[p - W]! |
    (img[p - W + 1]! << 1) |
    (img[p + 1]! << 2) |
    (img[p + W + 1]! << 3) |
    (img[p + W]! << 4) |
    (img[p + W - 1]! << 5) |
    (img[p - 1]! << 6) |
    (img[p - W - 1]! << 7);
  const offsets = [-W, -W + 1, 1, W + 1, W, W - 1, -1, -W - 1];
  const stamp = new Uint8Array(img.length);
  // Subiterations a candidate has been examined without its neighbourhood changing; after both
  // subiteration rules have seen it unchanged it cannot become deletable until a neighbour goes.
  const age = new Uint8Array(img.length);
  const all = new Int32Array(area);
  let cand = new Int32Array(area);
  let next = new Int32Array(area);
  const del = new Int32Array(area);
  let nc = 0;
  let na = 0;
  for (let y = 1; y <= h; y++) {
    for (let p = y * W + 1, end = y * W + w; p <= end; p++) {
      if (!img[p]) continue;
      all[na++] = p;
      if (code(p) !== 255) cand[nc++] = p;
    }
  }
  let round = 1;
  let changed = true;
  while (changed) {
    changed = false;
    for (const table of [SUB1, SUB2]) {
      let nd = 0;
      for (let i = 0; i < nc; i++) {
        const p = cand[i]!;
        if (img[p] && table[code(p)]) del[nd++] = p;
      }
      if (nd === 0) continue;
      changed = true;
      for (let i = 0; i < nd; i++) img[del[i]!] = 0;
      // Uint8 stamps: restart the numbering before it wraps.
      if (++round === 255) {
        stamp.fill(0);
        round = 1;
      }
      let nn = 0;
      for (let i = 0; i < nd; i++) {
        const p = del[i]!;
        for (let k = 0; k < 8; k++) {
          const q = p + offsets[k]!;
          if (img[q] && stamp[q] !== round) {
            stamp[q] = round;
            age[q] = 0;
            next[nn++] = q;
          }
        }
      }
      for (let i = 0; i < nc; i++) {
        const p = cand[i]!;
        if (img[p] && stamp[p] !== round && age[p]! < 1) {
          stamp[p] = round;
          age[p] = 1;
          next[nn++] = p;
        }
      }
      [cand, next] = [next, cand];
      nc = nn;
    }
  }
  // Remove staircase pixels: simple points (8-connectivity number 1) with two orthogonal
  // neighbours. Afterwards every pixel inside a branch has exactly two skeleton neighbours.
  const list = all;
  for (const p of list) {
    if (!img[p]) continue;
    const c = code(p);
    const b = (i: number) => (c >> (i & 7)) & 1;
    const corner = (b(0) & b(2)) | (b(2) & b(4)) | (b(4) & b(6)) | (b(6) & b(0));
    if (!corner) continue;
    let n8 = 0;
    for (let k = 0; k < 8; k += 2) n8 += 1 - b(k) - (1 - b(k)) * (1 - b(k + 1)) * (1 - b(k + 2));
    if (n8 === 1) img[p] = 0;
  }
  const sk = new Uint8Array(w * h);
  let n = 0;
  for (const p of list) if (img[p]) n++;
  const pixels = new Int32Array(n);
  n = 0;
  for (const p of list) {
    if (!img[p]) continue;
    const y = Math.floor(p / W) - 1;
    const q = y * w + (p - (y + 1) * W - 1);
    sk[q] = 1;
    pixels[n++] = q;
  }
  return { sk, pixels };
}

export { DX, DY };
