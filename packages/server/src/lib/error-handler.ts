import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors';
import { describeFieldErrors, toFieldError } from './field-errors';

const PROBLEM = 'application/problem+json';

/** One place that turns every failure into problem+json; internals never reach the client. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      if (err.extra.retryAfterSeconds) reply.header('retry-after', String(err.extra.retryAfterSeconds));
      return reply
        .code(err.status)
        .type(PROBLEM)
        .send({
          status: err.status,
          title: err.title,
          detail: err.detail,
          code: err.code,
          ...(err.extra.errors
            ? { errors: err.extra.errors.map((e) => toFieldError(e.path.split('.'), e.message)) }
            : {}),
        });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = err.validation.map((v) =>
        toFieldError(
          [err.validationContext ?? '', ...String(v.instancePath).split('/').filter(Boolean)],
          v.message ?? 'is invalid',
        ),
      );
      return reply
        .code(400)
        .type(PROBLEM)
        .send({
          status: 400,
          title: 'Invalid request',
          detail: describeFieldErrors(errors),
          code: 'VALIDATION_FAILED',
          errors,
        });
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      return reply
        .code(status)
        .type(PROBLEM)
        .send({
          status,
          title: clientTitle(status),
          detail: err.message,
          code: err.code ?? 'BAD_REQUEST',
        });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).type(PROBLEM).send({
      status: 500,
      title: 'Internal error',
      detail: 'Something went wrong on our side. Nothing was saved. Please try again.',
      code: 'INTERNAL',
    });
  });
}

function clientTitle(status: number): string {
  switch (status) {
    case 400:
      return 'Invalid request';
    case 404:
      return 'Not found';
    case 413:
      return 'Request too large';
    case 415:
      return 'Unsupported content type';
    case 429:
      return 'Too many requests';
    default:
      return 'Request refused';
  }
}
