import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, type TestApp } from '../../test/test-app';

describe.each(DIALECTS)('health probes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seed: false });
  });
  afterAll(() => t.close());
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('keeps /api/health as it was', async () => {
    expect((await get('/api/health')).json()).toEqual({ status: 'ok', database: dialect });
  });

  it('answers live and ready while migrated and serving', async () => {
    expect((await get('/api/health/live')).statusCode).toBe(200);
    const ready = await get('/api/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
  });

  it('is not ready while shutting down, or when the newest migration is missing', async () => {
    t.deps.lifecycle = { draining: true };
    expect((await get('/api/health/ready')).statusCode).toBe(503);
    expect((await get('/api/health/live')).statusCode).toBe(200);
    t.deps.lifecycle.draining = false;
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name desc`.execute(
      t.deps.db.kysely,
    );
    const latest = rows.rows[0]!.name;
    await sql`delete from kysely_migration where name = ${latest}`.execute(t.deps.db.kysely);
    const res = await get('/api/health/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      status: 'unavailable',
      detail: 'database schema is not migrated yet',
    });
  });
});
