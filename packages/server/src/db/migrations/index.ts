import type { Migration } from 'kysely';
import * as foundation from './2026_11_25_1600_foundation';
import * as scheduling from './2026_11_25_1610_scheduling';

/**
 * The one ordered list of migrations, shared by SQLite and PostgreSQL.
 * Append new entries at the end; never reorder or rename a landed one.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_25_1600_foundation': foundation,
  '2026_11_25_1610_scheduling': scheduling,
};
