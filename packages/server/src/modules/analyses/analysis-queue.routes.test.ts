import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signInDemoPeople, type TestApp } from '../../test/test-app';
import { takeSlot } from '../measurements/analysis-slot.repository';

describe.each(DIALECTS)('GET /api/analyses/queue on %s', (dialect) => {
  let t: TestApp;
  let cookies: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    cookies = await signInDemoPeople(t.app);
  });
  afterAll(() => t.close());

  const get = (who: string) =>
    t.app.inject({ method: 'GET', url: '/api/analyses/queue', headers: { cookie: cookies[who]! } });

  it('shows clinicians how many images wait and how many run across the clinic', async () => {
    const db = t.deps.db.kysely;
    const photo = await db
      .selectFrom('photos')
      .select('id')
      .where('view', '=', 'trichoscopy')
      .executeTakeFirstOrThrow();
    await db.updateTable('photos').set({ analysis_status: 'queued' }).where('id', '=', photo.id).execute();
    await db.insertInto('analysis_slots').values({ slot: 1, holder: null, expires_at: null }).execute();
    expect(await takeSlot(t.deps.db, 1, 'another-server', t.clock.now(), 60_000)).toBe(1);
    const res = await get('clinician');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ waiting: 1, running: 1, limit: 1 });
  });

  it('is not for patients or the front desk', async () => {
    expect((await get('patient')).statusCode).toBe(403);
    expect((await get('desk')).statusCode).toBe(403);
  });
});
