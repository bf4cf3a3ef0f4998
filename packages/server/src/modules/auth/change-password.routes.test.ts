import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';
import { DEMO_PASSWORD } from '../demo/demo-clinic';

const NEW_PASSWORD = 'a-brand-new-passphrase';

describe.each(DIALECTS)('change password on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const change = (cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/auth/change-password', headers: { cookie }, payload });
  const me = (cookie: string) => t.app.inject({ url: '/api/auth/me', headers: { cookie } });
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  it('refuses a wrong current password with a field error, counts the failure and audits it', async () => {
    const cookie = await signIn(t.app, 'desk@example.com');
    const res = await change(cookie, { currentPassword: 'not-my-password', newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG' });
    expect(res.json().errors).toEqual([
      { path: 'body.currentPassword', field: 'currentPassword', message: expect.any(String) },
    ]);
    const user = await t.testDb.db.kysely
      .selectFrom('users')
      .select(['id', 'failed_logins'])
      .where('email', '=', 'desk@example.com')
      .executeTakeFirstOrThrow();
    expect(user.failed_logins).toBe(1);
    const rows = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', user.id)
      .where('action', '=', 'auth.password.change-failure')
      .execute();
    expect(rows).toHaveLength(1);
    // The old password still works: nothing was changed.
    expect((await login('desk@example.com', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('applies the registration rules to the new password and refuses unknown fields', async () => {
    const cookie = await signIn(t.app, 'desk@example.com');
    const short = await change(cookie, { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors.map((e: { path: string }) => e.path)).toContain('body.newPassword');
    const same = await change(cookie, { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD });
    expect(same.statusCode).toBe(400);
    const extra = await change(cookie, {
      currentPassword: DEMO_PASSWORD,
      newPassword: NEW_PASSWORD,
      role: 'admin',
    });
    expect(extra.statusCode).toBe(400);
  });

  it('needs a session', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(401);
  });

  it('changes the password, keeps this session, ends the others; only the new password signs in', async () => {
    const here = await signIn(t.app, 'patient@example.com');
    const elsewhere = await signIn(t.app, 'patient@example.com');
    const res = await change(here, { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ otherSessionsEnded: 1 });
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await login('patient@example.com', DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login('patient@example.com', NEW_PASSWORD)).statusCode).toBe(200);
    const audited = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'auth.password.changed')
      .execute();
    expect(audited).toEqual([{ detail: '1 other sessions ended' }]);
  });
});

describe.each(DIALECTS)('change password lockout on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { rateLimits: true } });
  });
  afterAll(() => t.close());

  it('locks the account after repeated wrong current passwords, like failed sign-ins', async () => {
    const cookie = await signIn(t.app, 'clinician@example.com');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/change-password',
        headers: { cookie },
        payload: { currentPassword: `wrong-${i}-password`, newPassword: NEW_PASSWORD },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([400, 400, 400, 400, 400, 429]);
    const signInNow = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'clinician@example.com', password: DEMO_PASSWORD },
    });
    expect(signInNow.statusCode).toBe(429);
  });
});
