import type { JobHandlers } from '../lib/jobs/worker';
import { analysePhotoJob } from './measurements/analyse-photo.job';

/** Every background job kind and its handler, gathered from the feature modules. */
export const JOB_HANDLERS: JobHandlers = {
  'photo.analyse': analysePhotoJob,
};
