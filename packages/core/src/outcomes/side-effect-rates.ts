import { MIN_PATIENTS_FOR_SHARE } from './statistics';

/** Severity bands of the patient's 0–10 rating, as reported in the side-effect form. */
export const SEVERITY_BANDS = [
  { severity: 'mild', min: 0, max: 3 },
  { severity: 'moderate', min: 4, max: 6 },
  { severity: 'severe', min: 7, max: 10 },
] as const;

export interface SideEffectRates {
  sessions: number;
  reports: number;
  /** Reports per 100 sessions; null without sessions or from fewer than 5 patients. */
  per100Sessions: number | null;
  bySeverity: { severity: string; reports: number; per100Sessions: number | null }[];
}

const per100 = (reports: number, sessions: number, patients: number) =>
  sessions === 0 || patients < MIN_PATIENTS_FOR_SHARE ? null : Math.round((reports / sessions) * 1000) / 10;

/** Side-effect reports per 100 sessions, overall and by severity band (one decimal). */
export function sideEffectRates(
  sessions: number,
  severities: readonly number[],
  patients: number,
): SideEffectRates {
  return {
    sessions,
    reports: severities.length,
    per100Sessions: per100(severities.length, sessions, patients),
    bySeverity: SEVERITY_BANDS.map((b) => {
      const reports = severities.filter((s) => s >= b.min && s <= b.max).length;
      return { severity: b.severity, reports, per100Sessions: per100(reports, sessions, patients) };
    }),
  };
}
