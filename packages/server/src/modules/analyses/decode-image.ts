import sharp, { type Metadata } from 'sharp';

export type ImageInputErrorCode = 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | 'TOO_MANY_PIXELS' | 'CORRUPT_IMAGE';

/** A rejected image upload or file; `code` maps to an HTTP 4xx (the server) or exit code (the CLI). */
export class ImageInputError extends Error {
  constructor(
    public code: ImageInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImageInputError';
  }
}

export interface DecodeLimits {
  /** Maximum encoded size in bytes (default 25 MB). */
  maxBytes?: number;
  /** Maximum width × height (default 40 megapixels); also guards against decompression bombs. */
  maxPixels?: number;
  /** Abort decoding after this many seconds (default 20). */
  timeoutSeconds?: number;
}

export interface DecodedImage {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: 3;
}

type ImageType = 'jpeg' | 'png' | 'webp' | 'tiff';

/** Detects the container from its first bytes; the file name and declared MIME type are ignored. */
export function sniffImageType(b: Uint8Array): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((v, i) => b[i] === v)) return 'png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (
    b.length >= 4 &&
    ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) ||
      (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a))
  ) {
    return 'tiff';
  }
  return null;
}

const MB = 1024 * 1024;

/**
 * Decodes a JPEG/PNG/WebP/TIFF buffer to 8-bit sRGB pixels (3 channels, EXIF orientation applied)
 * for the hair analysis engine. Checks, in order and before decoding any pixel: byte size, type by
 * magic bytes, header dimensions against the pixel limit. Truncated or corrupt data, and decoding
 * that exceeds the time limit, throw `ImageInputError('CORRUPT_IMAGE')`.
 */
export async function decodeImageForAnalysis(
  buffer: Buffer,
  limits: DecodeLimits = {},
): Promise<DecodedImage> {
  const maxBytes = limits.maxBytes ?? 25 * MB;
  const maxPixels = limits.maxPixels ?? 40_000_000;
  if (buffer.length > maxBytes) {
    throw new ImageInputError(
      'TOO_LARGE',
      `image is ${(buffer.length / MB).toFixed(1)} MB; the limit is ${(maxBytes / MB).toFixed(0)} MB`,
    );
  }
  const type = sniffImageType(buffer);
  if (!type)
    throw new ImageInputError('UNSUPPORTED_TYPE', 'not a supported image: JPEG, PNG, WebP or TIFF expected');
  let meta: Metadata;
  try {
    meta = await sharp(buffer, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageInputError('CORRUPT_IMAGE', `the ${type.toUpperCase()} file is damaged or incomplete`);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > maxPixels) {
    throw new ImageInputError(
      'TOO_MANY_PIXELS',
      `image is ${width}×${height} px; the limit is ${(maxPixels / 1e6).toFixed(0)} megapixels`,
    );
  }
  if (width === 0 || height === 0) throw new ImageInputError('CORRUPT_IMAGE', 'image has no pixels');
  try {
    const { data, info } = await sharp(buffer, { limitInputPixels: maxPixels, failOn: 'error' })
      .timeout({ seconds: limits.timeoutSeconds ?? 20 })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected channel count ${info.channels}`);
    return {
      pixels: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
      channels: 3,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/pixel limit/i.test(message)) {
      throw new ImageInputError(
        'TOO_MANY_PIXELS',
        `image exceeds ${(maxPixels / 1e6).toFixed(0)} megapixels`,
      );
    }
    throw new ImageInputError(
      'CORRUPT_IMAGE',
      `the ${type.toUpperCase()} file could not be decoded (damaged or incomplete)`,
    );
  }
}
