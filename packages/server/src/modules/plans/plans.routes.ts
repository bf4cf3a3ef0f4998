import { STAFF_ROLES } from '@anagen/core/access';
import {
  diagnosisSchema,
  newDiagnosisSchema,
  newPlanSchema,
  patientIdParamsSchema,
  planSchema,
  updatePlanSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { fromParam } from '../../lib/patient-scope';
import { getCareSettings } from '../care-templates/care-settings';
import {
  consultationDone,
  findPlan,
  insertDiagnosis,
  insertPlan,
  listDiagnoses,
  listPlans,
  updatePlan,
} from './plans.repository';

const planParams = z.strictObject({ id: z.string().min(1).max(100), planId: z.string().min(1).max(100) });

export async function plansRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  r.get(
    '/api/patients/:id/plans',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'plan.list',
          resource: 'plan',
        },
      },
      schema: { tags: ['care'], params: patientIdParamsSchema, response: { 200: z.array(planSchema) } },
    },
    async (req) => {
      return listPlans(db(), req.params.id);
    },
  );

  r.post(
    '/api/patients/:id/plans',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'write',
          action: 'plan.create',
          resource: 'plan',
          resourceId: 'new',
        },
      },
      schema: {
        tags: ['care'],
        params: patientIdParamsSchema,
        body: newPlanSchema,
        response: { 201: planSchema },
      },
    },
    async (req, reply) => {
      const id = req.patientScope!.resourceId;
      const now = app.deps.clock.now();
      const b = req.body;
      await insertPlan(db(), {
        id,
        patient_id: req.params.id,
        treatment_slug: b.treatmentSlug,
        sessions_planned: b.sessionsPlanned,
        interval_weeks: b.intervalWeeks,
        maintenance_interval_weeks: b.maintenanceIntervalWeeks ?? null,
        maintenance_note: b.maintenanceNote || null,
        goal: b.goal,
        status: b.status,
        created_by: req.actor!.userId,
        created_at: now,
        updated_at: now,
      });
      return reply.code(201).send((await findPlan(db(), id))!);
    },
  );

  r.patch(
    '/api/patients/:id/plans/:planId',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'write',
          action: 'plan.update',
          resource: 'plan',
          resourceId: fromParam('planId'),
        },
      },
      schema: { tags: ['care'], params: planParams, body: updatePlanSchema, response: { 200: planSchema } },
    },
    async (req) => {
      const plan = await findPlan(db(), req.params.planId);
      if (!plan || plan.patientId !== req.params.id) throw notFound('Plan');
      const b = req.body;
      if (Object.keys(b).length === 0) throw new AppError('UNPROCESSABLE', 'Nothing to change.');
      await updatePlan(db(), plan.id, {
        ...(b.status !== undefined && { status: b.status }),
        ...(b.goal !== undefined && { goal: b.goal }),
        ...(b.sessionsPlanned !== undefined && { sessions_planned: b.sessionsPlanned }),
        ...(b.intervalWeeks !== undefined && { interval_weeks: b.intervalWeeks }),
        ...(b.maintenanceIntervalWeeks !== undefined && {
          maintenance_interval_weeks: b.maintenanceIntervalWeeks,
        }),
        ...(b.maintenanceNote !== undefined && { maintenance_note: b.maintenanceNote }),
        updated_at: app.deps.clock.now(),
      });
      return (await findPlan(db(), plan.id))!;
    },
  );

  r.get(
    '/api/patients/:id/diagnoses',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'diagnosis.list',
          resource: 'diagnosis',
        },
      },
      schema: { tags: ['care'], params: patientIdParamsSchema, response: { 200: z.array(diagnosisSchema) } },
    },
    async (req) => {
      return listDiagnoses(db(), req.params.id);
    },
  );

  r.post(
    '/api/patients/:id/diagnoses',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'write',
          action: 'diagnosis.create',
          resource: 'diagnosis',
          resourceId: 'new',
        },
      },
      schema: {
        tags: ['care'],
        params: patientIdParamsSchema,
        body: newDiagnosisSchema,
        response: { 201: diagnosisSchema },
      },
    },
    async (req, reply) => {
      const id = req.patientScope!.resourceId;
      const now = app.deps.clock.now();
      if ((req.body.diagnosedAt ?? now) > now) {
        throw new AppError('UNPROCESSABLE', 'A diagnosis cannot be dated in the future.');
      }
      const d = await insertDiagnosis(db(), {
        id,
        patient_id: req.params.id,
        loss_type: req.body.lossType,
        scale: req.body.scale,
        stage: req.body.stage,
        diagnosed_at: req.body.diagnosedAt ?? now,
        source: req.body.source,
        notes: req.body.notes || null,
        recorded_by: req.actor!.userId,
        created_at: now,
      });
      return reply.code(201).send(d);
    },
  );

  // Scheduling-level facts only (no clinical content), so the front desk can see why a procedure
  // booking would be refused before trying it.
  r.get(
    '/api/patients/:id/consultation-status',
    {
      config: {
        access: STAFF_ROLES,
        patient: {
          from: 'params',
          key: 'id',
          scope: 'scheduling',
          mode: 'read',
          action: 'consultation-status.read',
          resource: 'patient',
        },
      },
      schema: {
        tags: ['care'],
        params: patientIdParamsSchema,
        response: { 200: z.object({ required: z.boolean(), done: z.boolean() }) },
      },
    },
    async (req) => {
      const settings = await getCareSettings(db());
      return {
        required: settings.requireConsultationBeforeProcedure,
        done: await consultationDone(db(), req.params.id, app.deps.clock.now()),
      };
    },
  );
}
