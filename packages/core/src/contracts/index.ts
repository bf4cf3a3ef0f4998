export * from './appointments';
export * from './assessments';
export * from './audit-log';
export * from './auth';
export * from './care';
export * from './patients';
export * from './problem';
