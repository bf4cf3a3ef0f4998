/**
 * Where a face can appear in the clinic's standard views, as fractions of the frame. There is no
 * face detector: the clinic's protocol fixes the framing (ghost overlay), so the region is fixed per
 * view and generous. Frontal hairline photos show the forehead at the top and the eyes, nose and
 * mouth below it; temple photos show the eye and cheek in the lower front part of the frame. Vertex,
 * midline and occipital views look at the top or back of the head and trichoscopy is a close-up of
 * skin: no face.
 */
export const FACE_REGIONS: Partial<
  Record<string, { top: number; left: number; width: number; height: number }>
> = {
  frontal: { left: 0, top: 0.4, width: 1, height: 0.6 },
  'left-temple': { left: 0, top: 0.45, width: 1, height: 0.55 },
  'right-temple': { left: 0, top: 0.45, width: 1, height: 0.55 },
};

export const faceCanShow = (view: string): boolean => FACE_REGIONS[view] !== undefined;

export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The face region of `view` inside an output image of `width` × `height` px that was cropped to
 * `crop` (fractions of the photo), or null when no face can show or the crop leaves it out.
 */
export function faceRectInCrop(
  view: string,
  crop: PixelRect,
  width: number,
  height: number,
): PixelRect | null {
  const face = FACE_REGIONS[view];
  if (!face) return null;
  // Intersect in photo fractions, then map into the cropped output.
  const top = Math.max(face.top, crop.top);
  const bottom = Math.min(face.top + face.height, crop.top + crop.height);
  const left = Math.max(face.left, crop.left);
  const right = Math.min(face.left + face.width, crop.left + crop.width);
  if (bottom <= top || right <= left) return null;
  const px = (v: number, from: number, span: number, size: number) => Math.round(((v - from) / span) * size);
  const x0 = px(left, crop.left, crop.width, width);
  const x1 = px(right, crop.left, crop.width, width);
  const y0 = px(top, crop.top, crop.height, height);
  const y1 = px(bottom, crop.top, crop.height, height);
  if (x1 - x0 < 1 || y1 - y0 < 1) return null;
  return { left: x0, top: y0, width: x1 - x0, height: y1 - y0 };
}
