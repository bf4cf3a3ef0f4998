import { assessConfidence, type ConfidenceInputs } from './confidence';
import { type GateInputs, gateInterval, gateIssues } from './count-gate';
import {
  allocateHairs,
  type CountFieldSource,
  countFieldInput,
  featureSums,
  type RootKind,
  type StrandCountInput,
  strandFeatures,
  strandWeights,
} from './count-model';
import { distanceAll } from './distance-transform';
import { decideEmergence, type EmergenceDecision, extendRoot, insetRoot } from './emergence';
import { flattenIllumination, selectKth } from './flatten-illumination';
import { maskComponents } from './gate-features';
import { hysteresisThreshold } from './hysteresis-threshold';
import { assessQuality } from './image-quality';
import { fillSmallHoles, fillThinHoles } from './mask-holes';
import { nonZeroIndices } from './mask-pixels';
import { measureShaft, type ShaftMeasure } from './measure-shaft';
import { darknessLevel } from './multiplicity';
import { detectOverlays } from './overlay';
import { candidateFeatures, PlanePool, toWorkingRgb } from './pixel-features';
import { handOverDiameters, strandHairDiameters } from './placed-diameters';
import {
  type Candidate,
  candidateScore,
  PLACEMENT_RADIUS_UM,
  placeHairsInContext,
  placementCandidates,
  REFINE_RADIUS_UM,
  type RootCandidatePoint,
  refinePlacement,
} from './placement';
import { PLACEMENT_MODEL } from './placement-model';
import { clippedShare, pathLengthPx, typicalTerminalUm, weightedLength } from './post-process';
import { rootAtStart } from './root-end';
import { ROOT_POINT_MODEL } from './root-point-model';
import { detectRootPoints, RootPointFeatures, type RootPointStrands, type RootPoints } from './root-points';
import { runBeside, sharedBytes } from './row-chunks';
import { shaftProbabilityOfCandidates } from './shaft-classifier';
import { buildSkeletonGraph, pruneSpurs } from './skeleton-graph';
import { skeletonize } from './skeletonize';
import { smoothBinomial } from './smooth';
import { splitAtCorners } from './split-corners';
import { classifyDiameter, diameterHistogram, TERMINAL_MIN_UM, VELLUS_MAX_UM } from './summarize';
import { type Strand, type StrandEnd, traceStrands } from './trace-strands';
import type { HairAnalysisInput, HairAnalysisResult, HairClass } from './types';
import { grayFromBinned, toWorkingGray, workingFactor } from './working-image';

export const ENGINE_VERSION = 'anagen-hair/0.10.0';

/** Minimum length of a branch attached to a junction or bend, in shaft half-widths. */
const ATTACHED_FACTOR = 1.5;

/**
 * Image-sized buffers kept between calls: a fresh multi-megabyte typed array costs a page fault
 * per 4 KiB on first touch (and GC pressure), which on a 1.9 MP field was a large share of the
 * analysis time. Safe because the analysis is synchronous and nothing it returns refers to them.
 * The float planes are one pool, each plane reused by a later stage once its content is dead (6
 * planes: the colour planes and the graphics search's three, or the feature stage's peak; 7 for a
 * binned image, whose grey plane is made early; one more when the fine darkness is smoothed); shared
 * memory, so that a helper thread can take part in the per-row stages (row-chunks.ts).
 */
const keptPlanes = new PlanePool();
/**
 * Working images up to this many pixels keep their planes between calls (6 Float32 planes, 24 bytes
 * per pixel: 46 MB for the bench's 1.9 MP field); larger ones (up to MAX_WORKING_PIXELS) get a pool of their
 * own that is garbage once the call returns, so a host does not hold several hundred MB for ever
 * after one very large image.
 */
const KEEP_PLANES_PIXELS = 2_000_000;
/** Pool slot of a binned image's grey plane (beyond the graphics search's and feature stage's 0–5). */
const GRAY_SLOT = 6;
/**
 * Byte planes kept between calls: the shaft mask, the skeleton and the graphics mask. The graphics
 * search also borrows the first two as scratch: they are written whole only after its mask is read.
 */
let masks: { mask: Uint8Array; sk: Uint8Array; overlay: Uint8Array } | null = null;
function maskBuffers(n: number) {
  if (!masks || masks.mask.length < n)
    masks = { mask: sharedBytes(n), sk: sharedBytes(n), overlay: new Uint8Array(n) };
  return masks;
}

/** Hysteresis on the shaft probability: a faint pixel joins a shaft that is clearly one somewhere. */
const SHAFT_LOW = 0.35;
const SHAFT_HIGH = 0.65;

/** Mask pieces smaller than this (100 × 40 µm, µm²) are dots and pores, not hairs (count gate). */
const GATE_PIECE_UM2 = 100 * 40;

/** Reach of the follicle-halo ring around a strand end beyond the shaft, µm. */
const HALO_UM = 100;

/** The root walk (emergence.ts extendRoot): darkness share of the shaft's, and reach, µm (FDU train). */
const ROOT_WALK_LEVEL = 0.55;
const ROOT_WALK_UM = 150;
/** Then back towards the tip by this much (emergence.ts insetRoot; FDU train: F1 0.618 → 0.650 offline). */
const ROOT_INSET_UM = 45;

