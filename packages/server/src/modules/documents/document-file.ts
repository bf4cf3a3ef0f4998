import { AppError, fieldError } from '../../errors';
import { sniffImageType } from '../analyses/decode-image';
import { stripImageMetadata } from '../photos/image-pipeline';

export interface StoredDocumentFile {
  data: Buffer;
  mime: 'application/pdf' | 'image/jpeg' | 'image/png';
  extension: 'pdf' | 'jpg' | 'png';
}

const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';

/**
 * What is stored for an uploaded document, decided from its bytes, not its name: a PDF as sent
 * (it must start with `%PDF-` and end with `%%EOF`, so a truncated upload is refused); a JPEG or PNG
 * re-encoded without metadata (a phone scan carries GPS in its EXIF). Anything else: 415.
 */
export async function documentFile(buf: Buffer): Promise<StoredDocumentFile> {
  if (buf.length === 0) throw fieldError('file', 'The file is empty');
  if (isPdf(buf)) {
    // The end-of-file marker sits in the last kilobyte (some writers add a few bytes after it).
    if (
      !buf
        .subarray(Math.max(0, buf.length - 1024))
        .toString('latin1')
        .includes('%%EOF')
    ) {
      throw new AppError('UNPROCESSABLE', 'The PDF is incomplete (it may not have finished uploading).');
    }
    return { data: buf, mime: 'application/pdf', extension: 'pdf' };
  }
  const type = sniffImageType(buf);
  if (type !== 'jpeg' && type !== 'png') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Only PDF, JPEG and PNG documents can be filed.');
  }
  const clean = await stripImageMetadata(buf);
  return clean.mime === 'image/png'
    ? { data: clean.image, mime: 'image/png', extension: 'png' }
    : { data: clean.image, mime: 'image/jpeg', extension: 'jpg' };
}
