import { degree, type SkeletonGraph } from './skeleton-graph';

type EndKind = 'free' | 'border' | 'junction' | 'corner';

export interface StrandEnd {
  x: number;
  y: number;
  kind: EndKind;
  /** How many strands end (unpaired) at this node: ≥ 2 suggests hairs sharing a follicular opening. */
  unpaired: number;
  /** Half-width at the node, px. */
  r: number;
}

/** One traced hair candidate: a chain of skeleton pixels continued straight through crossings. */
export interface Strand {
  path: number[];
  /**
   * Path indices where the strand passes through a junction, with its half-width and how many
   * other branches stop there (a sibling hair leaving the shared part).
   */
  crossings: Crossing[];
  start: StrandEnd;
  end: StrandEnd;
}

export interface Crossing {
  index: number;
  r: number;
  branches: number;
}

/**
 * Whether path index `i` lies within a crossing's reach (two widths and 3 px either side of it),
 * where a profile across the strand would also cut the other shaft.
 */
export function nearCrossing(crossings: readonly Crossing[], i: number): boolean {
  for (let k = 0; k < crossings.length; k++) {
    const c = crossings[k]!;
    if (Math.abs(c.index - i) <= 2 * c.r + 3) return true;
  }
  return false;
}

interface Group {
  x: number;
  y: number;
  r: number;
  pixel: number;
  ports: number[];
}

/** Straightness needed to continue through a junction: angle between the two branches ≥ 180° − 40°. */
const MIN_STRAIGHTNESS = Math.cos((40 * Math.PI) / 180);

/**
 * Groups junction nodes joined by very short edges (an X crossing thins into two Y junctions),
 * pairs the branches at every junction by straightness, and walks the pairs into strands.
 * Unpaired branches end at the junction (a follicular unit's common root, or a tip lying on another hair).
 */
export function traceStrands(g: SkeletonGraph, edgeR: Float32Array, w: number, h: number): Strand[] {
  const parent = new Int32Array(g.nodes.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const contracted = new Uint8Array(g.edges.length);
  g.edges.forEach((e, id) => {
    if (!e.alive || e.a === e.b) return;
    const ra = g.nodes[e.a]!.r;
    const rb = g.nodes[e.b]!.r;
    if (degree(g, e.a) >= 3 && degree(g, e.b) >= 3 && e.path.length + 1 < ra + rb + 3) {
      contracted[id] = 1;
      parent[find(e.a)] = find(e.b);
    }
  });
  const groups = new Map<number, Group>();
  const counts = new Map<number, number>();
  g.nodes.forEach((node, i) => {
    const root = find(i);
    const grp = groups.get(root) ?? { x: 0, y: 0, r: 0, pixel: node.pixel, ports: [] };
    const c = (counts.get(root) ?? 0) + 1;
    counts.set(root, c);
    grp.x += (node.x - grp.x) / c;
    grp.y += (node.y - grp.y) / c;
    grp.r = Math.max(grp.r, node.r);
    groups.set(root, grp);
  });
  g.edges.forEach((e, id) => {
    if (!e.alive || contracted[id]) return;
    groups.get(find(e.a))!.ports.push(2 * id);
    groups.get(find(e.b))!.ports.push(2 * id + 1);
  });
  const portPixel = (port: number, k: number) => {
    const e = g.edges[port >> 1]!;
    const i = Math.min(k, e.path.length - 1);
    return (port & 1) === 0 ? e.path[i]! : e.path[e.path.length - 1 - i]!;
  };
  const link = new Int32Array(2 * g.edges.length).fill(-1);
  for (const grp of groups.values()) {
    if (grp.ports.length < 2) continue;
    const k = Math.max(4, Math.round(2 * grp.r + 2));
    const dirs = grp.ports.map((port) => {
      const p1 = portPixel(port, k);
      const p2 = portPixel(port, 2 * k);
      let dx = (p2 % w) - (p1 % w);
      let dy = Math.floor(p2 / w) - Math.floor(p1 / w);
      if (dx === 0 && dy === 0) {
        dx = (p1 % w) - grp.x;
        dy = Math.floor(p1 / w) - grp.y;
      }
      const len = Math.hypot(dx, dy) || 1;
      return [dx / len, dy / len] as const;
    });
    const pairs: [number, number, number][] = [];
    for (let i = 0; i < dirs.length; i++) {
      for (let j = i + 1; j < dirs.length; j++) {
        const s = -(dirs[i]![0] * dirs[j]![0] + dirs[i]![1] * dirs[j]![1]);
        if (s >= MIN_STRAIGHTNESS) pairs.push([s, i, j]);
      }
    }
    pairs.sort((a, b) => b[0] - a[0]);
    const used = new Set<number>();
    for (const [, i, j] of pairs) {
      if (used.has(i) || used.has(j)) continue;
      used.add(i);
      used.add(j);
      link[grp.ports[i]!] = grp.ports[j]!;
      link[grp.ports[j]!] = grp.ports[i]!;
    }
  }
  const groupOfPort = (port: number) => {
    const e = g.edges[port >> 1]!;
    return groups.get(find((port & 1) === 0 ? e.a : e.b))!;
  };
  const unpairedAt = (grp: Group) => {
    let c = 0;
    for (let i = 0; i < grp.ports.length; i++) if (link[grp.ports[i]!]! < 0) c++;
    return c;
  };
  const endOf = (port: number): StrandEnd => {
    const grp = groupOfPort(port);
    const unpaired = unpairedAt(grp);
    const rEdge = edgeR[port >> 1]!;
    let kind: EndKind = 'junction';
    if (grp.ports.length === 1) {
      const edgeDist = Math.min(grp.x, grp.y, w - 1 - grp.x, h - 1 - grp.y);
      kind = edgeDist <= rEdge + 2.5 ? 'border' : 'free';
    }
    return { x: grp.x, y: grp.y, kind, unpaired, r: Math.max(grp.r, rEdge) };
  };
  const visited = new Uint8Array(g.edges.length);
  const strands: Strand[] = [];
  for (let e = 0; e < g.edges.length; e++) {
    for (let side = 0; side < 2; side++) {
      const startPort = 2 * e + side;
      if (!g.edges[e]!.alive || contracted[e] || visited[e] || link[startPort]! >= 0) continue;
      const path: number[] = [];
      const crossings: Crossing[] = [];
      let port = startPort;
      for (;;) {
        const id = port >> 1;
        visited[id] = 1;
        const p = g.edges[id]!.path;
        if ((port & 1) === 0) for (let i = 0; i < p.length; i++) path.push(p[i]!);
        else for (let i = p.length - 1; i >= 0; i--) path.push(p[i]!);
        const exit = port ^ 1;
        const next = link[exit]!;
        if (next < 0 || visited[next >> 1]) {
          strands.push({ path, crossings, start: endOf(startPort), end: endOf(exit) });
          break;
        }
        const grp = groupOfPort(exit);
        crossings.push({
          index: path.length,
          r: grp.r,
          branches: unpairedAt(grp),
        });
        path.push(grp.pixel);
        port = next;
      }
    }
  }
  return strands;
}
