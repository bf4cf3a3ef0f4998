import { PLACEMENT_MODEL } from './placement-model';
import { type SmallMlp, smallMlpScore } from './small-mlp';

/**
 * Where the image's hairs stand (their emergence points), once the count model has said how many
 * there are. The count model gives every strand a share of the image's hairs and puts them all on
 * the strand's root; on real images many marked roots are elsewhere: a second hair lying along a
 * counted shaft (its root 100–250 µm further in), the end of a strand the rules did not count, the
 * other end of a counted one. This stage lists candidate points on every strand, scores each with
 * a small model fitted on real train images (the chance that a marked root lies within 110 µm) and
 * places the image's N hairs greedily, best first, each score corrected for the hairs already placed
 * near it or on its strand (PlacementContext), so that a second hair goes to the same spot or the
 * same shaft only when the evidence there is strong.
 * The number of hairs does not change; which strands carry them, and where, may.
 */

const CANDIDATE_TYPES = ['root', 'mid130', 'mid260', 'other', 'end', 'point'] as const;
export type CandidateType = (typeof CANDIDATE_TYPES)[number];
const END_KINDS = ['free', 'border', 'junction', 'corner'];

interface PlacementEnd {
  x: number;
  y: number;
  kind: string;
  unpaired: number;
}

/** What the placement reads of one strand (StrandInfo in analyze-hair.ts, plus its centre line). */
export interface PlacementStrand {
  start: PlacementEnd;
  end: PlacementEnd;
  /** Emergence point the rules chose, when the strand was counted. */
  root: { x: number; y: number } | null;
  rootAtStart: boolean;
  /** Hairs the count model gave the strand. */
  hairs: number;
  weight: number;
  lengthUm: number;
  radiusUm: number;
  diameterUm: number;
  level: number;
  probability: number;
  halo: readonly [number, number];
  bulge: readonly [number, number];
  /** Centre line, flat x,y pairs in the same pixels as the ends. */
  path: readonly number[];
}

/** A peak of the root-point detector (root-points.ts), in the strands' pixels. */
export interface RootCandidatePoint {
  x: number;
  y: number;
  /** The detector's score (a marked root nearby, 0–1). */
  score: number;
}

export interface Candidate {
  /** The strand it stands on (a point of the detector: the nearest within 110 µm, or −1). */
  strand: number;
  x: number;
  y: number;
  type: CandidateType;
  features: number[];
}

const NO_END: PlacementEnd = { x: 0, y: 0, kind: 'none', unpaired: 0 };
/** What a detector's point far from every strand reads as its strand. */
const NO_STRAND: PlacementStrand = {
  start: NO_END,
  end: NO_END,
  root: null,
  rootAtStart: true,
  hairs: 0,
  weight: 0,
  lengthUm: 1,
  radiusUm: 0,
  diameterUm: 0,
  level: 0,
  probability: 0,
  halo: [0, 0],
  bulge: [0, 0],
  path: [],
};

/** Where placementCandidates() puts the features the context reads (see its feature list). */
const F_HAIRS = 1;
const F_UNPAIRED = 7 + CANDIDATE_TYPES.length + END_KINDS.length;
const F_PEAK_SCORE = F_UNPAIRED + 10;
const F_PEAKS_NEAR = F_PEAK_SCORE + 1;

/** Emergence point moved back from a raw strand end, as insetRoot does for the chosen root, µm. */
const END_INSET_UM = 45;
/** Offsets along a counted shaft where a hair lying along it may emerge, µm from its root. */
const ALONG_UM = [130, 260] as const;
/** A point along the shaft is a candidate only this far short of the other end, µm. */
const ALONG_MARGIN_UM = 60;
/** Neighbourhood of a candidate, µm (the root-matching radius of the real-image bench). */
export const PLACEMENT_RADIUS_UM = 110;

