import type { EvidenceLibrary } from '@anagen/core/evidence';
import { getEvidenceLibrary } from '../../../../../content';

/** The validated evidence library (treatments, guide, references) from the repo's content folder. */
export function evidenceLibrary(): EvidenceLibrary {
  return getEvidenceLibrary();
}
