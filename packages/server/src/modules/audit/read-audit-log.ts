import type { Actor } from '@anagen/core/access';
import type { AuditLogItem, auditLogQuerySchema } from '@anagen/core/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { clinicTimeZone } from '../clinic/clinic.repository';
import { recordAudit } from './audit.service';
import { type AuditFilter, listAuditEntries, listPatientAccess } from './audit-log.repository';
import { csvHeader, csvLines, decodeCursor, encodeCursor, resolveRange, toItem } from './audit-log.service';

export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;
type Deps = Pick<AppDeps, 'db' | 'clock'>;

export const CSV_BATCH = 1000;
/** An export beyond this many rows must be narrowed by filters (keeps memory bounded). */
const CSV_MAX_ROWS = 200_000;
const ACCESS_LOG_LIMIT = 500;

async function filterOf(deps: Deps, q: AuditLogQuery): Promise<AuditFilter> {
  const range = q.from || q.to ? resolveRange(await clinicTimeZone(deps.db.kysely), q.from, q.to) : {};
  return { patientId: q.patientId, actorId: q.actorId, action: q.action, ...range };
}

/** The filters as the audit entry of a read records them. */
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

/** One page of entries, newest first; every read of the log is itself written to the log. */
export async function readAuditLog(
  deps: Deps,
  actor: Actor | null,
  input: { query: AuditLogQuery; ip: string },
): Promise<{ items: AuditLogItem[]; next?: string }> {
  const q = input.query;
  const k = deps.db.kysely;
  const rows = await listAuditEntries(
    k,
    await filterOf(deps, q),
    q.cursor ? decodeCursor(q.cursor) : null,
    q.limit + 1,
  );
  const page = rows.slice(0, q.limit);
  // Audited after the query, so the reader's own entry shows up on their next read, not this one.
  await recordAudit(
    k,
    { actor, at: deps.clock.now(), ip: input.ip },
    { action: 'audit-log.read', resource: 'audit-log', detail: describe(q) },
  );
  const items = page.map(toItem);
  const last = page[page.length - 1];
  return rows.length > q.limit && last ? { items, next: encodeCursor(last) } : { items };
}

/** Every entry matching the filters as CSV (bounded), audited with the row count. */
export async function exportAuditLog(
  deps: Deps,
  actor: Actor | null,
  input: { query: AuditLogQuery; ip: string },
): Promise<{ csv: string; filename: string }> {
  const q = input.query;
  const k = deps.db.kysely;
  const filter = await filterOf(deps, q);
  let out = csvHeader();
  let after = q.cursor ? decodeCursor(q.cursor) : null;
  let total = 0;
  for (;;) {
    const rows = await listAuditEntries(k, filter, after, CSV_BATCH);
    out += csvLines(rows.map(toItem));
    total += rows.length;
    if (rows.length < CSV_BATCH || total >= CSV_MAX_ROWS) break;
    after = rows[rows.length - 1]!;
  }
  await recordAudit(
    k,
    { actor, at: deps.clock.now(), ip: input.ip },
    { action: 'audit-log.export', resource: 'audit-log', detail: `${describe(q)} rows=${total}` },
  );
  const stamp = new Date(deps.clock.now()).toISOString().slice(0, 10);
  return { csv: out, filename: `audit-log-${stamp}.csv` };
}

/**
 * Who on the staff viewed or changed a patient's record, newest first. The caller has already been
 * checked for the patient's record (the route declares it).
 */
export async function readPatientAccessLog(deps: Pick<AppDeps, 'db'>, input: { patientId: string }) {
  const rows = await listPatientAccess(deps.db.kysely, input.patientId, ACCESS_LOG_LIMIT);
  return rows.map((row) => ({
    at: new Date(row.at).toISOString(),
    actorName: row.actor_name,
    actorRole: row.actor_role,
    action: row.action,
  }));
}
