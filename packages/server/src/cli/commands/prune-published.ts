import type { Config } from '../../config';
import { openDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { Clock } from '../../lib/clock';
import { openPhotoStore } from '../../lib/storage';
import { prunePublishedFiles } from '../../modules/publications/prune-published-files';

/** `anagen prune-published [--apply]`: lists (or deletes) published files no pair names any more. */
export async function prunePublishedCommand(
  config: Config,
  clock: Clock,
  opts: { apply: boolean },
): Promise<void> {
  const db = openDb(config);
  try {
    await migrateToLatest(db.kysely);
    const { orphans, deleted } = await prunePublishedFiles(
      { db: db.kysely, storage: openPhotoStore(config), clock },
      opts,
    );
    for (const key of orphans) process.stdout.write(`${key}\n`);
    process.stdout.write(
      opts.apply
        ? `Deleted ${deleted} published file${deleted === 1 ? '' : 's'} no pair names.\n`
        : `${orphans.length} published file${orphans.length === 1 ? '' : 's'} no pair names; run again with --apply to delete ${orphans.length === 1 ? 'it' : 'them'}.\n`,
    );
  } finally {
    await db.destroy();
  }
}
