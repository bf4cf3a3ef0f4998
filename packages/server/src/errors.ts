import { PROBLEMS } from '@anagen/core/contracts';
import type { z } from 'zod';
import { describeFieldErrors, toFieldError } from './lib/field-errors';

/**
 * The error catalogue (codes, statuses, titles) lives in core, so the web branches on the same
 * codes as a union (`ProblemCode`); this file keeps the server's AppError around it.
 */
const ERRORS = PROBLEMS;

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
