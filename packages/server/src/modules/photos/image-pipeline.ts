import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../errors';
import { sniffImageType } from '../analyses/decode-image';

const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;
const THUMB_PX = 320;

type ImageType = NonNullable<ReturnType<typeof sniffImageType>>;

const MIME: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tiff: 'image/tiff',
};

export interface SanitizedImage {
  /** What is served: orientation applied, every metadata block (EXIF, GPS, XMP, IPTC, ICC) dropped. */
  image: Buffer;
  mime: string;
  thumb: Buffer;
  width: number;
  height: number;
  originalMime: string;
}

/**
 * Checks an upload before any pixel is decoded: byte size, type from the magic bytes, and the
 * pixel count declared in the header, so a small file declaring a huge canvas (a decompression
 * bomb) is refused without allocating it. Throws 413 / 415 / 422 AppErrors.
 */
async function inspectImage(buf: Buffer): Promise<{ type: ImageType; width: number; height: number }> {
  if (buf.length > MAX_UPLOAD_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'The image is larger than 25 MB. Please upload a smaller file.');
  }
  const type = sniffImageType(buf);
  if (!type) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Only JPEG, PNG, WebP and TIFF images can be uploaded.');
  }
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable();
  }
  if (meta.format !== type || !meta.width || !meta.height) throw unreadable();
  if (meta.width * meta.height > MAX_PIXELS) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The image is ${Math.round((meta.width * meta.height) / 1e6)} megapixels; the limit is 40.`,
    );
  }
  return { type, width: meta.width, height: meta.height };
}

/**
 * Validates an uploaded image (see {@link inspectImage}) and re-encodes it upright without metadata.
 * PNG and TIFF become PNG (lossless, trichoscopy analysis reads it); JPEG and WebP become JPEG. sharp
 * writes no metadata (EXIF, GPS, XMP, IPTC, ICC) unless asked to, which is the point.
 */
export async function stripImageMetadata(buf: Buffer): Promise<Omit<SanitizedImage, 'thumb'>> {
  const { type } = await inspectImage(buf);
  try {
    const base = sharp(buf, { limitInputPixels: MAX_PIXELS, failOn: 'error', sequentialRead: true }).rotate();
    // Lossless sources stay lossless (trichoscopy analysis reads the stored copy).
    const lossless = type === 'png' || type === 'tiff';
    const encoded = lossless
      ? await base.png({ compressionLevel: 6 }).toBuffer({ resolveWithObject: true })
      : await base.jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer({ resolveWithObject: true });
    return {
      image: encoded.data,
      mime: lossless ? MIME.png : MIME.jpeg,
      width: encoded.info.width,
      height: encoded.info.height,
      originalMime: MIME[type],
    };
  } catch {
    throw unreadable();
  }
}

/** The stored copies of a progress photo: {@link stripImageMetadata}, plus a JPEG thumbnail. */
export async function sanitizeImage(buf: Buffer): Promise<SanitizedImage> {
  const clean = await stripImageMetadata(buf);
  try {
    const thumb = await sharp(clean.image)
      .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
    return { ...clean, thumb };
  } catch {
    throw unreadable();
  }
}

/** Side of a clinician's portrait, px (shown at 48–96 CSS px, so 2× for sharp screens). */
const PORTRAIT_PX = 256;

/**
 * A clinician's portrait from an upload (checked as {@link inspectImage}): turned upright, cropped to
 * a centred square, {@link PORTRAIT_PX} px, JPEG without any metadata.
 */
export async function portraitImage(buf: Buffer): Promise<Buffer> {
  await inspectImage(buf);
  try {
    return await sharp(buf, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize(PORTRAIT_PX, PORTRAIT_PX, { fit: 'cover', position: 'attention' })
      .jpeg({ quality: 82 })
      .toBuffer();
  } catch {
    throw unreadable();
  }
}

const unreadable = () =>
  new AppError(
    'UNPROCESSABLE',
    'The image could not be read; it may be damaged. Please take or choose it again.',
  );
