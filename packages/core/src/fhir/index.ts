export * from './patient-everything';
export * from './types';
