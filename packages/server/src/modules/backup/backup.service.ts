import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Db } from '../../db/database';
import { migrations } from '../../db/migrations';
import type { Storage } from '../../lib/storage';
import { ArchiveWriter } from './archive';
import {
  foreignKeyOrder,
  postgresSource,
  type Row,
  selfReferenceOrder,
  setReadOnly,
  sqliteSource,
  type TableSource,
} from './backup.repository';
import { formatBytes, type Progress } from './progress';
import { encodeRows } from './row-codec';

/** Rows per archive entry: bounds memory on large tables such as the audit log. */
const ROWS_PER_ENTRY = 5000;

export interface BackupManifest {
  format: 1;
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  migrations: string[];
  /** Tables in load order, with row counts. */
  tables: { name: string; rows: number }[];
  files: number;
}

export interface BackupResult {
  tables: number;
  rows: number;
  files: number;
  bytes: number;
}

/**
 * Writes a consistent snapshot of the database and every stored file to `file`, while the app may
 * keep running. SQLite: the online backup API copies the live database page by page into a
 * temporary snapshot, which is then read. PostgreSQL: every table is read inside one REPEATABLE
 * READ, READ ONLY transaction. Files are copied after the snapshot, so every file a row refers to
 * is present (uploads write the file before the row).
 */
export async function createBackup(opts: {
  db: Db;
  storage: Storage;
  file: string;
  now: number;
  progress: Progress;
}): Promise<BackupResult> {
  const { db, storage, file, progress } = opts;
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose a new file name.`);
  const writer = new ArchiveWriter(file);
  let ok = false;
  try {
    await writer.start();
    let result: Omit<BackupResult, 'files' | 'bytes'>;
    if (db.dialect === 'sqlite') {
      if (!db.sqlite) throw new Error('The SQLite handle is not available for an online backup.');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-backup-'));
      const snapshotFile = path.join(dir, 'snapshot.db');
      try {
        await db.sqlite.backup(snapshotFile, {
          progress: ({ totalPages, remainingPages }) => {
            progress(
              `  database snapshot ${Math.round(((totalPages - remainingPages) / Math.max(totalPages, 1)) * 100)}%`,
            );
            return 10_000; // pages per step: big steps finish before a busy server can force a restart
          },
        });
        const snapshot = new SQLite(snapshotFile, { readonly: true });
        try {
          result = await writeTables(sqliteSource(snapshot), writer, db.dialect, opts.now, progress);
        } finally {
          snapshot.close();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } else {
      result = await db.kysely
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          await setReadOnly(trx);
          return writeTables(postgresSource(trx), writer, db.dialect, opts.now, progress);
        });
    }
    const keys = (await storage.list()).sort();
    let fileBytes = 0;
    for (const [i, key] of keys.entries()) {
      const data = await storage.get(key);
      if (!data) continue; // deleted since it was listed
      await writer.add(`files/${key}`, data);
      fileBytes += data.length;
      if ((i + 1) % 20 === 0 || i + 1 === keys.length)
        progress(`  files ${i + 1}/${keys.length} (${formatBytes(fileBytes)})`);
    }
    await writer.add('end', Buffer.from(JSON.stringify({ files: keys.length })));
    await writer.finish();
    ok = true;
    return { ...result, files: keys.length, bytes: fs.statSync(file).size };
  } finally {
    if (!ok) {
      await writer.finish().catch(() => {});
      fs.rmSync(file, { force: true });
    }
  }
}

async function writeTables(
  source: TableSource,
  writer: ArchiveWriter,
  dialect: 'sqlite' | 'postgres',
  now: number,
  progress: Progress,
): Promise<{ tables: number; rows: number }> {
  const fks = await source.foreignKeys();
  const order = foreignKeyOrder(await source.tables(), fks);
  const manifest: BackupManifest = {
    format: 1,
    createdAt: new Date(now).toISOString(),
    dialect,
    migrations: Object.keys(migrations),
    tables: [],
    files: 0,
  };
  for (const name of order) manifest.tables.push({ name, rows: await source.count(name) });
  await writer.add('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
  let total = 0;
  for (const [i, { name, rows }] of manifest.tables.entries()) {
    const selfColumns = fks.filter((f) => f.table === name && f.references === name).map((f) => f.column);
    let part = 0;
    let written = 0;
    const emit = async (batch: Row[]) => {
      part++;
      written += batch.length;
      await writer.add(`tables/${name}/${String(part).padStart(5, '0')}.jsonl`, encodeRows(batch));
    };
    if (selfColumns.length) {
      const all: Row[] = [];
      for await (const b of source.batches(name, ROWS_PER_ENTRY)) all.push(...b);
      const ordered = selfReferenceOrder(all, selfColumns);
      for (let k = 0; k < ordered.length; k += ROWS_PER_ENTRY)
        await emit(ordered.slice(k, k + ROWS_PER_ENTRY));
    } else {
      for await (const b of source.batches(name, ROWS_PER_ENTRY)) await emit(b);
    }
    if (written !== rows)
      throw new Error(`Table ${name} changed during the backup (${rows} → ${written} rows).`);
    total += written;
    progress(`  table ${i + 1}/${manifest.tables.length} ${name}: ${written} rows`);
  }
  return { tables: order.length, rows: total };
}
