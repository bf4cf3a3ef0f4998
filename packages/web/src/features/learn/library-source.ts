// The one place the web app reaches into the repo's content folder.
export type {
  EvidenceGrade,
  GuideDocument,
  NumberedReference,
  RegulatoryStatus,
  Study,
  Treatment,
} from '@anagen/core/evidence';
export {
  type GlossaryEntry,
  getEvidenceLibrary as getEvidenceLibraryFromContent,
  getPriceDefaults,
  glossary,
} from '../../../../../content';
