import fs from 'node:fs';
import path from 'node:path';
import { type Db, openDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { createLocalStorage } from '../../lib/storage';
import { ArchiveReader } from './archive';
import { countPublicTables, insertRows } from './backup.repository';
import type { BackupManifest } from './backup.service';
import { formatBytes, type Progress } from './progress';
import { decodeRows } from './row-codec';

/** Raised before anything is written, when the target is not empty or the archive does not fit. */
export class RestoreRefused extends Error {}

export interface RestoreResult {
  tables: number;
  rows: number;
  files: number;
}

/**
 * Restores an archive into an EMPTY target: no SQLite file in the data dir (or no table in the
 * PostgreSQL database) and no stored files. Runs the migrations, then loads every table in
 * foreign-key order in one transaction (all or nothing), checks the row counts against the
 * manifest, then writes the files. Works across dialects: a SQLite backup loads into PostgreSQL.
 */
export async function restoreBackup(opts: {
  target: { dataDir: string; databaseUrl?: string | undefined };
  file: string;
  progress: Progress;
}): Promise<RestoreResult> {
  const { target, file, progress } = opts;
  if (!fs.existsSync(file)) throw new RestoreRefused(`No backup file at ${file}.`);
  const storage = createLocalStorage(path.join(target.dataDir, 'files'));
  if ((await storage.list()).length) {
    throw new RestoreRefused(
      `${path.join(target.dataDir, 'files')} is not empty; restore needs an empty data dir.`,
    );
  }
  const sqliteFile = path.join(target.dataDir, 'anagen.db');
  if (!target.databaseUrl && fs.existsSync(sqliteFile)) {
    throw new RestoreRefused(`${sqliteFile} already exists; restore needs an empty data dir.`);
  }
  progress('Checking the backup file…');
  const entries = await verifyArchive(file);
  progress(`  ${entries} entries, all checksums match`);
  const reader = new ArchiveReader(file);
  await reader.start();
  const first = await reader.next();
  if (first?.header.name !== 'manifest.json') throw new RestoreRefused('The backup file has no manifest.');
  const manifest = JSON.parse(first.data.toString('utf8')) as BackupManifest;
  const unknown = manifest.migrations.filter((m) => !(m in migrations));
  if (unknown.length) {
    throw new RestoreRefused(
      `This backup was made by a newer Anagen (migrations ${unknown.join(', ')}); upgrade before restoring.`,
    );
  }
  const db = openDb({ dataDir: target.dataDir, databaseUrl: target.databaseUrl });
  let ok = false;
  const written: string[] = [];
  try {
    if (db.dialect === 'postgres') await refuseNonEmptyPostgres(db);
    progress(`Restoring a ${manifest.dialect} backup from ${manifest.createdAt} into ${db.dialect}`);
    await migrateToLatest(db.kysely);
    const expected = new Map(manifest.tables.map((t) => [t.name, t.rows]));
    const loaded = new Map<string, number>();
    let pending: Awaited<ReturnType<ArchiveReader['next']>> = null;
    await db.kysely.transaction().execute(async (trx) => {
      for (;;) {
        const entry = await reader.next();
        if (!entry?.header.name.startsWith('tables/')) {
          pending = entry;
          break;
        }
        const table = entry.header.name.split('/')[1]!;
        if (!expected.has(table))
          throw new Error(`The backup holds table ${table}, which is not in its manifest.`);
        const rows = decodeRows(entry.data);
        await insertRows(trx, table, rows);
        const n = (loaded.get(table) ?? 0) + rows.length;
        loaded.set(table, n);
        if (n === expected.get(table))
          progress(`  table ${loaded.size}/${expected.size} ${table}: ${n} rows`);
      }
      for (const [table, rows] of expected) {
        if ((loaded.get(table) ?? 0) !== rows) {
          throw new Error(
            `Table ${table}: the backup promised ${rows} rows but held ${loaded.get(table) ?? 0}.`,
          );
        }
      }
    });
    let files = 0;
    let bytes = 0;
    let entry = pending as Awaited<ReturnType<ArchiveReader['next']>>;
    while (entry && entry.header.name !== 'end') {
      if (!entry.header.name.startsWith('files/')) throw new Error(`Unexpected entry ${entry.header.name}.`);
      const key = entry.header.name.slice('files/'.length);
      await storage.put(key, entry.data);
      written.push(key);
      files++;
      bytes += entry.data.length;
      if (files % 20 === 0) progress(`  files ${files} (${formatBytes(bytes)})`);
      entry = await reader.next();
    }
    if (!entry) throw new Error('The backup file ends early: files may be missing.');
    const promised = (JSON.parse(entry.data.toString('utf8')) as { files: number }).files;
    if (promised !== files) throw new Error(`The backup promised ${promised} files but held ${files}.`);
    progress(`  files ${files} (${formatBytes(bytes)})`);
    const rows = [...loaded.values()].reduce((a, b) => a + b, 0);
    ok = true;
    return { tables: expected.size, rows, files };
  } catch (err) {
    if (db.dialect === 'postgres' && !(err instanceof RestoreRefused)) {
      throw new Error(
        `${(err as Error).message} The database may hold part of the restore: drop and re-create it before trying again.`,
      );
    }
    throw err;
  } finally {
    await db.destroy();
    // A failed SQLite restore leaves the data dir as empty as it found it, ready for another try.
    if (!ok) for (const key of written) await storage.delete(key);
    if (!ok && db.dialect === 'sqlite') {
      for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) fs.rmSync(f, { force: true });
    }
  }
}

/**
 * Reads the whole archive once, checking every checksum and that it ends properly, so a damaged
 * file is refused before anything is written (rather than leaving a half-restored clinic).
 */
async function verifyArchive(file: string): Promise<number> {
  const reader = new ArchiveReader(file);
  try {
    await reader.start();
  } catch (err) {
    throw new RestoreRefused((err as Error).message);
  }
  let n = 0;
  for (;;) {
    let entry: Awaited<ReturnType<ArchiveReader['next']>>;
    try {
      entry = await reader.next();
    } catch (err) {
      throw new RestoreRefused(`The backup file is damaged: ${(err as Error).message}`);
    }
    if (!entry) throw new RestoreRefused('The backup file is incomplete (it has no end marker).');
    n++;
    if (entry.header.name === 'end') return n;
  }
}

async function refuseNonEmptyPostgres(db: Db): Promise<void> {
  if ((await countPublicTables(db.kysely)) > 0) {
    throw new RestoreRefused('The PostgreSQL database is not empty; restore needs an empty database.');
  }
}
