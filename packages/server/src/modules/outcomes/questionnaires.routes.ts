import {
  patientIdParamsSchema,
  patientQuestionnaireSchema,
  questionnaireAnswerSchema,
  questionnaireTokenParamsSchema,
} from '@anagen/core/contracts';
import { questionnaireResource } from '@anagen/core/outcomes';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fromParam } from '../../lib/patient-scope';
import {
  answerByToken,
  answerInPortal,
  listPatientQuestionnaires,
  questionnaireByToken,
} from './questionnaires.service';

export async function questionnairesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = () => ({ db: app.deps.db.kysely, clock: app.deps.clock });

  r.get(
    '/api/questionnaires/definition',
    { config: { access: 'public' }, schema: { tags: ['outcomes'] } },
    async (_req, reply) => reply.type('application/fhir+json').send(JSON.stringify(questionnaireResource())),
  );

  r.get(
    '/api/questionnaires/by-token/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['outcomes'],
        params: questionnaireTokenParamsSchema,
        response: { 200: patientQuestionnaireSchema },
      },
    },
    async (req) => questionnaireByToken(deps(), req.params.token),
  );

  r.post(
    '/api/questionnaires/by-token/:token/answers',
    {
      config: { access: 'public' },
      schema: {
        tags: ['outcomes'],
        params: questionnaireTokenParamsSchema,
        body: questionnaireAnswerSchema,
        response: { 201: patientQuestionnaireSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await answerByToken(deps(), req.params.token, req.body, req.ip)),
  );

  r.get(
    '/api/patients/:id/questionnaires',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'patient-input',
          mode: 'read',
          action: 'questionnaire.list',
          resource: 'questionnaire',
        },
      },
      schema: {
        tags: ['outcomes'],
        params: patientIdParamsSchema,
        response: { 200: z.array(patientQuestionnaireSchema) },
      },
    },
    async (req) => {
      return listPatientQuestionnaires(deps(), req.params.id);
    },
  );

  r.post(
    '/api/patients/:id/questionnaires/:qid/answers',
    {
      config: {
        access: ['patient'],
        patient: {
          from: 'params',
          key: 'id',
          scope: 'patient-input',
          mode: 'write',
          action: 'questionnaire.answer',
          resource: 'questionnaire',
          resourceId: fromParam('qid'),
        },
      },
      schema: {
        tags: ['outcomes'],
        params: z.strictObject({ id: z.string().min(1).max(100), qid: z.string().min(1).max(100) }),
        body: questionnaireAnswerSchema,
        response: { 201: patientQuestionnaireSchema },
      },
    },
    async (req, reply) => {
      return reply
        .code(201)
        .send(await answerInPortal(deps(), req.actor!, req.params.id, req.params.qid, req.body, req.ip));
    },
  );
}
