// The one place the web app reaches into the repo's content folder.
export type {
  GuideDocument,
  Treatment,
} from '@anagen/core/evidence';
export {
  getEvidenceLibrary as getEvidenceLibraryFromContent,
  glossary,
} from '../../../../../content';
