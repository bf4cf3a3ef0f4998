/**
 * Drawing primitives for the synthetic generator, over an interleaved RGB Float32Array (0–255).
 * Coverage is computed analytically (1-D box filter across the shaft), so shafts narrower than a
 * pixel come out as faint lines whose integrated darkness still equals their true width.
 */
export interface Canvas {
  width: number;
  height: number;
  rgb: Float32Array;
  /** Scratch: per-pixel distance to the shaft being drawn (Infinity when untouched). */
  dist: Float32Array;
  /** Scratch: fractional polyline index of the nearest segment. */
  along: Float32Array;
  touched: Int32Array;
}

export function createCanvas(width: number, height: number): Canvas {
  const n = width * height;
  const dist = new Float32Array(n).fill(Number.POSITIVE_INFINITY);
  return {
    width,
    height,
    rgb: new Float32Array(n * 3),
    dist,
    along: new Float32Array(n),
    touched: new Int32Array(n),
  };
}

export type Rgb = readonly [number, number, number];

function blend(c: Canvas, p: number, col: Rgb, a: number): void {
  const o = p * 3;
  c.rgb[o] = c.rgb[o]! * (1 - a) + col[0] * a;
  c.rgb[o + 1] = c.rgb[o + 1]! * (1 - a) + col[1] * a;
  c.rgb[o + 2] = c.rgb[o + 2]! * (1 - a) + col[2] * a;
}

/** Soft disc (follicular opening or pore): full `alpha` inside `radius`, linear fall-off over `soft` px. */
export function paintDisc(
  c: Canvas,
  cx: number,
  cy: number,
  radius: number,
  soft: number,
  col: Rgb,
  alpha: number,
) {
  const R = radius + soft;
  const x0 = Math.max(0, Math.floor(cx - R));
  const x1 = Math.min(c.width - 1, Math.ceil(cx + R));
  const y0 = Math.max(0, Math.floor(cy - R));
  const y1 = Math.min(c.height - 1, Math.ceil(cy + R));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      if (d >= R) continue;
      const f = d <= radius ? 1 : 1 - (d - radius) / soft;
      blend(c, y * c.width + x, col, alpha * f);
    }
  }
}

export interface ShaftStyle {
  /** Half-width in px at polyline index s (fractional). */
  radiusAt: (s: number) => number;
  /** Opacity in [0,1] at polyline index s. */
  opacityAt: (s: number) => number;
  color: Rgb;
  /** Fraction by which opacity drops on the centre line (specular reflex of thick shafts). */
  highlight: number;
  maxRadius: number;
}

/** Draws one hair shaft along polyline `pts` ([x0,y0,x1,y1,...] in px, pixel centres at +0.5). */
export function paintShaft(c: Canvas, pts: Float64Array, style: ShaftStyle): void {
  const { width, height, dist, along, touched } = c;
  let nTouched = 0;
  const nPts = pts.length / 2;
  const pad = style.maxRadius + 1.5;
  for (let i = 0; i + 1 < nPts; i++) {
    const ax = pts[2 * i]!;
    const ay = pts[2 * i + 1]!;
    const bx = pts[2 * i + 2]!;
    const by = pts[2 * i + 3]!;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy || 1e-9;
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - pad));
    const x1 = Math.min(width - 1, Math.ceil(Math.max(ax, bx) + pad));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - pad));
    const y1 = Math.min(height - 1, Math.ceil(Math.max(ay, by) + pad));
    for (let y = y0; y <= y1; y++) {
      const py = y + 0.5;
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5;
        const t = Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2));
        const d = Math.hypot(px - ax - t * dx, py - ay - t * dy);
        if (d > pad) continue;
        const p = y * width + x;
        const prev = dist[p]!;
        if (prev === Number.POSITIVE_INFINITY) touched[nTouched++] = p;
        if (d < prev) {
          dist[p] = d;
          along[p] = i + t;
        }
      }
    }
  }
  for (let k = 0; k < nTouched; k++) {
    const p = touched[k]!;
    const d = dist[p]!;
    dist[p] = Number.POSITIVE_INFINITY;
    const s = along[p]!;
    // Shaft ends are cut square: pixels beyond the first/last point get no coverage along the axis.
    if (s <= 0 || s >= nPts - 1) continue;
    const r = style.radiusAt(s);
    const cov = Math.max(0, Math.min(d + 0.5, r) - Math.max(d - 0.5, -r));
    if (cov <= 0) continue;
    let a = Math.min(1, cov) * style.opacityAt(s);
    if (style.highlight > 0 && r > 2) a *= 1 - style.highlight * Math.max(0, 1 - d / (0.4 * r));
    blend(c, p, style.color, a);
  }
}

/** Separable Gaussian blur of the interleaved RGB canvas (optics). */
export function blurRgb(c: Canvas, sigma: number): void {
  if (sigma < 0.2) return;
  const r = Math.ceil(sigma * 3);
  const k = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) {
    k[i + r] = Math.exp((-i * i) / (2 * sigma * sigma));
    sum += k[i + r]!;
  }
  for (let i = 0; i < k.length; i++) k[i] = k[i]! / sum;
  const { width: w, height: h } = c;
  const tmp = new Float32Array(c.rgb.length);
  const pass = (src: Float32Array, dst: Float32Array, horizontal: boolean) => {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        for (let j = -r; j <= r; j++) {
          let xx = horizontal ? x + j : x;
          let yy = horizontal ? y : y + j;
          xx = xx < 0 ? 0 : xx >= w ? w - 1 : xx;
          yy = yy < 0 ? 0 : yy >= h ? h - 1 : yy;
          const o = (yy * w + xx) * 3;
          const kk = k[j + r]!;
          s0 += src[o]! * kk;
          s1 += src[o + 1]! * kk;
          s2 += src[o + 2]! * kk;
        }
        const o = (y * w + x) * 3;
        dst[o] = s0;
        dst[o + 1] = s1;
        dst[o + 2] = s2;
      }
    }
  };
  pass(c.rgb, tmp, true);
  pass(tmp, c.rgb, false);
}
