import { scratchBytes, scratchInts } from './scratch';

const UNSEEN = 0;
/** Background that belongs to a region too large to be a hole, or that reaches the border. */
const OPEN = 1;
const FLOODING = 2;

/**
 * Fills enclosed background regions (holes) of at most `maxArea` pixels (4-connected background,
 * the dual of the 8-connected foreground). A follicular opening is a dark disc that the illumination
 * flattening partly absorbs, so its mask often becomes a ring; the ring's skeleton is a loop whose
 * pieces look like short hairs around the root. Filled, the opening is a solid widening at the root.
 * Returns the number of pixels filled.
 *
 * Floods are bounded: every hole has a leftmost pixel whose left neighbour is foreground, so floods
 * start only there and stop as soon as they exceed `maxArea`, reach the border or meet background
 * already known to be open. The work is proportional to the hair outline, not to the image.
 */
export function fillSmallHoles(mask: Uint8Array, w: number, h: number, maxArea: number): number {
  return fillEnclosed(mask, w, h, maxArea, null);
}

/**
 * The flood both fills share: enclosed background regions of at most `maxArea` pixels; with
 * `inside`, a region with a pixel for which it is false counts as open (not filled).
 */
function fillEnclosed(
  mask: Uint8Array,
  w: number,
  h: number,
  maxArea: number,
  inside: ((p: number, x: number, y: number) => boolean) | null,
): number {
  const limit = Math.floor(maxArea);
  if (limit < 1) return 0;
  const label = scratchBytes(0, w * h);
  const queue = scratchInts(0, limit + 1);
  let filled = 0;
  // Start candidates in raster order over the interior (rows 1…h−2; columns 0 and w−1 are
  // excluded below). A start is background with a foreground left neighbour, so a 4-byte word
  // holds none when it is all foreground, or all background after a background byte; such words
  // are skipped in a tight loop (most of the image). Fills only touch pixels at or after the
  // current start, and every word is read when it is reached, so the starts found are exactly
  // those of a pixel-by-pixel scan.
  const words = mask.byteOffset % 4 === 0 ? (w * h) >> 2 : 0;
  const w32 = words > 0 ? new Int32Array(mask.buffer, mask.byteOffset, words) : new Int32Array(0);
  const end = (h - 1) * w - 1;
  for (let start = w + 1; start < end; start++) {
    if ((start & 3) === 0 && start >> 2 < words) {
      const i = skipWordsWithoutStart(w32, mask, start >> 2);
      if (i > start >> 2) {
        start = 4 * i - 1;
        continue;
      }
    }
    if (mask[start] || !mask[start - 1] || label[start] !== UNSEEN) continue;
    const x = start % w;
    if (x === 0 || x === w - 1) continue;
    let tail = 0;
    let open = false;
    queue[tail++] = start;
    label[start] = FLOODING;
    for (let head = 0; head < tail && !open; head++) {
      const p = queue[head]!;
      const px = p % w;
      if (px === 0 || px === w - 1 || p < w || p >= w * (h - 1) || (inside && !inside(p, px, (p - px) / w))) {
        open = true;
        break;
      }
      for (let k = 0; k < 4; k++) {
        const q = p + (k === 0 ? -1 : k === 1 ? 1 : k === 2 ? -w : w);
        if (mask[q]) continue;
        const l = label[q]!;
        if (l === OPEN) {
          open = true;
          break;
        }
        if (l === UNSEEN) {
          if (tail > limit - 1) {
            open = true;
            break;
          }
          label[q] = FLOODING;
          queue[tail++] = q;
        }
      }
    }
    const mark = open ? OPEN : UNSEEN;
    for (let i = 0; i < tail; i++) {
      const p = queue[i]!;
      label[p] = mark;
      if (!open) mask[p] = 1;
    }
    if (!open) filled += tail;
  }
  return filled;
}

/**
 * First word index ≥ `i` (at most `w32.length`) that may hold a hole start (see fillSmallHoles);
 * `i` ≥ 1. After a word of background, the byte before the next word is background too, so a run
 * of zero words needs no byte reads.
 */
function skipWordsWithoutStart(w32: Int32Array, mask: Uint8Array, i: number): number {
  const n = w32.length;
  while (i < n) {
    const v = w32[i]!;
    if (v === 0x01010101) i++;
    else if (v === 0 && !mask[4 * i - 1]) {
      i++;
      while (i < n && w32[i] === 0) i++;
    } else break;
  }
  return i;
}

/**
 * Fills enclosed background regions (4-connected, not reaching the border) of up to `maxArea`
 * pixels whose every pixel lies within `maxDistPx` of the mask: a narrow stripe enclosed by one
 * shaft. A thick shaft's central specular reflex (or light core) can leave such a stripe in the
 * mask when it is longer than the holes {@link fillSmallHoles} fills; the mask is then a ring,
 * whose skeleton is a closed loop that is no hair at all (buildSkeletonGraph drops it) or two
 * parallel strands. Two hairs that diverge leave skin open at one end and are not touched; two
 * that touch at both ends with a stripe of skin between them are merged (one wide strand, as if
 * they lay together). Same flood bounds as fillSmallHoles. Returns the number of pixels filled.
 */
export function fillThinHoles(
  mask: Uint8Array,
  w: number,
  h: number,
  maxDistPx: number,
  maxArea: number,
): number {
  const limit = Math.floor(maxArea);
  const R = Math.floor(maxDistPx);
  if (limit < 1 || R < 1) return 0;
  // Offsets of the disc of radius maxDistPx (the centre excluded): a hole pixel is "near" the
  // shaft when one of them is foreground.
  const offsets: number[] = [];
  const dxs: number[] = [];
  const dys: number[] = [];
  for (let dy = -R; dy <= R; dy++)
    for (let dx = -R; dx <= R; dx++)
      if ((dx || dy) && dx * dx + dy * dy <= maxDistPx * maxDistPx) {
        offsets.push(dy * w + dx);
        dxs.push(dx);
        dys.push(dy);
      }
  const near = (p: number, x: number, y: number) => {
    for (let k = 0; k < offsets.length; k++) {
      const xx = x + dxs[k]!;
      const yy = y + dys[k]!;
      if (xx >= 0 && yy >= 0 && xx < w && yy < h && mask[p + offsets[k]!]) return true;
    }
    return false;
  };
  return fillEnclosed(mask, w, h, limit, near);
}
