/**
 * Chamfer (3-4) distance from each foreground pixel to the nearest background pixel, in pixels
 * (≈ ±8 % of Euclidean). Background outside the image counts as background, so a shaft cut by the
 * border thins towards it. Background pixels get 0.
 */
export function distanceTransform(mask: Uint8Array, w: number, h: number): Float32Array {
  const big = 1 << 28;
  const d = new Int32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (!mask[p]) {
        d[p] = 0;
        continue;
      }
      let v = big;
      v = Math.min(v, x > 0 ? d[p - 1]! + 3 : 3);
      v = Math.min(v, y > 0 ? d[p - w]! + 3 : 3);
      v = Math.min(v, x > 0 && y > 0 ? d[p - w - 1]! + 4 : 4);
      v = Math.min(v, x < w - 1 && y > 0 ? d[p - w + 1]! + 4 : 4);
      d[p] = v;
    }
  }
  for (let y = h - 1; y >= 0; y--) {
    for (let x = w - 1; x >= 0; x--) {
      const p = y * w + x;
      if (!mask[p]) continue;
      let v = d[p]!;
      v = Math.min(v, x < w - 1 ? d[p + 1]! + 3 : 3);
      v = Math.min(v, y < h - 1 ? d[p + w]! + 3 : 3);
      v = Math.min(v, x < w - 1 && y < h - 1 ? d[p + w + 1]! + 4 : 4);
      v = Math.min(v, x > 0 && y < h - 1 ? d[p + w - 1]! + 4 : 4);
      d[p] = v;
    }
  }
  const out = new Float32Array(w * h);
  for (let p = 0; p < w * h; p++) out[p] = d[p]! / 3;
  return out;
}
