/**
 * Small hand-built test images (RGB): skin with mild noise, dark shafts, halos and device graphics.
 * For unit tests of single stages; the synthetic generator (synthetic/) draws whole fields.
 */
import { Rng } from './synthetic';

export interface TestCanvas {
  pixels: Uint8ClampedArray;
  width: number;
  height: number;
  channels: 3;
}

export function skinCanvas(
  width: number,
  height: number,
  seed = 1,
  skin: [number, number, number] = [205, 170, 150],
): TestCanvas {
  const rng = new Rng(seed);
  const pixels = new Uint8ClampedArray(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    const n = rng.normal(0, 4);
    pixels[3 * p] = skin[0] + n;
    pixels[3 * p + 1] = skin[1] + n;
    pixels[3 * p + 2] = skin[2] + n;
  }
  return { pixels, width, height, channels: 3 };
}

/** Blends `color` into every pixel for which `inside(x, y)` gives a weight in (0, 1]. */
export function paint(
  c: TestCanvas,
  color: [number, number, number],
  inside: (x: number, y: number) => number,
): void {
  for (let y = 0; y < c.height; y++)
    for (let x = 0; x < c.width; x++) {
      const a = inside(x + 0.5, y + 0.5);
      if (a <= 0) continue;
      const o = 3 * (y * c.width + x);
      for (let k = 0; k < 3; k++) c.pixels[o + k] = c.pixels[o + k]! * (1 - a) + color[k]! * a;
    }
}

/** A straight shaft of `widthPx` from (x0,y0) to (x1,y1), soft-edged over a pixel. */
export function shaft(x0: number, y0: number, x1: number, y1: number, widthPx: number) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const l2 = dx * dx + dy * dy;
  return (x: number, y: number) => {
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / l2));
    const d = Math.hypot(x - x0 - t * dx, y - y0 - t * dy);
    return Math.max(0, Math.min(1, widthPx / 2 + 0.5 - d));
  };
}

/** A soft disc (a follicle halo): full inside `r`, fading to 0 at 1.6·r. */
export function disc(cx: number, cy: number, r: number, strength = 1) {
  return (x: number, y: number) => {
    const d = Math.hypot(x - cx, y - cy);
    return d <= r ? strength : d >= 1.6 * r ? 0 : (strength * (1.6 * r - d)) / (0.6 * r);
  };
}
