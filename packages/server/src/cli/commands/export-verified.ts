import path from 'node:path';
import type { Config } from '../../config';
import { openDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { Clock } from '../../lib/clock';
import { createLocalStorage } from '../../lib/storage';
import { exportVerified } from '../../modules/measurements/export-verified';

/** `anagen export-verified DIR`: the clinic's verified images as a VOC folder for the engine's bench. */
export async function exportVerifiedCommand(config: Config, clock: Clock, dir: string): Promise<void> {
  const db = openDb(config);
  try {
    await migrateToLatest(db.kysely);
    const { ids } = await exportVerified(
      { db: db.kysely, storage: createLocalStorage(path.join(config.dataDir, 'files')), clock },
      dir,
      (done, total) => process.stderr.write(`\r  ${done}/${total} verified images`),
    );
    if (ids.length) process.stderr.write('\n');
    process.stdout.write(
      `Exported ${ids.length} verified image${ids.length === 1 ? '' : 's'} to ${dir}\n` +
        `Check the engine on them: npm run bench:analysis -- --real ${dir} --split all\n`,
    );
  } finally {
    await db.destroy();
  }
}
