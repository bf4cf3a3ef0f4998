/**
 * Error breakdown of the hair analysis engine against the synthetic ground truth: which true hairs
 * were missed and why, and what the extra counted strands were. Matches each traced strand to the
 * true hair whose centre line it follows for at least half of its points.
 * Usage: npx tsx bench/analysis-errors.ts [firstSeed=100] [count=40] [-v]
 * Default seeds are tuning seeds; the held-out benchmark seeds (1000–1029) are for bench:analysis.
 *
 * Categories (per image and summed):
 *   FN.hiddenSibling      touches a sibling all along (generator flag): only inferable
 *   FN.undetectedVellus   vellus hair with no strand of its own (FNv.*: no strand at all, part of
 *                         another hair's strand, or other)
 *   FN.undetectedOther    other hair with no strand of its own (mostly merged with a sibling or
 *                         absorbed at a crossing); FNo.* splits them by the widest skin gap to
 *                         the nearest sibling (px), or noSibling
 *   FN.rejected           has a strand, but it was not counted (root decision)
 *   FN.border.*           root within 150 µm of the border (stub leaving the frame)
 *   FP.entering           counted strand of a hair rooted outside the frame
 *   FP.fragment           a second counted strand on the same hair (broken at a crossing)
 *   FP.unmatched          counted strand following no single hair (noise, openings, mixed paths)
 *   hiddenExtras          hairs added inside counted strands by the hidden-sibling inference
 */
import { analyzeHairDetailed } from '../packages/core/src/hair-analysis';
import { generateTrichoscopyImage } from '../packages/core/src/hair-analysis/synthetic';

const nums = process.argv
  .slice(2)
  .filter((a) => /^\d+$/.test(a))
  .map(Number);
