import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportPatientFhir } from './export-patient-fhir';

export async function fhirRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/fhir/Patient/:id/$everything',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'fhir.export',
          resource: 'patient',
        },
      },
      schema: {
        tags: ['fhir'],
        description:
          'FHIR R4 searchset Bundle with the patient and their appointments, plans, procedures, measurements, consents and adverse events',
        params: z.strictObject({ id: z.string().min(1).max(100) }),
        querystring: z.object({
          /** `download=1` asks the browser to save the Bundle as a file (the portal's "Download my records"). */
          download: z.enum(['1']).optional(),
        }),
      },
    },
    async (req, reply) => {
      const bundle = await exportPatientFhir(app.deps, req.actor, { patientId: req.params.id });
      if (req.query.download) {
        const day = new Date(app.deps.clock.now()).toISOString().slice(0, 10);
        reply.header('content-disposition', `attachment; filename="anagen-records-${day}.fhir.json"`);
      }
      return reply.type('application/fhir+json').send(JSON.stringify(bundle));
    },
  );
}
