import { AppError } from '../../errors';
import { type DecodedImage, decodeImageForAnalysis, ImageInputError } from '../analyses/decode-image';

const STATUS: Record<
  ImageInputError['code'],
  'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE' | 'UNPROCESSABLE'
> = {
  UNSUPPORTED_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  TOO_MANY_PIXELS: 'PAYLOAD_TOO_LARGE',
  CORRUPT_IMAGE: 'UNPROCESSABLE',
};

/**
 * The analysis module's decoder (magic bytes, 25 MB, 40 MP, corrupt → ImageInputError, EXIF
 * orientation applied, 8-bit sRGB) with its error codes mapped to HTTP 415 / 413 / 422.
 */
export async function decodeForAnalysis(
  buf: Buffer,
  umPerPx: number,
): Promise<DecodedImage & { umPerPx: number }> {
  try {
    return { ...(await decodeImageForAnalysis(buf)), umPerPx };
  } catch (err) {
    if (err instanceof ImageInputError) {
      throw new AppError(STATUS[err.code], `The image cannot be analysed: ${err.message}.`);
    }
    throw err;
  }
}
