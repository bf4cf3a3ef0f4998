import { describe, expect, it } from 'vitest';
import { describeFieldErrors, fieldLabel, toFieldError } from './field-errors';

describe('field errors in plain words', () => {
  it('names the field without the request part and keeps the path for programs', () => {
    const e = toFieldError(['body', 'patient', 'email'], 'Invalid email address');
    expect(e).toEqual({
      path: 'body.patient.email',
      field: 'patient.email',
      message: 'Enter an email address, like name@example.com',
    });
    expect(describeFieldErrors([e])).toBe('Email address: Enter an email address, like name@example.com.');
  });

  it('rewrites stock validator messages and keeps messages written for people', () => {
    expect(toFieldError(['querystring', 'from'], 'Use a date like 2026-12-13').message).toBe(
      'Use a date like 2026-12-13',
    );
    expect(toFieldError(['body', 'name'], 'Invalid input: expected string, received undefined').message).toBe(
      'Enter the name',
    );
    expect(toFieldError(['body', 'note'], 'Too big: expected string to have <=2000 characters').message).toBe(
      'The note can be at most 2000 characters long',
    );
    expect(toFieldError(['body', 'symptoms'], 'Choose at least one symptom').message).toBe(
      'Choose at least one symptom',
    );
  });

  it('never puts a request path into the detail a person reads', () => {
    const detail = describeFieldErrors([
      toFieldError(['querystring', 'from'], 'Use a date like 2026-12-13'),
      toFieldError(['body', 'followUpAt'], 'Choose a follow-up date after today'),
    ]);
    expect(detail).toBe(
      'Start date: Use a date like 2026-12-13. Follow-up date: Choose a follow-up date after today.',
    );
    expect(detail).not.toMatch(/body\.|querystring\./);
    expect(fieldLabel('hours.2.start')).toBe('Start time');
    expect(fieldLabel('birthDate')).toBe('Birth date');
  });
});
