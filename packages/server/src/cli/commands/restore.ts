import path from 'node:path';
import type { Config } from '../../config';
import { restoreBackup } from '../../modules/backup/restore.service';

/** `anagen restore <file>`: loads a backup into an empty data dir / empty database. */
export async function restoreCommand(config: Config, file: string): Promise<void> {
  const started = Date.now();
  const r = await restoreBackup({
    target: { dataDir: config.dataDir, databaseUrl: config.databaseUrl },
    file: path.resolve(file),
    progress: (line) => console.log(line),
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Restore complete: ${r.tables} tables, ${r.rows} rows, ${r.files} files in ${secs} s.`);
}
