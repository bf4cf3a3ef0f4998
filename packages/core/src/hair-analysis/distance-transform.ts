import { nonZeroIndices } from './mask-pixels';

const A = 1; // orthogonal step
const D = 4 / 3; // diagonal step of the 3-4 chamfer, in pixels

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
  let d: Float32Array;
  if (out) {
    d = out.subarray(0, w * h);
    d.fill(0);
  } else d = new Float32Array(w * h);
  // Both passes visit only the foreground (a small share of the image), in raster order and back.
  const fg = foreground ?? nonZeroIndices(mask.length === w * h ? mask : mask.subarray(0, w * h), 0);
  const n = fg.length;
  // Both passes go row by row over the listed pixels, so a pixel's row is known without a
  // division and the inner loops have one induction variable.
  for (let y = 0, i = 0; y < h && i < n; y++) i = forwardRow(d, fg, i, y * w, w, y > 0);
  for (let y = h - 1, i = n - 1; y >= 0 && i >= 0; y--) i = backwardRow(d, fg, i, y * w, w, y < h - 1);
  return d;
}

/**
 * Forward pass over the listed pixels of the row starting at `rowStart`, from list index `i`:
 * neighbours left, up-left, up and up-right are final. Outside the image counts as distance 0,
 * which is what the border branch spells out. Returns the list index of the next row's first pixel.
 */
function forwardRow(
  d: Float32Array,
  fg: Int32Array,
  i: number,
  rowStart: number,
  w: number,
  up: boolean,
): number {
  const rowEnd = rowStart + w;
  for (; i < fg.length; i++) {
    const p = fg[i]!;
    if (p >= rowEnd) break;
    const x = p - rowStart;
    let v: number;
    if (x > 0 && x < w - 1 && up) {
      v = Math.min(d[p - 1]! + A, d[p - w]! + A, d[p - w - 1]! + D, d[p - w + 1]! + D);
    } else {
      v = x > 0 ? d[p - 1]! + A : A;
      v = Math.min(v, up ? d[p - w]! + A : A);
      v = Math.min(v, x > 0 && up ? d[p - w - 1]! + D : D);
      v = Math.min(v, x < w - 1 && up ? d[p - w + 1]! + D : D);
    }
    d[p] = v;
  }
  return i;
}

/** Backward pass over one row, mirrored (from list index `i` down); returns the next index. */
function backwardRow(
  d: Float32Array,
  fg: Int32Array,
  i: number,
  rowStart: number,
  w: number,
  down: boolean,
): number {
  for (; i >= 0; i--) {
    const p = fg[i]!;
    if (p < rowStart) break;
    const x = p - rowStart;
    let v = d[p]!;
    if (x > 0 && x < w - 1 && down) {
      v = Math.min(v, d[p + 1]! + A, d[p + w]! + A, d[p + w + 1]! + D, d[p + w - 1]! + D);
    } else {
      v = Math.min(v, x < w - 1 ? d[p + 1]! + A : A);
      v = Math.min(v, down ? d[p + w]! + A : A);
      v = Math.min(v, x < w - 1 && down ? d[p + w + 1]! + D : D);
      v = Math.min(v, x > 0 && down ? d[p + w - 1]! + D : D);
    }
    d[p] = v;
  }
  return i;
}

/** {@link distanceTransform} as a row kernel (see row-chunks.ts) that computes the whole map at once. */
export function distanceAll(
  a: { mask: Uint8Array; w: number; h: number; out: Float32Array; foreground: Int32Array },
  from: number,
): void {
  if (from === 0) distanceTransform(a.mask, a.w, a.h, a.out, a.foreground);
}
