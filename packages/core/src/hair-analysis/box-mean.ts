/**
 * Box means by running sums (the pixel features' and the graphics search's smoothing).
 */
/** Row-pass buffer of {@link boxMean}, kept between calls (a few hundred KiB). */
let ring = new Float32Array(0);

/**
 * Box mean of radius `rad` (a (2·rad+1)² window clipped at the borders): running sums along rows,
 * then along columns, so the cost does not grow with the radius. The row pass is kept only for the
 * 2·rad+2 rows the column window spans (a ring of rows, so no image-sized intermediate and it stays
 * in cache); `out` may be `src` itself, as each source row has been read before its output row is
 * written.
 */
export function boxMean(
  src: Float32Array,
  w: number,
  h: number,
  rad: number,
  out?: Float32Array,
): Float32Array {
  const dst = out ?? new Float32Array(w * h);
  if (rad <= 0) {
    if (dst !== src) dst.set(src.subarray(0, w * h));
    return dst;
  }
  const invX = new Float64Array(w);
  for (let x = 0; x < w; x++) invX[x] = 1 / (Math.min(w - 1, x + rad) - Math.max(0, x - rad) + 1);
  // Rows y−rad−1 … y+rad are in use while output row y is written, and the row pass runs two rows
  // at a time (their running sums are independent chains the processor overlaps), so the ring has
  // one row more than the window needs.
  const R = 2 * rad + 3;
  if (ring.length < R * w) ring = new Float32Array(R * w);
  const tmp = ring;
  // Rows `passed` … of the row pass go into ring rows (row mod R), Float32 as a full intermediate
  // image was; in pairs where two rows are due. (Plain functions, not closures over this call: the
  // compiled loops then keep their arrays in registers.)
  let passed = 0;
  const col = new Float64Array(w);
  for (let y = 0; y < Math.min(h, rad); y++) {
    passed = boxRowsTo(src, tmp, invX, w, h, rad, R, passed, y);
    const t = (y % R) * w;
    for (let x = 0; x < w; x++) col[x]! += tmp[t + x]!;
  }
  // One sweep per output row: the row entering the window is added, then the one leaving it
  // subtracted, then the column sum divided (per column, the same operations in the same order as
  // three separate sweeps).
  // In place with radius 1, output row y + 1 is source row y + rad, still being read: no fusing.
  const fuse = rad >= 2 || src.buffer !== dst.buffer;
  for (let y = 0; y < h; y++) {
    const n = Math.min(h - 1, y + rad) - Math.max(0, y - rad) + 1;
    const enters = y + rad < h;
    const leaves = y - rad - 1 >= 0;
    if (fuse && leaves && y + 1 + rad < h && passed === y + rad) {
      // Inside the image, two output rows per sweep together with the row pass of the two rows
      // entering the window: the row pass's running sums are a chain of dependent additions, the
      // column work beside them is independent per column, so the processor overlaps the two.
      const add2 = ((y + rad + 1) % R) * w;
      const sub2 = ((y - rad) % R) * w;
      boxRowsAndColumns(
        src,
        tmp,
        invX,
        col,
        dst,
        w,
        rad,
        (y + rad) * w,
        ((y + rad) % R) * w,
        add2,
        ((y - rad - 1) % R) * w,
        sub2,
        y * w,
        n,
      );
      passed += 2;
      y++;
      continue;
    }
    if (enters) passed = boxRowsTo(src, tmp, invX, w, h, rad, R, passed, y + rad);
    const add = ((y + rad) % R) * w;
    const sub = ((y - rad - 1 + 2 * R) % R) * w;
    if (enters && leaves) boxColumnsSlide(col, tmp, dst, w, add, sub, y * w, n);
    else boxColumnsEdge(col, tmp, dst, w, enters ? add : -1, leaves ? sub : -1, y * w, n);
  }
  return dst;
}

