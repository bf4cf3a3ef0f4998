import { mulberry32 } from '@anagen/core/hair-analysis/synthetic';
import sharp from 'sharp';

/**
 * A simple drawn "standard view" for demo data: scalp seen from above with hair strokes, and a
 * thinner crown whose size is `thinning` (0 = none, 1 = large). Clearly a drawing, not a photo.
 */
export async function drawnScalpView(opts: {
  seed: number;
  thinning: number;
  width?: number;
  height?: number;
}): Promise<Buffer> {
  const w = opts.width ?? 480;
  const h = opts.height ?? 360;
  const rand = mulberry32(opts.seed);
  const cx = w / 2;
  const cy = h / 2;
  const rx = w * 0.36;
  const ry = h * 0.44;
  const crown = (0.08 + 0.22 * opts.thinning) * Math.min(w, h);
  const strokes: string[] = [];
  for (let i = 0; i < 2600; i++) {
    const a = rand() * 2 * Math.PI;
    const rr = Math.sqrt(rand());
    const x = cx + Math.cos(a) * rx * rr;
    const y = cy + Math.sin(a) * ry * rr;
    const dCrown = Math.hypot(x - cx, (y - cy) * 1.2);
    // Sparser towards the crown centre: keep a stroke with probability rising with distance.
    if (dCrown < crown && rand() > (dCrown / crown) ** 2) continue;
    const len = 10 + rand() * 14;
    const dir = Math.atan2(y - cy, x - cx) + (rand() - 0.5) * 0.8;
    const x2 = x + Math.cos(dir) * len;
    const y2 = y + Math.sin(dir) * len;
    strokes.push(
      `<line x1="${x.toFixed(1)}" y1="${y.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<rect width="${w}" height="${h}" fill="#e9e6e2"/>
<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#d9ae94"/>
<g stroke="#3b2a20" stroke-width="1.6" stroke-linecap="round" opacity="0.85">${strokes.join('')}</g>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
