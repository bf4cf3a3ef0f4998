import type { z } from 'zod';
import { describeFieldErrors, toFieldError } from './lib/field-errors';

/**
 * The error catalogue: every expected failure has a stable code the web app can branch on.
 * Messages are written for the person reading them and never contain patient data.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, title: 'Invalid request' },
  UNAUTHENTICATED: { status: 401, title: 'Sign-in required' },
  BAD_CREDENTIALS: { status: 401, title: 'Wrong email or password' },
  CURRENT_PASSWORD_WRONG: { status: 400, title: 'Current password is not correct' },
  TOTP_REQUIRED: { status: 401, title: 'Authentication code needed' },
  TOTP_INVALID: { status: 401, title: 'Wrong authentication code' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  CSRF_REJECTED: { status: 403, title: 'Cross-site request refused' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  LINK_EXPIRED: { status: 410, title: 'Link expired' },
  SLOT_TAKEN: { status: 409, title: 'That time is no longer free' },
  EMAIL_TAKEN: { status: 409, title: 'Account exists' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Upload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  UNPROCESSABLE: { status: 422, title: 'Cannot be processed' },
  BOOKING_REFUSED: { status: 422, title: 'That time cannot be booked' },
  CANCELLATION_REFUSED: { status: 422, title: 'Cannot be cancelled online' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused with a different request' },
  RECORD_SIGNED: { status: 409, title: 'Signed records cannot be changed' },
  CONSENT_NOT_SIGNABLE: { status: 422, title: 'This consent cannot be signed' },
  CONSULTATION_REQUIRED: { status: 422, title: 'A consultation is needed first' },
  STATUS_TOO_EARLY: { status: 422, title: 'Not yet' },
  TOO_MANY_ATTEMPTS: { status: 429, title: 'Too many attempts' },
  UPLOAD_QUOTA_EXCEEDED: { status: 429, title: 'Daily upload limit reached' },
  SERVER_BUSY: { status: 503, title: 'Busy, try again shortly' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: { errors?: { path: string; message: string }[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.status = ERRORS[code].status;
    this.title = ERRORS[code].title;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const forbidden = (detail = 'You do not have access to this.') => new AppError('FORBIDDEN', detail);

/** 400 for a multipart body's text fields that failed their schema, one entry per field. */
export function validationError(error: z.ZodError): AppError {
  const errors = error.issues.map((i) => toFieldError(['body', ...i.path.map(String)], i.message));
  return new AppError('VALIDATION_FAILED', describeFieldErrors(errors), { errors });
}

/** 400 naming one field of a request body, e.g. a missing or empty file part. */
export function fieldError(field: string, message: string): AppError {
  const e = toFieldError(['body', ...field.split('.')], message);
  return new AppError('VALIDATION_FAILED', describeFieldErrors([e]), { errors: [e] });
}
