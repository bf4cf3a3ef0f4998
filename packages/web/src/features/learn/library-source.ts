// The one place the web app reaches into the repo's content folder.
export type {
  EvidenceGrade,
  GuideDocument,
  
  RegulatoryStatus,
  
  Treatment,
} from '@anagen/core/evidence';
export {
  
  getEvidenceLibrary as getEvidenceLibraryFromContent,
  
  glossary,
} from '../../../../../content';
