import { selectKth } from './flatten-illumination';

/**
 * Skin level per channel for the pixel features: block medians, interpolated per pixel.
 */
/**
 * Skin level of one channel per block of ~`blockPx`: the median of the block (skin is most of a
 * block; white flakes, glare and dark shafts are outliers either way — a mean, even of the upper
 * half, was pulled up by flakes until the skin around them read as hair), then the brighter of
 * that and its neighbours' median where a thick shaft fills the block. {@link SkinGrid} interpolates
 * it per pixel.
 */
export function skinBlocks(
  src: Float32Array,
  w: number,
  h: number,
  B: number,
  bw: number,
  bh: number,
): Float32Array {
  const level = new Float32Array(bw * bh);
  const values = new Float64Array(Math.ceil(B / 2) ** 2);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      // Every other row and column: a quarter of the pixels gives the median as well, at a quarter
      // of the sorting. (The element a sort would put in the middle; Float32 values are exact here.)
      let n = 0;
      let bytes = true;
      for (let y = by * B; y < Math.min(h, (by + 1) * B); y += 2)
        for (let x = bx * B; x < Math.min(w, (bx + 1) * B); x += 2) {
          const v = src[y * w + x]!;
          values[n++] = v;
          bytes = bytes && (v & 255) === v;
        }
      // Unbinned images hold whole byte values: the same element from a count per value, without
      // the selection's unpredictable branches.
      level[by * bw + bx] =
        n === 0 ? 0 : bytes ? byteKth(values, n, n >> 1) : selectKth(values.subarray(0, n), n >> 1);
    }
  }
  // A block mostly covered by hair reads dark: take the median of its 3×3 neighbourhood when that
  // is clearly brighter.
  const fixed = new Float32Array(bw * bh);
  // Up to nine levels, kept in ascending order as they come (an insertion sort: the same middle
  // element as a sort of the list; a comparator sort allocated ~1 KiB per block and channel).
  const nb = neighbourLevels;
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const x = bx + dx;
          const y = by + dy;
          if (x >= 0 && y >= 0 && x < bw && y < bh) {
            const v = level[y * bw + x]!;
            let k = m++;
            for (; k > 0 && nb[k - 1]! > v; k--) nb[k] = nb[k - 1]!;
            nb[k] = v;
          }
        }
      const med = nb[m >> 1]!;
      const own = level[by * bw + bx]!;
      fixed[by * bw + bx] = own < 0.85 * med ? med : own;
    }
  }
  return fixed;
}

const byteCounts = new Int32Array(256);
const neighbourLevels = new Float64Array(9);

/** The k-th smallest (from 0) of the first `n` values, all whole numbers 0–255 (as selectKth gives it). */
function byteKth(values: Float64Array, n: number, k: number): number {
  const counts = byteCounts.fill(0);
  for (let i = 0; i < n; i++) counts[values[i]!]!++;
  let below = 0;
  let v = 0;
  while (below + counts[v]! <= k) below += counts[v++]!;
  return v;
}

/** Bilinear interpolation between block centres, one row at a time (weights per column computed once). */
export class SkinGrid {
  private readonly x0: Int32Array;
  private readonly x1: Int32Array;
  private readonly tx: Float64Array;

  constructor(
    w: number,
    private readonly B: number,
    private readonly bw: number,
    private readonly bh: number,
  ) {
    this.x0 = new Int32Array(w);
    this.x1 = new Int32Array(w);
    this.tx = new Float64Array(w);
    for (let x = 0; x < w; x++) {
      const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / B - 0.5));
      const x0 = Math.floor(fx);
      this.x0[x] = x0;
      this.x1[x] = Math.min(bw - 1, x0 + 1);
      this.tx[x] = fx - x0;
    }
  }

  /** Row `y` of the interpolated level of `fixed` into `out` (Float32, as a full plane was). */
  row(fixed: Float32Array, y: number, out: Float32Array): void {
    const { bw, bh, x0: X0, x1: X1, tx: TX } = this;
    const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / this.B - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const ty = fy - y0;
    const r0 = y0 * bw;
    const r1 = y1 * bw;
    // Between two block centres the four corner levels are the same: read once per run of columns.
    const w = out.length;
    let x = 0;
    while (x < w) {
      const x0 = X0[x]!;
      const x1 = X1[x]!;
      const a = fixed[r0 + x0]!;
      const b = fixed[r1 + x0]!;
      const da = fixed[r0 + x1]! - a;
      const db = fixed[r1 + x1]! - b;
      let end = x + 1;
      while (end < w && X0[end] === x0) end++;
      for (; x < end; x++) {
        const tx = TX[x]!;
        const top = a + da * tx;
        const bot = b + db * tx;
        out[x] = top + (bot - top) * ty;
      }
    }
  }

  /**
   * The level of `fixed` at each of the pixels `cand` (ascending pixel indices of a `w`-wide image)
   * into `out`: {@link row}'s values there, the same arithmetic, without interpolating whole rows.
   */
  atPixels(fixed: Float32Array, cand: Int32Array, w: number, out: Float32Array): void {
    const { bw, bh, x0: X0, x1: X1, tx: TX } = this;
    let y = -1;
    let rowStart = 0;
    let rowEnd = 0;
    let r0 = 0;
    let r1 = 0;
    let ty = 0;
    for (let i = 0; i < cand.length; i++) {
      const p = cand[i]!;
      if (p >= rowEnd) {
        y = Math.floor(p / w);
        rowStart = y * w;
        rowEnd = rowStart + w;
        const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / this.B - 0.5));
        const y0 = Math.floor(fy);
        const y1 = Math.min(bh - 1, y0 + 1);
        ty = fy - y0;
        r0 = y0 * bw;
        r1 = y1 * bw;
      }
      const x = p - rowStart;
      const x0 = X0[x]!;
      const x1 = X1[x]!;
      const tx = TX[x]!;
      const a = fixed[r0 + x0]!;
      const b = fixed[r1 + x0]!;
      const top = a + (fixed[r0 + x1]! - a) * tx;
      const bot = b + (fixed[r1 + x1]! - b) * tx;
      out[i] = top + (bot - top) * ty;
    }
  }
}
