import {
  consentStatusSchema,
  consentsOverviewSchema,
  patientIdParamsSchema,
  signConsentSchema,
  signedConsentSchema,
  treatmentSlugSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { fromBody, fromParam } from '../../lib/patient-scope';
import { findPatientById } from '../patients/patients.repository';
import { findSignature, toSignedConsent } from './consents.repository';
import { consentOverview, missingConsent, signConsent } from './consents.service';

export async function consentsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  r.get(
    '/api/patients/:id/consents',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'consent.list',
          resource: 'consent',
        },
      },
      schema: { tags: ['care'], params: patientIdParamsSchema, response: { 200: consentsOverviewSchema } },
    },
    async (req) => {
      return consentOverview(db(), req.params.id, app.deps.clock.now());
    },
  );

  r.post(
    '/api/patients/:id/consents',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'patient-input',
          mode: 'write',
          action: 'consent.sign',
          resource: 'consent',
          resourceId: fromBody('templateId'),
        },
      },
      schema: {
        tags: ['care'],
        params: patientIdParamsSchema,
        body: signConsentSchema,
        response: { 201: signedConsentSchema },
      },
    },
    async (req, reply) => {
      // A signature is the patient's own act: staff may not sign on a patient's behalf.
      if (req.actor?.role !== 'patient') {
        throw new AppError('FORBIDDEN', 'Only the patient can sign their consent, in the portal.');
      }
      const patient = await findPatientById(db(), req.params.id);
      if (!patient) throw notFound('Patient');
      const signed = await signConsent(db(), {
        patientId: req.params.id,
        patientName: patient.name,
        templateId: req.body.templateId,
        typedName: req.body.typedName,
        userId: req.actor.userId,
        ip: req.ip,
        now: app.deps.clock.now(),
      });
      return reply.code(201).send(signed);
    },
  );

  r.get(
    '/api/patients/:id/consents/:cid',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'consent.read',
          resource: 'consent',
          resourceId: fromParam('cid'),
        },
      },
      schema: {
        tags: ['care'],
        params: z.strictObject({ id: z.string().min(1).max(100), cid: z.string().min(1).max(100) }),
        response: { 200: signedConsentSchema },
      },
    },
    async (req) => {
      const row = await findSignature(db(), req.params.cid);
      if (!row || row.patient_id !== req.params.id) throw notFound('Signed consent');
      return toSignedConsent(row);
    },
  );

  // A yes/no for check-in; front desk may read it because it holds no clinical content.
  r.get(
    '/api/patients/:id/consent-status',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'scheduling',
          mode: 'read',
          action: 'consent-status.read',
          resource: 'consent',
        },
      },
      schema: {
        tags: ['care'],
        params: patientIdParamsSchema,
        querystring: z.strictObject({ treatment: treatmentSlugSchema }),
        response: { 200: consentStatusSchema },
      },
    },
    async (req) => {
      return missingConsent(db(), req.params.id, req.query.treatment);
    },
  );
}
