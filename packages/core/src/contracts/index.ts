export * from './auth';
export * from './patients';
export * from './problem';
