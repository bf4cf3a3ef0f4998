export { analyzeHair, analyzeHairDetailed, ENGINE_VERSION, type HairTrace } from './analyze-hair';
export { classifyDiameter, diameterHistogram, TERMINAL_MIN_UM, VELLUS_MAX_UM } from './summarize';
export type {
  AnalyzedHair,
  HairAnalysisInput,
  HairAnalysisResult,
  HairClass,
  QualityIssue,
} from './types';
