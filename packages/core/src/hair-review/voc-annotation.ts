import type { ReviewedHair } from './reviewed-hairs';

/** Class names of the public FDU hair follicle dataset, which `bench/real-images.ts` reads. */
export type FduClass = 'premium' | 'single' | 'undersize' | 'abnormal';

/** Length of the vector written for a hair without a traced shaft (an added hair), µm. */
export const ADDED_HAIR_VECTOR_UM = 100;

/**
 * Our classes in the FDU dataset's words: vellus (< 30 µm) → `undersize` (its thin hairs); a hair
 * sharing its emergence point with another kept hair (a follicular unit of two or more) →
 * `premium`; any other hair, added ones included → `single`. `abnormal` (broken stubs) is never
 * written: the review does not mark them.
 */
export function fduClass(hair: ReviewedHair, sharesRoot: boolean): FduClass {
  if (hair.class === 'vellus') return 'undersize';
  return sharesRoot ? 'premium' : 'single';
}

/**
 * The root→tip vector of a hair: the engine's traced tip when it has one, otherwise a vector of
 * 100 µm pointing right (left near the right edge). Such a vector carries no direction: readers
 * that score roots (the bench matches emergence points only) are unaffected by it.
 */
export function hairVector(
  hair: ReviewedHair,
  image: { width: number; height: number; umPerPx: number },
): { root: { x: number; y: number }; tip: { x: number; y: number } } {
  const root = { x: hair.x, y: hair.y };
  if (hair.tip) return { root, tip: hair.tip };
  const len = Math.max(1, Math.round(ADDED_HAIR_VECTOR_UM / image.umPerPx));
  const x = hair.x + len < image.width ? hair.x + len : Math.max(0, hair.x - len);
  return { root, tip: { x, y: hair.y } };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A Pascal-VOC-style annotation with one `<object>` per hair whose `<bndbox>` is a root→tip vector
 * (xmin, ymin = emergence point; xmax, ymax = tip), as the FDU dataset writes them. Only the opaque
 * id, file name, size, calibration and hairs go in: nothing that identifies a patient.
 */
export function vocAnnotation(input: {
  filename: string;
  width: number;
  height: number;
  umPerPx: number;
  hairs: readonly ReviewedHair[];
}): string {
  const perRoot = new Map<string, number>();
  for (const h of input.hairs) perRoot.set(`${h.x},${h.y}`, (perRoot.get(`${h.x},${h.y}`) ?? 0) + 1);
  const objects = input.hairs.map((h) => {
    const { root, tip } = hairVector(h, input);
    const cls = fduClass(h, (perRoot.get(`${h.x},${h.y}`) ?? 0) > 1);
    return [
      '  <object>',
      `    <name>${cls}</name>`,
      '    <difficult>0</difficult>',
      '    <bndbox>',
      `      <xmin>${root.x}</xmin>`,
      `      <ymin>${root.y}</ymin>`,
      `      <xmax>${tip.x}</xmax>`,
      `      <ymax>${tip.y}</ymax>`,
      '    </bndbox>',
      '  </object>',
    ].join('\n');
  });
  return [
    '<annotation>',
    '  <folder>Images</folder>',
    `  <filename>${esc(input.filename)}</filename>`,
    `  <size><width>${input.width}</width><height>${input.height}</height><depth>3</depth></size>`,
    `  <umPerPx>${input.umPerPx}</umPerPx>`,
    ...objects,
    '</annotation>',
    '',
  ].join('\n');
}
