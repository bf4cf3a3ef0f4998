/**
 * How a finished self-assessment travels to booking. The assessment page stores the summary in
 * sessionStorage (works for visitors, whose result is not saved) and links to
 * `/book?type=consultation&assessment=<id>` when it was saved to a patient's record. The booking
 * page can call `readCarriedAssessment()` to pre-fill the consultation notes; for signed-in
 * patients the server can use `assessmentSummaryFor(db, patientId, id)` instead.
 */
export interface CarriedAssessment {
  /** Saved assessment id, or null for a visitor's unsaved result. */
  id: string | null;
  /** Plain-text summary for the consultation notes. */
  summary: string;
  createdAt: number;
}

const KEY = 'anagen.assessment';

export function storeCarriedAssessment(a: CarriedAssessment): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(a));
  } catch {
    /* storage may be unavailable (private mode); booking then starts without the summary */
  }
}

/** The assessment carried from this tab's last result, if any (and if it matches `id` when given). */
export function readCarriedAssessment(id?: string | null): CarriedAssessment | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const a = JSON.parse(raw) as CarriedAssessment;
    if (typeof a.summary !== 'string') return null;
    if (id && a.id !== id) return null;
    return a;
  } catch {
    return null;
  }
}