const from = nums[0] ?? 100;
const count = nums[1] ?? 40;
const verbose = process.argv.includes('-v');
const tot: Record<string, number> = {};
const add = (k: string, v = 1) => (tot[k] = (tot[k] ?? 0) + v);
let apeSum = 0;
for (let seed = from; seed < from + count; seed++) {
  const img = generateTrichoscopyImage({ seed });
  const { result, traces } = analyzeHairDetailed(img);
  const upp = img.umPerPx;
  const W = img.width,
    H = img.height;
  const C = 8;
  const gw = Math.ceil(W / C),
    gh = Math.ceil(H / C);
  const grid: number[][] = Array.from({ length: gw * gh }, () => []);
  const polys: Float64Array[] = [];
  img.truth.allHairs.forEach((hr, id) => {
    const n = Math.max(2, Math.ceil(hr.lengthUm / upp));
    const pts = new Float64Array(2 * n);
    let x = hr.x,
      y = hr.y,
      th = hr.angleRad;
    for (let i = 0; i < n; i++) {
      pts[2 * i] = x;
      pts[2 * i + 1] = y;
      x += Math.cos(th);
      y += Math.sin(th);
      th += hr.curvatureRadPerPx;
    }
    polys.push(pts);
    const seen = new Set<number>();
    for (let i = 0; i < n; i++) {
      const cx = Math.floor(pts[2 * i]! / C),
        cy = Math.floor(pts[2 * i + 1]! / C);
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const gx = cx + dx,
            gy = cy + dy;
          if (gx < 0 || gy < 0 || gx >= gw || gy >= gh) continue;
          const c = gy * gw + gx;
          if (!seen.has(c)) {
            seen.add(c);
            grid[c]!.push(id);
          }
        }
    }
  });
  const distTo = (id: number, x: number, y: number) => {
    const p = polys[id]!;
    let b = Infinity;
    for (let i = 0; i < p.length; i += 2) {
      const d = (p[i]! - x) ** 2 + (p[i + 1]! - y) ** 2;
      if (d < b) b = d;
    }
    return Math.sqrt(b);
  };
  const assigned = new Map<number, number[]>(); // hair id -> trace idx
  const traceHair: number[] = [];
  traces.forEach((t, ti) => {
    const votes = new Map<number, number>();
    const np = t.points.length / 2;
    for (let k = 0; k < np; k++) {
      const x = t.points[2 * k]!,
        y = t.points[2 * k + 1]!;
      const gx = Math.floor(x / C),
        gy = Math.floor(y / C);
      if (gx < 0 || gy < 0 || gx >= gw || gy >= gh) continue;
      for (const id of grid[gy * gw + gx]!) {
        const tol = img.truth.allHairs[id]!.diameterUm / upp / 2 + 3;
        if (distTo(id, x, y) <= tol) votes.set(id, (votes.get(id) ?? 0) + 1);
      }
    }
    let best = -1,
      bv = 0;
    for (const [id, v] of votes)
      if (v > bv) {
        bv = v;
        best = id;
      }
    if (bv < 0.5 * np) best = -1;
    traceHair.push(best);
    if (best >= 0) {
      const a = assigned.get(best) ?? [];
      a.push(ti);
      assigned.set(best, a);
    }
  });
  const local: Record<string, number> = {};
  const l = (k: string, v = 1) => {
    local[k] = (local[k] ?? 0) + v;
    add(k, v);
  };
  traces.forEach((t, ti) => {
    if (!t.counted) return;
    const id = traceHair[ti]!;
    if (t.hidden) l('hiddenExtras', t.hidden);
    if (id < 0) l('FP.unmatched');
    else if (!img.truth.allHairs[id]!.counted) l('FP.entering');
  });
  img.truth.allHairs.forEach((hr, id) => {
    if (!hr.counted) return;
    const ts = assigned.get(id) ?? [];
    const countedTs = ts.filter((ti) => traces[ti]!.counted).length;
    if (countedTs > 1) l('FP.fragment', countedTs - 1);
    if (countedTs === 0) {
      const ed = Math.min(hr.x, hr.y, W - hr.x, H - hr.y);
      if (ed < 150 / upp) l(ts.length > 0 ? 'FN.border.rejected' : 'FN.border.undetected');
      else if (ts.length > 0) l('FN.rejected');
      else if (hr.hiddenBySibling) l('FN.hiddenSibling');
      else if (hr.class === 'vellus') {
        l('FN.undetectedVellus');
        // Any strand (counted or not) running along it for ≥ 30 % of the strand's points?
        let cov = 0;
        for (const t of traces) {
          let c = 0;
          const np = t.points.length / 2;
          for (let k = 0; k < np; k++)
            if (distTo(id, t.points[2 * k]!, t.points[2 * k + 1]!) <= hr.diameterUm / upp / 2 + 3) c++;
          cov = Math.max(cov, c / np);
        }
        l(cov === 0 ? 'FNv.noStrand' : cov < 0.5 ? 'FNv.partOfOther' : 'FNv.other');
        if (verbose && cov === 0)
          console.log(
            `   vellus miss at ${hr.x.toFixed(0)},${hr.y.toFixed(0)} d ${hr.diameterUm.toFixed(0)} len ${(hr.lengthUm / upp).toFixed(0)}px`,
          );
      } else {
        l('FN.undetectedOther');
        // Widest skin gap (px) between this hair and its nearest sibling along its length.
        let gap = Number.NEGATIVE_INFINITY;
        img.truth.allHairs.forEach((o, oid) => {
          if (o === hr || o.x !== hr.x || o.y !== hr.y) return;
          const p = polys[id]!;
          const q = polys[oid]!;
          let widest = 0;
          for (let i = 0; i < Math.min(p.length, q.length); i += 2) {
            let b = Number.POSITIVE_INFINITY;
            for (let j = 0; j < q.length; j += 2)
              b = Math.min(b, (p[i]! - q[j]!) ** 2 + (p[i + 1]! - q[j + 1]!) ** 2);
            widest = Math.max(widest, Math.sqrt(b));
          }
          gap = Math.max(gap, widest - (hr.diameterUm + o.diameterUm) / 2 / upp);
        });
        if (verbose && gap > 6)
          console.log(
            `   gap>6 miss at ${hr.x.toFixed(0)},${hr.y.toFixed(0)} d ${hr.diameterUm.toFixed(0)} len ${(hr.lengthUm / upp).toFixed(0)} gap ${gap.toFixed(1)}`,
          );
        l(
          gap === Number.NEGATIVE_INFINITY
            ? 'FNo.noSibling'
            : gap < 1
              ? 'FNo.gap<1'
              : gap < 3
                ? 'FNo.gap1-3'
                : gap < 6
                  ? 'FNo.gap3-6'
                  : 'FNo.gap>6',
        );
        if (verbose) {
          // partial coverage by any trace
          let bestCov = 0,
            bestTi = -1;
          traces.forEach((t, ti) => {
            let c = 0;
            const np = t.points.length / 2;
            for (let k = 0; k < np; k++) {
              if (distTo(id, t.points[2 * k]!, t.points[2 * k + 1]!) <= hr.diameterUm / upp / 2 + 3) c++;
            }
            if (c / np > bestCov) {
              bestCov = c / np;
              bestTi = ti;
            }
          });
          const sibs = img.truth.allHairs.filter((o) => o !== hr && o.x === hr.x && o.y === hr.y);
          const sibAssigned = sibs.map((o) => (assigned.get(img.truth.allHairs.indexOf(o)) ?? []).length);
          console.log(
            `   miss id ${id} at ${hr.x.toFixed(0)},${hr.y.toFixed(0)} d ${hr.diameterUm.toFixed(0)} len ${(hr.lengthUm / upp).toFixed(0)}px unit ${sibs.length + 1} sibTraces ${sibAssigned} angDiff ${sibs.map((o) => (((o.angleRad - hr.angleRad) * 180) / Math.PI).toFixed(0))} bestCov ${bestCov.toFixed(2)} trace ${bestTi} counted ${bestTi >= 0 ? traces[bestTi]!.counted : '-'} traceHair ${bestTi >= 0 ? traceHair[bestTi] : '-'}`,
          );
        }
      }
    }
  });
  const ape = (Math.abs(result.hairCount - img.truth.hairCount) / img.truth.hairCount) * 100;
  apeSum += ape;
  console.log(
    `${seed} truth ${img.truth.hairCount} found ${result.hairCount} (${((100 * (result.hairCount - img.truth.hairCount)) / img.truth.hairCount).toFixed(1)}%) upp ${upp.toFixed(1)} ${JSON.stringify(local)} ${img.params.hairColor} skin ${img.params.skinTone.toFixed(2)} blur ${img.params.blurSigmaPx.toFixed(2)} vel ${img.params.vellusFraction.toFixed(2)}`,
  );
}
console.log('MAPE', (apeSum / count).toFixed(2));
console.log(
  Object.entries(tot)
    .sort()
    .map(([k, v]) => `${k}=${v}`)
    .join('  '),
);