function polylineLength(path: readonly number[]): number {
  let l = 0;
  for (let i = 2; i < path.length; i += 2)
    l += Math.hypot(path[i]! - path[i - 2]!, path[i + 1]! - path[i - 1]!);
  return l;
}

/** The point at arc length `s` from the start of the polyline (clamped to it). */
export function pointAtArc(path: readonly number[], s: number): { x: number; y: number } {
  if (path.length < 4 || s <= 0) return { x: path[0]!, y: path[1]! };
  let acc = 0;
  for (let i = 2; i < path.length; i += 2) {
    const ax = path[i - 2]!;
    const ay = path[i - 1]!;
    const l = Math.hypot(path[i]! - ax, path[i + 1]! - ay);
    if (l > 0 && acc + l >= s) {
      const t = (s - acc) / l;
      return { x: ax + t * (path[i]! - ax), y: ay + t * (path[i + 1]! - ay) };
    }
    acc += l;
  }
  return { x: path[path.length - 2]!, y: path[path.length - 1]! };
}

/**
 * The point of the polyline nearest to (px, py): its distance and its arc length from the start
 * (a single point: the distance to it, arc 0; no point: infinitely far).
 */
function nearestOnPath(path: readonly number[], px: number, py: number): { distance: number; arc: number } {
  if (path.length < 4)
    return {
      distance: path.length ? Math.hypot(px - path[0]!, py - path[1]!) : Number.POSITIVE_INFINITY,
      arc: 0,
    };
  let best = Number.POSITIVE_INFINITY;
  let at = 0;
  let acc = 0;
  for (let i = 2; i < path.length; i += 2) {
    const ax = path[i - 2]!;
    const ay = path[i - 1]!;
    const dx = path[i]! - ax;
    const dy = path[i + 1]! - ay;
    const l2 = dx * dx + dy * dy;
    const t = l2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2)) : 0;
    const d = Math.hypot(px - ax - t * dx, py - ay - t * dy);
    const l = Math.sqrt(l2);
    if (d < best) {
      best = d;
      at = acc + t * l;
    }
    acc += l;
  }
  return { distance: best, arc: at };
}

/** [minX, minY, maxX, maxY] of a polyline. */
function boxOf(path: readonly number[]): [number, number, number, number] {
  const b: [number, number, number, number] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (let i = 0; i + 1 < path.length; i += 2) {
    b[0] = Math.min(b[0], path[i]!);
    b[1] = Math.min(b[1], path[i + 1]!);
    b[2] = Math.max(b[2], path[i]!);
    b[3] = Math.max(b[3], path[i + 1]!);
  }
  return b;
}

/**
 * The candidate points of one image and their features. `umPerPx` is the calibration of the
 * pixels the strands are given in; `width`, `height` the image's size in those pixels. Features:
 * the strand's (count-model weight and hairs, length, width, darkness level, shaft probability),
 * the candidate's type, the kind of the strand end it stands for and that end's halo and bulge,
 * the neighbourhood (strand ends within 110 and 220 µm, other counted roots within 110 µm), width
 * against the image's typical counted width, distance to the frame, hairs per candidate; and the
 * root-point detector's evidence: the score of the candidate's own peak or of the best peak within
 * 110 µm, the peaks within 110 µm and the distance to the nearest strand.
 * `points` (the detector's peaks) become candidates of type `point`, standing on the nearest strand
 * within 110 µm (whose features they take) or on none (strand −1, strand features 0).
 */
