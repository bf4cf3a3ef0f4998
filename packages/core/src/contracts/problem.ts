import { z } from 'zod';

/** RFC 9457 problem details, as every error response carries them. */
export const problemSchema = z.object({
  type: z.string().optional(),
  status: z.number().int(),
  title: z.string(),
  detail: z.string(),
  code: z.string().optional(),
  /** One entry per invalid field: `field` is the form's key (`patient.email`, `from`), `message` plain words. */
  errors: z
    .array(z.object({ path: z.string(), field: z.string().optional(), message: z.string() }))
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/**
 * The error catalogue: every expected failure has a stable code the web app can branch on.
 * Messages are written for the person reading them and never contain patient data.
 */
export const PROBLEMS = {
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

/**
 * Codes the error handler gives failures outside the catalogue: a framework 4xx it cannot name
 * (`BAD_REQUEST` when the framework gave no code) and the unexpected 500 (`INTERNAL`).
 */
export const HANDLER_PROBLEM_CODES = ['BAD_REQUEST', 'INTERNAL'] as const;

/** Every `code` a problem answer may carry that the web can branch on. */
export type ProblemCode = keyof typeof PROBLEMS | (typeof HANDLER_PROBLEM_CODES)[number];

/** True for a catalogue or handler code; false for anything else (a framework's own code, none). */
export function isProblemCode(code: unknown): code is ProblemCode {
  return (
    typeof code === 'string' &&
    (Object.hasOwn(PROBLEMS, code) || (HANDLER_PROBLEM_CODES as readonly string[]).includes(code))
  );
}
