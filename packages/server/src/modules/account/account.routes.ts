import {
  deletionRequestBodySchema,
  deletionRequestSchema,
  patientIdParamsSchema,
  resolveDeletionRequestSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newId } from '../../lib/ids';
import { SESSION_COOKIE } from '../auth/sessions.repository';
import { listDeletionRequests } from './account.repository';
import { closeAccount } from './close-account';
import { findOpenDeletionRequest, requestDeletion } from './request-deletion';
import { listAllDeletionRequests, resolveDeletionRequest } from './resolve-deletion-request';

/**
 * A patient's data rights (decision 040): ask for erasure — reviewed by the clinic, never automatic,
 * because medical records must be kept as long as the law requires — and close the portal account
 * at once while the clinical record is kept.
 */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const openDeletionRequest = (req: FastifyRequest) =>
    findOpenDeletionRequest(app.deps, (req.params as { id: string }).id);

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
      const { status, body } = await requestDeletion(app.deps, req.actor!, {
        patientId: req.params.id,
        id: req.patientScope!.resourceId,
        reason: req.body.reason || null,
      });
      return reply.code(status).send(body);
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
      await closeAccount(app.deps, req.actor!, { patientId: req.params.id, ip: req.ip });
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
    async (req) => listAllDeletionRequests(app.deps, req.actor!, { ip: req.ip }),
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
    async (req) =>
      resolveDeletionRequest(app.deps, req.actor!, { id: req.params.id, resolution: req.body, ip: req.ip }),
  );
}
