import { selectKth } from './flatten-illumination';

/**
 * 3×3 binomial smoothing ([1 2 1]/4 each way, σ ≈ 0.7 px). Preserves the integral across a shaft,
 * which the diameter measurement relies on, and cuts pixel noise to 0.375 of its SD.
 * `out` may be `src` itself: the horizontal pass is kept for three rows only (a rolling buffer),
 * and each source row is smoothed horizontally before the output overwrites it.
 * `onRow(y)` is called as soon as output row y is final (rows in order), e.g. to threshold it while
 * it is still in cache.
 */
export function smoothBinomial(
  src: Float32Array,
  w: number,
  h: number,
  out: Float32Array = new Float32Array(src.length),
  onRow?: (y: number) => void,
): Float32Array {
  smoothRows(src, out, w, h, 0, h, onRow);
  return out;
}

/**
 * {@link smoothBinomial} for output rows `from`…`to`−1 only. Reads source rows from−1…to, so `out`
 * may be `src` only when the range is the whole image.
 */
export function smoothRows(
  src: Float32Array,
  out: Float32Array,
  w: number,
  h: number,
  from: number,
  to: number,
  onRow?: (y: number) => void,
): void {
  if (from >= to) return;
  // Horizontally smoothed rows y−1, y and y+1, rounded to Float32 as a full intermediate image was.
  let up = new Float32Array(w);
  let mid = new Float32Array(w);
  let dn = new Float32Array(w);
  smoothRow(src, from * w, w, mid);
  if (from === 0)
    up.set(mid); // the top row is its own upper neighbour
  else smoothRow(src, (from - 1) * w, w, up);
  for (let y = from; y < to; y++) {
    const r = y * w;
    if (y + 1 < h && w > 1) {
      // Smooth source row y+1 into `dn` and write output row y in the same sweep: row y+1 of
      // `src` is still intact, because the output has only reached row y.
      const q = r + w;
      let d = Math.fround((3 * src[q]! + src[q + 1]!) * 0.25);
      dn[0] = d;
      out[r] = (up[0]! + 2 * mid[0]! + d) * 0.25;
      // The three source pixels slide along in locals: one load per pixel (`out` may be `src`, so
      // the compiler could not reuse loads across the stores itself).
      let left = src[q]!;
      let centre = src[q + 1]!;
      for (let x = 1; x < w - 1; x++) {
        const right = src[q + x + 1]!;
        d = Math.fround((left + 2 * centre + right) * 0.25);
        dn[x] = d;
        out[r + x] = (up[x]! + 2 * mid[x]! + d) * 0.25;
        left = centre;
        centre = right;
      }
      d = Math.fround((src[q + w - 2]! + 3 * src[q + w - 1]!) * 0.25);
      dn[w - 1] = d;
      out[r + w - 1] = (up[w - 1]! + 2 * mid[w - 1]! + d) * 0.25;
    } else {
      // Bottom row (its own lower neighbour) or a one-pixel-wide image.
      if (y + 1 < h) smoothRow(src, r + w, w, dn);
      else dn.set(mid);
      for (let x = 0; x < w; x++) out[r + x] = (up[x]! + 2 * mid[x]! + dn[x]!) * 0.25;
    }
    if (onRow) onRow(y);
    const t = up;
    up = mid;
    mid = dn;
    dn = t;
  }
}

/** [1 2 1]/4 along the row starting at `r`; an edge pixel stands in for its missing neighbour. */
function smoothRow(src: Float32Array, r: number, w: number, dst: Float32Array): void {
  if (w === 1) {
    dst[0] = src[r]!;
    return;
  }
  dst[0] = (3 * src[r]! + src[r + 1]!) * 0.25;
  for (let x = 1, p = r + 1; x < w - 1; x++, p++) dst[x] = (src[p - 1]! + 2 * src[p]! + src[p + 1]!) * 0.25;
  dst[w - 1] = (src[r + w - 2]! + 3 * src[r + w - 1]!) * 0.25;
}

/**
 * Robust pixel-noise SD of an image: median absolute difference of horizontal neighbours,
 * scaled for a Gaussian (MAD/0.6745, and /√2 for the difference). Hair edges are a minority of
 * pixels, so the median ignores them.
 */
export function estimateNoiseSd(src: Float32Array, w: number, h: number): number {
  const stride = Math.max(1, Math.floor((w * h) / 6007));
  // A typed array sorts numerically without calling a comparator per comparison.
  const diffs = new Float64Array(Math.ceil(Math.max(0, w * h - 1) / stride));
  let n = 0;
  for (let p = 0, x = 0; p < w * h - 1; p += stride, x += stride) {
    // x = p mod w, advanced without a division per sample.
    while (x >= w) x -= w;
    if (x === w - 1) continue;
    diffs[n++] = Math.abs(src[p + 1]! - src[p]!);
  }
  // The element a sort would put in the middle (absolute differences: no NaN or −0).
  const mad = n ? selectKth(diffs.subarray(0, n), n >> 1) : 0;
  return mad / 0.6745 / Math.SQRT2;
}
