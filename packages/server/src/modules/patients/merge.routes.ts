import {
  bookingClaimRequestSchema,
  patientIdParamsSchema,
  patientMergePreviewSchema,
  patientMergeQuerySchema,
  patientMergeRequestSchema,
  patientMergeResultSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PatientFromRequest } from '../../lib/patient-scope';
import { claimBooking, mergePatients, previewMerge } from './merge-patients';

/**
 * Joining two records of one person: staff merge a duplicate (typically the separate record a guest
 * booking made because the email belonged to an account) into the record that is kept; a patient
 * claims a guest booking with the link mailed to their address while signed in (decision 050).
 */
export async function mergeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const CLINICAL_OR_ADMIN = ['clinician', 'admin'] as const;

  // Both records are checked and audited, the kept one first.
  const both = (source: Pick<PatientFromRequest, 'from' | 'key'>, action: string): PatientFromRequest[] =>
    [{ from: 'params' as const, key: 'id' }, source].map((at) => ({
      ...at,
      scope: 'demographics',
      mode: 'write',
      action,
      resource: 'patient',
    }));

  r.get(
    '/api/patients/:id/merge-preview',
    {
      config: {
        access: CLINICAL_OR_ADMIN,
        patient: both({ from: 'query', key: 'source' }, 'patient.merge-preview'),
      },
      schema: {
        tags: ['patients'],
        description: 'Both records side by side, with what each holds, before merging `source` into `:id`.',
        params: patientIdParamsSchema,
        querystring: patientMergeQuerySchema,
        response: { 200: patientMergePreviewSchema },
      },
    },
    async (req) => previewMerge(app.deps, { keptId: req.params.id, sourceId: req.query.source }),
  );

  r.post(
    '/api/patients/:id/merge',
    {
      config: {
        access: CLINICAL_OR_ADMIN,
        patient: both({ from: 'body', key: 'sourcePatientId' }, 'patient.merge.check'),
      },
      schema: {
        tags: ['patients'],
        description:
          'Moves everything the source record holds (appointments, sessions, photos…) to `:id` and deletes the source, in one audited transaction.',
        params: patientIdParamsSchema,
        body: patientMergeRequestSchema,
        response: { 200: patientMergeResultSchema },
      },
    },
    async (req) =>
      mergePatients(app.deps, req.actor, {
        keptId: req.params.id,
        sourceId: req.body.sourcePatientId,
        ip: req.ip,
      }),
  );

  r.post(
    '/api/auth/claim-booking',
    {
      config: { access: ['patient'] },
      schema: {
        tags: ['auth'],
        description:
          'Adds a guest booking made with your email to your records. Needs both the mailed link and being signed in as the account with that email.',
        body: bookingClaimRequestSchema,
        response: { 200: z.object({ patientId: z.string(), moved: z.record(z.string(), z.number().int()) }) },
      },
    },
    async (req) => claimBooking(app.deps, req.actor!, { token: req.body.token, ip: req.ip }),
  );
}
