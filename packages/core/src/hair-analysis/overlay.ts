import { boxMean } from './box-mean';
import type { WorkingRgb } from './pixel-features';

/**
 * Finds device graphics burned into a trichoscopy image — info bars and grey bands along an edge,
 * text boxes, scale bars, measuring circles and their labels — so that they are neither counted
 * as hair nor hide the fact that they covered part of the field.
 *
 * What sets graphics apart from a photograph of skin: they are flat (no sensor noise or skin
 * texture), often exactly neutral grey, or drawn in saturated primary colours that skin and hair
 * never have; lines are one or two pixels thin and perfectly straight along a row or column.
 */
export interface OverlayResult {
  /** 1 where a pixel (working resolution) belongs to a graphic, dilated by a small margin. */
  mask: Uint8Array;
  /** Share of the field covered. */
  share: number;
  /** What was found (for quality issues and the review screen). */
  kinds: OverlayKind[];
}

type OverlayKind = 'edge-band' | 'text-box' | 'coloured-graphic' | 'line';

/** Pixels whose channels lie this close together count as neutral grey, 0–255. */
const NEUTRAL = 14;
/** Channel levels this close to the row's middle pixel make a band row exactly uniform. */
const FLAT = 3;

/**
 * `scratch`, when given, is three w×h float planes and three w×h byte planes this may overwrite (the
 * analysis lends planes it keeps between calls, see pixel-features.ts PlanePool); the returned mask
 * is then the second byte plane.
 */
export function detectOverlays(
  img: WorkingRgb,
  umPerWorkingPx: number,
  scratch?: { floats: readonly Float32Array[]; bytes: readonly Uint8Array[] },
): OverlayResult {
  const { r, g, b, width: w, height: h } = img;
  const n = w * h;
  // Info bars and label boxes are mid-to-dark neutral grey (a black shaft is darker, grey-looking
  // skin brighter) with white text; bands added by the device are one exact grey.
  // Box grey and white as 0/1 planes (box-filtered in place further down), and the brightness sum
  // the line search reads, in one pass over the colour planes.
  const plane = (k: number) => scratch?.floats[k]?.subarray(0, n) ?? new Float32Array(n);
  const bytes = (k: number) => scratch?.bytes[k]?.subarray(0, n).fill(0) ?? new Uint8Array(n);
  const boxGrey = plane(0);
  const white = plane(1);
  const L = plane(2);
  const coloured = bytes(0);
  let colouredCount = 0;
  let greyCount = 0;
  let whiteCount = 0;
  for (let p = 0; p < n; p++) {
    const R = r[p]!;
    const G = g[p]!;
    const B = b[p]!;
    // Comparisons rather than Math.max and Math.min calls (colours are finite and ≥ +0): the same values.
    let mx = R;
    let mn = R;
    if (G > mx) mx = G;
    else if (G < mn) mn = G;
    if (B > mx) mx = B;
    else if (B < mn) mn = B;
    // Saturated primaries (red circles, blue or cyan labels): far outside skin and hair colours.
    if (mx - mn > 120 && mn < 90 && (R < 0.45 * mx || G < 0.45 * mx)) {
      coloured[p] = 1;
      colouredCount++;
    }
    const grey = mx - mn <= NEUTRAL && mx >= 40 && mx <= 125 ? 1 : 0;
    const wh = mn >= 215 && mx - mn <= 20 ? 1 : 0;
    boxGrey[p] = grey;
    white[p] = wh;
    greyCount += grey;
    whiteCount += wh;
    L[p] = R + G + B;
  }
  const mask = bytes(1);
  const kinds = new Set<OverlayKind>();
  const rowIsBand = (y: number) => {
    const o = y * w;
    let grey = 0;
    let txt = 0;
    let exact = 0;
    const mid = o + (w >> 1);
    for (let x = 0; x < w; x++) {
      grey += boxGrey[o + x]!;
      txt += white[o + x]!;
      const p = o + x;
      if (
        Math.abs(r[p]! - r[mid]!) <= FLAT &&
        Math.abs(g[p]! - g[mid]!) <= FLAT &&
        Math.abs(b[p]! - b[mid]!) <= FLAT &&
        Math.max(r[p]!, g[p]!, b[p]!) - Math.min(r[p]!, g[p]!, b[p]!) <= 4
      )
        exact++;
    }
    return grey + txt >= 0.35 * w || exact >= 0.6 * w;
  };
  const markRows = (from: number, to: number) => {
    for (let y = from; y < to; y++) mask.fill(1, y * w, (y + 1) * w);
  };
  for (const dir of [1, -1]) {
    let y = dir === 1 ? 0 : h - 1;
    let last = -1;
    let misses = 0;
    for (let k = 0; k < Math.min(h >> 2, Math.ceil(150 / umPerWorkingPx)); k++, y += dir) {
      if (rowIsBand(y)) {
        last = y;
        misses = 0;
      } else if (++misses > 3) break;
    }
    if (last >= 0) {
      kinds.add('edge-band');
      if (dir === 1) markRows(0, last + 1);
      else markRows(last, h);
    }
  }
  // Label boxes elsewhere (the scale bar's "1.0 mm"): windows mostly box grey with some white text.
  const rad = Math.max(2, Math.round(24 / umPerWorkingPx));
  // (Without any box-grey or any white pixel there is no such window: most fields without graphics.)
  let boxes = 0;
  if (greyCount > 0 && whiteCount > 0) {
    const greyShare = boxMean(boxGrey, w, h, rad, boxGrey);
    const whiteShare = boxMean(white, w, h, rad, white);
    for (let p = 0; p < n; p++)
      if (greyShare[p]! >= 0.45 && whiteShare[p]! >= 0.03) {
        mask[p] = 1;
        boxes++;
      }
  }
  if (boxes) kinds.add('text-box');
  const spare = bytes(2);
  dilate(mask, w, h, rad, mask, spare);
  if (colouredCount >= 20) {
    kinds.add('coloured-graphic');
    for (let p = 0; p < n; p++) if (coloured[p]) mask[p] = 1;
  }
  // Thin straight lines along rows or columns (scale bars, ticks, frame lines): a pixel that differs
  // from both neighbours two pixels away across the line, in a long run of such pixels.
  const minRun = Math.max(12, Math.round(150 / umPerWorkingPx));
  // Line pixels go straight into the mask (the search reads the brightness only).
  let lines = false;
  for (let y = 2; y < h - 2; y++) {
    let run = 0;
    for (let x = 0; x <= w; x++) {
      let on = false;
      if (x < w) {
        const p = y * w + x;
        const v = L[p]!;
        const a = v - L[p - 2 * w]!;
        const c = v - L[p + 2 * w]!;
        on = (a > 45 && c > 45) || (a < -45 && c < -45);
      }
      if (on) run++;
      else {
        if (run >= minRun) {
          mask.fill(1, y * w + x - run, y * w + x);
          lines = true;
        }
        run = 0;
      }
    }
  }
  // Along columns, row by row (each column's run counted in `runs`): the image is read in memory order.
  const runs = new Int32Array(w);
  for (let y = 0; y <= h; y++) {
    for (let x = 2; x < w - 2; x++) {
      let on = false;
      if (y < h) {
        const p = y * w + x;
        const v = L[p]!;
        const a = v - L[p - 2]!;
        const c = v - L[p + 2]!;
        on = (a > 45 && c > 45) || (a < -45 && c < -45);
      }
      if (on) runs[x]!++;
      else {
        const run = runs[x]!;
        if (run >= minRun) {
          for (let k = y - run; k < y; k++) mask[k * w + x] = 1;
          lines = true;
        }
        runs[x] = 0;
      }
    }
  }
  if (lines) kinds.add('line');
  const dilated = dilate(mask, w, h, Math.max(1, Math.round(10 / umPerWorkingPx)), mask, spare.fill(0));
  let covered = 0;
  for (let p = 0; p < n; p++) covered += dilated[p]!;
  return { mask: dilated, share: covered / n, kinds: [...kinds] };
}

