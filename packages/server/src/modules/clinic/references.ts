import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import { findExistingIds, type RefTable } from './references.repository';

/**
 * Checks that every referenced id exists, answering 400 with the field that points nowhere —
 * rather than letting a foreign-key failure surface as a 500.
 */
export async function assertExist(
  db: Kysely<Database>,
  table: RefTable,
  ids: readonly string[],
  path: string,
  what: string,
): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const have = await findExistingIds(db, table, wanted);
  const missing = wanted.filter((id) => !have.has(id));
  if (missing.length) {
    throw new AppError('VALIDATION_FAILED', `Unknown ${what}: ${missing.join(', ')}.`, {
      errors: [{ path, message: `Unknown ${what}` }],
    });
  }
}

export function fieldConflict(path: string, message: string): AppError {
  return new AppError('CONFLICT', message, { errors: [{ path, message }] });
}
