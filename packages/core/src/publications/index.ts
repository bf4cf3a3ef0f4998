export * from './face-region';
export * from './representativeness';