/** Background holes up to this radius are filled (ring-shaped follicular openings), µm. */
const HOLE_RADIUS_UM = 25;
/**
 * Enclosed background whose every pixel lies within this distance of the shaft is filled whatever
 * its area (a reflex stripe along a thick shaft, up to ~35 µm wide), µm; the flood is bounded to a
 * stripe of this length (mask-holes.ts fillThinHoles).
 */
const REFLEX_STRIPE_UM = 17;
const REFLEX_STRIPE_LENGTH_UM = 2000;

/**
 * A traced shaft for overlays: centre line in image pixels, and whether it was counted. One per
 * strand, in the strands' order; then one per hair placed on a root point with no strand near it
 * (root-points.ts), whose `points` are that single point.
 */
export interface HairTrace {
  points: number[];
  counted: boolean;
  class: HairClass | null;
  emergence: { x: number; y: number } | null;
  /** Hairs this strand stands for besides its own (hidden siblings), when counted. */
  hidden: number;
}

/** What the engine knew about one strand (development output, not part of the analysis result). */
export interface StrandInfo {
  start: { x: number; y: number; kind: string; unpaired: number };
  end: { x: number; y: number; kind: string; unpaired: number };
  counted: boolean;
  /** Emergence point chosen, image pixels (when counted). */
  root: { x: number; y: number } | null;
  rootAtStart: boolean;
  hairs: number;
  weight: number;
  lengthUm: number;
  radiusUm: number;
  diameterUm: number;
  level: number;
  halo: [number, number];
  bulge: [number, number];
  probability: number;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

function validate(input: HairAnalysisInput): void {
  const { pixels, width, height, channels, umPerPx } = input;
  if (!Number.isFinite(umPerPx) || umPerPx <= 0) throw new RangeError('umPerPx must be a positive number');
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 16 || height < 16) {
    throw new RangeError('image must be at least 16×16 pixels');
  }
  if (channels !== 3 && channels !== 4) throw new RangeError('channels must be 3 or 4');
  if (pixels.length < width * height * channels)
    throw new RangeError('pixel buffer shorter than width×height×channels');
}

/**
 * Same as {@link analyzeHair}, plus the traced centre lines for drawing an overlay. With `profile`,
 * adds the time spent per stage (in the unit of `profile.now`) to `profile.stages`.
 * Pipeline: grey → illumination flattening → hysteresis mask → skeleton graph → strands through
 * crossings → emergence decision → diameter from the integrated darkness profile.
 */
