import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

describe.each(DIALECTS)('sign-in and sessions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const login = (payload: unknown, headers: Record<string, string> = {}, remoteAddress?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: payload as object,
      headers,
      ...(remoteAddress ? { remoteAddress } : {}),
    });

  it('signs in a demo patient with an HttpOnly SameSite=Lax cookie and knows them in /me', async () => {
    const res = await login({ email: 'patient@example.com', password: 'anagen-demo' });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'anagen_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.app.inject({
      url: '/api/auth/me',
      headers: { cookie: `anagen_session=${cookie.value}` },
    });
    expect(me.json()).toMatchObject({
      email: 'patient@example.com',
      role: 'patient',
      patientId: 'demo-patient-1',
    });
  });

  it('stores argon2id hashes, never the password', async () => {
    const u = await t.testDb.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'admin@example.com')
      .executeTakeFirstOrThrow();
    expect(u.password_hash).toMatch(/^\$argon2id\$/);
    expect(u.password_hash).not.toContain('anagen-demo');
  });

  it('answers 401 problem+json for a wrong password and for an unknown email alike', async () => {
    for (const email of ['desk@example.com', 'nobody@example.com']) {
      const res = await login({ email, password: 'wrong-password' });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        status: 401,
        title: expect.any(String),
        detail: expect.any(String),
      });
    }
  });

  it('rejects malformed JSON, wrong types and unknown fields with 400 field errors', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(bad.statusCode).toBe(400);
    const types = await login({ email: 42, password: true });
    expect(types.statusCode).toBe(400);
    expect(types.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.email']),
    );
    const extra = await login({ email: 'a@example.com', password: 'x', admin: true });
    expect(extra.statusCode).toBe(400);
  });

  it('refuses form-encoded bodies and oversize bodies', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a&password=b',
    });
    expect(form.statusCode).toBe(415);
    const huge = await login({ email: 'a@example.com', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
  });

  it('ignores forged and expired session cookies', async () => {
    const forged = await t.app.inject({
      url: '/api/auth/me',
      headers: { cookie: 'anagen_session=forged-token' },
    });
    expect(forged.statusCode).toBe(401);
    const cookie = await signIn(t.app, 'clinician@example.com');
    t.clock.advance(13 * 3600_000); // staff sessions last 12 hours
    const expired = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
    t.clock.advance(-13 * 3600_000);
  });

  it('answers /session with the signed-in user, or null (not 401) for a visitor or a stale cookie', async () => {
    const visitor = await t.app.inject({ url: '/api/auth/session' });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ user: null });
    const forged = await t.app.inject({
      url: '/api/auth/session',
      headers: { cookie: 'anagen_session=forged-token' },
    });
    expect(forged.json()).toEqual({ user: null });
    const cookie = await signIn(t.app, 'desk@example.com');
    const me = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(me.json().user).toMatchObject({ email: 'desk@example.com', role: 'desk' });
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    const after = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(after.json()).toEqual({ user: null });
  });

  it('logs out: the same cookie no longer works', async () => {
    const cookie = await signIn(t.app, 'desk@example.com');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write from another origin (CSRF)', async () => {
    const cookie = await signIn(t.app, 'desk@example.com');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'https://evil.example', host: 'localhost:80' },
    });
    expect(res.statusCode).toBe(403);
    const still = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(still.statusCode).toBe(200);
  });

  it('registers a new patient with their own unverified record, and answers a duplicate email the same way', async () => {
    const body = { email: 'New.Person@Example.com', password: 'a-long-password', name: 'New Person' };
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'check-email' });
    const cookie = await signIn(t.app, 'new.person@example.com', 'a-long-password');
    const me = (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json();
    expect(me).toMatchObject({
      email: 'new.person@example.com',
      role: 'patient',
      patientId: expect.any(String),
      emailVerified: false,
    });
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(res.json());
    const users = await t.testDb.db.kysely
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'new.person@example.com')
      .execute();
    expect(users).toHaveLength(1);
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { ...body, email: 'x@example.com', password: 'short' },
    });
    expect(short.statusCode).toBe(400);
  });

  it('makes an account wait a growing, capped delay after wrong passwords; the right one from elsewhere gets in after it', async () => {
    const email = 'patient2@example.com';
    const attacker = (i: number) => `203.0.113.${i}`;
    const owner = '198.51.100.20';
    for (let i = 0; i < 5; i++) {
      expect((await login({ email, password: `wrong-${i}` }, {}, attacker(1))).statusCode).toBe(401);
    }
    const waiting = await login({ email, password: 'anagen-demo' }, {}, owner);
    expect(waiting.statusCode).toBe(429);
    const waits = [Number(waiting.headers['retry-after'])];
    // Each further wrong password, once the wait is over, doubles the wait up to 15 minutes; tries
    // during a wait are refused without counting, so nobody can lock the account for longer.
    for (let i = 0; i < 7; i++) {
      t.clock.advance(waits.at(-1)! * 1000);
      expect((await login({ email, password: `again-${i}` }, {}, attacker(10 + i))).statusCode).toBe(401);
      const res = await login({ email, password: 'anagen-demo' }, {}, owner);
      expect(res.statusCode).toBe(429);
      waits.push(Number(res.headers['retry-after']));
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    t.clock.advance(899_000);
    expect((await login({ email, password: 'anagen-demo' }, {}, owner)).statusCode).toBe(429);
    t.clock.advance(1_000);
    expect((await login({ email, password: 'anagen-demo' }, {}, owner)).statusCode).toBe(200);
    // Success starts the count again: one slip is not a wait.
    expect((await login({ email, password: 'wrong' }, {}, owner)).statusCode).toBe(401);
    expect((await login({ email, password: 'anagen-demo' }, {}, owner)).statusCode).toBe(200);
    const rows = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', 'demo-user-patient2')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['auth.login.failure', 'auth.login.locked', 'auth.login.success']),
    );
  });

  it('makes an unknown email wait like a real account, and limits failures per address across many emails', async () => {
    t.clock.advance(16 * 60_000);
    const unknown = [];
    for (let i = 0; i < 6; i++) {
      unknown.push(
        (await login({ email: 'no-such-person@example.com', password: `x${i}` }, {}, '192.0.2.1')).statusCode,
      );
    }
    // The same answer as patient2's account above (item 5): nobody learns which emails exist.
    expect(unknown).toEqual([...Array(5).fill(401), 429]);
    expect(
      (await login({ email: 'no-such-person@example.com', password: 'x' }, {}, '192.0.2.9')).statusCode,
    ).toBe(429);
    // Another email from that address is not held up.
    expect((await login({ email: 'someone@example.com', password: 'x' }, {}, '192.0.2.1')).statusCode).toBe(
      401,
    );
    expect(
      (await login({ email: 'desk@example.com', password: 'anagen-demo' }, {}, '192.0.2.1')).statusCode,
    ).toBe(200);

    const spray: number[] = [];
    for (let i = 0; i < 101; i++) {
      spray.push(
        (await login({ email: `nobody${i}@example.com`, password: 'x' }, {}, '192.0.2.2')).statusCode,
      );
    }
    expect(spray.slice(0, 100).every((s) => s === 401)).toBe(true);
    expect(spray[100]).toBe(429);
  });
});