export function placementCandidates(
  strands: readonly PlacementStrand[],
  umPerPx: number,
  width: number,
  height: number,
  points: readonly RootCandidatePoint[] = [],
): Candidate[] {
  const raw: {
    strand: number;
    x: number;
    y: number;
    type: CandidateType;
    atStart: boolean;
    score?: number;
    toStrand?: number;
  }[] = [];
  strands.forEach((s, k) => {
    const length = polylineLength(s.path);
    const inset = Math.min(length / 2, END_INSET_UM / umPerPx);
    if (s.hairs > 0 && s.root) {
      const atStart = s.rootAtStart;
      raw.push({ strand: k, ...s.root, type: 'root', atStart });
      const a = nearestOnPath(s.path, s.root.x, s.root.y).arc;
      ALONG_UM.forEach((d, j) => {
        if (d >= s.lengthUm - ALONG_MARGIN_UM) return;
        const p = pointAtArc(
          s.path,
          atStart ? Math.min(length, a + d / umPerPx) : Math.max(0, a - d / umPerPx),
        );
        raw.push({ strand: k, ...p, type: j === 0 ? 'mid130' : 'mid260', atStart });
      });
      const p = pointAtArc(s.path, atStart ? length - inset : inset);
      raw.push({ strand: k, ...p, type: 'other', atStart: !atStart });
    } else {
      raw.push({ strand: k, ...pointAtArc(s.path, inset), type: 'end', atStart: true });
      raw.push({ strand: k, ...pointAtArc(s.path, length - inset), type: 'end', atStart: false });
    }
  });
  const radius = PLACEMENT_RADIUS_UM / umPerPx;
  // Bounding boxes of the centre lines: a strand farther than the feature's cap (300 µm) from a
  // point cannot be its nearest within 110 µm nor change its capped distance.
  const cap = 300 / umPerPx;
  const boxes = points.length ? strands.map((s) => boxOf(s.path)) : [];
  for (const p of points) {
    let strand = -1;
    let best = Number.POSITIVE_INFINITY;
    strands.forEach((s, k) => {
      const b = boxes[k]!;
      if (p.x < b[0] - cap || p.x > b[2] + cap || p.y < b[1] - cap || p.y > b[3] + cap) return;
      const d = nearestOnPath(s.path, p.x, p.y).distance;
      if (d < best) {
        best = d;
        strand = k;
      }
    });
    if (best > radius) strand = -1;
    raw.push({
      strand,
      x: p.x,
      y: p.y,
      type: 'point',
      atStart: true,
      score: p.score,
      toStrand: best * umPerPx,
    });
  }
  const ends: number[] = [];
  const roots: number[] = [];
  const diameters: number[] = [];
  let total = 0;
  for (const s of strands) {
    ends.push(s.start.x, s.start.y, s.end.x, s.end.y);
    if (s.hairs > 0 && s.root) {
      roots.push(s.root.x, s.root.y);
      diameters.push(s.diameterUm);
    }
    total += s.hairs;
  }
  diameters.sort((a, b) => a - b);
  const typicalUm = diameters.length ? diameters[diameters.length >> 1]! : 60;
  // Squared distances: Math.hypot is slow, and these run for every candidate against every end.
  const within = (list: number[], x: number, y: number, r: number, self: boolean) => {
    const r2 = r * r;
    let n = 0;
    for (let i = 0; i < list.length; i += 2) {
      const dx = list[i]! - x;
      const dy = list[i + 1]! - y;
      const d2 = dx * dx + dy * dy;
      if (d2 <= r2 && (self || d2 > 0)) n++;
    }
    return n;
  };
  const peaksNear = (x: number, y: number) => {
    let best = 0;
    let n = 0;
    for (const p of points) {
      if (Math.hypot(p.x - x, p.y - y) > radius) continue;
      n++;
      if (p.score > best) best = p.score;
    }
    return { best, n };
  };
  return raw.map((c) => {
    const s = strands[c.strand] ?? NO_STRAND;
    // A detector's point reads no strand end: its own evidence is the score.
    const end = c.type === 'point' ? NO_END : c.atStart ? s.start : s.end;
    const far = c.type === 'point' ? NO_END : c.atStart ? s.end : s.start;
    const side = c.atStart ? 0 : 1;
    const endEvidence =
      c.type === 'point' ? [0, 0, 0] : [s.halo[side]!, s.bulge[side]!, s.halo[side]! - s.halo[1 - side]!];
    const border = Math.min(c.x, c.y, width - c.x, height - c.y) * umPerPx;
    const near = peaksNear(c.x, c.y);
    const toStrand = c.toStrand ?? 0;
    const features = [
      s.weight,
      s.hairs,
      Math.log(Math.max(1, s.lengthUm)),
      s.diameterUm / 100,
      s.level,
      s.probability,
      s.radiusUm / 50,
      ...CANDIDATE_TYPES.map((t) => (t === c.type ? 1 : 0)),
      ...END_KINDS.map((k) => (k === end.kind ? 1 : 0)),
      Math.min(3, end.unpaired),
      ...endEvidence,
      within(ends, c.x, c.y, radius, true),
      within(ends, c.x, c.y, 2 * radius, true),
      within(roots, c.x, c.y, radius, false),
      s.diameterUm / typicalUm,
      Math.min(5, border / 100),
      total / raw.length,
      c.score ?? near.best,
      Math.min(4, near.n),
      Math.min(3, toStrand / 100),
      // Which way the strand runs: a hair that enters the frame (its end on the border, the
      // shaft heading straight in, the far end a free tip) has its marked root at the border.
      ...END_KINDS.map((k) => (k === far.kind ? 1 : 0)),
      end.kind === 'border' ? inwardCosine(end, far, width, height) : 0,
    ];
    return { strand: c.strand, x: c.x, y: c.y, type: c.type, features };
  });
}

