import {
  bookingClaimRequestSchema,
  patientIdParamsSchema,
  patientMergePreviewSchema,
  patientMergeQuerySchema,
  patientMergeRequestSchema,
  patientMergeResultSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import type { PatientFromRequest } from '../../lib/patient-scope';
import { audit } from '../audit/audit.service';
import { consumeAccountToken, findUsableAccountToken } from '../auth/account-tokens.repository';
import { countPatientRows, mergeBlocker, moveAndDeletePatient } from './merge.repository';
import { findPatientById } from './patients.repository';

/**
 * Joining two records of one person: staff merge a duplicate (typically the separate record a guest
 * booking made because the email belonged to an account) into the record that is kept; a patient
 * claims a guest booking with the link mailed to their address while signed in (decision 050).
 */
/**
 * Moves the source record into the kept one and writes the audit entry on each, in the caller's
 * transaction (a staff merge and a patient's claim differ only in how they describe it).
 */
async function mergeAudited(
  req: FastifyRequest,
  trx: Kysely<Database>,
  keptId: string,
  sourceId: string,
  describe: (moved: string) => string,
): Promise<Record<string, number>> {
  const result = await moveAndDeletePatient(trx, keptId, sourceId);
  const detail = describe(JSON.stringify(result));
  await audit(
    req,
    { action: 'patient.merge', resource: 'patient', resourceId: keptId, patientId: keptId, detail },
    trx,
  );
  await audit(
    req,
    { action: 'patient.merged-away', resource: 'patient', resourceId: sourceId, patientId: sourceId, detail },
    trx,
  );
  return result;
}

export async function mergeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
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
    async (req) => {
      const [kept, source] = await Promise.all([
        findPatientById(db.kysely, req.params.id),
        findPatientById(db.kysely, req.query.source),
      ]);
      if (!kept || !source) throw notFound('Patient');
      return {
        kept: { ...kept, counts: await countPatientRows(db.kysely, kept.id) },
        source: { ...source, counts: await countPatientRows(db.kysely, source.id) },
        blocker: await mergeBlocker(db.kysely, kept.id, source.id),
      };
    },
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
    async (req) => {
      const keptId = req.params.id;
      const sourceId = req.body.sourcePatientId;
      const moved = await db.kysely.transaction().execute(async (trx) => {
        const blocker = await mergeBlocker(trx, keptId, sourceId);
        if (blocker) throw new AppError('CONFLICT', blocker);
        return mergeAudited(
          req,
          trx,
          keptId,
          sourceId,
          (moved) => `merged record ${sourceId} into ${keptId}: ${moved}`,
        );
      });
      const kept = await findPatientById(db.kysely, keptId);
      if (!kept) throw notFound('Patient');
      return { kept, moved };
    },
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
    async (req) => {
      const now = clock.now();
      const actor = req.actor!;
      const t = await findUsableAccountToken(db.kysely, req.body.token, 'booking-claim', now);
      const invalid = new AppError(
        'UNPROCESSABLE',
        'This link has expired, was already used, or is for another account.',
      );
      // The link alone is not enough (whoever reads the mailbox), nor the sign-in alone: both together.
      if (
        !t ||
        t.user_id !== actor.userId ||
        !actor.patientId ||
        t.email_verified_at === null ||
        !t.patient_id
      )
        throw invalid;
      const keptId = actor.patientId;
      const sourceId = t.patient_id;
      const moved = await db.kysely.transaction().execute(async (trx) => {
        if (!(await consumeAccountToken(trx, t.id, now))) throw invalid;
        const blocker = await mergeBlocker(trx, keptId, sourceId);
        if (blocker)
          throw new AppError('CONFLICT', `${blocker} Please ask the clinic to add the booking for you.`);
        return mergeAudited(
          req,
          trx,
          keptId,
          sourceId,
          (moved) => `claimed guest record ${sourceId} with a mailed link: ${moved}`,
        );
      });
      return { patientId: keptId, moved };
    },
  );
}
