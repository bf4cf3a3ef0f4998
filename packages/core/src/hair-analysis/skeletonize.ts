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

/** 8-neighbourhood code of pixel (x, y); outside the image is background. */
export function neighbourCode(img: Uint8Array, w: number, h: number, x: number, y: number): number {
  let code = 0;
  for (let i = 0; i < 8; i++) {
    const xx = x + DX[i]!;
    const yy = y + DY[i]!;
    if (xx >= 0 && yy >= 0 && xx < w && yy < h && img[yy * w + xx]) code |= 1 << i;
  }
  return code;
}

/**
 * Zhang–Suen thinning of a binary mask to a one-pixel-wide, 8-connected skeleton (new array).
 * Only pixels next to a deletion are re-examined, so the cost follows the mask's boundary,
 * not the image area. A final pass removes staircase corners so every interior skeleton pixel has
 * exactly two neighbours.
 */
export function skeletonize(mask: Uint8Array, w: number, h: number): Uint8Array {
  const img = mask.slice();
  const stamp = new Int32Array(w * h);
  let cand: number[] = [];
  for (let p = 0; p < w * h; p++) {
    if (!img[p]) continue;
    const x = p % w;
    const y = (p - x) / w;
    if (neighbourCode(img, w, h, x, y) !== 255) cand.push(p);
  }
  let round = 1;
  let changed = true;
  while (changed) {
    changed = false;
    for (const table of [SUB1, SUB2]) {
      const del: number[] = [];
      for (const p of cand) {
        const x = p % w;
        if (img[p] && table[neighbourCode(img, w, h, x, (p - x) / w)]) del.push(p);
      }
      if (del.length) changed = true;
      for (const p of del) img[p] = 0;
      round++;
      const next: number[] = [];
      const add = (q: number) => {
        if (img[q] && stamp[q] !== round) {
          stamp[q] = round;
          next.push(q);
        }
      };
      for (const p of cand) add(p);
      for (const p of del) {
        const x = p % w;
        const y = (p - x) / w;
        for (let i = 0; i < 8; i++) {
          const xx = x + DX[i]!;
          const yy = y + DY[i]!;
          if (xx >= 0 && yy >= 0 && xx < w && yy < h) add(yy * w + xx);
        }
      }
      cand = next;
    }
  }
  // Remove staircase pixels: simple points (8-connectivity number 1) with two orthogonal
  // neighbours. Afterwards every pixel inside a branch has exactly two skeleton neighbours.
  cand.sort((a, b) => a - b);
  for (const p of cand) {
    if (!img[p]) continue;
    const x = p % w;
    const c = neighbourCode(img, w, h, x, (p - x) / w);
    const b = (i: number) => (c >> (i & 7)) & 1;
    const corner = (b(0) & b(2)) | (b(2) & b(4)) | (b(4) & b(6)) | (b(6) & b(0));
    if (!corner) continue;
    let n8 = 0;
    for (let k = 0; k < 8; k += 2) n8 += 1 - b(k) - (1 - b(k)) * (1 - b(k + 1)) * (1 - b(k + 2));
    if (n8 === 1) img[p] = 0;
  }
  return img;
}

export { DX, DY };
