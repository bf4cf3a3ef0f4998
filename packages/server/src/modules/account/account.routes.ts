import {
  deletionRequestBodySchema,
  deletionRequestSchema,
  patientIdParamsSchema,
  resolveDeletionRequestSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { enqueueJob } from '../../lib/jobs/jobs.repository';
import { audit } from '../audit/audit.service';
import { SESSION_COOKIE } from '../auth/sessions.repository';
import {
  deactivateUser,
  insertDeletionRequest,
  listDeletionRequests,
  resolveDeletionRequest,
} from './account.repository';
import { DELETION_REQUEST_JOB } from './deletion-request.job';

/**
 * A patient's data rights (decision 040): ask for erasure — reviewed by the clinic, never automatic,
 * because medical records must be kept as long as the law requires — and close the portal account
 * at once while the clinical record is kept.
 */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const openDeletionRequest = async (req: FastifyRequest) =>
    (
      await listDeletionRequests(app.deps.db.kysely, {
        openForPatient: (req.params as { id: string }).id,
      })
    )[0];

  r.post(
    '/api/patients/:id/deletion-request',
    {
      config: {
        access: ['patient'],
        patient: {
          from: 'params',
          key: 'id',
          scope: 'demographics',
          mode: 'write',
          // Asking again is audited as a repeat, under the open request's id.
          action: async (req) =>
            (await openDeletionRequest(req)) ? 'patient.deletion-request.repeat' : 'patient.deletion-request',
          resource: 'deletion-request',
          resourceId: async (req) => (await openDeletionRequest(req))?.id ?? newId(),
        },
      },
      schema: {
        tags: ['account'],
        description:
          'Ask the clinic to delete your data; the clinic reviews it (records are kept as the law requires)',
        params: patientIdParamsSchema,
        body: deletionRequestBodySchema,
        response: { 200: deletionRequestSchema, 201: deletionRequestSchema },
      },
    },
    async (req, reply) => {
      const { db, clock } = app.deps;
      const patientId = req.params.id;
      const open = await openDeletionRequest(req);
      const id = req.patientScope!.resourceId;
      // One open request per patient: asking again neither duplicates it nor emails the clinic twice.
      if (open) return reply.code(200).send(open);
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        await insertDeletionRequest(trx, {
          id,
          patientId,
          requestedBy: req.actor!.userId,
          reason: req.body.reason || null,
          now,
        });
        await enqueueJob(
          trx,
          {
            kind: DELETION_REQUEST_JOB,
            payload: { requestId: id },
            runAt: now,
            uniqueKey: `deletion-request:${id}`,
          },
          now,
        );
      });
      const [saved] = await listDeletionRequests(db.kysely, { id });
      return reply.code(201).send(saved!);
    },
  );

  r.get(
    '/api/patients/:id/deletion-requests',
    {
      config: {
        access: ['patient', 'admin'],
        patient: {
          from: 'params',
          key: 'id',
          scope: 'demographics',
          mode: 'read',
          action: 'deletion-request.list',
          resource: 'deletion-request',
        },
      },
      schema: {
        tags: ['account'],
        description: "This patient's deletion requests, newest first (the patient themself or an admin)",
        params: patientIdParamsSchema,
        response: { 200: z.array(deletionRequestSchema) },
      },
    },
    async (req) => {
      return listDeletionRequests(app.deps.db.kysely, { patientId: req.params.id });
    },
  );

  r.post(
    '/api/patients/:id/close-account',
    {
      config: {
        access: ['patient'],
        patient: {
          from: 'params',
          key: 'id',
          scope: 'demographics',
          mode: 'write',
          action: 'patient.account-close',
          resource: 'user',
          resourceId: (req) => req.actor?.userId,
        },
      },
      schema: {
        tags: ['account'],
        description: 'Close your portal account now: sign-in is turned off, the clinical record is kept',
        params: patientIdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ended = await deactivateUser(app.deps.db.kysely, req.actor!.userId);
      await audit(req, {
        action: 'auth.account.deactivated',
        resource: 'user',
        resourceId: req.actor!.userId,
        patientId: req.params.id,
        detail: `${ended} sessions ended; patient record kept`,
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/admin/deletion-requests',
    {
      config: { access: ['admin'] },
      schema: { tags: ['account'], response: { 200: z.array(deletionRequestSchema) } },
    },
    async (req) => {
      const list = await listDeletionRequests(app.deps.db.kysely);
      await audit(req, {
        action: 'deletion-request.list',
        resource: 'deletion-request',
        detail: `${list.length} requests`,
      });
      return list;
    },
  );

  r.post(
    '/api/admin/deletion-requests/:id/resolve',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['account'],
        description:
          "Record the clinic's decision on a deletion request (what was deleted, what is kept and for how long); the patient sees it in the portal",
        params: z.strictObject({ id: z.string().min(1).max(100) }),
        body: resolveDeletionRequestSchema,
        response: { 200: deletionRequestSchema },
      },
    },
    async (req) => {
      const db = app.deps.db.kysely;
      const [existing] = await listDeletionRequests(db, { id: req.params.id });
      if (!existing) throw notFound('Deletion request');
      const done = await resolveDeletionRequest(db, existing.id, {
        by: req.actor!.userId,
        note: req.body.note,
        now: app.deps.clock.now(),
      });
      if (!done) throw new AppError('CONFLICT', 'This request has already been resolved.');
      await audit(req, {
        action: 'deletion-request.resolve',
        resource: 'deletion-request',
        resourceId: existing.id,
        patientId: existing.patientId,
      });
      const [saved] = await listDeletionRequests(db, { id: existing.id });
      return saved!;
    },
  );
}
