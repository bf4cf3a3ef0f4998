import { buildPatientEverything } from '@anagen/core/fhir';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors';
import { questionnaireFhirEntries } from '../outcomes/questionnaires.fhir';
import { gatherPatientEverything } from './fhir.repository';

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
      const input = await gatherPatientEverything(app.deps.db.kysely, req.params.id);
      if (!input) throw notFound('Patient');
      const bundle = buildPatientEverything(
        input,
        app.deps.clock.now(),
        `${app.deps.config.publicUrl}/api/fhir`,
      );
      const extra = await questionnaireFhirEntries(
        app.deps.db.kysely,
        req.params.id,
        `${app.deps.config.publicUrl}/api/fhir`,
      );
      bundle.entry.push(...extra);
      bundle.total += extra.length;
      if (req.query.download) {
        const day = new Date(app.deps.clock.now()).toISOString().slice(0, 10);
        reply.header('content-disposition', `attachment; filename="anagen-records-${day}.fhir.json"`);
      }
      return reply.type('application/fhir+json').send(JSON.stringify(bundle));
    },
  );
}
