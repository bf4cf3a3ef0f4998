import type { JobHandlers } from '../lib/jobs/worker';
import { DELETION_REQUEST_JOB, deletionRequestEmailJob } from './account/deletion-request.job';
import { analysePhotoJob } from './measurements/analyse-photo.job';
import { appointmentNoticeJob } from './notices/notice.job';
import { questionnaireJob } from './outcomes/questionnaire.job';
import { QUESTIONNAIRE_JOB } from './outcomes/questionnaires.service';
import { postCareJob, prepReminderJob } from './preparation/care-jobs';
import { sideEffectFollowUpJob, sideEffectReplyJob } from './side-effects/follow-up.job';
import { urgentAlertEmailJob } from './side-effects/urgent-alert.job';

/** Every background job kind and its handler, gathered from the feature modules. */
export const JOB_HANDLERS: JobHandlers = {
  'appointment.notice': appointmentNoticeJob,
  'photo.analyse': analysePhotoJob,
  'care.prep-reminder': prepReminderJob,
  'care.post-care-email': postCareJob,
  'care.urgent-alert-email': urgentAlertEmailJob,
  'care.side-effect-follow-up': sideEffectFollowUpJob,
  'care.side-effect-reply': sideEffectReplyJob,
  [DELETION_REQUEST_JOB]: deletionRequestEmailJob,
  [QUESTIONNAIRE_JOB]: questionnaireJob,
};
