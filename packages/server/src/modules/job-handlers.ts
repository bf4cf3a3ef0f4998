import type { JobHandlers } from '../lib/jobs/worker';

/** Every background job kind and its handler, gathered from the feature modules. */
export const JOB_HANDLERS: JobHandlers = {};
