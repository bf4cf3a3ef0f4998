import {
  type AuditLogItem,
  accessLogEntrySchema,
  auditLogPageSchema,
  auditLogQuerySchema,
  patientIdParamsSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../audit/audit.service';
import { clinicTimeZone } from '../clinic/clinic.repository';
import { requirePatientAccess } from '../patients/patient-access';
import { type AuditFilter, listAuditEntries, listPatientAccess } from './audit-log.repository';
import { csvHeader, csvLines, decodeCursor, encodeCursor, resolveRange, toItem } from './audit-log.service';

type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

const CSV_BATCH = 1000;
/** An export beyond this many rows must be narrowed by filters (keeps memory bounded). */
const CSV_MAX_ROWS = 200_000;
const ACCESS_LOG_LIMIT = 500;

/**
 * Read-only routes over the audit log. Only GET routes exist here: entries cannot be edited or
 * deleted through the API. Every read of the log is itself written to the log.
 */
export async function auditLogRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  async function filterOf(q: AuditLogQuery): Promise<AuditFilter> {
    const range = q.from || q.to ? resolveRange(await clinicTimeZone(db()), q.from, q.to) : {};
    return { patientId: q.patientId, actorId: q.actorId, action: q.action, ...range };
  }

  const describe = (q: AuditLogQuery) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries({
          patientId: q.patientId,
          actorId: q.actorId,
          action: q.action,
          from: q.from,
          to: q.to,
        }).filter(([, v]) => v !== undefined),
      ),
    );

  async function sendCsv(req: FastifyRequest, reply: FastifyReply, q: AuditLogQuery) {
    const filter = await filterOf(q);
    let out = csvHeader();
    let after = q.cursor ? decodeCursor(q.cursor) : null;
    let total = 0;
    for (;;) {
      const rows = await listAuditEntries(db(), filter, after, CSV_BATCH);
      out += csvLines(rows.map(toItem));
      total += rows.length;
      if (rows.length < CSV_BATCH || total >= CSV_MAX_ROWS) break;
      after = rows[rows.length - 1]!;
    }
    await audit(req, {
      action: 'audit-log.export',
      resource: 'audit-log',
      detail: `${describe(q)} rows=${total}`,
    });
    const stamp = new Date(app.deps.clock.now()).toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-log-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(out);
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
      const rows = await listAuditEntries(
        db(),
        await filterOf(q),
        q.cursor ? decodeCursor(q.cursor) : null,
        q.limit + 1,
      );
      const page = rows.slice(0, q.limit);
      // Audited after the query, so the reader's own entry shows up on their next read, not this one.
      await audit(req, { action: 'audit-log.read', resource: 'audit-log', detail: describe(q) });
      const items: AuditLogItem[] = page.map(toItem);
      const last = page[page.length - 1];
      return rows.length > q.limit && last ? { items, next: encodeCursor(last) } : { items };
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
      config: { access: ['patient', 'clinician', 'admin'] },
      schema: {
        tags: ['audit'],
        description: 'Who on the staff viewed or changed this patient’s record, newest first.',
        params: patientIdParamsSchema,
        response: { 200: z.array(accessLogEntrySchema) },
      },
    },
    async (req) => {
      await requirePatientAccess(req, req.params.id, {
        scope: 'clinical',
        mode: 'read',
        action: 'access-log.read',
        resource: 'access-log',
      });
      const rows = await listPatientAccess(db(), req.params.id, ACCESS_LOG_LIMIT);
      return rows.map((row) => ({
        at: new Date(row.at).toISOString(),
        actorName: row.actor_name,
        actorRole: row.actor_role,
        action: row.action,
      }));
    },
  );
}