export function analyzeHairDetailed(
  input: HairAnalysisInput,
  profile?: { now: () => number; stages: Record<string, number> },
): {
  result: HairAnalysisResult;
  traces: HairTrace[];
  /** The count model's features summed over the strands (for refitting it, `bench/fit-count-model.ts`). */
  countFeatures: Float64Array;
  /**
   * Everything the count model read, before it became features, plus the root-point peaks and the
   * counted roots (working pixels): `bench/fit-count-model.ts` saves these so that a refit, or a
   * new term built from them, takes seconds instead of analysing every image again.
   */
  countInputs: {
    strands: StrandCountInput[];
    source: CountFieldSource;
  };
  /** What the confidence model read (for refitting it, `bench/fit-confidence.ts`). */
  confidenceInputs: ConfidenceInputs;
  /** What the count gate read (for refitting it, `bench/fit-count-gate.ts`). */
  gateInputs: GateInputs;
  /** Per-strand evidence, in image pixels (for fitting the candidate model, `bench/dump-real-strands.ts`). */
  strandInfo: StrandInfo[];
  /** The placement's candidate points and their features (for fitting it, `bench/fit-placement.ts`). */
  placement: Candidate[];
  /** The root-point detector's seeds (working pixels), features and scores (`bench/fit-root-points.ts`). */
  rootPoints: RootPoints & { factor: number };
} {
  validate(input);
  let last = profile?.now() ?? 0;
  const lap = (stage: string) => {
    if (!profile) return;
    const t = profile.now();
    profile.stages[stage] = (profile.stages[stage] ?? 0) + t - last;
    last = t;
  };
  const { pixels, width, height, channels, umPerPx } = input;
  const factor = workingFactor(umPerPx, width, height);
  const wupp = umPerPx * factor;
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const area = w * h;
  const planes = area <= KEEP_PLANES_PIXELS ? keptPlanes : new PlanePool();
  // The shaft mask comes from the pixel classifier (colour, contrast against the skin around it,
  // ridge shape, texture), not from a darkness threshold: on real images skin creases, flakes,
  // bluish follicle halos and graphics pass any threshold that keeps faint vellus shafts.
  const rgb = toWorkingRgb(pixels, width, height, channels, factor, planes);
  // A binned grey image is taken from the binned colour planes now (they are overwritten by the
  // features), in a plane of its own; an unbinned one is read from the pixels after the classifier.
  const binnedGray = factor > 1 ? grayFromBinned(rgb, factor, planes.get(GRAY_SLOT, area)) : null;
  lap('rgb');
  // Device graphics are not hair: their pixels leave the mask (and the quality says they were
  // there). Before the features, which take over the colour planes and the ones lent here.
  const ws = maskBuffers(area);
  const overlay = detectOverlays(rgb, wupp, {
    floats: [planes.get(3, area), planes.get(4, area), planes.get(5, area)],
    bytes: [ws.mask, ws.overlay, ws.sk],
  });
  lap('overlay');
  const pixelMaps = candidateFeatures(rgb, wupp, planes);
  lap('features');
  const [probabilityPlane, greyPlane, darknessPlane, dtPlane] = pixelMaps.spare as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  const probability = shaftProbabilityOfCandidates(pixelMaps, probabilityPlane);
  lap('classifier');
  // From here on only the probability and the red darkness of the feature stage are read: its other
  // planes take the grey image (then the smoothed darkness), the flattened darkness and distances.
  const gray = binnedGray ?? toWorkingGray(pixels, width, height, channels, factor, greyPlane);
  lap('grey');
  const { saturated, sampled } = saturatedSample(gray.data);
  // Each stage writes a buffer other than the one it reads, so that rows can be shared out to a
  // helper thread (the grey image's plane takes the smoothed darkness, which is written last).
  const { darkness, skinLevel } = flattenIllumination(gray, wupp, undefined, darknessPlane);
  lap('flatten');
  const { shaftPixels, shaftUnderOverlay } = clearOverlay(probability, overlay.mask);
  // Shaft widths are read from the red-weighted darkness map (binomially smoothed, which keeps the
  // integral across a shaft); the mask above only says where the shafts are.
  const dark = smoothBinomial(darkness, w, h, gray.data);
  const mask = hysteresisThreshold(probability, w, h, SHAFT_LOW, SHAFT_HIGH, ws.mask);
  lap('mask');
  // Openings whose mask became a ring (see fillSmallHoles); 25 µm radius covers their centres.
  fillSmallHoles(mask, w, h, Math.PI * (HOLE_RADIUS_UM / wupp) ** 2);
  // A thick shaft's central reflex can leave a long narrow stripe of "skin" inside it: the mask
  // becomes a ring, which thins into a closed loop (dropped: the hair vanishes) or two strands.
  fillThinHoles(
    mask,
    w,
    h,
    REFLEX_STRIPE_UM / wupp,
    (4 * REFLEX_STRIPE_UM * REFLEX_STRIPE_LENGTH_UM) / wupp ** 2,
  );
  lap('holes');
  // The foreground list is shared by the distance transform and the thinning.
  const fg = nonZeroIndices(mask, 4);
  lap('foreground');
  // The distance map and the thinning both only read the mask: the helper thread, when there is
  // one, computes the map meanwhile.
  const dt = dtPlane;
  const skeleton = runBeside('distanceAll', distanceAll, { mask, w, h, out: dt, foreground: fg }, 1, () =>
    skeletonize(mask, w, h, ws.sk, fg),
  );
  lap('distance+thinning');
  const graph = buildSkeletonGraph(skeleton, dt, w, h);
  lap('graph');
  pruneSpurs(graph, (r) => Math.max(4, 1.6 * r + 2));
  // At most 49 samples (step 1 below 50 pixels, else ≤ 25 per step); distances are finite and
  // ≥ 0, so a typed array's numeric sort orders them as a comparator sort does.
  const dtSamples = new Float64Array(64);
  const medianDt = (path: readonly number[]) => {
    const step = Math.max(1, Math.floor(path.length / 25));
    let n = 0;
    for (let i = 0; i < path.length; i += step) dtSamples[n++] = dt[path[i]!]!;
    if (n === 0) return 1;
    return dtSamples.subarray(0, n).sort()[n >> 1]!;
  };
  const edgeR = new Float32Array(graph.edges.length);
  graph.edges.forEach((e, i) => {
    if (e.alive) edgeR[i] = medianDt(e.path);
  });
  const radius = new Map<Strand, number>();
  const rOf = (s: Strand) => {
    let r = radius.get(s);
    if (r === undefined) {
      r = medianDt(s.path);
      radius.set(s, r);
    }
    return r;
  };
  const minLenPx = 100 / wupp;
  const strands = splitAtCorners(traceStrands(graph, edgeR, w, h), w, rOf).filter(
    // Pores and openings are isolated blobs; a branch leaving a junction or bend is part of a hair
    // structure, so a shorter branch is kept (a sibling that separates only near its tip).
    (s) => {
      const attached =
        s.start.kind === 'junction' ||
        s.start.kind === 'corner' ||
        s.end.kind === 'junction' ||
        s.end.kind === 'corner';
      return (
        s.path.length >=
        (attached
          ? Math.max(0.6 * minLenPx, ATTACHED_FACTOR * rOf(s) + 3)
          : Math.max(minLenPx, 3 * rOf(s) + 4))
      );
    },
  );
  lap('strands');
  const bulgeAt = (x: number, y: number, r: number) => {
    const R = Math.ceil(2.5 * r + 3);
    const R2 = R * R;
    let best = 0;
    const x1 = Math.min(w - 1, Math.round(x) + R);
    for (let yy = Math.max(0, Math.round(y) - R); yy <= Math.min(h - 1, Math.round(y) + R); yy++) {
      const dy2 = (yy - y) * (yy - y);
      for (let xx = Math.max(0, Math.round(x) - R); xx <= x1; xx++) {
        const v = dt[yy * w + xx]!;
        if (v > best && (xx - x) * (xx - x) + dy2 <= R2) best = v;
      }
    }
    return best / Math.max(1, r);
  };
  // Only free ends need the widening test (root vs tip); other kinds are decided by topology.
  const bulgeOf = (e: Strand['start'], r: number) => (e.kind === 'free' ? bulgeAt(e.x, e.y, r) : 1);
  const bulges = strands.map((s) => [bulgeOf(s.start, rOf(s)), bulgeOf(s.end, rOf(s))] as [number, number]);
  // Mean red-channel darkness of the skin (not shaft) within ~100 µm of each end: the follicle halo.
  const red = pixelMaps.redDarkness;
  const haloAt = (x: number, y: number, r: number) => {
    const R = r + HALO_UM / wupp;
    const R2 = R * R;
    let s = 0;
    let n = 0;
    for (let yy = Math.max(0, Math.round(y - R)); yy <= Math.min(h - 1, Math.round(y + R)); yy++)
      for (let xx = Math.max(0, Math.round(x - R)); xx <= Math.min(w - 1, Math.round(x + R)); xx++) {
        const p = yy * w + xx;
        if (mask[p] || (xx - x) * (xx - x) + (yy - y) * (yy - y) > R2) continue;
        s += red[p]!;
        n++;
      }
    return n ? s / n : 0;
  };
  const halos = strands.map(
    (s) => [haloAt(s.start.x, s.start.y, rOf(s)), haloAt(s.end.x, s.end.y, rOf(s))] as [number, number],
  );
  const decisions = decideEmergence(strands, bulges, { w, h, radius: rOf }, halos);
  // For a strand lying fully inside, a model over the two ends' evidence may overrule the rules'
  // choice of root end (root-end.ts); the count model keeps reading the end the evidence named.
  strands.forEach((s, i) => {
    const d = decisions[i]!;
    if (!d.counted || s.start.kind === 'border' || s.end.kind === 'border') return;
    const chosenStart = d.x === s.start.x && d.y === s.start.y;
    if (rootAtStart(s.start, s.end, chosenStart, halos[i]!, bulges[i]!) === chosenStart) return;
    const root = chosenStart ? s.end : s.start;
    decisions[i] = {
      counted: true,
      x: root.x,
      y: root.y,
      rootAtStart: !chosenStart,
      evidenceRoot: d.evidenceRoot ?? { x: d.x, y: d.y },
    };
  });
  // The mask stops where the shaft dips under the skin; the root is where it stops showing.
  strands.forEach((s, i) => {
    const d = decisions[i]!;
    if (!d.counted) return;
    const atStart = d.x === s.start.x && d.y === s.start.y;
    const atEnd = d.x === s.end.x && d.y === s.end.y;
    const end = atStart ? s.start : atEnd ? s.end : null;
    if (!end || end.kind === 'border') return;
    const p = extendRoot(s.path, atStart, dark, w, h, ROOT_WALK_LEVEL, ROOT_WALK_UM / wupp);
    decisions[i] = { ...d, x: p.x, y: p.y };
  });
  // Annotators mark where the shaft leaves the skin, a little inside the walked end (see insetRoot).
  strands.forEach((s, i) => {
    const d = decisions[i]!;
    if (!d.counted) return;
    // The walk may have carried a short or bent strand's root nearer its tip than its own end, so
    // the end is the decision's, not the nearer one.
    if ((d.rootAtStart ? s.start : s.end).kind === 'border') return;
    const p = insetRoot(s.path, d.rootAtStart, d, w, ROOT_INSET_UM / wupp);
    decisions[i] = { ...d, x: p.x, y: p.y };
  });
  lap('emergence');
  const measures = strands.map((s, i) =>
    decisions[i]!.counted ? measureShaft(s, dark, w, h, rOf(s), bulges[i]!) : null,
  );
  const wide = measures
    .filter((m): m is ShaftMeasure => m !== null && m.integral / m.peak >= 4)
    .map((m) => m.peak);
  wide.sort((a, b) => a - b);
  const refContrast = wide.length ? wide[wide.length >> 1]! : null;

  const strandLengths = new Float64Array(strands.length);
  for (let i = 0; i < strands.length; i++) strandLengths[i] = pathLengthPx(strands[i]!.path, w);
  const diameterOf = (s: Strand, m: ShaftMeasure | null) => {
    if (!m) return Math.max(1, 2 * rOf(s) - 1) * wupp;
    const ownWidth = m.integral / m.peak;
    const contrast = ownWidth >= 4 || refContrast === null ? m.peak : Math.max(m.peak, refContrast);
    return (m.integral / contrast) * wupp;
  };
  const strandDiameters = strands.map((s, i) =>
    decisions[i]!.counted ? diameterOf(s, measures[i] ?? null) : 0,
  );
  const levels = strands.map((s, i) => (decisions[i]!.counted ? darknessLevel(s, dark, w, h, rOf(s)) : null));
  const attached = (e: Strand['start']) => (e.kind === 'junction' || e.kind === 'corner' ? 1 : 0);
  const rootKind = (s: Strand, d: EmergenceDecision): RootKind => {
    const end = evidenceEnd(s, d);
    if (end.kind === 'junction') return end.unpaired >= 2 ? 'shared-junction' : 'junction';
    return end.kind;
  };
  const meanProbability = (s: Strand) => {
    let pr = 0;
    for (const p of s.path) pr += probability[p]!;
    return s.path.length ? pr / s.path.length : 0;
  };
  // Emergence points read from the pixel maps (root-points.ts): extra candidates for the placement,
  // and their strong peaks that no counted root explains a term of the count model (hairs the
  // tracing merged or lost). They read the strands and the rules' decisions, not the count, so they
  // come first.
  const describer = new RootPointFeatures(
    {
      width: w,
      height: h,
      umPerWorkingPx: wupp,
      probability,
      red,
      dark,
      distance: dt,
      mask,
      pixelIndex: pixelMaps.candidates,
      pixelColumns: pixelMaps.columns,
    },
    strandPoints(strands, decisions),
  );
  const rootPoints = detectRootPoints(describer, describer.maps, ROOT_POINT_MODEL);
  lap('root points');
  const peaks = peakArrays(rootPoints);
  const roots = countedRoots(decisions);
  const source = {
    umPerWorkingPx: wupp,
    areaMm2: (w * h * wupp * wupp) / 1e6,
    coverage: fg.length / (w * h),
    peaks,
    roots,
  };
  const countInputs = {
    strands: strands.map(
      (s, i): StrandCountInput => ({
        counted: decisions[i]!.counted,
        root: rootKind(s, decisions[i]!),
        lengthPx: strandLengths[i]!,
        diameterUm: strandDiameters[i]!,
        level: levels[i]?.level ?? 1,
        attachedEnds: attached(s.start) + attached(s.end),
        crossesBorder: s.start.kind === 'border' || s.end.kind === 'border',
        probability: decisions[i]!.counted ? meanProbability(s) : 1,
        cornerArmsCos: decisions[i]!.counted
          ? cornerArmsCos(strands, i, evidenceEnd(strands[i]!, decisions[i]!), w, 100 / wupp)
          : undefined,
      }),
    ),
    source,
  };
  const features = strandFeatures(countInputs.strands, countFieldInput(source));
  const weights = strandWeights(features);
  const perStrand = allocateHairs(weights);
  // The same typical terminal diameter as the counted hairs' (for shafts too wide to be one hair).
  const typical = typicalTerminalUm(strandDiameters);

  // What the count model decided per strand, in image pixels (also the placement's input).
  const strandInfo: StrandInfo[] = strands.map((s, i) => {
    const d = decisions[i]!;
    const end = (e: Strand['start']) => ({
      x: (e.x + 0.5) * factor,
      y: (e.y + 0.5) * factor,
      kind: e.kind,
      unpaired: e.unpaired,
    });
    return {
      start: end(s.start),
      end: end(s.end),
      counted: d.counted,
      root: d.counted ? { x: (d.x + 0.5) * factor, y: (d.y + 0.5) * factor } : null,
      rootAtStart: d.rootAtStart,
      hairs: perStrand[i]!,
      weight: weights[i]!,
      lengthUm: strandLengths[i]! * wupp,
      radiusUm: rOf(s) * wupp,
      diameterUm: strandDiameters[i]!,
      level: levels[i]?.level ?? 1,
      halo: halos[i]!,
      bulge: bulges[i]!,
      probability: meanProbability(s),
    };
  });
  // Centre lines in image pixels (≤ 41 points): the overlay's traces and the placement's paths.
  const linePoints = strands.map((s) => {
    const points: number[] = [];
    const step = Math.max(1, Math.floor(s.path.length / 40));
    for (let k = 0; k < s.path.length; k += step) {
      const p = s.path[k]!;
      points.push(((p % w) + 0.5) * factor, (Math.floor(p / w) + 0.5) * factor);
    }
    const last = s.path[s.path.length - 1]!;
    points.push(((last % w) + 0.5) * factor, (Math.floor(last / w) + 0.5) * factor);
    return points;
  });
  // The count model says how many hairs; the placement says where they emerge (placement.ts). The
  // paths are rounded as bench/dump-real-strands.ts writes them, so the model sees what it was fitted on.
  let total = 0;
  for (let i = 0; i < perStrand.length; i++) total += perStrand[i]!;
  const candidates = placementCandidates(
    strandInfo.map((info, i) => ({ ...info, path: linePoints[i]!.map((v) => Math.round(v)) })),
    umPerPx,
    width,
    height,
    peakPoints(rootPoints, factor),
  );
  const candidateScores = candidates.map((c) => candidateScore(c.features));
  const chosen = placeHairsInContext(
    candidates,
    candidateScores,
    total,
    PLACEMENT_RADIUS_UM / umPerPx,
    PLACEMENT_MODEL.context,
  );
  // Each hair is reported between the candidates that see the same root (refinePlacement); which
  // strand it stands on, and the diameters' hand-over, read the candidate it was placed on.
  const reported = refinePlacement(candidates, candidateScores, chosen, REFINE_RADIUS_UM / umPerPx);
  type Placed = { x: number; y: number; at: { x: number; y: number } };
  const placedAt: Placed[][] = strands.map(() => []);
  // Hairs on a detector's point with no strand near it (a faint or merged hair).
  const unstranded: Placed[] = [];
  chosen.forEach((c, k) => {
    const { x, y, strand } = candidates[c]!;
    (placedAt[strand] ?? unstranded).push({ x, y, at: reported[k]! });
  });
  lap('placement');

  // A strand the rules left out that the placement gave a hair (a sibling's or a piece's end) is
  // measured as a counted one would have been (its class on the overlay, the blur gate's edges).
  strands.forEach((s, i) => {
    if (placedAt[i]!.length === 0 || decisions[i]!.counted) return;
    measures[i] = measureShaft(s, dark, w, h, rOf(s), bulges[i]!);
    strandDiameters[i] = diameterOf(s, measures[i] ?? null);
    levels[i] = darknessLevel(s, dark, w, h, rOf(s));
  });
  // The hairs' diameters are the count model's hairs' (placed-diameters.ts): the placement moves
  // where hairs stand, not what the shafts measured. Hairs on a root point with no strand near it
  // are one more group with no diameters of its own: they take those of hairs moved away, and the
  // median counted diameter only when none is left (there is no shaft to measure).
  const noLevel = { low: 0, high: 0 };
  const unstrandedUm = medianCounted(strandDiameters, decisions) ?? typical;
  const placedDiameters = handOverDiameters(
    [
      ...strands.map((_, i) =>
        strandHairDiameters(strandDiameters[i]!, levels[i] ?? noLevel, perStrand[i]!, typical),
      ),
      [],
    ],
    [...placedAt, unstranded],
    [...strandInfo.map((info) => info.root), null],
    (i) =>
      i < strands.length ? strandHairDiameters(strandDiameters[i]!, noLevel, 1, typical)[0]! : unstrandedUm,
  );
  const hairs: HairAnalysisResult['hairs'] = [];
  const traces: HairTrace[] = [];
  strands.forEach((_, i) => {
    const at = placedAt[i]!;
    const own = at.length;
    const ds = placedDiameters[i]!;
    for (let c = 0; c < own; c++) {
      hairs.push({
        x: Math.round(at[c]!.at.x),
        y: Math.round(at[c]!.at.y),
        diameterUm: round(ds[c]!, 1),
        class: classifyDiameter(ds[c]!),
      });
    }
    const points = linePoints[i]!;
    traces.push({
      points,
      counted: own > 0,
      class:
        own > 0 ? classifyDiameter(strandHairDiameters(strandDiameters[i]!, noLevel, 1, typical)[0]!) : null,
      emergence: own > 0 ? { x: at[0]!.at.x, y: at[0]!.at.y } : null,
      hidden: Math.max(0, own - 1),
    });
  });
  if (unstranded.length) {
    const unstrandedDs = placedDiameters[strands.length]!;
    for (let k = 0; k < unstranded.length; k++) {
      const p = unstranded[k]!.at;
      const um = unstrandedDs[k]!;
      const x = Math.round(p.x);
      const y = Math.round(p.y);
      hairs.push({ x, y, diameterUm: round(um, 1), class: classifyDiameter(um) });
      traces.push({
        points: [x, y],
        counted: true,
        class: classifyDiameter(um),
        emergence: { x, y },
        hidden: 0,
      });
    }
  }
  lap('measure');
  const areaCm2 = (width * height * umPerPx * umPerPx) / 1e8;
  // Plain loops over typed arrays in this tail: after the full GC that sharp's decode buffer
  // triggers, generic array built-ins here (map/filter/reduce/sort) failed their map checks and
  // deoptimised the whole analysis function. Sums run in index order as before.
  const n = hairs.length;
  const diameters = new Float64Array(n);
  let sum = 0;
  let vellus = 0;
  let terminal = 0;
  for (let i = 0; i < n; i++) {
    const d = hairs[i]!.diameterUm;
    diameters[i] = d;
    sum += d;
    if (d < VELLUS_MAX_UM) vellus++;
    if (d >= TERMINAL_MIN_UM) terminal++;
  }
  const slopes = new Float64Array(measures.length);
  let nSlopes = 0;
  // The blur gate reads the strands the rules counted only, as the count does: a strand measured
  // because the placement put a hair on it must not move the image's quality.
  for (let i = 0; i < measures.length; i++) {
    const m = measures[i];
    if (m && decisions[i]!.counted) slopes[nSlopes++] = m.edgeSlope;
  }
  let ownStrands = 0;
  let shortHairs = 0;
  let countedArea = 0;
  const shortPx = 200 / wupp;
  strands.forEach((s, i) => {
    const own = perStrand[i]!;
    if (own <= 0) return;
    ownStrands++;
    if (strandLengths[i]! < shortPx) shortHairs += own;
    countedArea += strandLengths[i]! * (2 * rOf(s) + 1);
  });
  const confidenceInputs: ConfidenceInputs = {
    umPerPx,
    hairCount: n,
    densityPerCm2: n / ((width * height * umPerPx * umPerPx) / 1e8),
    meanDiameterUm: n ? sum / n : 0,
    unexplainedShare: fg.length ? Math.max(0, Math.min(1, 1 - countedArea / fg.length)) : 0,
    shortShare: n ? shortHairs / n : 0,
    inferredShare: n ? (n - ownStrands) / n : 0,
    overlayShare: overlay.share,
    overlayTouch: shaftPixels ? shaftUnderOverlay / shaftPixels : 0,
  };
  const trust = assessConfidence(confidenceInputs);
  const edgeSlope = nSlopes >= 3 ? selectKth(slopes.subarray(0, nSlopes), nSlopes >> 1) : null;
  let probabilitySum = 0;
  strands.forEach((s, i) => {
    if (perStrand[i]! > 0) probabilitySum += meanProbability(s);
  });
  // Free ends of the strands the placement put a hair on (the hairs reported), for the count gate.
  let freeEnds = 0;
  for (let i = 0; i < strands.length; i++) {
    if (placedAt[i]!.length === 0) continue;
    const s = strands[i]!;
    if (s.start.kind === 'free') freeEnds++;
    if (s.end.kind === 'free') freeEnds++;
  }
  const gateInputs: GateInputs = {
    hairCount: n,
    strands: strands.length,
    countedStrands: ownStrands,
    components: maskComponents(fg, w, GATE_PIECE_UM2 / (wupp * wupp)),
    meanProbability: ownStrands ? probabilitySum / ownStrands : 1,
    maskUm2: fg.length * wupp * wupp,
    rootPoints: rootPoints.peaks.length,
    edgeSlope,
    expectedError: trust.expectedError,
    freeEnds,
  };
  // Whether the count may be far off (count-gate.ts): too few hairs, a tracing broken up as on the
  // real images counted too high, or a mask and root points that hold more hairs than were counted.
  const gate = gateIssues(gateInputs);
  const issues = assessQuality({
    skinLevel,
    saturatedShare: saturated / Math.max(1, sampled),
    edgeSlope,
    clippedShare: clippedShare(pixels, width * height, channels),
    weightedStrandUm: weightedLength(strandLengths) * wupp,
  });
  const result: HairAnalysisResult = {
    width,
    height,
    umPerPx,
    areaCm2: round(areaCm2, 4),
    hairCount: n,
    densityPerCm2: round(n / areaCm2, 1),
    meanDiameterUm: n ? round(sum / n, 1) : 0,
    vellusRatio: n ? round(vellus / n, 3) : 0,
    terminalRatio: n ? round(terminal / n, 3) : 0,
    hairs,
    diameterHistogram: diameterHistogram(diameters),
    hairMassPerCm2: round(sum / areaCm2, 0),
    quality: {
      ok: issues.length === 0 && trust.issues.length === 0 && gate.length === 0,
      confidence: issues.length || gate.length ? Math.min(0.3, trust.confidence) : trust.confidence,
      expectedError: trust.expectedError,
      // The count gate's interval: each side widened by the gate's chance of that error (080).
      countInterval: gateInterval(n, trust.expectedError, gateInputs),
      issues: [...issues, ...trust.issues, ...gate],
    },
    engineVersion: ENGINE_VERSION,
  };
  lap('summary');
  return {
    result,
    traces,
    countFeatures: featureSums(features),
    countInputs,
    confidenceInputs,
    gateInputs,
    strandInfo,
    placement: candidates,
    rootPoints: { ...rootPoints, factor },
  };
}

