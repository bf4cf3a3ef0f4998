import { createHash } from 'node:crypto';
import type { PublicationCrop } from '@anagen/core/contracts';
import { faceRectInCrop } from '@anagen/core/publications';
import sharp from 'sharp';
import { AppError } from '../../errors';

/** Longest side of a published image, px: sharp on a phone and a desktop, far from print quality. */
const PUBLISHED_MAX_PX = 1024;
const JPEG_QUALITY = 85;
/** Face blocks are 1/24 of the image's width: eyes and mouth become a few flat tiles. */
const PIXELATE_BLOCKS = 24;

export interface DerivedImage {
  data: Buffer;
  width: number;
  height: number;
  /** SHA-256 (hex) of the published bytes: what anyone can recompute from the served file. */
  sha256: string;
  /** SHA-256 (hex) of the stored original's pixels (8-bit sRGB, upright, row-major, no alpha). */
  pixelSha256: string;
  /** Every change from the original, in words, in the order applied. */
  operations: string[];
}

const sha256Hex = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * The one size both images of a pair are published at: the before photo's crop, scaled to fit
 * {@link PUBLISHED_MAX_PX} (never enlarged). Both use it so the pair keeps the same scale.
 */
export function publishedSize(
  width: number,
  height: number,
  crop: PublicationCrop,
): { width: number; height: number } {
  const w = Math.max(1, Math.round(width * crop.width));
  const h = Math.max(1, Math.round(height * crop.height));
  const scale = Math.min(1, PUBLISHED_MAX_PX / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

/**
 * Derives a publishable file from a stored original: upright, cropped as proposed, resized to
 * `size`, the face region pixelated and blurred unless the patient allowed the face, and encoded
 * as a baseline JPEG with no metadata at all (sharp writes none unless asked: no EXIF, GPS, XMP,
 * IPTC or ICC). Deterministic for the same input, so the patient's preview is the published file.
 */
export async function derivePublishedImage(
  original: Buffer,
  opts: { view: string; crop: PublicationCrop; showFace: boolean; size: { width: number; height: number } },
): Promise<DerivedImage> {
  try {
    const upright = await sharp(original, { failOn: 'error' })
      .rotate()
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width: W, height: H, channels } = upright.info;
    const pixelSha256 = sha256Hex(upright.data);
    const crop = {
      left: Math.min(W - 1, Math.round(W * opts.crop.left)),
      top: Math.min(H - 1, Math.round(H * opts.crop.top)),
      width: 0,
      height: 0,
    };
    crop.width = Math.max(1, Math.min(W - crop.left, Math.round(W * opts.crop.width)));
    crop.height = Math.max(1, Math.min(H - crop.top, Math.round(H * opts.crop.height)));
    const { width, height } = opts.size;
    const operations: string[] = ['orientation applied (upright as taken)'];
    const full = crop.left === 0 && crop.top === 0 && crop.width === W && crop.height === H;
    if (!full) {
      operations.push(
        `cropped to ${crop.width}×${crop.height} px at (${crop.left}, ${crop.top}) of the ${W}×${H} px original`,
      );
    }
    operations.push(`resized to ${width}×${height} px (Lanczos)`);
    let pixels = await sharp(upright.data, { raw: { width: W, height: H, channels } })
      .extract(crop)
      .resize(width, height, { fit: 'cover', kernel: 'lanczos3' })
      .raw()
      .toBuffer();
    const face = opts.showFace
      ? null
      : faceRectInCrop(
          opts.view,
          { left: crop.left / W, top: crop.top / H, width: crop.width / W, height: crop.height / H },
          width,
          height,
        );
    if (face) {
      const block = Math.max(2, Math.round(width / PIXELATE_BLOCKS));
      const region = await sharp(pixels, { raw: { width, height, channels } })
        .extract(face)
        .resize(Math.max(1, Math.round(face.width / block)), Math.max(1, Math.round(face.height / block)), {
          kernel: 'cubic',
        })
        .resize(face.width, face.height, { kernel: 'nearest' })
        .blur(Math.max(1, block / 3))
        .raw()
        .toBuffer();
      pixels = await sharp(pixels, { raw: { width, height, channels } })
        .composite([
          {
            input: region,
            raw: { width: face.width, height: face.height, channels },
            left: face.left,
            top: face.top,
          },
        ])
        .raw()
        .toBuffer();
      operations.push(
        `face hidden: ${face.width}×${face.height} px at (${face.left}, ${face.top}) pixelated in ${block} px blocks and blurred`,
      );
    }
    const data = await sharp(pixels, { raw: { width, height, channels } })
      .jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:4:4' })
      .toBuffer();
    operations.push(
      `encoded as JPEG quality ${JPEG_QUALITY} in sRGB with no metadata (no EXIF, GPS, XMP or ICC)`,
    );
    return { data, width, height, sha256: sha256Hex(data), pixelSha256, operations };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('UNPROCESSABLE', 'The stored photo could not be read to prepare it for publication.');
  }
}
