/**
 * Chamfer (3-4) distance from each foreground pixel to the nearest background pixel, in pixels
 * (≈ ±8 % of Euclidean). Background outside the image counts as background, so a shaft cut by the
 * border thins towards it. Background pixels get 0.
 */
export function distanceTransform(mask: Uint8Array, w: number, h: number): Float32Array {
  const A = 1; // orthogonal step
  const D = 4 / 3; // diagonal step of the 3-4 chamfer, in pixels
  const d = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0, p = y * w; x < w; x++, p++) {
      if (!mask[p]) continue;
      let v = x > 0 ? d[p - 1]! + A : A;
      v = Math.min(v, y > 0 ? d[p - w]! + A : A);
      v = Math.min(v, x > 0 && y > 0 ? d[p - w - 1]! + D : D);
      v = Math.min(v, x < w - 1 && y > 0 ? d[p - w + 1]! + D : D);
      d[p] = v;
    }
  }
  for (let y = h - 1; y >= 0; y--) {
    for (let x = w - 1, p = y * w + w - 1; x >= 0; x--, p--) {
      if (!mask[p]) continue;
      let v = d[p]!;
      v = Math.min(v, x < w - 1 ? d[p + 1]! + A : A);
      v = Math.min(v, y < h - 1 ? d[p + w]! + A : A);
      v = Math.min(v, x < w - 1 && y < h - 1 ? d[p + w + 1]! + D : D);
      v = Math.min(v, x > 0 && y < h - 1 ? d[p + w - 1]! + D : D);
      d[p] = v;
    }
  }
  return d;
}