/** Row pass of {@link boxMean} up to row `y`, from row `passed`; returns the next row due. */
function boxRowsTo(
  src: Float32Array,
  tmp: Float32Array,
  invX: Float64Array,
  w: number,
  h: number,
  rad: number,
  R: number,
  passed: number,
  y: number,
): number {
  while (passed <= y) {
    if (passed + 1 < h && passed + 1 <= y + 1) {
      boxRowPair(src, tmp, invX, w, rad, passed * w, (passed % R) * w, ((passed + 1) % R) * w);
      passed += 2;
    } else {
      boxRow(src, tmp, invX, w, rad, passed * w, (passed % R) * w);
      passed++;
    }
  }
  return passed;
}

/** Running mean along the source row at `o` into the ring row at `t`. */
function boxRow(
  src: Float32Array,
  tmp: Float32Array,
  invX: Float64Array,
  w: number,
  rad: number,
  o: number,
  t: number,
): void {
  let sum = 0;
  for (let x = 0; x < Math.min(w, rad); x++) sum += src[o + x]!;
  // Three runs: the window grows, slides, shrinks (no bounds tests in the inner loops).
  const grow = Math.min(w, rad + 1);
  for (let x = 0; x < grow; x++) {
    if (x + rad < w) sum += src[o + x + rad]!;
    tmp[t + x] = sum * invX[x]!;
  }
  const slideEnd = w - rad;
  for (let x = grow; x < slideEnd; x++) {
    sum += src[o + x + rad]! - src[o + x - rad - 1]!;
    tmp[t + x] = sum * invX[x]!;
  }
  for (let x = Math.max(grow, slideEnd); x < w; x++) {
    sum -= src[o + x - rad - 1]!;
    tmp[t + x] = sum * invX[x]!;
  }
}

/** {@link boxRow} of the source rows at `o` and `o + w` into ring rows `t` and `u`, in one sweep. */
function boxRowPair(
  src: Float32Array,
  tmp: Float32Array,
  invX: Float64Array,
  w: number,
  rad: number,
  o: number,
  t: number,
  u: number,
): void {
  const q = o + w;
  let s0 = 0;
  let s1 = 0;
  for (let x = 0; x < Math.min(w, rad); x++) {
    s0 += src[o + x]!;
    s1 += src[q + x]!;
  }
  const grow = Math.min(w, rad + 1);
  for (let x = 0; x < grow; x++) {
    if (x + rad < w) {
      s0 += src[o + x + rad]!;
      s1 += src[q + x + rad]!;
    }
    tmp[t + x] = s0 * invX[x]!;
    tmp[u + x] = s1 * invX[x]!;
  }
  const slideEnd = w - rad;
  for (let x = grow; x < slideEnd; x++) {
    s0 += src[o + x + rad]! - src[o + x - rad - 1]!;
    s1 += src[q + x + rad]! - src[q + x - rad - 1]!;
    tmp[t + x] = s0 * invX[x]!;
    tmp[u + x] = s1 * invX[x]!;
  }
  for (let x = Math.max(grow, slideEnd); x < w; x++) {
    s0 -= src[o + x - rad - 1]!;
    s1 -= src[q + x - rad - 1]!;
    tmp[t + x] = s0 * invX[x]!;
    tmp[u + x] = s1 * invX[x]!;
  }
}

/**
 * {@link boxRowPair} of the source rows at `o` and `o + w` into ring rows `a` and `b`, fused with
 * {@link boxColumnsSlide} for output rows at `out` and `out + w` (ring rows `a`, `b` entering, `sa`,
 * `sb` leaving): per column the same operations in the same order, the ring values rounded to
 * Float32 as their store and reload did.
 */
