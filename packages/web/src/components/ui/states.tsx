import { type ReactNode, useEffect, useRef } from 'react';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p role="status" aria-live="polite" className="muted">
      {label}
    </p>
  );
}

export function ErrorState({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : 'Please try again.';
  return (
    <div className="alert error" role="alert">
      <strong>{title}.</strong> {message}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="card">
      <h3>{title}</h3>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}

/**
 * The result of an action (an error, "moved", "saved"), shown where the person is looking: it takes
 * focus when it appears or its text changes, so a screen-reader user hears it at once and keyboard
 * focus does not fall back to the page body when the button that was pressed disappears (issue 25).
 * Errors are alerts; successes are status messages.
 */
export function ActionMessage({
  kind,
  children,
  focusKey,
}: {
  kind: 'error' | 'ok';
  children: ReactNode;
  /** Changes when a new message replaces an old one with the same text (e.g. the same error twice). */
  focusKey?: unknown;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus on each new message, on purpose
  useEffect(() => {
    ref.current?.focus();
  }, [children, focusKey]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={`alert ${kind === 'error' ? 'error' : 'ok'} action-message`}
      role={kind === 'error' ? 'alert' : 'status'}
    >
      {children}
    </div>
  );
}
