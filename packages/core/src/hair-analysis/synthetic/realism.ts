import { Rng } from './prng';
import { type Canvas, paintDisc, type Rgb } from './render';

/**
 * What real trichoscope images have and the plain generator did not, which is where the engine
 * failed on real images (issue 18): skin texture (fine creases) and white flakes, bluish
 * pigment halos around follicle openings, specular glare, and device graphics burned into the
 * picture. Drawn from their own random stream, so an image without them is unchanged.
 */
export interface RealismOptions {
  /** Skin creases and white scale flakes. */
  texture?: boolean;
  /** Bluish-grey halos around follicle openings. */
  halos?: boolean;
  /** Specular glare patches. */
  glare?: boolean;
  /** An info bar, a scale bar with its label, a measuring circle. */
  overlays?: boolean;
}

export const ALL_REALISM: Required<RealismOptions> = {
  texture: true,
  halos: true,
  glare: true,
  overlays: true,
};

/** Before blur and illumination: texture, flakes, halos and glare are part of the optical scene. */
export function paintScene(
  c: Canvas,
  seed: number,
  o: RealismOptions,
  umPerPx: number,
  roots: readonly [number, number][],
  skin: Rgb,
): void {
  const rng = new Rng(seed * 104729 + 7);
  const { width: w, height: h } = c;
  const px = (um: number) => um / umPerPx;
  if (o.halos) {
    const halo: Rgb = [skin[0] * 0.55, skin[1] * 0.65, Math.min(255, skin[2] * 0.95 + 20)];
    for (const [x, y] of roots) {
      if (rng.uniform() < 0.25) continue;
      paintDisc(c, x, y, px(rng.uniform(60, 130)), px(rng.uniform(40, 90)), halo, rng.uniform(0.25, 0.55));
    }
  }
  if (o.texture) {
    // Creases: long, gently curved, soft and shallow (a few % in shade), darker or lighter than skin.
    const creases = Math.round((w * h * umPerPx * umPerPx) / 1e6 / 0.15);
    for (let i = 0; i < creases; i++) {
      let x = rng.uniform(0, w);
      let y = rng.uniform(0, h);
      let t = rng.uniform(0, 2 * Math.PI);
      const len = px(rng.uniform(150, 700));
      const shade: Rgb =
        rng.uniform() < 0.5 ? [skin[0] * 0.8, skin[1] * 0.8, skin[2] * 0.82] : [255, 250, 250];
      const r = px(rng.uniform(10, 25));
      const a = rng.uniform(0.1, 0.25);
      for (let s = 0; s < len; s += Math.max(1, r)) {
        paintDisc(c, x, y, r, Math.max(1, r), shade, a);
        x += Math.cos(t) * Math.max(1, r);
        y += Math.sin(t) * Math.max(1, r);
        t += rng.normal(0, 0.08);
      }
    }
    // Flakes: irregular white scale, clusters of small discs.
    const flakes = Math.round((w * h * umPerPx * umPerPx) / 1e6 / 0.4);
    for (let i = 0; i < flakes; i++) {
      const cx = rng.uniform(0, w);
      const cy = rng.uniform(0, h);
      const parts = rng.int(3, 9);
      for (let k = 0; k < parts; k++) {
        paintDisc(
          c,
          cx + px(rng.normal(0, 40)),
          cy + px(rng.normal(0, 40)),
          px(rng.uniform(15, 50)),
          px(20),
          [246, 246, 250],
          rng.uniform(0.25, 0.6),
        );
      }
    }
  }
  if (o.glare) {
    const spots = rng.int(1, 4);
    for (let i = 0; i < spots; i++) {
      paintDisc(
        c,
        rng.uniform(0, w),
        rng.uniform(0, h),
        px(rng.uniform(20, 80)),
        px(60),
        [255, 255, 255],
        rng.uniform(0.5, 0.9),
      );
    }
  }
}

/** After noise: graphics are drawn by the device onto the finished picture, crisp and flat. */
export function paintOverlays(
  pixels: Uint8ClampedArray,
  w: number,
  h: number,
  seed: number,
  umPerPx: number,
): void {
  const rng = new Rng(seed * 7727 + 3);
  const set = (x: number, y: number, col: Rgb) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    const o = 3 * (Math.floor(y) * w + Math.floor(x));
    pixels[o] = col[0];
    pixels[o + 1] = col[1];
    pixels[o + 2] = col[2];
  };
  const text = (x0: number, y0: number, wd: number, ht: number) => {
    // Box with white "glyph" strokes.
    for (let y = y0; y < y0 + ht; y++) for (let x = x0; x < x0 + wd; x++) set(x, y, [78, 78, 80]);
    for (let x = x0 + 3; x < x0 + wd - 3; x += 5)
      for (let y = y0 + 3; y < y0 + ht - 3; y++) if (rng.uniform() < 0.7) set(x, y, [255, 255, 255]);
  };
  if (rng.uniform() < 0.6) {
    const bar = Math.max(10, Math.round(h * 0.025));
    for (let x = 0; x < w; x += Math.round(w / 5)) text(x, 0, Math.round(w / 5) - 8, bar);
  }
  if (rng.uniform() < 0.6) {
    const len = Math.round(1000 / umPerPx);
    const x0 = Math.round(w * 0.03);
    const y0 = Math.round(h * 0.93);
    for (let x = x0; x < Math.min(w - 1, x0 + len); x++)
      for (let t = 0; t < 2; t++) set(x, y0 + t, [255, 255, 255]);
    for (let y = y0 - Math.round(len / 2); y < y0; y++)
      for (let t = 0; t < 2; t++) set(x0 + t, y, [255, 255, 255]);
    text(x0 + Math.min(len, w - x0 - 70), y0 - 12, 60, 16);
  }
  if (rng.uniform() < 0.4) {
    const cx = rng.uniform(0.3, 0.7) * w;
    const cy = rng.uniform(0.3, 0.7) * h;
    const r = rng.uniform(0.2, 0.45) * Math.min(w, h);
    for (let a = 0; a < 2 * Math.PI; a += 0.5 / r)
      set(cx + r * Math.cos(a), cy + r * Math.sin(a), [235, 20, 25]);
  }
}