// Helpers kept out of analyzeHairDetailed, with plain loops: generic array built-ins inside it can
// deoptimise the whole function after the full GC that sharp's decode buffer triggers (see there).

/** What the root-point detector reads of the strands (working pixels). */
function strandPoints(strands: readonly Strand[], decisions: readonly EmergenceDecision[]): RootPointStrands {
  const paths: number[][] = [];
  const ends: number[] = [];
  const roots: number[] = [];
  const tips: number[] = [];
  for (let i = 0; i < strands.length; i++) {
    const s = strands[i]!;
    paths.push(s.path);
    ends.push(s.start.x, s.start.y, s.end.x, s.end.y);
    const d = decisions[i];
    if (!d?.counted) continue;
    roots.push(d.x, d.y);
    const tip = d.rootAtStart ? s.end : s.start;
    tips.push(tip.x, tip.y);
  }
  return { paths, ends, roots, tips };
}

/** The detector's peaks (working pixels) as flat x,y pairs, and their scores. */
function peakArrays(r: RootPoints): { xy: Float64Array; scores: Float64Array } {
  const xy = new Float64Array(2 * r.peaks.length);
  const scores = new Float64Array(r.peaks.length);
  for (let i = 0; i < r.peaks.length; i++) {
    const k = r.peaks[i]!;
    xy[2 * i] = r.seeds[2 * k]!;
    xy[2 * i + 1] = r.seeds[2 * k + 1]!;
    scores[i] = r.scores[k]!;
  }
  return { xy, scores };
}

