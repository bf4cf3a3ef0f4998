import { localToUtc, utcToLocal } from '@anagen/core/scheduling';
import {
  type SideEffectSymptom,
  SYMPTOM_LABELS,
  URGENT_REASON_LABELS,
  type UrgentReason,
} from '@anagen/core/triage';

const TREATMENT_NAMES: Record<string, string> = {
  prp: 'PRP (platelet-rich plasma)',
  'adipose-derived-cell-therapy': 'Adipose-derived (fat) cell procedure',
  exosomes: 'Exosome treatment',
  microneedling: 'Microneedling',
};

/** Treatments this clinic records sessions and plans for (those with care templates by default). */
export const CARE_TREATMENTS = ['prp', 'adipose-derived-cell-therapy', 'exosomes'] as const;

export function treatmentName(slug: string): string {
  return TREATMENT_NAMES[slug] ?? slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

// Shared with the server's FHIR export.
export { lossTypeLabel, scaleLabel, stageLabel } from '@anagen/core/contracts';

export const symptomLabel = (s: string) => SYMPTOM_LABELS[s as SideEffectSymptom] ?? s;
export const reasonLabel = (r: string) => URGENT_REASON_LABELS[r as UrgentReason] ?? r;

/** `<input type="datetime-local">` value for an instant, in the browser's zone. */
/** A `datetime-local` value of an instant in `timeZone` (staff enter clinic times in clinic time). */
export function toZoneInput(ms: number, timeZone: string): string {
  const { date, time } = utcToLocal(timeZone, ms);
  return `${date}T${time}`;
}

/**
 * The instant of a `datetime-local` value read in `timeZone`; null when it is not a valid value or
 * names a wall time that does not exist there (the hour skipped when clocks go forward).
 */
export function fromZoneInput(value: string, timeZone: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
  if (!m) return null;
  try {
    return localToUtc(timeZone, m[1]!, m[2]!);
  } catch {
    return null; // an impossible date such as 2026-02-30
  }
}

export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
