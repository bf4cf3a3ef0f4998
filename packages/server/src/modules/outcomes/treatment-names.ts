import { getEvidenceLibrary } from '../../../../../content';

/** A treatment's name from the evidence library (its slug when the library has no entry). */
export function treatmentDisplayName(slug: string): string {
  try {
    return getEvidenceLibrary().treatments.find((t) => t.slug === slug)?.name ?? slug;
  } catch {
    return slug;
  }
}
