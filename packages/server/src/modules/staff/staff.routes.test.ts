import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../../lib/mailer';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

describe.each(DIALECTS)('staff accounts on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  const outbox: MailMessage[] = [];
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      mailer: {
        send: async (m) => {
          outbox.push(m);
          return { response: 'ok', messageId: String(outbox.length) };
        },
      },
    });
    admin = await signIn(t.app, 'admin@example.com');
  });
  afterAll(() => t.close());

  const as = (cookie: string) => ({ cookie });
  const lastLinkToken = (to: string) => {
    const mail = [...outbox].reverse().find((m) => m.to === to);
    const m = /accept-invite\?token=([\w%-]+)/.exec(mail?.text ?? '');
    if (!m) throw new Error(`no link mailed to ${to}`);
    return decodeURIComponent(m[1]!);
  };
  const accept = (token: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/accept-invite', payload: { token, password } });

  it('invites by email with a one-time link whose token is stored only as a hash', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff/invite',
      headers: as(admin),
      payload: { email: 'New.Nurse@Example.com', name: 'Nia Nurse', role: 'clinician' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      emailSent: true,
      member: { email: 'new.nurse@example.com', role: 'clinician', active: true, invitePending: true },
    });
    const token = lastLinkToken('new.nurse@example.com');
    const stored = await t.testDb.db.kysely.selectFrom('user_tokens').select(['id', 'purpose']).execute();
    expect(stored.some((s) => s.id === token)).toBe(false);
    expect(stored.map((s) => s.purpose)).toContain('invite');
    // No password yet: sign-in is impossible until the link is used.
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'new.nurse@example.com', password: 'whatever-password' },
    });
    expect(early.statusCode).toBe(401);
  });

  it('sets the password from the link once, signs the person in, and refuses the link a second time', async () => {
    const token = lastLinkToken('new.nurse@example.com');
    const weak = await accept(token, 'short');
    expect(weak.statusCode).toBe(400);
    const ok = await accept(token, 'a-good-long-password');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ email: 'new.nurse@example.com', role: 'clinician' });
    const cookie = ok.cookies.find((c) => c.name === 'anagen_session');
    const me = await t.app.inject({ url: '/api/auth/me', headers: as(`anagen_session=${cookie?.value}`) });
    expect(me.json().name).toBe('Nia Nurse');
    expect((await accept(token, 'another-long-password')).statusCode).toBe(422);
    await signIn(t.app, 'new.nurse@example.com', 'a-good-long-password');
  });

  it('refuses a duplicate email with a field error, and saves nothing', async () => {
    const before = (await t.app.inject({ url: '/api/admin/staff', headers: as(admin) })).json().length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff/invite',
      headers: as(admin),
      payload: { email: 'desk@example.com', name: 'Again', role: 'desk' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ path: 'body.email', field: 'email', message: expect.any(String) }]);
    expect((await t.app.inject({ url: '/api/admin/staff', headers: as(admin) })).json()).toHaveLength(before);
    const badRole = await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff/invite',
      headers: as(admin),
      payload: { email: 'x@example.com', name: 'X', role: 'patient' },
    });
    expect(badRole.statusCode).toBe(400);
  });

  it('expires an unused invitation after seven days', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff/invite',
      headers: as(admin),
      payload: { email: 'late@example.com', name: 'Late Comer', role: 'desk' },
    });
    const token = lastLinkToken('late@example.com');
    t.clock.advance(7 * 24 * 3600_000 + 1);
    try {
      expect((await accept(token, 'a-good-long-password')).statusCode).toBe(422);
    } finally {
      t.clock.advance(-(7 * 24 * 3600_000 + 1));
    }
  });

  it('deactivates a staff member: their live session stops working at once and sign-in is refused', async () => {
    const desk = await signIn(t.app, 'desk@example.com');
    expect((await t.app.inject({ url: '/api/auth/me', headers: as(desk) })).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff/demo-user-desk/deactivate',
      headers: as(admin),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await t.app.inject({ url: '/api/auth/me', headers: as(desk) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/patients?q=a', headers: as(desk) })).statusCode).toBe(401);
    const sessions = await t.testDb.db.kysely
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', 'demo-user-desk')
      .execute();
    expect(sessions).toEqual([]);
    await expect(signIn(t.app, 'desk@example.com')).rejects.toThrow(/401/);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['actor_id', 'resource_id'])
      .where('action', '=', 'admin.staff.deactivate')
      .execute();
    expect(audit).toEqual([{ actor_id: 'demo-user-admin', resource_id: 'demo-user-desk' }]);
    await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff/demo-user-desk/reactivate',
      headers: as(admin),
    });
    await signIn(t.app, 'desk@example.com');
  });

  it('takes a deactivated clinician’s provider profile out of booking', async () => {
    const slots = async () =>
      (
        await t.app.inject({
          url: '/api/availability?type=consultation&from=2026-11-24&to=2026-11-24&providerId=demo-provider-morgan',
        })
      ).json().slots as unknown[];
    expect((await slots()).length).toBeGreaterThan(0);
    await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff/demo-user-clinician/deactivate',
      headers: as(admin),
    });
    expect(await slots()).toEqual([]);
    const p = await t.testDb.db.kysely
      .selectFrom('providers')
      .select('active')
      .where('id', '=', 'demo-provider-morgan')
      .executeTakeFirstOrThrow();
    expect(p.active).toBe(0);
    await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff/demo-user-clinician/reactivate',
      headers: as(admin),
    });
    await t.testDb.db.kysely
      .updateTable('providers')
      .set({ active: 1 })
      .where('id', '=', 'demo-provider-morgan')
      .execute();
  });

  it('does not let an admin deactivate or demote themself', async () => {
    const off = await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff/demo-user-admin/deactivate',
      headers: as(admin),
    });
    expect(off.statusCode).toBe(409);
    const demote = await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/staff/demo-user-admin',
      headers: as(admin),
      payload: { role: 'desk' },
    });
    expect(demote.statusCode).toBe(409);
    expect((await t.app.inject({ url: '/api/auth/me', headers: as(admin) })).json().role).toBe('admin');
  });

  it('keeps a clinician with a provider profile a clinician until the profile is unlinked', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/staff/demo-user-clinician',
      headers: as(admin),
      payload: { role: 'desk' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ path: 'body.role', field: 'role', message: expect.any(String) }]);
  });

  it('changes a role, effective on the next request', async () => {
    const desk = await signIn(t.app, 'desk@example.com');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/staff/demo-user-desk',
      headers: as(admin),
      payload: { role: 'clinician' },
    });
    expect(res.json().role).toBe('clinician');
    expect((await t.app.inject({ url: '/api/auth/me', headers: as(desk) })).json().role).toBe('clinician');
    await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/staff/demo-user-desk',
      headers: as(admin),
      payload: { role: 'desk' },
    });
  });

  it('resets a password with a one-time link that ends the old sessions when used', async () => {
    const old = await signIn(t.app, 'clinician@example.com');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff/demo-user-clinician/reset-password',
      headers: as(admin),
    });
    expect(res.statusCode).toBe(200);
    const token = lastLinkToken('clinician@example.com');
    expect(outbox.at(-1)?.subject).toMatch(/new Anagen password/);
    expect((await accept(token, 'brand-new-password-1')).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: as(old) })).statusCode).toBe(401);
    await expect(signIn(t.app, 'clinician@example.com')).rejects.toThrow(/401/);
    await signIn(t.app, 'clinician@example.com', 'brand-new-password-1');
  });

  it('answers 404 for a patient account or an unknown id', async () => {
    for (const id of ['demo-user-patient', 'nobody']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/admin/staff/${id}/deactivate`,
        headers: as(admin),
      });
      expect(res.statusCode).toBe(404);
    }
  });
});
