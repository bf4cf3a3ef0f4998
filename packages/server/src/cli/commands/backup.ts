import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import { openDb } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { openPhotoStore } from '../../lib/storage';
import { createBackup } from '../../modules/backup/backup.service';
import { formatBytes } from '../../modules/backup/progress';

/** `anagen backup <file>`: a consistent snapshot of the database and photo files, safe while serving. */
export async function backupCommand(config: Config, clock: Clock, file: string): Promise<void> {
  const target = path.resolve(file);
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'anagen.db'))) {
    throw new Error(`No database at ${path.join(config.dataDir, 'anagen.db')}; check ANAGEN_DATA_DIR.`);
  }
  const db = openDb(config);
  const started = Date.now();
  try {
    console.log(`Backing up the ${db.dialect} database and files from ${config.dataDir} to ${target}`);
    const r = await createBackup({
      db,
      storage: openPhotoStore(config),
      file: target,
      now: clock.now(),
      progress: (line) => console.log(line),
    });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Backup complete: ${r.tables} tables, ${r.rows} rows, ${r.files} files, ${formatBytes(r.bytes)} in ${secs} s.`,
    );
  } finally {
    await db.destroy();
  }
}
