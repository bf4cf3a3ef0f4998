export { analyzeHair, analyzeHairDetailed, ENGINE_VERSION, type HairTrace } from './analyze-hair';
// For a host that runs a helper thread for the per-row stages (see row-chunks.ts).
export {
  hasRowHelper,
  type RowHelper,
  type RowJob,
  runClaimedChunks,
  setRowHelper,
  withoutRowHelper,
} from './row-chunks';
export { ROW_KERNELS } from './row-kernels';
export { classifyDiameter, diameterHistogram, TERMINAL_MIN_UM, VELLUS_MAX_UM } from './summarize';
export type {
  AnalyzedHair,
  HairAnalysisInput,
  HairAnalysisResult,
  HairClass,
  QualityIssue,
} from './types';