/**
 * For a strand rooted at a sharp bend (split-corners.ts), the cosine of the angle between it and the
 * bend's other arm, each arm's direction read `reachPx` along it from the bend; undefined otherwise.
 * Read only by bench/count-terms.ts (decision 079): a term under study, not in the count model.
 */
function cornerArmsCos(
  strands: readonly Strand[],
  i: number,
  e: StrandEnd,
  w: number,
  reachPx: number,
): number | undefined {
  const s = strands[i]!;
  const atStart = e === s.start;
  if (e.kind !== 'corner') return undefined;
  const arm = (t: Strand, fromStart: boolean) => {
    const k = Math.min(t.path.length - 1, Math.max(1, Math.round(reachPx)));
    const p = t.path[fromStart ? k : t.path.length - 1 - k]!;
    const dx = (p % w) - e.x;
    const dy = Math.floor(p / w) - e.y;
    const n = Math.hypot(dx, dy) || 1;
    return [dx / n, dy / n] as const;
  };
  const [ax, ay] = arm(s, atStart);
  for (let j = 0; j < strands.length; j++) {
    const t = strands[j]!;
    if (j === i) continue;
    if (t.start.kind === 'corner' && t.start.x === e.x && t.start.y === e.y) {
      const [bx, by] = arm(t, true);
      return ax * bx + ay * by;
    }
    if (t.end.kind === 'corner' && t.end.x === e.x && t.end.y === e.y) {
      const [bx, by] = arm(t, false);
      return ax * bx + ay * by;
    }
  }
  return undefined;
}

