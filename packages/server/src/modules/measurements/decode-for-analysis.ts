import type { HairAnalysisInput } from '@anagen/core/hair-analysis';
import sharp from 'sharp';
import { inspectImage, MAX_PIXELS, unreadable } from '../photos/image-pipeline';

/**
 * Thin adapter until the analysis module's `decodeImageForAnalysis` lands: the same checks as an
 * upload (type from magic bytes, 25 MB, 40 MP, corrupt → 4xx AppError), then EXIF orientation
 * applied and the pixels decoded as 8-bit RGB for `analyzeHair`.
 */
export async function decodeForAnalysis(
  buf: Buffer,
  umPerPx: number,
): Promise<HairAnalysisInput & { channels: 3 }> {
  await inspectImage(buf);
  try {
    const { data, info } = await sharp(buf, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
    return {
      pixels: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
      channels: 3,
      umPerPx,
    };
  } catch {
    throw unreadable();
  }
}