/**
 * Cosine between the direction from a strand end on the frame to its far end and the inward normal
 * of the frame edge nearest to it (1: the shaft heads straight into the image; 0: along the edge).
 */
function inwardCosine(end: PlacementEnd, far: PlacementEnd, width: number, height: number): number {
  const dx = far.x - end.x;
  const dy = far.y - end.y;
  const l = Math.hypot(dx, dy);
  if (l === 0) return 0;
  const gaps = [end.x, end.y, width - end.x, height - end.y];
  const edge = gaps.indexOf(Math.min(...gaps));
  const along = edge === 0 ? dx : edge === 1 ? dy : edge === 2 ? -dx : -dy;
  return along / l;
}

export interface PlacementModel extends SmallMlp {
  /** Weights of the context features (PlacementContext), added to the score's log-odds. */
  context: readonly number[];
}

/** The model's chance that a marked root lies within 110 µm of the candidate. */
export function candidateScore(features: readonly number[], m: PlacementModel = PLACEMENT_MODEL): number {
  return smallMlpScore(features, m);
}

/**
 * Places `count` hairs on the candidates: repeatedly the best-scoring one, then every candidate
 * within `radius` pixels of it (itself included) has its score multiplied by `damping`.
 * Returns the chosen candidate indices in the order placed (an index may repeat). The engine's
 * placement before the context correction (placeHairsInContext); the fit scripts compare with it.
 */
export function placeHairs(
  candidates: readonly { x: number; y: number }[],
  scores: readonly number[],
  count: number,
  radius: number,
  damping: number,
): number[] {
  const left = Float64Array.from(scores);
  const chosen: number[] = [];
  if (!candidates.length) return chosen;
  for (let n = 0; n < count; n++) {
    let best = 0;
    for (let i = 1; i < left.length; i++) if (left[i]! > left[best]!) best = i;
    chosen.push(best);
    const { x, y } = candidates[best]!;
    const r2 = radius * radius;
    for (let i = 0; i < left.length; i++) {
      const c = candidates[i]!;
      const dx = c.x - x;
      const dy = c.y - y;
      if (dx * dx + dy * dy <= r2) left[i]! *= damping;
    }
  }
  return chosen;
}

/** Context features per candidate (PlacementContext.features). */
export const CONTEXT_FEATURES = 30;
const logOdds = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};

