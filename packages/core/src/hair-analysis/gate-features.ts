/**
 * Connected pieces of the shaft mask (8-neighbour) of at least `minPixels`, from its `foreground`
 * pixel indices in ascending order (row-major, `w` pixels a row). In a sparse field each
 * is a hair or a follicular unit lying together; the strands traced beyond the hairs counted, per
 * piece, say how far the tracing broke them up (a thick shaft whose bright reflex splits it into
 * two strands or a ladder of pieces), which is where the count runs high.
 *
 * Labels runs of mask pixels row by row and joins runs that touch the previous row's (union-find
 * over runs): time and memory in proportion to the mask pixels, not the image.
 */
export function maskComponents(foreground: ArrayLike<number>, w: number, minPixels: number): number {
  const parent: number[] = [];
  const size: number[] = [];
  const find = (a: number) => {
    let r = a;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[a] !== r) {
      const next = parent[a]!;
      parent[a] = r;
      a = next;
    }
    return r;
  };
  // Runs of the previous and the current row: start x, end x (inclusive), run id; sorted by x.
  let prev: number[] = [];
  let cur: number[] = [];
  let row = -1;
  let k = 0;
  const n = foreground.length;
  for (let i = 0; i < n; ) {
    const p0 = foreground[i]!;
    const y = Math.floor(p0 / w);
    if (y !== row) {
      // A new row: the one before is the previous row only if it is the row just above.
      if (y === row + 1) [prev, cur] = [cur, prev];
      else prev.length = 0;
      cur.length = 0;
      row = y;
      k = 0;
    }
    const x0 = p0 - y * w;
    let x = x0;
    i++;
    while (i < n && foreground[i] === y * w + x + 1 && x + 1 < w) {
      x++;
      i++;
    }
    const id = parent.length;
    parent.push(id);
    size.push(x - x0 + 1);
    // Previous-row runs touching [x0 − 1, x + 1] (8-connectivity).
    while (k < prev.length && prev[k + 1]! < x0 - 1) k += 3;
    for (let j = k; j < prev.length && prev[j]! <= x + 1; j += 3) {
      const a = find(prev[j + 2]!);
      const b = find(id);
      if (a !== b) {
        parent[b] = a;
        size[a]! += size[b]!;
      }
    }
    cur.push(x0, x, id);
  }
  let pieces = 0;
  for (let i = 0; i < parent.length; i++) if (parent[i] === i && size[i]! >= minPixels) pieces++;
  return pieces;
}