/**
 * The end a counted strand's evidence names as its root: `evidenceRoot` is that end itself when the
 * root-end model overruled the rules; otherwise the decision's own end (its point has been walked
 * and inset, and may lie nearer the tip than the end it came from).
 */
function evidenceEnd(s: Strand, d: EmergenceDecision): StrandEnd {
  const r = d.evidenceRoot;
  if (r) return r.x === s.start.x && r.y === s.start.y ? s.start : s.end;
  return d.rootAtStart ? s.start : s.end;
}

/** The counted strands' roots (working pixels) as flat x,y pairs. */
function countedRoots(decisions: readonly { counted: boolean; x: number; y: number }[]): Float64Array {
  let n = 0;
  for (const d of decisions) if (d.counted) n++;
  const out = new Float64Array(2 * n);
  let k = 0;
  for (const d of decisions)
    if (d.counted) {
      out[k++] = d.x;
      out[k++] = d.y;
    }
  return out;
}

/** The detector's peaks in image pixels, for the placement. */
function peakPoints(r: RootPoints, factor: number): RootCandidatePoint[] {
  const out: RootCandidatePoint[] = [];
  for (const k of r.peaks)
    out.push({
      x: (r.seeds[2 * k]! + 0.5) * factor,
      y: (r.seeds[2 * k + 1]! + 0.5) * factor,
      score: r.scores[k]!,
    });
  return out;
}

