import { STAFF_ROLES } from '@anagen/core/access';
import {
  addendumRequestSchema,
  newSessionSchema,
  patientIdParamsSchema,
  patientSubParamsSchema,
  sessionRecordSchema,
  updateSessionSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fromParam } from '../../lib/patient-scope';
import { listActiveProviders, listSessions } from './treatment-sessions.repository';
import {
  addAddendum,
  editDraftSession,
  recordSession,
  sessionOfPatient,
  signSession,
} from './treatment-sessions.service';

export async function treatmentSessionsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;
  const now = () => app.deps.clock.now();

  // Who can be named as the provider of a session record (the form's picker).
  r.get(
    '/api/care/providers',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['care'],
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              credentials: z.string().nullable(),
              userId: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async () => {
      const rows = await listActiveProviders(db());
      return rows.map((p) => ({ id: p.id, name: p.name, credentials: p.credentials, userId: p.user_id }));
    },
  );

  r.get(
    '/api/patients/:id/sessions',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'session.list',
          resource: 'session',
        },
      },
      schema: {
        tags: ['care'],
        params: patientIdParamsSchema,
        response: { 200: z.array(sessionRecordSchema) },
      },
    },
    async (req) => {
      return listSessions(db(), req.params.id);
    },
  );

  r.post(
    '/api/patients/:id/sessions',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'write',
          action: 'session.create',
          resource: 'session',
        },
      },
      schema: {
        tags: ['care'],
        params: patientIdParamsSchema,
        body: newSessionSchema,
        response: { 201: sessionRecordSchema },
      },
    },
    async (req, reply) => {
      const s = await recordSession(db(), req.params.id, req.body, { userId: req.actor!.userId }, now());
      return reply.code(201).send(s);
    },
  );

  r.get(
    '/api/patients/:id/sessions/:sid',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'session.read',
          resource: 'session',
          resourceId: fromParam('sid'),
        },
      },
      schema: { tags: ['care'], params: patientSubParamsSchema, response: { 200: sessionRecordSchema } },
    },
    async (req) => {
      return sessionOfPatient(db(), req.params.id, req.params.sid);
    },
  );

  r.patch(
    '/api/patients/:id/sessions/:sid',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'write',
          action: 'session.edit',
          resource: 'session',
          resourceId: fromParam('sid'),
        },
      },
      schema: {
        tags: ['care'],
        params: patientSubParamsSchema,
        body: updateSessionSchema,
        response: { 200: sessionRecordSchema },
      },
    },
    async (req) => {
      const s = await sessionOfPatient(db(), req.params.id, req.params.sid);
      return editDraftSession(db(), s, req.body, now());
    },
  );

  r.post(
    '/api/patients/:id/sessions/:sid/sign',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'write',
          action: 'session.sign',
          resource: 'session',
          resourceId: fromParam('sid'),
        },
      },
      schema: { tags: ['care'], params: patientSubParamsSchema, response: { 200: sessionRecordSchema } },
    },
    async (req) => {
      const s = await sessionOfPatient(db(), req.params.id, req.params.sid);
      return signSession(db(), s, req.actor!.userId, now());
    },
  );

  r.post(
    '/api/patients/:id/sessions/:sid/addenda',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'write',
          action: 'session.addendum',
          resource: 'session',
          resourceId: fromParam('sid'),
        },
      },
      schema: {
        tags: ['care'],
        params: patientSubParamsSchema,
        body: addendumRequestSchema,
        response: { 201: sessionRecordSchema },
      },
    },
    async (req, reply) => {
      const s = await sessionOfPatient(db(), req.params.id, req.params.sid);
      return reply.code(201).send(await addAddendum(db(), s, req.body.text, req.actor!.userId, now()));
    },
  );
}
