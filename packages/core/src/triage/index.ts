export * from './symptoms';
export * from './triage-side-effect';