/** Median diameter of the counted strands, or null when none. */
function medianCounted(
  diameters: readonly number[],
  decisions: readonly { counted: boolean }[],
): number | null {
  const d = new Float64Array(diameters.length);
  let n = 0;
  for (let i = 0; i < diameters.length; i++) if (decisions[i]!.counted) d[n++] = diameters[i]!;
  return n ? d.subarray(0, n).sort()[n >> 1]! : null;
}

/**
 * Counts the clear shaft pixels (probability ≥ SHAFT_HIGH) and those under graphics, and sets the
 * probability under graphics to 0. (A function of its own: inside the long analysis function this
 * loop over every pixel ran several times slower.)
 */
function clearOverlay(
  probability: Float32Array,
  overlay: Uint8Array,
): { shaftPixels: number; shaftUnderOverlay: number } {
  let shaftPixels = 0;
  let shaftUnderOverlay = 0;
  for (let p = 0; p < probability.length; p++) {
    if (probability[p]! >= SHAFT_HIGH) {
      shaftPixels++;
      if (overlay[p]) shaftUnderOverlay++;
    }
    if (overlay[p]) probability[p] = 0;
  }
  return { shaftPixels, shaftUnderOverlay };
}

/** Every 7th grey pixel: how many were sampled and how many of them are saturated (≥ 250). */
function saturatedSample(gray: Float32Array): { saturated: number; sampled: number } {
  let saturated = 0;
  let sampled = 0;
  for (let p = 0; p < gray.length; p += 7, sampled++) if (gray[p]! >= 250) saturated++;
  return { saturated, sampled };
}

/**
 * Counts hairs and measures shaft diameters in a calibrated trichoscopy image.
 * `umPerPx` is µm per image pixel; all returned lengths are µm, coordinates image pixels,
 * density hairs/cm². Pure and deterministic; the caller adds `durationMs`.
 * Throws RangeError on an invalid calibration or pixel buffer.
 */
export function analyzeHair(input: HairAnalysisInput): HairAnalysisResult {
  return analyzeHairDetailed(input).result;
}