/**
 * What the hairs placed so far change about each candidate. The candidates' scores say whether a
 * marked root lies near each one on its own; once hairs stand, a candidate near one of them (a
 * second hair of a unit, or the same root read twice) or on the same strand (a hair along a shaft
 * that already carries one) is likelier to repeat a root already taken. A logistic correction over
 * these features, fitted on train (bench/fit-placement.ts) by replaying the placement and asking,
 * at every step, whether a marked root not yet taken lies within 110 µm of the candidate.
 * The features are all 0 for a candidate with no hair within 220 µm nor on its strand, so its
 * score stays the model's.
 */
export class PlacementContext {
  private readonly n: number;
  /** Hairs within `radius`, within 2·`radius`, on the same strand farther away, on this very candidate. */
  private readonly near: Float64Array;
  private readonly ring: Float64Array;
  private readonly strand: Float64Array;
  private readonly self: Float64Array;
  /** Distance to the nearest hair placed, px; hairs within `radius` on the same strand. */
  private readonly nearest: Float64Array;
  private readonly sameNear: Float64Array;
  readonly logits: Float64Array;

  constructor(
    private readonly candidates: readonly Pick<Candidate, 'x' | 'y' | 'strand' | 'type' | 'features'>[],
    scores: readonly number[],
    private readonly radius: number,
  ) {
    const n = candidates.length;
    this.n = n;
    this.near = new Float64Array(n);
    this.ring = new Float64Array(n);
    this.strand = new Float64Array(n);
    this.self = new Float64Array(n);
    this.nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.sameNear = new Float64Array(n);
    this.logits = Float64Array.from(scores, logOdds);
  }

  /** Writes candidate c's context features into `out`; false (and nothing written) when they are all 0. */
  features(c: number, out: number[]): boolean {
    const a = this.near[c]!;
    const b = this.ring[c]!;
    const s = this.strand[c]!;
    if (a === 0 && b === 0 && s === 0) return false;
    const k = this.candidates[c]!;
    const f = k.features;
    const t = CANDIDATE_TYPES.indexOf(k.type);
    const inNear = a > 0 ? 1 : 0;
    const inRing = b > 0 ? 1 : 0;
    const logit = this.logits[c]!;
    const T = CANDIDATE_TYPES.length;
    out[0] = a;
    out[1] = b;
    out[2] = s;
    out[3] = this.self[c]!;
    for (let j = 0; j < T; j++) {
      out[4 + j] = j === t ? inNear : 0;
      out[4 + T + j] = j === t ? s : 0;
      out[4 + 2 * T + 5 + j] = j === t ? inRing : 0;
    }
    // A second hair near one placed: the evidence for a unit (the candidate's own score, the count
    // model's hairs on its strand, the strands meeting at its end, the detector's peaks).
    out[4 + 2 * T] = inNear * logit;
    out[4 + 2 * T + 1] = inNear * Math.min(4, f[F_HAIRS]!);
    out[4 + 2 * T + 2] = inNear * f[F_UNPAIRED]!;
    out[4 + 2 * T + 3] = inNear * f[F_PEAK_SCORE]!;
    out[4 + 2 * T + 4] = inNear * f[F_PEAKS_NEAR]!;
    out[4 + 3 * T + 5] = Math.exp(-this.nearest[c]! / this.radius);
    out[4 + 3 * T + 6] = this.sameNear[c]!;
    out[4 + 3 * T + 7] = inRing * logit;
    return true;
  }

  /** Records a hair placed on candidate `chosen`; returns the candidates whose context changed. */
  place(chosen: number): number[] {
    const b = this.candidates[chosen]!;
    const r2 = this.radius * this.radius;
    const touched: number[] = [];
    for (let c = 0; c < this.n; c++) {
      const k = this.candidates[c]!;
      const dx = k.x - b.x;
      const dy = k.y - b.y;
      const d2 = dx * dx + dy * dy;
      const same = k.strand >= 0 && k.strand === b.strand;
      let changed = false;
      if (d2 < this.nearest[c]! * this.nearest[c]!) {
        this.nearest[c] = Math.sqrt(d2);
        // The nearness is read only once a hair stands within two radii or on the strand.
        changed = this.near[c]! + this.ring[c]! + this.strand[c]! > 0;
      }
      if (d2 <= r2) {
        this.near[c]! += 1;
        if (same) this.sameNear[c]! += 1;
        changed = true;
      } else if (d2 <= 4 * r2) {
        this.ring[c]! += 1;
        changed = true;
      } else if (same) {
        this.strand[c]! += 1;
        changed = true;
      }
      if (changed) touched.push(c);
    }
    this.self[chosen]! += 1;
    return touched;
  }

