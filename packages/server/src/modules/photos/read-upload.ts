import { AppError } from '../../errors';

/** One part of a multipart body, as @fastify/multipart yields it. */
type UploadPart =
  | { type: 'file'; fieldname: string; toBuffer(): Promise<Buffer> }
  | { type: 'field'; fieldname: string; value: unknown };

/** A multipart body to read; a Fastify request with @fastify/multipart is one (routes pass `req`). */
export interface MultipartSource {
  isMultipart(): boolean;
  parts(): AsyncIterable<UploadPart>;
}

export interface Upload {
  fields: Record<string, string>;
  file: Buffer | null;
}

/**
 * Reads a multipart body: text fields plus at most one file in the part named `fileField`.
 * The whole file is buffered (≤ 25 MB, enforced by the multipart limit) because sharp needs it.
 */
export async function readUpload(req: MultipartSource, fileField = 'image'): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the image as multipart/form-data.');
  }
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== fileField) {
          await part.toBuffer();
          throw new AppError('VALIDATION_FAILED', `Unexpected file field "${part.fieldname}".`, {
            errors: [{ path: `body.${part.fieldname}`, message: 'unexpected file' }],
          });
        }
        file = await part.toBuffer();
      } else {
        const value = String(part.value);
        // PostgreSQL text cannot hold U+0000; no field has a use for it (see request-guards.ts).
        if (value.includes('\u0000') || part.fieldname.includes('\u0000')) {
          throw new AppError(
            'VALIDATION_FAILED',
            'A text field contains a character that is not allowed (NUL).',
            {
              errors: [{ path: `body.${part.fieldname}`, message: 'must not contain a NUL character' }],
            },
          );
        }
        fields[part.fieldname] = value;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        'The image is larger than 25 MB. Please upload a smaller file.',
      );
    }
    if (code === 'FST_FILES_LIMIT') throw new AppError('VALIDATION_FAILED', 'Send one image per request.');
    throw new AppError('VALIDATION_FAILED', 'The upload could not be read.');
  }
  return { fields, file };
}
