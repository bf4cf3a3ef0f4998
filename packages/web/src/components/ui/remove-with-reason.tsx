import { type ReactNode, useId, useState } from 'react';

/**
 * Removing a clinical record filed by mistake: a button that opens a short form asking why (the
 * reason goes to the audit log), with "Keep" to back out. `onRemove` gets the reason.
 */
export function RemoveWithReason({
  button,
  buttonLabel,
  formLabel,
  question,
  consequence,
  confirm,
  small = false,
  pending,
  error,
  onRemove,
}: {
  /** The closed button's visible text. */
  button: ReactNode;
  /** Its accessible name when the visible text alone is ambiguous in a list. */
  buttonLabel?: string;
  formLabel?: string;
  question: string;
  /** What else the removal takes with it, said before the user confirms. */
  consequence?: string;
  confirm: string;
  small?: boolean;
  pending: boolean;
  error: Error | null;
  onRemove: (reason: string) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const size = small ? ' small' : '';
  if (!open) {
    return (
      <button
        type="button"
        className={`btn secondary${size}`}
        aria-label={buttonLabel}
        onClick={() => setOpen(true)}
      >
        {button}
      </button>
    );
  }
  return (
    <form
      className="stack"
      aria-label={formLabel}
      onSubmit={(e) => {
        e.preventDefault();
        onRemove(reason);
      }}
    >
      <div className="field">
        <label htmlFor={id}>{question}</label>
        <input
          id={id}
          required
          minLength={3}
          value={reason}
          aria-describedby={consequence ? `${id}-consequence` : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {consequence && (
          <p id={`${id}-consequence`} className="hint">
            {consequence}
          </p>
        )}
      </div>
      {error && (
        <div className="alert error small" role="alert">
          {error.message}
        </div>
      )}
      <div className="row">
        <button type="submit" className={`btn danger${size}`} disabled={pending}>
          {confirm}
        </button>
        <button type="button" className={`btn secondary${size}`} onClick={() => setOpen(false)}>
          Keep
        </button>
      </div>
    </form>
  );
}
