export * from './audit-evidence-library';
export * from './citations';
export * from './codes';
export * from './comparison-row';
export * from './display-labels';
export * from './effect-band';
export * from './load-evidence-library';
export * from './schema';
export { collectProse, type TextAt } from './text-walk';
