import { describe, expect, it } from 'vitest';
import { analyzeHair } from './analyze-hair';
import { detectOverlays } from './overlay';
import { toWorkingRgb } from './pixel-features';
import { paint, shaft, skinCanvas } from './test-canvas';

/** 900×700 px at 3 µm/px (a 70× trichoscope), binned 3× to 9 µm per working pixel by the engine. */
const UM = 3;

function withGraphics() {
  const c = skinCanvas(900, 700, 5);
  // An info bar along the top: dark grey boxes with white "text" strokes.
  paint(c, [78, 78, 80], (x, y) => (y < 36 && x % 300 < 280 ? 1 : 0));
  paint(c, [255, 255, 255], (x, y) =>
    y > 10 && y < 26 && x % 300 < 260 && x % 300 > 20 && x % 9 < 2 ? 1 : 0,
  );
  // A scale bar: a 2 px white line with a tick.
  paint(c, [255, 255, 255], (x, y) => (y >= 640 && y < 642 && x > 40 && x < 400 ? 1 : 0));
  paint(c, [255, 255, 255], (x, y) => (x >= 40 && x < 42 && y > 450 && y < 642 ? 1 : 0));
  // A red measuring circle.
  paint(c, [235, 20, 25], (x, y) => (Math.abs(Math.hypot(x - 600, y - 380) - 220) < 1.5 ? 1 : 0));
  return c;
}

// Whole-image runs: allow for a loaded CI machine.
const SLOW = { timeout: 60_000 };

describe('detectOverlays', () => {
  it('finds an info bar, a scale bar and a coloured circle, and leaves a shaft alone', SLOW, () => {
    const c = withGraphics();
    paint(c, [30, 25, 25], shaft(300, 300, 520, 240, 26));
    const rgb = toWorkingRgb(c.pixels, c.width, c.height, 3, 3);
    const o = detectOverlays(rgb, 9);
    expect(o.kinds).toEqual(expect.arrayContaining(['edge-band', 'line', 'coloured-graphic']));
    const at = (x: number, y: number) => o.mask[Math.floor(y / 3) * rgb.width + Math.floor(x / 3)];
    expect(at(100, 15)).toBe(1); // info bar
    expect(at(200, 641)).toBe(1); // scale bar
    expect(at(600 + 220, 380)).toBe(1); // circle
    expect(at(410, 270)).toBe(0); // middle of the shaft
    expect(o.share).toBeLessThan(0.2);
  });

  it('finds nothing on plain skin', () => {
    const c = skinCanvas(600, 450, 9);
    const o = detectOverlays(toWorkingRgb(c.pixels, c.width, c.height, 3, 3), 9);
    expect(o.kinds).toEqual([]);
    expect(o.share).toBe(0);
  });

  it('counts no hair in graphics drawn on bare skin', SLOW, () => {
    const c = withGraphics();
    const r = analyzeHair({ ...c, umPerPx: UM });
    expect(r.hairCount).toBe(0);
  });
});
