import { generate } from 'otplib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../lib/ids';
import { createMailer } from '../../lib/mailer';
import { DIALECTS } from '../../test/dialects';
import { startSmtpInbox } from '../../test/smtp-inbox';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

// Tuesday 2026-11-24 in Los Angeles: the demo providers' consultation slots.
const slot = (hhmmUtc: string) => `2026-11-24T${hhmmUtc}:00.000Z`;

describe.each(DIALECTS)('verified identities (issue 17) on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
  beforeAll(async () => {
    smtp = await startSmtpInbox();
    t = await createTestApp(dialect, {
      mailer: createMailer({ smtpUrl: smtp.url, from: 'clinic@example.com', dataDir: '/nonexistent' }),
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  // Each test starts a fresh per-address sign-in window, so the tests do not share a rate limit.
  beforeEach(() => t.clock.advance(16 * 60_000));

  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
  const register = (email: string, password = 'a-long-password', name = 'Someone') =>
    post('/api/auth/register', { email, password, name });
  const guestBooking = (start: string, email: string, notes?: string) =>
    post('/api/appointments', {
      type: 'consultation',
      start,
      patient: { name: 'Vic Tim', email },
      ...(notes ? { notes } : {}),
    });
  const me = async (cookie: string) =>
    (await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).json();
  const appointmentPatient = async (id: string) =>
    (
      await t.testDb.db.kysely
        .selectFrom('appointments')
        .select('patient_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).patient_id;

  it("does not show a guest's booking to whoever registered their email first", async () => {
    // The attacker registers the victim's address and signs in without ever opening the mail.
    expect((await register('victim@example.org', 'attacker-password')).statusCode).toBe(202);
    const attacker = await signIn(t.app, 'victim@example.org', 'attacker-password');
    const attackerMe = await me(attacker);
    expect(attackerMe.emailVerified).toBe(false);

    const booked = await guestBooking(slot('17:00'), 'victim@example.org', 'private: worried about my scalp');
    expect(booked.statusCode).toBe(201);
    const id = booked.json().id as string;
    expect(await appointmentPatient(id)).not.toBe(attackerMe.patientId);

    const list = await t.app.inject({
      url: `/api/patients/${attackerMe.patientId}/appointments`,
      headers: { cookie: attacker },
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(id);
    expect(list.body).not.toContain('worried');
    expect(
      (await t.app.inject({ url: `/api/appointments/${id}`, headers: { cookie: attacker } })).statusCode,
    ).toBe(404);
    // An unverified account is never offered a claim link for someone's guest booking.
    const claims = await t.testDb.db.kysely
      .selectFrom('account_tokens')
      .select('id')
      .where('purpose', '=', 'booking-claim')
      .execute();
    expect(claims).toHaveLength(0);
  });

  it('answers registration of a known email exactly like a new one, and tells the owner', async () => {
    const fresh = await register('brand-new@example.org');
    const known = await register('patient2@example.com');
    expect(known.statusCode).toBe(fresh.statusCode);
    expect(known.json()).toEqual(fresh.json());
    expect(known.cookies).toEqual(fresh.cookies);
    expect(fresh.cookies).toHaveLength(0);
    await smtp.waitForMail('patient2@example.com', /tried to register/);
    // The known account is untouched: its password still works.
    await signIn(t.app, 'patient2@example.com');
  });

  it('verifies the address with a one-time link stored only as a hash', async () => {
    await register('verify-me@example.org', 'verify-password');
    let token = await smtp.linkToken('verify-me@example.org', 'verify-email');
    const stored = await t.testDb.db.kysely.selectFrom('account_tokens').select('id').execute();
    expect(stored.map((r) => r.id)).toContain(hashToken(token));
    expect(stored.map((r) => r.id)).not.toContain(token);
    const cookie = await signIn(t.app, 'verify-me@example.org', 'verify-password');
    expect((await me(cookie)).emailVerified).toBe(false);
    // A fresh link replaces the first one.
    const sent = smtp.inbox.length;
    expect((await post('/api/auth/verify-email/resend', {}, cookie)).statusCode).toBe(202);
    expect((await post('/api/auth/verify-email', { token })).statusCode).toBe(422);
    token = await smtp.linkToken('verify-me@example.org', 'verify-email', sent);
    expect((await post('/api/auth/verify-email', { token })).statusCode).toBe(200);
    expect((await me(cookie)).emailVerified).toBe(true);
    expect((await post('/api/auth/verify-email', { token })).statusCode).toBe(422);
    expect((await post('/api/auth/verify-email/resend', {}, cookie)).statusCode).toBe(409);
  });

  it("keeps a guest booking out of a verified account's record until its owner claims it signed in", async () => {
    const before = await t.testDb.db.kysely.selectFrom('patients').select('id').execute();
    const booked = await guestBooking(slot('17:30'), 'Patient@Example.com');
    expect(booked.statusCode).toBe(201);
    const id = booked.json().id as string;
    const guestRecord = await appointmentPatient(id);
    expect(guestRecord).not.toBe('demo-patient-1');
    const after = await t.testDb.db.kysely.selectFrom('patients').select('id').execute();
    expect(after.length).toBe(before.length + 1);

    const token = await smtp.linkToken('patient@example.com', 'claim-booking');
    // The link alone is not enough, and neither is another account's sign-in.
    expect((await post('/api/auth/claim-booking', { token })).statusCode).toBe(401);
    const other = await signIn(t.app, 'patient2@example.com');
    expect((await post('/api/auth/claim-booking', { token }, other)).statusCode).toBe(422);
    const owner = await signIn(t.app, 'patient@example.com');
    const claimed = await post('/api/auth/claim-booking', { token }, owner);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ patientId: 'demo-patient-1', moved: { appointments: 1 } });
    expect(await appointmentPatient(id)).toBe('demo-patient-1');
    const gone = await t.testDb.db.kysely
      .selectFrom('patients')
      .select('id')
      .where('id', '=', guestRecord)
      .execute();
    expect(gone).toHaveLength(0);
    expect((await post('/api/auth/claim-booking', { token }, owner)).statusCode).toBe(422);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('patient_id', '=', 'demo-patient-1')
      .where('action', '=', 'patient.merge')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toContain(guestRecord);
  });

  it('resets a password by email: same answer for unknown emails, single use, sessions end', async () => {
    const oldSession = await signIn(t.app, 'patient2@example.com');
    const sentBefore = smtp.inbox.length;
    const unknown = await post('/api/auth/password-reset/request', { email: 'nobody@example.org' });
    const known = await post('/api/auth/password-reset/request', { email: 'PATIENT2@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    const token = await smtp.linkToken('patient2@example.com', 'reset-password', sentBefore);
    expect(smtp.inbox.slice(sentBefore).map((m) => m.to)).toEqual([['patient2@example.com']]);
    const stored = await t.testDb.db.kysely
      .selectFrom('account_tokens')
      .select('id')
      .where('purpose', '=', 'password-reset')
      .execute();
    expect(stored.map((r) => r.id)).toContain(hashToken(token));

    const reset = await post('/api/auth/password-reset', { token, password: 'a-brand-new-password' });
    expect(reset.statusCode).toBe(200);
    expect(reset.cookies).toHaveLength(0);
    expect(reset.json().sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: oldSession } })).statusCode).toBe(
      401,
    );
    expect(
      (await post('/api/auth/login', { email: 'patient2@example.com', password: 'anagen-demo' })).statusCode,
    ).toBe(401);
    await signIn(t.app, 'patient2@example.com', 'a-brand-new-password');
    expect(
      (await post('/api/auth/password-reset', { token, password: 'yet-another-password' })).statusCode,
    ).toBe(422);
  });

  it('lets a reset link expire after an hour', async () => {
    await post('/api/auth/password-reset/request', { email: 'desk@example.com' });
    const token = await smtp.linkToken('desk@example.com', 'reset-password');
    t.clock.advance(61 * 60_000);
    expect(
      (await post('/api/auth/password-reset', { token, password: 'too-late-password' })).statusCode,
    ).toBe(422);
    await signIn(t.app, 'desk@example.com');
  });

  it('needs the authenticator code as well when the account has two-step sign-in', async () => {
    const cookie = await signIn(t.app, 'clinician@example.com');
    const setup = await post('/api/auth/totp/setup', {}, cookie);
    const { secret } = setup.json();
    const code = () => generate({ secret, epoch: Math.floor(t.clock.now() / 1000) });
    expect((await post('/api/auth/totp/enable', { code: await code() }, cookie)).statusCode).toBe(204);
    t.clock.advance(60_000);

    await post('/api/auth/password-reset/request', { email: 'clinician@example.com' });
    const token = await smtp.linkToken('clinician@example.com', 'reset-password');
    const noCode = await post('/api/auth/password-reset', { token, password: 'mailbox-only-password' });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('TOTP_REQUIRED');
    const wrong = await post('/api/auth/password-reset', {
      token,
      password: 'mailbox-only-password',
      totp: '000000',
    });
    expect(wrong.json().code).toBe('TOTP_INVALID');
    // Nothing changed so far: the old password still signs in (with a code).
    const old = await post('/api/auth/login', {
      email: 'clinician@example.com',
      password: 'anagen-demo',
      totp: await code(),
    });
    expect(old.statusCode).toBe(200);
    t.clock.advance(60_000);
    const ok = await post('/api/auth/password-reset', {
      token,
      password: 'with-code-password',
      totp: await code(),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies).toHaveLength(0);
    // Signing in afterwards still asks for the second step.
    const next = await post('/api/auth/login', {
      email: 'clinician@example.com',
      password: 'with-code-password',
    });
    expect(next.json().code).toBe('TOTP_REQUIRED');

    // A reset an administrator sends does not skip the second step either.
    const admin = await signIn(t.app, 'admin@example.com');
    expect((await post('/api/admin/staff/demo-user-clinician/reset-password', {}, admin)).statusCode).toBe(
      200,
    );
    const staffToken = await smtp.linkToken('clinician@example.com', 'accept-invite');
    const accepted = await post('/api/auth/accept-invite', {
      token: staffToken,
      password: 'admin-reset-password',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.cookies).toHaveLength(0);
    const after = await post('/api/auth/login', {
      email: 'clinician@example.com',
      password: 'admin-reset-password',
    });
    expect(after.json().code).toBe('TOTP_REQUIRED');
  });

  it('answers the account lock the same way for an unknown email as for a real one', async () => {
    const attempt = (email: string) => post('/api/auth/login', { email, password: 'wrong-password-1' });
    const answers: Record<string, { status: number; body: unknown; retryAfter: unknown }[]> = {};
    for (const email of ['admin@example.com', 'no-account@example.org']) {
      answers[email] = [];
      for (let i = 0; i < 6; i++) {
        const res = await attempt(email);
        answers[email]!.push({
          status: res.statusCode,
          body: res.json(),
          retryAfter: res.headers['retry-after'],
        });
      }
    }
    expect(answers['admin@example.com']!.at(-1)!.status).toBe(429);
    expect(answers['no-account@example.org']).toEqual(answers['admin@example.com']);
  });
});
