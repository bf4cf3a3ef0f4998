import type { HairAnalysisResult, HairClass, HairTrace } from '@anagen/core/hair-analysis';
import sharp from 'sharp';

const CLASS_COLOURS: Record<HairClass, readonly [number, number, number]> = {
  vellus: [0, 190, 255],
  intermediate: [255, 200, 0],
  terminal: [255, 40, 120],
};
const NOT_COUNTED = [150, 150, 150] as const;

/**
 * Annotated PNG for a clinician to check an analysis: traced shafts coloured by class (blue vellus,
 * yellow intermediate, pink terminal, grey = traced but not counted: entering from outside, or a
 * piece the count model gives no hair), a white ring per counted hair at its emergence point (a
 * strand the count model reads as two or three hairs gets two or three rings, one inside the
 * other), and the count in the top-left corner.
 */
export async function renderOverlay(
  image: { pixels: Uint8Array; width: number; height: number; channels: 3 },
  result: HairAnalysisResult,
  traces: HairTrace[],
): Promise<Buffer> {
  const { width: w, height: h } = image;
  const out = Buffer.from(image.pixels.buffer, image.pixels.byteOffset, w * h * 3);
  const rgb = Buffer.from(out); // copy: never draw into the caller's pixels
  const thick = Math.max(1, Math.round(Math.min(w, h) / 600));
  const dot = (x: number, y: number, c: readonly number[], rad: number) => {
    for (let dy = -rad; dy <= rad; dy++) {
      for (let dx = -rad; dx <= rad; dx++) {
        const xx = Math.round(x + dx);
        const yy = Math.round(y + dy);
        if (xx < 0 || yy < 0 || xx >= w || yy >= h || dx * dx + dy * dy > rad * rad) continue;
        const o = (yy * w + xx) * 3;
        rgb[o] = c[0]!;
        rgb[o + 1] = c[1]!;
        rgb[o + 2] = c[2]!;
      }
    }
  };
  for (const t of traces) {
    const c = t.class ? CLASS_COLOURS[t.class] : NOT_COUNTED;
    for (let i = 0; i + 3 < t.points.length; i += 2) {
      const [x0, y0, x1, y1] = [t.points[i]!, t.points[i + 1]!, t.points[i + 2]!, t.points[i + 3]!];
      const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
      for (let k = 0; k <= steps; k++)
        dot(x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps, c, thick - 1);
    }
  }
  const ring = 4 * thick + 2;
  // Hairs sharing an emergence point (one strand read as several hairs) get rings of growing radius.
  const atPoint = new Map<string, number>();
  for (const hair of result.hairs) {
    const key = `${hair.x},${hair.y}`;
    const nth = atPoint.get(key) ?? 0;
    atPoint.set(key, nth + 1);
    const radius = ring + nth * (2 * thick + 2);
    const steps = Math.ceil(2 * Math.PI * radius);
    for (let a = 0; a < steps; a++) {
      const ang = (a / steps) * 2 * Math.PI;
      dot(
        hair.x + radius * Math.cos(ang),
        hair.y + radius * Math.sin(ang),
        [255, 255, 255],
        Math.max(1, thick - 1),
      );
    }
  }
  const font = Math.max(14, Math.round(Math.min(w, h) / 30));
  const label = `${result.hairCount} hairs · ${result.densityPerCm2} /cm² · mean ${result.meanDiameterUm} µm${result.quality.ok ? '' : ` · check: ${result.quality.issues.join(', ')}`}`;
  const boxW = Math.min(w, Math.round(label.length * font * 0.6 + font));
  const boxH = Math.min(h, Math.round(font * 1.6));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${boxW}" height="${boxH}"><rect width="100%" height="100%" fill="black" fill-opacity="0.6"/><text x="${font / 2}" y="${font * 1.15}" font-family="sans-serif" font-size="${font}" fill="white">${label.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text></svg>`;
  return sharp(rgb, { raw: { width: w, height: h, channels: 3 } })
    .composite([{ input: Buffer.from(svg), left: 0, top: 0 }])
    .png()
    .toBuffer();
}
