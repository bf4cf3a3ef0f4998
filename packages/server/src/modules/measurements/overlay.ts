import type { HairClass, HairTrace } from '@anagen/core/hair-analysis';
import sharp from 'sharp';

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
const CLASS_COLOUR: Record<HairClass, string> = {
  vellus: '#E69F00',
  intermediate: '#56B4E9',
  terminal: '#009E73',
};

/**
 * Draws the engine's traces over the image for clinician review: counted hairs coloured by class,
 * hairs not counted (emergence outside the field) dashed grey, emergence points as rings.
 */
export async function renderOverlay(
  image: Buffer,
  width: number,
  height: number,
  traces: HairTrace[],
): Promise<Buffer> {
  const stroke = Math.max(1.5, width / 500);
  const parts: string[] = [];
  for (const t of traces) {
    const pts: string[] = [];
    for (let i = 0; i + 1 < t.points.length; i += 2)
      pts.push(`${t.points[i]!.toFixed(1)},${t.points[i + 1]!.toFixed(1)}`);
    const colour = t.counted && t.class ? CLASS_COLOUR[t.class] : '#9E9E9E';
    const dash = t.counted ? '' : ` stroke-dasharray="${stroke * 3} ${stroke * 2}"`;
    parts.push(
      `<polyline points="${pts.join(' ')}" fill="none" stroke="${colour}" stroke-width="${stroke}"${dash} stroke-opacity="0.9"/>`,
    );
    if (t.emergence) {
      parts.push(
        `<circle cx="${t.emergence.x.toFixed(1)}" cy="${t.emergence.y.toFixed(1)}" r="${stroke * 3}" fill="none" stroke="#FFFFFF" stroke-width="${stroke}"/>`,
        `<circle cx="${t.emergence.x.toFixed(1)}" cy="${t.emergence.y.toFixed(1)}" r="${stroke * 3 + stroke}" fill="none" stroke="#000000" stroke-width="${stroke / 2}"/>`,
      );
    }
  }
  const font = Math.max(11, Math.round(width / 50));
  const legend = [
    ['terminal', CLASS_COLOUR.terminal],
    ['intermediate', CLASS_COLOUR.intermediate],
    ['vellus', CLASS_COLOUR.vellus],
    ['not counted', '#9E9E9E'],
  ]
    .map(
      ([label, colour], i) =>
        `<rect x="${font * 0.5}" y="${font * (0.5 + i * 1.4)}" width="${font}" height="${font}" fill="${colour}"/>` +
        `<text x="${font * 2}" y="${font * (1.35 + i * 1.4)}" font-family="sans-serif" font-size="${font}" fill="#FFFFFF">${label}</text>`,
    )
    .join('');
  const box = `<rect x="0" y="0" width="${font * 9}" height="${font * 6.2}" fill="#000000" fill-opacity="0.65"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}${box}${legend}</svg>`;
  return sharp(image)
    .rotate()
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .png()
    .toBuffer();
}
