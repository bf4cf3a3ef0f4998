import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Storage } from '../../lib/storage';

/**
 * What each feature's demo step receives. In a file of its own because `seed-steps.ts` imports every
 * step: were the steps to import this type from there, each would sit in an import cycle with the list.
 */
export interface SeedContext {
  db: Kysely<Database>;
  now: number;
  /** Photo storage, for demo histories with images (absent when only the schema is seeded). */
  storage?: Storage;
}
