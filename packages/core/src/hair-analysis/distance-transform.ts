import { nonZeroIndices } from './mask-pixels';

/**
 * Chamfer (3-4) distance from each foreground pixel to the nearest background pixel, in pixels
 * (≈ ±8 % of Euclidean). Background outside the image counts as background, so a shaft cut by the
 * border thins towards it. Background pixels get 0. `out` (at least w×h long) lets a caller reuse a
 * buffer; `foreground`, the mask's non-zero indices in ascending order (see nonZeroIndices), saves
 * listing them again when the caller has them.
 */
export function distanceTransform(
  mask: Uint8Array,
  w: number,
  h: number,
  out?: Float32Array,
  foreground?: Int32Array,
): Float32Array {
  const A = 1; // orthogonal step
  const D = 4 / 3; // diagonal step of the 3-4 chamfer, in pixels
  let d: Float32Array;
  if (out) {
    d = out.subarray(0, w * h);
    d.fill(0);
  } else d = new Float32Array(w * h);
  // Both passes visit only the foreground (a small share of the image), in raster order and back.
  const fg = foreground ?? nonZeroIndices(mask.length === w * h ? mask : mask.subarray(0, w * h), 0);
  const n = fg.length;
  // Forward pass: neighbours left, up-left, up and up-right are final. Outside the image counts
  // as distance 0, which is what the border branches spell out.
  for (let i = 0, y = 0, rowStart = 0; i < n; i++) {
    const p = fg[i]!;
    while (p >= rowStart + w) {
      rowStart += w;
      y++;
    }
    const x = p - rowStart;
    let v: number;
    if (x > 0 && x < w - 1 && y > 0) {
      v = Math.min(d[p - 1]! + A, d[p - w]! + A, d[p - w - 1]! + D, d[p - w + 1]! + D);
    } else {
      v = x > 0 ? d[p - 1]! + A : A;
      v = Math.min(v, y > 0 ? d[p - w]! + A : A);
      v = Math.min(v, x > 0 && y > 0 ? d[p - w - 1]! + D : D);
      v = Math.min(v, x < w - 1 && y > 0 ? d[p - w + 1]! + D : D);
    }
    d[p] = v;
  }
  // Backward pass, mirrored.
  for (let i = n - 1, y = h - 1, rowStart = (h - 1) * w; i >= 0; i--) {
    const p = fg[i]!;
    while (p < rowStart) {
      rowStart -= w;
      y--;
    }
    const x = p - rowStart;
    let v = d[p]!;
    if (x > 0 && x < w - 1 && y < h - 1) {
      v = Math.min(v, d[p + 1]! + A, d[p + w]! + A, d[p + w + 1]! + D, d[p + w - 1]! + D);
    } else {
      v = Math.min(v, x < w - 1 ? d[p + 1]! + A : A);
      v = Math.min(v, y < h - 1 ? d[p + w]! + A : A);
      v = Math.min(v, x < w - 1 && y < h - 1 ? d[p + w + 1]! + D : D);
      v = Math.min(v, x > 0 && y < h - 1 ? d[p + w - 1]! + D : D);
    }
    d[p] = v;
  }
  return d;
}
