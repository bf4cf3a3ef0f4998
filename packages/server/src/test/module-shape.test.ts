import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// These tests keep the server in the shape docs/architecture.md describes: thin routes, use cases that
// do not need an HTTP request, SQL only in repositories. Every rule holds everywhere today, so each
// `KNOWN_*` list is empty; a file may only go on one with a reason written beside it, and a listed
// file that no longer breaks the rule fails the test until it is taken off.
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(SRC, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.relative(SRC, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

function read(file: string): string {
  // Comments may name queries or fastify; only code counts.
  return fs
    .readFileSync(path.join(SRC, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|\bsql<[^>]*>`/;
const TRANSACTION = /\.transaction\(\)/;
const FASTIFY_IMPORT = /from\s+['"](fastify|@fastify\/[^'"]+|fastify-[^'"]+)['"]/;

// Files whose job is SQL, or loading demo and test data (the demo module is nothing else), may hold queries.
const MAY_QUERY = /(\.repository\.ts|\.table\.ts|\.seed\.ts|\.factory\.ts|^modules\/demo\/.*\.ts)$/;
// Files that wire modules into fastify may import it; every other module file is a use case,
// a repository, a job or pure logic, and must run without an HTTP server.
const MAY_IMPORT_FASTIFY = /(\.routes\.ts|\.plugin\.ts|^modules\/index\.ts)$/;

const KNOWN_QUERIES_IN_ROUTES: string[] = [];

const KNOWN_QUERIES_OUTSIDE_REPOSITORIES: string[] = [];

const KNOWN_FASTIFY_IN_USE_CASES: string[] = [];

describe('module shape', () => {
  const files = [...sourceFiles('modules'), ...sourceFiles('lib'), ...sourceFiles('cli')].sort();

  it('routes hold no SQL and open no transactions (that is a use case’s job)', () => {
    const offenders = files.filter(
      (f) => f.endsWith('.routes.ts') && (QUERY.test(read(f)) || TRANSACTION.test(read(f))),
    );
    expect(offenders).toEqual([...KNOWN_QUERIES_IN_ROUTES].sort());
  });

  it('SQL lives in repositories (and demo/test data loaders), nowhere else', () => {
    const offenders = files.filter(
      (f) => !f.endsWith('.routes.ts') && !MAY_QUERY.test(f) && QUERY.test(read(f)),
    );
    expect(offenders).toEqual([...KNOWN_QUERIES_OUTSIDE_REPOSITORIES].sort());
  });

  it('use cases, repositories and jobs do not import fastify', () => {
    const offenders = sourceFiles('modules').filter(
      (f) => !MAY_IMPORT_FASTIFY.test(f) && FASTIFY_IMPORT.test(read(f)),
    );
    expect(offenders).toEqual([...KNOWN_FASTIFY_IN_USE_CASES].sort());
  });

  it('recognises what it looks for (so an empty list above means something)', () => {
    expect(QUERY.test("db.selectFrom('patients')")).toBe(true);
    expect(QUERY.test('await sql`select 1`.execute(db)')).toBe(true);
    expect(TRANSACTION.test('db.transaction().execute(async (trx) => {})')).toBe(true);
    expect(FASTIFY_IMPORT.test("import type { FastifyRequest } from 'fastify';")).toBe(true);
    expect(MAY_QUERY.test('modules/booking/booking.repository.ts')).toBe(true);
    expect(MAY_IMPORT_FASTIFY.test('modules/booking/book-appointment.ts')).toBe(false);
  });
});
