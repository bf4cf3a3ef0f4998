import { useEffect, useRef, useState } from 'react';

/** How long the desk can take back a booking or a move from the calendar. */
const UNDO_SECONDS = 10;

/**
 * What just happened, where it landed, and an Undo button for a few seconds. It takes focus when
 * it appears (the result, not the page body), so the keyboard is next to Undo.
 */
export function UndoBar({
  message,
  canUndo,
  onUndo,
  onDismiss,
}: {
  message: string;
  canUndo: boolean;
  onUndo: () => Promise<void>;
  onDismiss: () => void;
}) {
  const [left, setLeft] = useState(UNDO_SECONDS);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus and restart the countdown per message
  useEffect(() => {
    ref.current?.focus();
    setLeft(UNDO_SECONDS);
  }, [message]);
  useEffect(() => {
    if (!canUndo || busy) return;
    if (left <= 0) return;
    const t = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(t);
  }, [left, canUndo, busy]);
  const open = canUndo && left > 0;
  return (
    <div className="alert ok undo-bar row" tabIndex={-1} ref={ref} data-testid="undo-bar">
      <span role="status" style={{ marginRight: 'auto' }}>
        {message}
      </span>
      {open && (
        <button
          type="button"
          className="btn secondary small"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onUndo();
            } finally {
              setBusy(false);
            }
          }}
        >
          Undo{' '}
          <span className="small" aria-hidden="true">
            ({left} s)
          </span>
        </button>
      )}
      <button type="button" className="btn secondary small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
