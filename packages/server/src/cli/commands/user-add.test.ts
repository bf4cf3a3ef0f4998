import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, type TestApp } from '../../test/test-app';
import { userAddCommand } from './user-add';

// `anagen user add --role patient` and registration make a patient account through one use case
// (users/add-account.ts), so both give the same stored shape; only the address check differs (the
// operator vouches for the CLI's address, a registration must confirm it).
describe.each(DIALECTS)('user add and registration on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());
  afterEach(() => vi.unstubAllEnvs());

  const stored = async (email: string) => {
    const user = await t.deps.db.kysely
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role', 'active', 'email_verified_at'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const patients = await t.deps.db.kysely
      .selectFrom('patients')
      .select(['user_id', 'name', 'email', 'phone', 'birth_date', 'sex'])
      .where('user_id', '=', user.id)
      .execute();
    return { user, patients };
  };

  it('give a patient account the same record', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'Via.Web@Example.com', name: 'Ada Lovelace', password: 'a-long-patient-password' },
    });
    expect(res.statusCode).toBe(202);

    vi.stubEnv('ANAGEN_PASSWORD', 'a-long-patient-password');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await userAddCommand({ ...t.deps.config, databaseUrl: t.testDb.url }, t.deps.clock, {
        email: 'Via.Cli@Example.com',
        name: 'Ada Lovelace',
        role: 'patient',
      });
    } finally {
      log.mockRestore();
    }

    const web = await stored('via.web@example.com');
    const cli = await stored('via.cli@example.com');
    const shape = ({ user, patients }: Awaited<ReturnType<typeof stored>>) => ({
      user: { name: user.name, role: user.role, active: Number(user.active) },
      patients: patients.map((p) => ({ ...p, user_id: p.user_id === user.id, email: p.email.split('@')[1] })),
    });
    expect(shape(cli)).toEqual(shape(web));
    expect(shape(cli).patients).toEqual([
      { user_id: true, name: 'Ada Lovelace', email: 'example.com', phone: null, birth_date: null, sex: null },
    ]);
    expect(web.user.email_verified_at).toBeNull();
    expect(cli.user.email_verified_at).not.toBeNull();
  });
});
