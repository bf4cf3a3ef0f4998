export * from './estimate-cumulative-cost';
export * from './schema';
