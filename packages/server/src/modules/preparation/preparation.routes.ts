import { STAFF_ROLES } from '@anagen/core/access';
import {
  appointmentChecklistSchema,
  checklistItemSchema,
  patientIdParamsSchema,
  postCareSchema,
  tickItemSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors';
import { fromParam } from '../../lib/patient-scope';
import { findItem, setTicked } from './preparation.repository';
import { patientChecklists, recentPostCare, syncPatientPreparation } from './preparation.service';

export async function preparationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  r.get(
    '/api/patients/:id/preparation',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'patient-input',
          mode: 'read',
          action: 'preparation.list',
          resource: 'checklist',
        },
      },
      schema: {
        tags: ['care'],
        params: patientIdParamsSchema,
        response: { 200: z.array(appointmentChecklistSchema) },
      },
    },
    async (req) => {
      return patientChecklists(db(), req.params.id, app.deps.clock.now());
    },
  );

  // After booking (e.g. a plan's series) staff call this so checklists and reminder emails exist
  // at once, not only when the patient next opens the portal.
  r.post(
    '/api/patients/:id/preparation/sync',
    {
      config: {
        access: STAFF_ROLES,
        patient: {
          from: 'params',
          key: 'id',
          scope: 'scheduling',
          mode: 'write',
          action: 'preparation.sync',
          resource: 'checklist',
        },
      },
      schema: {
        tags: ['care'],
        params: patientIdParamsSchema,
        response: { 200: z.object({ appointments: z.number() }) },
      },
    },
    async (req) => {
      return { appointments: await syncPatientPreparation(db(), req.params.id, app.deps.clock.now()) };
    },
  );

  r.post(
    '/api/patients/:id/preparation/:itemId/tick',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'patient-input',
          mode: 'write',
          action: 'preparation.tick',
          resource: 'checklist',
          resourceId: fromParam('itemId'),
        },
      },
      schema: {
        tags: ['care'],
        params: z.strictObject({ id: z.string().min(1).max(100), itemId: z.string().min(1).max(100) }),
        body: tickItemSchema,
        response: { 200: checklistItemSchema },
      },
    },
    async (req) => {
      const item = await findItem(db(), req.params.itemId);
      if (!item || item.patient_id !== req.params.id) throw notFound('Checklist item');
      const tickedAt = req.body.ticked ? app.deps.clock.now() : null;
      await setTicked(db(), item.id, tickedAt);
      return { id: item.id, key: item.item_key, text: item.text, dueAt: Number(item.due_at), tickedAt };
    },
  );

  r.get(
    '/api/patients/:id/post-care',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'post-care.list',
          resource: 'post-care',
        },
      },
      schema: { tags: ['care'], params: patientIdParamsSchema, response: { 200: z.array(postCareSchema) } },
    },
    async (req) => {
      return recentPostCare(db(), req.params.id, app.deps.clock.now());
    },
  );
}
