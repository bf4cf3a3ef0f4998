import { useEffect } from 'react';
import { ApiError } from './api-client';

/**
 * After a failed submit with field errors, moves focus to the first field marked invalid (in
 * `root`, else the page), so a keyboard or screen-reader user lands on what needs fixing.
 */
export function useFocusFirstInvalid(error: unknown, root?: { current: HTMLElement | null }): void {
  useEffect(() => {
    if (!(error instanceof ApiError) || !Object.keys(error.fieldErrors()).length) return;
    const scope: ParentNode = root?.current ?? document;
    scope.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, root]);
}

/** The line above a form: a summary when the fields carry their own messages, else the message. */
export function formErrorSummary(error: unknown, fallback = 'Please try again.'): string {
  if (error instanceof ApiError && Object.keys(error.fieldErrors()).length) {
    return 'Please correct the fields marked below.';
  }
  return error instanceof Error ? error.message : fallback;
}
