import { describe, expect, it } from 'vitest';
import { analyzeHair, analyzeHairDetailed } from './analyze-hair';
import { generateTrichoscopyImage, type SyntheticTrichoscopyOptions } from './synthetic';
import { disc, paint, shaft, skinCanvas } from './test-canvas';

const run = (o: SyntheticTrichoscopyOptions) => {
  const img = generateTrichoscopyImage({ width: 800, height: 600, umPerPx: 10, densityPerCm2: 100, ...o });
  return {
    img,
    r: analyzeHair({ pixels: img.pixels, width: img.width, height: img.height, channels: 3, umPerPx: 10 }),
  };
};

// Whole-image runs: allow for a loaded CI machine.
const SLOW = { timeout: 60_000 };

describe('analyzeHair', () => {
  it('finds no hair on bare, evenly lit skin and reports the field', () => {
    const w = 200;
    const h = 150;
    const px = new Uint8Array(w * h * 4);
    for (let p = 0; p < w * h; p++) px.set([220, 180, 160, 255], p * 4);
    const r = analyzeHair({ pixels: px, width: w, height: h, channels: 4, umPerPx: 10 });
    expect(r.hairCount).toBe(0);
    expect(r.areaCm2).toBeCloseTo(0.03, 6);
    expect(r.meanDiameterUm).toBe(0);
    expect(r.quality.ok).toBe(true);
    expect(r.diameterHistogram.counts.every((c) => c === 0)).toBe(true);
  });

  it('measures a synthetic field within tolerance of its ground truth', SLOW, () => {
    const { img, r } = run({ seed: 7, unitSizeWeights: [1, 0, 0, 0] });
    // A field of single hairs: since decision 070 (count model fitted with the usual scalp and
    // real images weighing more) such fields are overcounted by 18 % on the benchmark seeds, this
    // one by 21 % (10 of 47): held to 25 %, as the single-hair field in the test below.
    expect(Math.abs(r.hairCount - img.truth.hairCount)).toBeLessThanOrEqual(0.25 * img.truth.hairCount);
    expect(Math.abs(r.meanDiameterUm - img.truth.meanDiameterUm)).toBeLessThan(10);
    expect(r.densityPerCm2).toBeCloseTo(r.hairCount / r.areaCm2, 0);
    expect(r.hairs).toHaveLength(r.hairCount);
    expect(r.vellusRatio + r.terminalRatio).toBeLessThanOrEqual(1);
    expect(r.hairMassPerCm2).toBeCloseTo((r.meanDiameterUm * r.hairCount) / r.areaCm2, -2);
    for (const hair of r.hairs) {
      expect(hair.x).toBeGreaterThanOrEqual(0);
      expect(hair.x).toBeLessThanOrEqual(800);
    }
    expect(r.engineVersion).toMatch(/^anagen-hair\//);
    expect(r.quality.ok).toBe(true);
  });

  it('flags blurred, over- and under-exposed images and hair too long to trace', SLOW, () => {
    expect(run({ seed: 3, blurSigmaPx: 3.5 }).r.quality.issues).toContain('blurred');
    expect(run({ seed: 3, exposure: 3, skinTone: 0.1 }).r.quality.issues).toContain('overexposed');
    expect(run({ seed: 3, exposure: 0.15 }).r.quality.issues).toContain('underexposed');
    expect(run({ seed: 3, hairLengthMm: [5, 9] }).r.quality.issues).toContain('hair-too-long');
    const ok = run({ seed: 3 }).r.quality;
    expect(ok.issues).toEqual([]);
    expect(ok.ok).toBe(true);
    expect(ok.confidence).toBeGreaterThan(0.3);
    expect(ok.expectedError).toBeLessThanOrEqual(0.25);
  });

  it(
    'counts fields of multi-hair units and of single hairs alike, and lists every counted hair',
    SLOW,
    () => {
      // Engine 0.4.0 (count model fitted on real and synthetic images alike) overcounts crowded
      // synthetic units more than 0.3.0 did: that field is held to 50 % here, and docs/analysis.md
      // gives the measured error per unit mix. Engine 0.6.0 overcounts fields of single hairs by
      // 12 % on the benchmark seeds (this one by about 20 %): held to 25 %.
      for (const [unitSizeWeights, tolerance] of [
        [undefined, 0.2],
        [[1, 0, 0, 0] as const, 0.25],
        [[0.15, 0.45, 0.32, 0.08] as const, 0.5],
      ] as const) {
        const img = generateTrichoscopyImage({ seed: 12, unitSizeWeights });
        const { result, traces } = analyzeHairDetailed(img);
        const label = String(unitSizeWeights ?? 'usual mix');
        expect(Math.abs(result.hairCount - img.truth.hairCount), label).toBeLessThanOrEqual(
          tolerance * img.truth.hairCount,
        );
        // The overlay's traces account for exactly the listed hairs: one each, plus those it stands for.
        const fromTraces = traces.reduce((n, t) => n + (t.counted ? 1 + t.hidden : 0), 0);
        expect(fromTraces, label).toBe(result.hairCount);
        expect(result.hairs, label).toHaveLength(result.hairCount);
        expect(
          traces.every((t) => t.counted === (t.emergence !== null)),
          label,
        ).toBe(true);
      }
    },
  );

  it('reads a thick shaft with a bright central reflex as one hair, and two shafts a skin gap apart as two', () => {
    // 70× trichoscope scale (2.77 µm/px): a 100 µm shaft whose middle 22 µm is a specular
    // stripe nearly as bright as glare. Its mask is a ring; without the stripe filled the loop
    // was dropped and the hair vanished.
    const analyse = (draw: (c: ReturnType<typeof skinCanvas>) => void) => {
      const c = skinCanvas(900, 600, 3);
      draw(c);
      return analyzeHairDetailed({ ...c, pixels: new Uint8Array(c.pixels.buffer), umPerPx: 2.77 });
    };
    const reflex = analyse((c) => {
      paint(c, [45, 35, 30], shaft(150, 150, 750, 420, 36));
      paint(c, [240, 240, 230], shaft(162, 155, 738, 415, 8));
    });
    expect(reflex.traces.filter((t) => t.counted)).toHaveLength(1);
    expect(reflex.result.hairCount).toBe(1);
    // Two 55 µm shafts side by side, 22 µm of skin between them along their whole length.
    const n = [-270 / Math.hypot(600, 270), 600 / Math.hypot(600, 270)];
    const pair = analyse((c) => {
      for (const side of [-1, 1]) {
        const o = side * 14;
        paint(c, [45, 35, 30], shaft(150 + o * n[0]!, 150 + o * n[1]!, 750 + o * n[0]!, 420 + o * n[1]!, 20));
      }
    });
    // Two strands the rules count, one hair each (the count model's reading; where the placement
    // then stands the two hairs is its own choice: these shafts show no root at either end).
    expect(pair.strandInfo.filter((s) => s.counted && s.hairs === 1)).toHaveLength(2);
    expect(pair.result.hairCount).toBe(2);
  });

  it('gives the count gate two free ends per hair traced whole', () => {
    // 70× scale, 55 µm shafts on clean skin.
    const analyse = (draw: (c: ReturnType<typeof skinCanvas>) => void) => {
      const c = skinCanvas(900, 600, 3);
      draw(c);
      return analyzeHairDetailed({ ...c, pixels: new Uint8Array(c.pixels.buffer), umPerPx: 2.77 });
    };
    const hair = (c: ReturnType<typeof skinCanvas>) => paint(c, [45, 35, 30], shaft(100, 150, 550, 330, 20));
    // A hair traced whole on its own: two free ends.
    const whole = analyse(hair);
    expect(whole.result.hairCount).toBe(1);
    expect(whole.gateInputs.freeEnds).toBe(2);
    // Two shafts crossing: four free tips whatever the count reads there, so a count above two
    // (a strand end at the crossing taken for a root) leaves fewer than two free ends per hair.
    const crossing = analyse((c) => {
      hair(c);
      paint(c, [45, 35, 30], shaft(150, 400, 500, 100, 20));
    });
    expect(crossing.gateInputs.freeEnds).toBe(4);
    expect(crossing.result.hairCount).toBeGreaterThanOrEqual(2);
  });

  it('places the hair counted on a whole shaft at its root, not on the frame end of a cut one', () => {
    // 70× scale, 55 µm shafts on clean skin: one hair traced whole, its root shown by a follicle
    // halo and a dark bulb, and a shaft heading straight out of the right edge. The count model
    // counts the whole hair only, and its one hair must stand at that root. Without the root cue
    // the frame end wins, as it should by train (decision 082): a counted whole strand with no
    // root point at its ends has a marked root there 7–9 % of the time, a shaft's frame end with a
    // weak root point scored as this one 65 %.
    const umPerPx = 2.77;
    const c = skinCanvas(900, 600, 3);
    paint(c, [150, 110, 95], disc(100, 150, 28, 0.7));
    paint(c, [40, 30, 28], disc(100, 150, 13));
    paint(c, [45, 35, 30], shaft(100, 150, 450, 330, 20));
    paint(c, [45, 35, 30], shaft(550, 400, 950, 500, 20));
    const { result } = analyzeHairDetailed({ ...c, pixels: new Uint8Array(c.pixels.buffer), umPerPx });
    expect(result.hairCount).toBe(1);
    const [hair] = result.hairs;
    expect(Math.hypot(hair!.x - 100, hair!.y - 150) * umPerPx).toBeLessThan(110);
  });

  it('rejects a missing calibration and a short pixel buffer', () => {
    const px = new Uint8Array(32 * 32 * 3);
    expect(() => analyzeHair({ pixels: px, width: 32, height: 32, channels: 3, umPerPx: 0 })).toThrow(
      RangeError,
    );
    expect(() => analyzeHair({ pixels: px, width: 32, height: 32, channels: 3, umPerPx: -2 })).toThrow(
      RangeError,
    );
    expect(() => analyzeHair({ pixels: px, width: 64, height: 32, channels: 3, umPerPx: 8 })).toThrow(
      RangeError,
    );
  });
});
