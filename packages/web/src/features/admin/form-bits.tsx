import { ApiError } from '../../lib/api-client';
import { clinicZone, fmtDateTime } from '../../lib/clinic-time';
import { useFocusFirstInvalid } from '../../lib/form-errors';

/** Field errors from a failed save, keyed by path without the `body.` prefix (e.g. `openingHours.0.end`). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors() : {};
}

/** The message of a failed save that is not about one field (or a summary when fields failed). */
export function SaveError({ error }: { error: unknown }) {
  useFocusFirstInvalid(error);
  if (!error) return null;
  const fields = fieldErrorsOf(error);
  const message =
    Object.keys(fields).length > 0
      ? 'Please correct the highlighted fields.'
      : error instanceof Error
        ? error.message
        : 'Saving failed. Please try again.';
  return (
    <p className="alert error" role="alert">
      {message}
    </p>
  );
}

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** Date and time with the zone named, in the clinic's zone unless another is given. */
export const formatWhen = (iso: string, timeZone: string = clinicZone()) => fmtDateTime(iso, timeZone);
