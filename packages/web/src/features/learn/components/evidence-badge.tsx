import type { EvidenceGrade } from '@anagen/core/evidence';

const LABELS: Record<EvidenceGrade, string> = {
  high: 'High certainty',
  moderate: 'Moderate certainty',
  low: 'Low certainty',
  'very-low': 'Very low certainty',
};

export interface EvidenceBadgeProps {
  grade: EvidenceGrade;
  /** Why the evidence earned this grade; shown in a disclosure that works without JavaScript. */
  reason?: string;
  /** Short study descriptions ("Randomised trial, n = 40, 16 weeks"). */
  studies?: string[];
}

/** Evidence grade with colour and text; the reason and studies open on tap (no hover needed). */
export function EvidenceBadge({ grade, reason, studies }: EvidenceBadgeProps) {
  const badge = (
    <span className={`badge grade-${grade}`}>
      <span className="visually-hidden">Evidence: </span>
      {LABELS[grade]}
    </span>
  );
  if (!reason && !studies?.length) return badge;
  return (
    <details className="badge-details">
      <summary>
        {badge}
        <span className="why" aria-hidden="true">
          why?
        </span>
        <span className="visually-hidden"> — why this grade</span>
      </summary>
      <div className="badge-popover">
        {reason && <p>{reason}</p>}
        {studies && studies.length > 0 && (
          <ul>
            {studies.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
