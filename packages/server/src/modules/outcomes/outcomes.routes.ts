import { outcomesQuerySchema, outcomesSchema } from '@anagen/core/contracts';
import type { EvidenceLibrary } from '@anagen/core/evidence';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getEvidenceLibrary } from '../../../../../content';
import { getOutcomes } from './get-outcomes';

function library(): EvidenceLibrary | null {
  try {
    return getEvidenceLibrary();
  } catch {
    return null;
  }
}

export async function outcomesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/outcomes',
    {
      config: { access: ['clinician', 'admin'] },
      schema: { tags: ['outcomes'], querystring: outcomesQuerySchema, response: { 200: outcomesSchema } },
    },
    async (req) =>
      getOutcomes(
        { db: app.deps.db.kysely, clock: app.deps.clock, library: library() },
        req.actor!,
        req.query,
        { ip: req.ip },
      ),
  );
}
