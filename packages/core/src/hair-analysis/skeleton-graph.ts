import { scratchBytes } from './scratch';
import { DX, DY, type Skeleton } from './skeletonize';

interface GraphNode {
  x: number;
  y: number;
  /** Widest half-width (distance transform) at the node, px. */
  r: number;
  /** Incident edge ids; a self-loop appears twice. */
  edges: number[];
  /** One skeleton pixel of the node, used to keep merged paths continuous. */
  pixel: number;
}

interface GraphEdge {
  a: number;
  b: number;
  /** Skeleton pixel indices from the `a` side to the `b` side, node pixels excluded. */
  path: number[];
  alive: boolean;
}

export interface SkeletonGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Live edges at node `n` (a live self-loop counts twice). */
export const degree = (g: SkeletonGraph, n: number) => {
  const ids = g.nodes[n]!.edges;
  let d = 0;
  for (let i = 0; i < ids.length; i++) if (g.edges[ids[i]!]!.alive) d++;
  return d;
};

/** Per-pixel flags of {@link buildSkeletonGraph}, one byte per image pixel. */
const SKELETON = 1;
/** Skeleton pixel with ≠ 2 skeleton neighbours (end or junction). */
const NODE = 2;
/** Node pixel already assigned to a node. */
const ASSIGNED = 4;
/** Chain pixel already on an edge. */
const VISITED = 8;

/** Number of set bits of each neighbourhood code. */
const NEIGHBOURS = new Uint8Array(256);
for (let c = 1; c < 256; c++) NEIGHBOURS[c] = (c & 1) + NEIGHBOURS[c >> 1]!;

/**
 * Turns a one-pixel skeleton into a graph: nodes are clusters of pixels with ≠ 2 skeleton
 * neighbours (ends and junctions), edges are the pixel chains between them. Closed loops without any
 * node are dropped (a ring-shaped mask is not a hair).
 */
export function buildSkeletonGraph(
  skeleton: Skeleton,
  dt: Float32Array,
  w: number,
  h: number,
): SkeletonGraph {
  const { pixels, codes } = skeleton;
  // One flag byte per pixel instead of image-sized neighbour-count, node-id (Int32) and visited
  // arrays: node ids live in a map keyed by pixel, since only node pixels (a few per hair) have one.
  const flags = scratchBytes(0, w * h);
  const np = pixels.length;
  // (Index loops: iterating a typed array with for…of allocates iterator results.)
  for (let i = 0; i < np; i++) flags[pixels[i]!] = NEIGHBOURS[codes[i]!] === 2 ? SKELETON : SKELETON | NODE;
  const nodeOf = new Map<number, number>();
  const nodes: GraphNode[] = [];
  const stack: number[] = [];
  for (let i = 0; i < np; i++) {
    const p = pixels[i]!;
    if (flags[p] !== (SKELETON | NODE)) continue;
    const id = nodes.length;
    let sx = 0;
    let sy = 0;
    let cnt = 0;
    let r = 0;
    flags[p] |= ASSIGNED;
    nodeOf.set(p, id);
    stack.push(p);
    while (stack.length) {
      const q = stack.pop()!;
      const x = q % w;
      const y = (q - x) / w;
      sx += x;
      sy += y;
      cnt++;
      r = Math.max(r, dt[q]!);
      for (let i = 0; i < 8; i++) {
        const xx = x + DX[i]!;
        const yy = y + DY[i]!;
        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
        const s = yy * w + xx;
        if (flags[s] === (SKELETON | NODE)) {
          flags[s] |= ASSIGNED;
          nodeOf.set(s, id);
          stack.push(s);
        }
      }
    }
    nodes.push({ x: sx / cnt, y: sy / cnt, r, edges: [], pixel: p });
  }
  const edges: GraphEdge[] = [];
  for (let i = 0; i < np; i++) {
    const p = pixels[i]!;
    if (!(flags[p]! & NODE)) continue;
    const start = nodeOf.get(p)!;
    const x0 = p % w;
    const y0 = (p - x0) / w;
    for (let i = 0; i < 8; i++) {
      const xx = x0 + DX[i]!;
      const yy = y0 + DY[i]!;
      if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
      const q = yy * w + xx;
      // A chain pixel not yet on an edge.
      if (flags[q] !== SKELETON) continue;
      const path: number[] = [];
      let prev = p;
      let cur = q;
      let end = -1;
      for (;;) {
        flags[cur] = SKELETON | VISITED;
        path.push(cur);
        const cx = cur % w;
        const cy = (cur - cx) / w;
        let next = -1;
        for (let j = 0; j < 8; j++) {
          const ax = cx + DX[j]!;
          const ay = cy + DY[j]!;
          if (ax < 0 || ay < 0 || ax >= w || ay >= h) continue;
          const s = ay * w + ax;
          const f = flags[s]!;
          if (!f || s === prev) continue;
          if (f & NODE) {
            const id = nodeOf.get(s)!;
            if (path.length > 1 || id !== start || s !== p) end = id;
          } else if (!(f & VISITED)) next = s;
        }
        if (end >= 0 || next < 0) break;
        prev = cur;
        cur = next;
      }
      if (end < 0) continue;
      const id = edges.length;
      edges.push({ a: start, b: end, path, alive: true });
      nodes[start]!.edges.push(id);
      nodes[end]!.edges.push(id);
    }
  }
  return { nodes, edges };
}

