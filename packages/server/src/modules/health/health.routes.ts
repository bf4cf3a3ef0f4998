import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrations } from '../../db/migrations';
import { hasMigration } from './health.repository';

const healthSchema = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) });
const probeSchema = z.object({ status: z.enum(['ok', 'unavailable']), detail: z.string().optional() });
const LATEST = Object.keys(migrations).at(-1)!;
// A ready probe must answer before the load balancer's own timeout, even when the database hangs.
const DB_TIMEOUT_MS = 2000;

/**
 * `/api/health` (what runs), `/api/health/live` (the process answers: restart it when this fails)
 * and `/api/health/ready` (send it traffic: schema migrated, database answering, not shutting down).
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const options = { config: { access: 'public' as const }, logLevel: 'warn' as const };
  r.get(
    '/api/health',
    { ...options, schema: { tags: ['health'], response: { 200: healthSchema } } },
    async () => ({ status: 'ok' as const, database: app.deps.db.dialect }),
  );
  r.get(
    '/api/health/live',
    { ...options, schema: { tags: ['health'], response: { 200: probeSchema } } },
    async () => ({
      status: 'ok' as const,
    }),
  );
  r.get(
    '/api/health/ready',
    { ...options, schema: { tags: ['health'], response: { 200: probeSchema, 503: probeSchema } } },
    async (_req, reply) => {
      const unavailable = (detail: string) =>
        reply.code(503).send({ status: 'unavailable' as const, detail });
      if (app.deps.lifecycle?.draining) return unavailable('shutting down');
      let timer: NodeJS.Timeout | undefined;
      try {
        const migrated = await Promise.race([
          hasMigration(app.deps.db.kysely, LATEST),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), DB_TIMEOUT_MS);
          }),
        ]);
        if (!migrated) return unavailable('database schema is not migrated yet');
      } catch {
        return unavailable('database does not answer');
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ok' as const };
    },
  );
}
