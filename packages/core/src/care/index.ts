export * from './plan-progress';
export * from './scalp-zones';
export * from './schedule-checklist';
export * from './typed-name-matches';
