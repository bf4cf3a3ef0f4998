export * from './compute-outcomes';
export * from './side-effect-rates';
export * from './statistics';
