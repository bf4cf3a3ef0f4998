import type { PatientQuestionnaire, QuestionnaireAnswer } from '@anagen/core/contracts';
import { GLOBAL_CHANGE_OPTIONS, QUESTIONNAIRE_ITEMS, SATISFACTION_OPTIONS } from '@anagen/core/outcomes';
import { useState } from 'react';
import { ApiError } from '../../lib/api-client';
import { RadioGroup } from '../learn/components/choice-group';

const CHANGE_VALUES = GLOBAL_CHANGE_OPTIONS.map((o) => String(o.value));
const CHANGE_LABELS = Object.fromEntries(GLOBAL_CHANGE_OPTIONS.map((o) => [String(o.value), o.label]));
const SAT_VALUES = SATISFACTION_OPTIONS.map((o) => String(o.value));
const SAT_LABELS = Object.fromEntries(SATISFACTION_OPTIONS.map((o) => [String(o.value), o.label]));

export const changeLabel = (v: number | null) =>
  v === null ? '—' : (GLOBAL_CHANGE_OPTIONS.find((o) => o.value === v)?.label ?? String(v));
export const satisfactionLabel = (v: number) =>
  SATISFACTION_OPTIONS.find((o) => o.value === v)?.label ?? String(v);
export const timePoint = (month: number) => (month === 0 ? 'Before treatment' : `${month} months`);

/** The three questions; the change question only after treatment has started. */
export function QuestionnaireForm({
  q,
  submit,
}: {
  q: Pick<PatientQuestionnaire, 'month' | 'asksGlobalChange'>;
  submit: (a: QuestionnaireAnswer) => Promise<unknown>;
}) {
  const [change, setChange] = useState<string>();
  const [sat, setSat] = useState<string>();
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <form
      className="stack"
      onSubmit={async (e) => {
        e.preventDefault();
        const next: Record<string, string> = {};
        if (q.asksGlobalChange && change === undefined) next.globalChange = 'Choose one answer';
        if (sat === undefined) next.satisfaction = 'Choose one answer';
        setErrors(next);
        if (Object.keys(next).length) return;
        setBusy(true);
        setFailed(null);
        try {
          await submit({
            ...(q.asksGlobalChange ? { globalChange: Number(change) } : {}),
            satisfaction: Number(sat),
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          });
        } catch (err) {
          setFailed(
            err instanceof ApiError ? err.message : 'Your answers could not be saved. Please try again.',
          );
        } finally {
          setBusy(false);
        }
      }}
    >
      {q.asksGlobalChange && (
        <RadioGroup
          legend={QUESTIONNAIRE_ITEMS.globalChange.text}
          options={CHANGE_VALUES}
          labels={CHANGE_LABELS}
          value={change}
          onChange={setChange}
          error={errors.globalChange}
        />
      )}
      <RadioGroup
        legend={QUESTIONNAIRE_ITEMS.satisfaction.text}
        options={SAT_VALUES}
        labels={SAT_LABELS}
        value={sat}
        onChange={setSat}
        error={errors.satisfaction}
      />
      <div className="field">
        <label htmlFor={`q-comment-${q.month}`}>{QUESTIONNAIRE_ITEMS.comment.text} (optional)</label>
        <textarea
          id={`q-comment-${q.month}`}
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      {failed && (
        <p className="error-text" role="alert">
          {failed}
        </p>
      )}
      <div className="form-actions">
        <button className="btn" type="submit" disabled={busy}>
          {busy ? 'Sending…' : 'Send my answers'}
        </button>
      </div>
    </form>
  );
}
