import { useId } from 'react';

interface Props<T extends string> {
  legend: string;
  hint?: string;
  options: readonly T[];
  labels: Record<T, string>;
  error?: string | undefined;
}

/** One answer from a list, as large tappable radio rows. */
export function RadioGroup<T extends string>({
  legend,
  hint,
  options,
  labels,
  error,
  value,
  onChange,
}: Props<T> & { value: T | undefined; onChange: (v: T) => void }) {
  const id = useId();
  return (
    <fieldset className="choices" aria-describedby={error ? `${id}-e` : hint ? `${id}-h` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-h`} className="hint">
          {hint}
        </p>
      )}
      {options.map((o) => (
        <label key={o} className="choice">
          <input type="radio" name={id} checked={value === o} onChange={() => onChange(o)} /> {labels[o]}
        </label>
      ))}
      {error && (
        <p id={`${id}-e`} className="error-text">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Any number of answers from a list, as large tappable checkbox rows. */
export function CheckboxGroup<T extends string>({
  legend,
  hint,
  options,
  labels,
  error,
  value,
  onChange,
  descriptions,
}: Props<T> & {
  value: readonly T[];
  onChange: (v: T[]) => void;
  /** A plain explanation under a medical term, read out with the box (aria-describedby). */
  descriptions?: Partial<Record<T, string>>;
}) {
  const id = useId();
  return (
    <fieldset className="choices" aria-describedby={error ? `${id}-e` : hint ? `${id}-h` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-h`} className="hint">
          {hint}
        </p>
      )}
      {options.map((o) => {
        const d = descriptions?.[o];
        return (
          <label key={o} className="choice">
            <input
              type="checkbox"
              checked={value.includes(o)}
              aria-describedby={d ? `${id}-${o}-d` : undefined}
              onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((x) => x !== o))}
            />{' '}
            <span>
              {labels[o]}
              {d && (
                <span id={`${id}-${o}-d`} className="hint block choice-definition">
                  {d}
                </span>
              )}
            </span>
          </label>
        );
      })}
      {error && (
        <p id={`${id}-e`} className="error-text">
          {error}
        </p>
      )}
    </fieldset>
  );
}
