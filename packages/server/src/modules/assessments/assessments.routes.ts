import { AssessmentInputSchema, assessCandidacy } from '@anagen/core/assessment';
import { assessmentSchema, patientIdParamsSchema, summarizeAssessment } from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { insertAssessment, listAssessments } from './assessments.repository';
import { evidenceLibrary } from './treatment-library';

export async function assessmentsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Public: anyone may assess themself. A signed-in patient's result is also saved to their record
  // (clinical data they contribute), so staff see it on the chart and booking can carry it.
  r.post(
    '/api/assessments',
    {
      config: {
        access: 'public',
        // A signed-in patient's assessment is filed on their record; anyone else's is not stored.
        patient: {
          resolve: async (_deps, req) =>
            req.actor?.role === 'patient' ? (req.actor.patientId ?? null) : null,
          optional: true,
          scope: 'patient-input',
          mode: 'write',
          action: 'assessment.create',
          resource: 'assessment',
          resourceId: 'new',
        },
      },
      schema: {
        tags: ['assessments'],
        body: AssessmentInputSchema,
        response: { 200: assessmentSchema, 201: assessmentSchema },
      },
    },
    async (req, reply) => {
      const input = req.body;
      const result = assessCandidacy(input, evidenceLibrary().treatments);
      const summary = summarizeAssessment(input, result);
      const now = app.deps.clock.now();
      if (!req.patientScope) {
        return reply.code(200).send({ id: null, patientId: null, createdAt: now, input, result, summary });
      }
      const { patientId, resourceId: id } = req.patientScope;
      await insertAssessment(app.deps.db.kysely, {
        id,
        patient_id: patientId,
        created_by: req.actor?.userId ?? null,
        input_json: JSON.stringify(input),
        result_json: JSON.stringify(result),
        summary,
        created_at: now,
      });
      return reply.code(201).send({ id, patientId, createdAt: now, input, result, summary });
    },
  );

  r.get(
    '/api/patients/:id/assessments',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'patient-input',
          mode: 'read',
          action: 'assessment.list',
          resource: 'assessment',
        },
      },
      schema: {
        tags: ['assessments'],
        params: patientIdParamsSchema,
        response: { 200: z.array(assessmentSchema) },
      },
    },
    async (req) => {
      return listAssessments(app.deps.db.kysely, req.params.id);
    },
  );
}
