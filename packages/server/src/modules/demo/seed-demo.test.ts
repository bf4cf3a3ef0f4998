import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/dialects';
import { seedDemo } from './seed-demo';

const TABLES = [
  'clinics',
  'locations',
  'users',
  'patients',
  'providers',
  'appointment_types',
  'provider_hours',
  'resources',
] as const;

describe.each(DIALECTS)('demo clinic on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await migrateToLatest(t.db.kysely);
  });
  afterAll(() => t.drop());

  async function counts() {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const r = await t.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(r.n);
    }
    return out;
  }

  it('loads the contract accounts, zone and appointment types', async () => {
    expect(await seedDemo({ db: t.db.kysely, now: 0 })).toBe(true);
    const users = await t.db.kysely.selectFrom('users').select(['email', 'role']).orderBy('email').execute();
    expect(users).toEqual([
      { email: 'admin@example.com', role: 'admin' },
      { email: 'clinician@example.com', role: 'clinician' },
      { email: 'desk@example.com', role: 'desk' },
      { email: 'patient2@example.com', role: 'patient' },
      { email: 'patient@example.com', role: 'patient' },
    ]);
    const loc = await t.db.kysely.selectFrom('locations').select('time_zone').executeTakeFirstOrThrow();
    expect(loc.time_zone).toBe('America/Los_Angeles');
    const types = await t.db.kysely
      .selectFrom('appointment_types')
      .select(['slug', 'duration_minutes', 'is_public', 'guest_allowed'])
      .orderBy('slug')
      .execute();
    expect(types).toEqual([
      { slug: 'consultation', duration_minutes: 30, is_public: 1, guest_allowed: 1 },
      { slug: 'follow-up', duration_minutes: 20, is_public: 0, guest_allowed: 0 },
      { slug: 'prp-session', duration_minutes: 60, is_public: 0, guest_allowed: 0 },
      { slug: 'stem-cell-procedure', duration_minutes: 180, is_public: 0, guest_allowed: 0 },
    ]);
  });

  it('changes nothing when loaded a second time', async () => {
    // Load it here too, so this test does not rely on the one above having run.
    await seedDemo({ db: t.db.kysely, now: 0 });
    const before = await counts();
    expect(before.users).toBe(5);
    expect(await seedDemo({ db: t.db.kysely, now: 1 })).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
