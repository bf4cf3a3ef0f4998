import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../test/dialects';
import { createTestApp, signIn, type TestApp } from '../test/test-app';
import { DEV_KEY_FILE, keyringFor, openSecret, resealTotpSecrets, SecretKeyMissingError } from './secret-box';

const newKey = () => randomBytes(32).toString('base64');

describe.each(DIALECTS)('TOTP secrets at rest on %s', (dialect) => {
  let t: TestApp;
  const keyA = newKey();
  const keyB = newKey();
  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { secretKey: keyA } });
  });
  afterAll(() => t.close());
  const stored = async (email: string) =>
    (
      await t.testDb.db.kysely
        .selectFrom('users')
        .select('totp_secret')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).totp_secret;

  it('are stored encrypted, never as the secret the authenticator app got', async () => {
    const cookie = await signIn(t.app, 'clinician@example.com');
    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie } });
    const { secret } = setup.json() as { secret: string };
    const enable = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: await generate({ secret, epoch: Math.floor(t.clock.now() / 1000) }) },
    });
    expect(enable.statusCode).toBe(204);
    const atRest = (await stored('clinician@example.com'))!;
    expect(atRest).toMatch(/^v1:[0-9a-f]{16}:/);
    expect(atRest).not.toContain(secret);
    expect(openSecret(keyringFor(t.config), atRest)).toBe(secret);
    // Not readable with another key.
    expect(() =>
      openSecret(keyringFor({ ...t.config, secretKey: keyB, previousSecretKeys: [] }), atRest),
    ).toThrow(SecretKeyMissingError);

    // Rotation: B current, A previous; after re-sealing, B alone reads it and sign-in still works.
    const rotated = { ...t.config, secretKey: keyB, previousSecretKeys: [keyA] };
    expect(await resealTotpSecrets(t.testDb.db.kysely, keyringFor(rotated))).toBe(1);
    expect(await resealTotpSecrets(t.testDb.db.kysely, keyringFor(rotated))).toBe(0);
    const afterRotation = (await stored('clinician@example.com'))!;
    expect(openSecret(keyringFor({ ...rotated, previousSecretKeys: [] }), afterRotation)).toBe(secret);
    expect(() => openSecret(keyringFor(t.config), afterRotation)).toThrow(SecretKeyMissingError);
  });

  it('left in plaintext by an older version are encrypted, and the same code still works', async () => {
    const secret = 'PT5KADHY6LX4YESJCWZ6VRV5J4URAFLA';
    await t.testDb.db.kysely
      .updateTable('users')
      .set({ totp_secret: secret, totp_enabled: 1, totp_last_step: null })
      .where('email', '=', 'desk@example.com')
      .execute();
    // The clinician's secret is under B since the rotation above: a ring with B as previous reads it.
    const ring = keyringFor({ ...t.config, previousSecretKeys: [keyB] });
    expect(await resealTotpSecrets(t.testDb.db.kysely, ring)).toBe(2);
    const atRest = (await stored('desk@example.com'))!;
    expect(atRest.startsWith('v1:')).toBe(true);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: {
        email: 'desk@example.com',
        password: 'anagen-demo',
        totp: await generate({ secret, epoch: Math.floor(t.clock.now() / 1000) }),
      },
    });
    expect(login.statusCode).toBe(200);
  });
});

describe('the secret key', () => {
  it('is required in production and generated owner-only into the data dir in development', () => {
    const dataDir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'anagen-key-'));
    try {
      const base = { secretKey: undefined, previousSecretKeys: [], dataDir };
      expect(() => keyringFor({ ...base, production: true })).toThrow(/ANAGEN_SECRET_KEY is not set/);
      const dev = keyringFor({ ...base, production: false });
      expect(dev.source).toBe('generated');
      const file = path.join(dataDir, DEV_KEY_FILE);
      expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
      // The same key on the next start (a fresh cache key: another previous-keys list).
      const again = keyringFor({ ...base, production: false, previousSecretKeys: [newKey()] });
      expect(again.currentId).toBe(dev.currentId);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