function boxRowsAndColumns(
  src: Float32Array,
  tmp: Float32Array,
  invX: Float64Array,
  col: Float64Array,
  dst: Float32Array,
  w: number,
  rad: number,
  o: number,
  a: number,
  b: number,
  sa: number,
  sb: number,
  out: number,
  n: number,
): void {
  const q = o + w;
  const out2 = out + w;
  let s0 = 0;
  let s1 = 0;
  for (let x = 0; x < Math.min(w, rad); x++) {
    s0 += src[o + x]!;
    s1 += src[q + x]!;
  }
  const grow = Math.min(w, rad + 1);
  for (let x = 0; x < grow; x++) {
    if (x + rad < w) {
      s0 += src[o + x + rad]!;
      s1 += src[q + x + rad]!;
    }
    const t0 = Math.fround(s0 * invX[x]!);
    const t1 = Math.fround(s1 * invX[x]!);
    tmp[a + x] = t0;
    tmp[b + x] = t1;
    const c0 = col[x]! + t0 - tmp[sa + x]!;
    dst[out + x] = c0 / n;
    const c1 = c0 + t1 - tmp[sb + x]!;
    col[x] = c1;
    dst[out2 + x] = c1 / n;
  }
  const slideEnd = w - rad;
  for (let x = grow; x < slideEnd; x++) {
    s0 += src[o + x + rad]! - src[o + x - rad - 1]!;
    s1 += src[q + x + rad]! - src[q + x - rad - 1]!;
    const t0 = Math.fround(s0 * invX[x]!);
    const t1 = Math.fround(s1 * invX[x]!);
    tmp[a + x] = t0;
    tmp[b + x] = t1;
    const c0 = col[x]! + t0 - tmp[sa + x]!;
    dst[out + x] = c0 / n;
    const c1 = c0 + t1 - tmp[sb + x]!;
    col[x] = c1;
    dst[out2 + x] = c1 / n;
  }
  for (let x = Math.max(grow, slideEnd); x < w; x++) {
    s0 -= src[o + x - rad - 1]!;
    s1 -= src[q + x - rad - 1]!;
    const t0 = Math.fround(s0 * invX[x]!);
    const t1 = Math.fround(s1 * invX[x]!);
    tmp[a + x] = t0;
    tmp[b + x] = t1;
    const c0 = col[x]! + t0 - tmp[sa + x]!;
    dst[out + x] = c0 / n;
    const c1 = c0 + t1 - tmp[sb + x]!;
    col[x] = c1;
    dst[out2 + x] = c1 / n;
  }
}

/** Column step of {@link boxMean} where a row enters the window and one leaves it. */
function boxColumnsSlide(
  col: Float64Array,
  tmp: Float32Array,
  dst: Float32Array,
  w: number,
  add: number,
  sub: number,
  o: number,
  n: number,
): void {
  for (let x = 0; x < w; x++) {
    const c = col[x]! + tmp[add + x]! - tmp[sub + x]!;
    col[x] = c;
    dst[o + x] = c / n;
  }
}

/** Column step near the top or bottom: a row enters (`add` ≥ 0), leaves (`sub` ≥ 0), both or neither. */
function boxColumnsEdge(
  col: Float64Array,
  tmp: Float32Array,
  dst: Float32Array,
  w: number,
  add: number,
  sub: number,
  o: number,
  n: number,
): void {
  if (add >= 0 && sub >= 0) boxColumnsSlide(col, tmp, dst, w, add, sub, o, n);
  else if (add >= 0) {
    for (let x = 0; x < w; x++) {
      const c = col[x]! + tmp[add + x]!;
      col[x] = c;
      dst[o + x] = c / n;
    }
  } else if (sub >= 0) {
    for (let x = 0; x < w; x++) {
      const c = col[x]! - tmp[sub + x]!;
      col[x] = c;
      dst[o + x] = c / n;
    }
  } else {
    for (let x = 0; x < w; x++) dst[o + x] = col[x]! / n;
  }
}

/** Three box passes of `src` into `out` (close to a Gaussian; good enough for a ridge filter). */
export function smoothBox3(
  src: Float32Array,
  w: number,
  h: number,
  rad: number,
  out: Float32Array,
): Float32Array {
  if (rad < 1) {
    out.set(src);
    return out;
  }
  boxMean(src, w, h, rad, out);
  boxMean(out, w, h, rad, out);
  return boxMean(out, w, h, rad, out);
}
