import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';

export type Row = Record<string, unknown>;

export interface ForeignKey {
  table: string;
  column: string;
  references: string;
}

/** A consistent, read-only view of every application table (the migrator's own tables excluded). */
export interface TableSource {
  tables(): Promise<string[]>;
  foreignKeys(): Promise<ForeignKey[]>;
  count(table: string): Promise<number>;
  /** Rows in a stable order, in batches. */
  batches(table: string, size: number): AsyncIterable<Row[]>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Over a SQLite snapshot file made with the online backup API. */
export function sqliteSource(snapshot: SQLite.Database): TableSource {
  return {
    async tables() {
      return (
        snapshot
          .prepare(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name",
          )
          .all() as { name: string }[]
      ).map((r) => r.name);
    },
    async foreignKeys() {
      const out: ForeignKey[] = [];
      for (const table of await this.tables()) {
        const fks = snapshot.prepare(`pragma foreign_key_list(${quote(table)})`).all() as {
          table: string;
          from: string;
        }[];
        for (const fk of fks) out.push({ table, column: fk.from, references: fk.table });
      }
      return out;
    },
    async count(table) {
      return (snapshot.prepare(`select count(*) as n from ${quote(table)}`).get() as { n: number }).n;
    },
    async *batches(table, size) {
      let batch: Row[] = [];
      for (const row of snapshot.prepare(`select * from ${quote(table)} order by rowid`).iterate()) {
        batch.push(row as Row);
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
  };
}

/** Over a PostgreSQL REPEATABLE READ transaction: every query sees the same snapshot. */
// biome-ignore lint/suspicious/noExplicitAny: schema-agnostic on purpose
export function postgresSource(trx: Kysely<any>): TableSource {
  const primaryKeys = new Map<string, string[]>();
  async function pk(table: string): Promise<string[]> {
    const known = primaryKeys.get(table);
    if (known) return known;
    const rows = await sql<{ attname: string }>`
      select a.attname from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ${`public.${quote(table)}`}::regclass and i.indisprimary
      order by a.attname`.execute(trx);
    const cols = rows.rows.map((r) => r.attname);
    primaryKeys.set(table, cols);
    return cols;
  }
  return {
    async tables() {
      const r = await sql<{ tablename: string }>`
        select tablename from pg_tables
        where schemaname = 'public' and tablename not like 'kysely\\_%'
        order by tablename`.execute(trx);
      return r.rows.map((x) => x.tablename);
    },
    async foreignKeys() {
      const r = await sql<{ tbl: string; col: string; ref: string }>`
        select cl.relname as tbl, a.attname as col, rf.relname as ref
        from pg_constraint c
        join pg_class cl on cl.oid = c.conrelid
        join pg_class rf on rf.oid = c.confrelid
        join pg_namespace n on n.oid = cl.relnamespace
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and n.nspname = 'public'`.execute(trx);
      return r.rows.map((x) => ({ table: x.tbl, column: x.col, references: x.ref }));
    },
    async count(table) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(trx);
      return Number(r.rows[0]?.n ?? 0);
    },
    async *batches(table, size) {
      const order = (await pk(table)).map((c) => sql.ref(c));
      const orderBy = order.length ? sql`order by ${sql.join(order)}` : sql``;
      for (let offset = 0; ; offset += size) {
        const r =
          await sql<Row>`select * from ${sql.table(table)} ${orderBy} limit ${size} offset ${offset}`.execute(
            trx,
          );
        if (r.rows.length) yield r.rows;
        if (r.rows.length < size) return;
      }
    },
  };
}

/**
 * Tables ordered so that every table comes after the tables it references (self-references are
 * handled row by row). Throws on a cycle between tables, which a restore could not load.
 */
export function foreignKeyOrder(tables: string[], fks: ForeignKey[]): string[] {
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const fk of fks)
    if (fk.table !== fk.references && deps.has(fk.references)) deps.get(fk.table)?.add(fk.references);
  const out: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string, path: string[]) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting')
      throw new Error(`Foreign keys form a cycle: ${[...path, t].join(' → ')}`);
    state.set(t, 'visiting');
    for (const d of [...(deps.get(t) ?? [])].sort()) visit(d, [...path, t]);
    state.set(t, 'done');
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t, []);
  return out;
}

/** Orders rows of a self-referencing table so a referenced row always comes before its referrers. */
export function selfReferenceOrder(rows: Row[], columns: string[], idColumn = 'id'): Row[] {
  const pending = [...rows];
  const placed = new Set<unknown>();
  const out: Row[] = [];
  while (pending.length) {
    const before = pending.length;
    for (let i = 0; i < pending.length; ) {
      const row = pending[i]!;
      const ready = columns.every(
        (c) => row[c] === null || row[c] === undefined || placed.has(row[c]) || row[c] === row[idColumn],
      );
      if (ready) {
        out.push(row);
        placed.add(row[idColumn]);
        pending.splice(i, 1);
      } else i++;
    }
    // References to rows that do not exist (or a loop) cannot be ordered; keep them last as they are.
    if (pending.length === before) return [...out, ...pending];
  }
  return out;
}

/** Makes a PostgreSQL snapshot transaction read-only (a backup must not write). */
// biome-ignore lint/suspicious/noExplicitAny: tables are only known at run time
export async function setReadOnly(trx: Kysely<any>): Promise<void> {
  await sql`set transaction read only`.execute(trx);
}

/** How many tables the PostgreSQL database's public schema holds. */
// biome-ignore lint/suspicious/noExplicitAny: tables are only known at run time
export async function countPublicTables(db: Kysely<any>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from pg_tables where schemaname = 'public'`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Inserts restored rows in statements that stay well under both dialects' bound-parameter limits. */
// biome-ignore lint/suspicious/noExplicitAny: tables are only known at run time
export async function insertRows(trx: Kysely<any>, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.min(500, Math.floor(30_000 / Object.keys(rows[0]!).length)));
  for (let i = 0; i < rows.length; i += perStatement) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + perStatement))
      .execute();
  }
}
