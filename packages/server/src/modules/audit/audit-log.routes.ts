import {
  accessLogEntrySchema,
  auditLogPageSchema,
  auditLogQuerySchema,
  patientIdParamsSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AuditLogQuery,
  CSV_BATCH,
  exportAuditLog,
  readAuditLog,
  readPatientAccessLog,
} from './read-audit-log';

/**
 * Read-only routes over the audit log. Only GET routes exist here: entries cannot be edited or
 * deleted through the API. Every read of the log is itself written to the log.
 */
export async function auditLogRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function sendCsv(req: FastifyRequest, reply: FastifyReply, query: AuditLogQuery) {
    const { csv, filename } = await exportAuditLog(app.deps, req.actor, { query, ip: req.ip });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .send(csv);
  }

  r.get(
    '/api/audit-log',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['audit'],
        description: 'Audit entries, newest first; pass `next` back as `cursor` for the following page.',
        querystring: auditLogQuerySchema,
        response: { 200: auditLogPageSchema },
      },
    },
    async (req, reply) => {
      const q = req.query;
      if (q.format === 'csv') return sendCsv(req, reply, q);
      return readAuditLog(app.deps, req.actor, { query: q, ip: req.ip });
    },
  );

  r.get(
    '/api/audit-log.csv',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['audit'],
        description: 'Every audit entry matching the filters, as CSV (same filters as /api/audit-log).',
        querystring: auditLogQuerySchema.omit({ format: true, limit: true }),
      },
    },
    async (req, reply) => sendCsv(req, reply, { ...req.query, format: 'csv', limit: CSV_BATCH }),
  );

  r.get(
    '/api/patients/:id/access-log',
    {
      config: {
        access: ['patient', 'clinician', 'admin'],
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'read',
          action: 'access-log.read',
          resource: 'access-log',
        },
      },
      schema: {
        tags: ['audit'],
        description: 'Who on the staff viewed or changed this patient’s record, newest first.',
        params: patientIdParamsSchema,
        response: { 200: z.array(accessLogEntrySchema) },
      },
    },
    async (req) => readPatientAccessLog(app.deps, { patientId: req.params.id }),
  );
}
