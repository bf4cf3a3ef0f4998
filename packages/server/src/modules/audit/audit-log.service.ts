import type { AuditLogItem } from '@anagen/core/contracts';
import { localToUtc } from '@anagen/core/scheduling';
import { AppError } from '../../errors';
import type { AuditCursor, AuditFilter, AuditRow } from './audit-log.repository';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A day's first instant in `zone`; the gap hour of a spring-forward day never starts a day. */
function startOfLocalDay(zone: string, date: string): number {
  return (
    localToUtc(zone, date, '00:00') ?? localToUtc(zone, date, '01:00') ?? Date.parse(`${date}T00:00:00Z`)
  );
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** Turns the query's `from`/`to` into a half-open `[fromMs, toMs)` range; `to` dates include their whole day. */
export function resolveRange(
  zone: string,
  from: string | undefined,
  to: string | undefined,
): Pick<AuditFilter, 'fromMs' | 'toMs'> {
  const fromMs =
    from === undefined ? undefined : DATE.test(from) ? startOfLocalDay(zone, from) : Date.parse(from);
  const toMs =
    to === undefined ? undefined : DATE.test(to) ? startOfLocalDay(zone, nextDate(to)) : Date.parse(to) + 1;
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) {
    throw new AppError('VALIDATION_FAILED', '"from" must be before "to".', {
      errors: [{ path: 'querystring.to', message: 'Must be after "from"' }],
    });
  }
  return { fromMs, toMs };
}

export function encodeCursor(row: { at: number; id: string }): string {
  return Buffer.from(`${row.at}:${row.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): AuditCursor {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^(\d{1,16}):([\w-]{1,100})$/.exec(text);
  if (!m) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The page cursor is not valid; start again from the first page.',
      {
        errors: [{ path: 'querystring.cursor', message: 'Invalid cursor' }],
      },
    );
  }
  return { at: Number(m[1]), id: m[2]! };
}

export function toItem(r: AuditRow): AuditLogItem {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    resource: r.resource,
    resourceId: r.resource_id,
    patientId: r.patient_id,
    patientName: r.patient_name,
    ip: r.ip,
    detail: r.detail,
  };
}

const CSV_COLUMNS = [
  'at',
  'actorId',
  'actorName',
  'actorRole',
  'action',
  'resource',
  'resourceId',
  'patientId',
  'ip',
  'detail',
] as const;

// A cell starting with = + - @ (or a tab/CR) is run as a formula by spreadsheet programs; a leading
// apostrophe keeps it text (OWASP "CSV injection").
function csvCell(v: string | null | undefined): string {
  if (v === null || v === undefined) return '';
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\r\n`;

export function csvLines(items: AuditLogItem[]): string {
  return items.map((it) => `${CSV_COLUMNS.map((c) => csvCell(it[c])).join(',')}\r\n`).join('');
}
