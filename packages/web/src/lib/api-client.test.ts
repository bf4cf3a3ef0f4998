import { PROBLEMS } from '@anagen/core/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';

const problem = (code?: string) => ({ status: 409, title: 'Conflict', detail: 'Taken.', code });

describe('ApiError.code', () => {
  it('gives the catalogue code the web branches on', () => {
    const err = new ApiError(409, problem('SLOT_TAKEN'));
    expect(err.code).toBe('SLOT_TAKEN');
    expect(PROBLEMS[err.code as keyof typeof PROBLEMS].status).toBe(409);
  });

  it('gives the error handler’s own codes too', () => {
    expect(new ApiError(500, problem('INTERNAL')).code).toBe('INTERNAL');
    expect(new ApiError(400, problem('BAD_REQUEST')).code).toBe('BAD_REQUEST');
  });

  it('hides a framework’s own code and a missing one, so no branch can match them by accident', () => {
    expect(new ApiError(400, problem('FST_ERR_CTP_EMPTY_JSON_BODY')).code).toBeUndefined();
    expect(new ApiError(400, problem('constructor')).code).toBeUndefined();
    expect(new ApiError(400, problem()).code).toBeUndefined();
  });

  it('keys field errors by the form field, falling back to the path without its part', () => {
    const err = new ApiError(400, {
      status: 400,
      title: 'Invalid request',
      detail: 'Check the fields.',
      code: 'VALIDATION_FAILED',
      errors: [
        { path: 'body.patient.email', field: 'patient.email', message: 'Enter an email.' },
        { path: 'querystring.from', message: 'Use a date.' },
        { path: 'body.patient.email', field: 'patient.email', message: 'Second message.' },
      ],
    });
    expect(err.fieldErrors()).toEqual({ 'patient.email': 'Enter an email.', from: 'Use a date.' });
  });
});