const otherEnd = (g: SkeletonGraph, e: number, n: number) => {
  const edge = g.edges[e]!;
  return edge.a === n ? edge.b : edge.a;
};

/** Replaces a pass-through node (exactly two distinct live edges) by one merged edge. */
function dissolveNode(g: SkeletonGraph, n: number): boolean {
  const ids = g.nodes[n]!.edges;
  let e1 = -1;
  let e2 = -1;
  let live = 0;
  for (let i = 0; i < ids.length; i++) {
    const e = ids[i]!;
    if (!g.edges[e]!.alive) continue;
    if (++live > 2) return false;
    if (live === 1) e1 = e;
    else e2 = e;
  }
  if (live !== 2 || e1 === e2) return false;
  const a = otherEnd(g, e1, n);
  const b = otherEnd(g, e2, n);
  // The path of e1 leading into n, the node pixel, then the path of e2 leaving n.
  const p1 = g.edges[e1]!;
  const p2 = g.edges[e2]!;
  const n1 = p1.path.length;
  const n2 = p2.path.length;
  const path: number[] = [];
  if (p1.a === n) for (let i = n1 - 1; i >= 0; i--) path.push(p1.path[i]!);
  else for (let i = 0; i < n1; i++) path.push(p1.path[i]!);
  path.push(g.nodes[n]!.pixel);
  if (p2.a === n) for (let i = 0; i < n2; i++) path.push(p2.path[i]!);
  else for (let i = n2 - 1; i >= 0; i--) path.push(p2.path[i]!);
  g.edges[e1]!.alive = false;
  g.edges[e2]!.alive = false;
  const id = g.edges.length;
  g.edges.push({ a, b, path, alive: true });
  g.nodes[a]!.edges.push(id);
  g.nodes[b]!.edges.push(id);
  g.nodes[n]!.edges = [];
  return true;
}

/**
 * Removes spurs — short branches from a junction to a free end, produced by bumps on the mask
 * outline (square-cut shaft ends, follicular openings) — then dissolves pass-through nodes.
 */
export function pruneSpurs(g: SkeletonGraph, minLenPx: (junctionR: number) => number, rounds = 2): void {
  for (let round = 0; round < rounds; round++) {
    for (let e = 0; e < g.edges.length; e++) {
      const edge = g.edges[e]!;
      if (!edge.alive || edge.a === edge.b) continue;
      const da = degree(g, edge.a);
      const db = degree(g, edge.b);
      const junction = da === 1 && db >= 3 ? edge.b : db === 1 && da >= 3 ? edge.a : -1;
      if (junction < 0) continue;
      if (edge.path.length + 1 < minLenPx(g.nodes[junction]!.r)) edge.alive = false;
    }
    for (let n = 0; n < g.nodes.length; n++) dissolveNode(g, n);
  }
}