describe.each(DIALECTS)('sign-in limits behind a reverse proxy on %s', (dialect) => {
  // Every request reaches the app from the proxy's address (inject's default, 127.0.0.1). Each try
  // names another email, so only the per-address limit (100 failures) can stop it.
  const failFrom = async (t: TestApp, client: string, times: number) => {
    const codes: number[] = [];
    for (let i = 0; i < times; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': client },
        payload: { email: `nobody${i}.${client}@example.com`, password: `x${i}` },
      });
      codes.push(res.statusCode);
    }
    return codes;
  };

  it('with ANAGEN_TRUST_PROXY naming the proxy, one client’s failures do not hold up another', async () => {
    const t = await createTestApp(dialect, { config: { trustProxy: ['127.0.0.1'] } });
    try {
      expect(await failFrom(t, '198.51.100.1', 101)).toEqual([...Array(100).fill(401), 429]);
      expect(await failFrom(t, '198.51.100.2', 1)).toEqual([401]);
    } finally {
      await t.close();
    }
  });

  it('without it, X-Forwarded-For is ignored, so a client cannot pick a new address per try', async () => {
    const t = await createTestApp(dialect);
    try {
      expect(await failFrom(t, '198.51.100.1', 100)).toEqual(Array(100).fill(401));
      expect(await failFrom(t, '198.51.100.2', 1)).toEqual([429]);
    } finally {
      await t.close();
    }
  });
});

describe('rate limits can be turned off for load tests', () => {
  it('never answers 429 with ANAGEN_RATE_LIMITS=off', async () => {
    const t = await createTestApp('sqlite', { config: { rateLimits: false } });
    try {
      for (let i = 0; i < 25; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'desk@example.com', password: 'nope' },
        });
        expect(res.statusCode).toBe(401);
      }
    } finally {
      await t.close();
    }
  });
});

describe.each(DIALECTS)('two-step sign-in for staff on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const codeAt = (secret: string, ms: number) => generate({ secret, epoch: Math.floor(ms / 1000) });
  const login = (payload: object) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload });

  it('turns on TOTP for a clinician, then requires a fresh code at every sign-in', async () => {
    const cookie = await signIn(t.app, 'clinician@example.com');
    const off = await t.app.inject({ url: '/api/auth/totp', headers: { cookie } });
    expect(off.json()).toEqual({ enabled: false });
    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie } });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toContain('otpauth://totp/');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    const enable = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: await codeAt(secret, t.clock.now()) },
    });
    expect(enable.statusCode).toBe(204);
    const status = await t.app.inject({ url: '/api/auth/totp', headers: { cookie } });
    expect(status.json()).toEqual({ enabled: true });

    const creds = { email: 'clinician@example.com', password: 'anagen-demo' };
    const noCode = await login(creds);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('TOTP_REQUIRED');
    expect(noCode.cookies.find((c) => c.name === 'anagen_session')).toBeUndefined();

    t.clock.advance(60_000);
    const code = await codeAt(secret, t.clock.now());
    expect((await login({ ...creds, totp: code })).statusCode).toBe(200);
    const replay = await login({ ...creds, totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('TOTP_INVALID');
  });

  it('does not offer TOTP set-up to patients', async () => {
    const cookie = await signIn(t.app, 'patient@example.com');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie } })).statusCode,
    ).toBe(403);
  });
});
