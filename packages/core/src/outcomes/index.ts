export * from './compute-outcomes';
export * from './patient-reported';
export * from './public-summary';
export * from './questionnaire';
export * from './side-effect-rates';
export * from './statistics';
