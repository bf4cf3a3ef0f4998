import { STAFF_ROLES } from '@anagen/core/access';
import {
  newPatientSchema,
  patientIdParamsSchema,
  patientSchema,
  patientSearchQuerySchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors';
import { audit } from '../audit/audit.service';
import { createPatient } from './create-patient';
import { findPatientById, searchPatients } from './patients.repository';

export async function patientsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/patients',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['patients'],
        querystring: patientSearchQuerySchema,
        response: { 200: z.array(patientSchema) },
      },
    },
    async (req) => {
      const found = await searchPatients(app.deps.db.kysely, req.query.q, req.query.limit);
      await audit(req, { action: 'patient.search', resource: 'patient', detail: `${found.length} results` });
      return found;
    },
  );

  // The desk (and clinicians) open a record for a caller who is not a patient yet.
  r.post(
    '/api/patients',
    {
      config: { access: STAFF_ROLES },
      schema: { tags: ['patients'], body: newPatientSchema, response: { 201: patientSchema } },
    },
    async (req, reply) => {
      const patient = await createPatient(app.deps, { ...req.actor!, ip: req.ip }, req.body);
      return reply.code(201).send(patient);
    },
  );

  r.get(
    '/api/patients/:id',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'demographics',
          mode: 'read',
          action: 'patient.read',
          resource: 'patient',
        },
      },
      schema: { tags: ['patients'], params: patientIdParamsSchema, response: { 200: patientSchema } },
    },
    async (req) => {
      const patient = await findPatientById(app.deps.db.kysely, req.params.id);
      if (!patient) throw notFound('Patient');
      return patient;
    },
  );
}