  /** Candidate c's log-odds given the hairs placed so far. */
  logit(c: number, weights: readonly number[], scratch: number[]): number {
    let z = this.logits[c]!;
    if (this.features(c, scratch)) for (let j = 0; j < CONTEXT_FEATURES; j++) z += weights[j]! * scratch[j]!;
    return z;
  }
}

/**
 * Places `count` hairs on the candidates, one at a time: each goes to the candidate whose score,
 * corrected for the hairs already placed (PlacementContext with `weights`), is the highest; a
 * candidate may take several hairs. Returns the chosen candidate indices in the order placed.
 */
export function placeHairsInContext(
  candidates: readonly Pick<Candidate, 'x' | 'y' | 'strand' | 'type' | 'features'>[],
  scores: readonly number[],
  count: number,
  radius: number,
  weights: readonly number[],
): number[] {
  const chosen: number[] = [];
  if (!candidates.length) return chosen;
  const context = new PlacementContext(candidates, scores, radius);
  const scratch = new Array<number>(CONTEXT_FEATURES).fill(0);
  // Each candidate's corrected log-odds, recomputed only where a hair placed changed the context
  // (a dense field has hundreds of hairs and of candidates).
  const z = Float64Array.from(context.logits);
  for (let n = 0; n < count; n++) {
    let best = 0;
    for (let c = 1; c < z.length; c++) if (z[c]! > z[best]!) best = c;
    chosen.push(best);
    for (const c of context.place(best)) z[c] = context.logit(c, weights, scratch);
  }
  return chosen;
}

/**
 * Reach of the report's refinement (refinePlacement), µm; chosen with the weights below on the
 * even-numbered FDU train images (the model fitted on them) among 90–160 µm, squared or plain
 * scores, the hair's own candidate counted 1, 2 or 4 times.
 */
export const REFINE_RADIUS_UM = 130;
/** The hair's own candidate counts this many times in the mean. */
const REFINE_SELF = 2;

/**
 * Where each placed hair is reported: the mean of the candidates within `radius` of its own
 * (itself counted REFINE_SELF times), weighted by their squared scores, leaving out candidates
 * that carry a hair of their own. A marked root often lies between two candidates that both see
 * it (a strand's root and a detector's peak, an end and a point along the shaft): the hair goes to
 * whichever scored higher, sometimes just beyond the matching radius of the root both were read
 * from. Returns one point per entry of `chosen`, in its order.
 */
export function refinePlacement(
  candidates: readonly { x: number; y: number }[],
  scores: readonly number[],
  chosen: readonly number[],
  radius: number,
): { x: number; y: number }[] {
  const taken = new Set(chosen);
  const r2 = radius * radius;
  return chosen.map((k) => {
    const c = candidates[k]!;
    let sx = 0;
    let sy = 0;
    let sw = 0;
    for (let j = 0; j < candidates.length; j++) {
      if (j !== k && taken.has(j)) continue;
      const q = candidates[j]!;
      const dx = q.x - c.x;
      const dy = q.y - c.y;
      if (dx * dx + dy * dy > r2) continue;
      const w = scores[j]! * scores[j]! * (j === k ? REFINE_SELF : 1);
      sx += w * q.x;
      sy += w * q.y;
      sw += w;
    }
    return sw > 0 ? { x: sx / sw, y: sy / sw } : { x: c.x, y: c.y };
  });
}