/**
 * Square dilation by `rad` pixels (separable max). Rows and columns alike are swept in memory order,
 * and rows without a marked pixel are skipped (graphics cover a small part of most fields).
 * `out` may be `src` (which is read by the first pass only, and is a subset of the result); `tmp`
 * (zero-filled) holds the first pass.
 */
function dilate(
  src: Uint8Array,
  w: number,
  h: number,
  rad: number,
  out: Uint8Array = new Uint8Array(w * h),
  tmp: Uint8Array = new Uint8Array(w * h),
): Uint8Array {
  const marked = new Uint8Array(h);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let first = 0;
    while (first < w && !src[o + first]) first++;
    if (first === w) continue;
    marked[y] = 1;
    let last = -1e9;
    for (let x = first; x < w; x++) {
      if (src[o + x]) last = x;
      if (x - last <= rad) tmp[o + x] = 1;
    }
    last = 1e9;
    for (let x = w - 1; x >= 0; x--) {
      if (src[o + x]) last = x;
      if (last - x <= rad) tmp[o + x] = 1;
    }
  }
  // Each output row is the union of the first pass's marked rows within `rad` of it.
  for (let y = 0; y < h; y++) {
    for (let k = Math.max(0, y - rad); k <= Math.min(h - 1, y + rad); k++) {
      if (!marked[k]) continue;
      for (let x = 0, p = y * w, q = k * w; x < w; x++, p++, q++) if (tmp[q]) out[p] = 1;
    }
  }
  return out;
}
