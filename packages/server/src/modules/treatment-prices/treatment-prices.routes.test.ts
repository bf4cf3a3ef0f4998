import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';

describe.each(DIALECTS)('treatment prices on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let clinician: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await signIn(t.app, 'admin@example.com');
    clinician = await signIn(t.app, 'clinician@example.com');
  });
  afterAll(() => t.close());

  const prices = async () => (await t.app.inject({ url: '/api/treatment-prices' })).json();
  const put = (slug: string, payload: object, cookie = admin) =>
    t.app.inject({ method: 'PUT', url: `/api/treatment-prices/${slug}`, payload, headers: { cookie } });
  const PRP = {
    inductionSessions: 3,
    intervalWeeks: 4,
    pricePerSessionCents: 65_000,
    maintenanceSessionsPerYear: 2,
    monthlyMedicationCents: 0,
  };

  it('lists the demo defaults publicly, with their source', async () => {
    const list = await prices();
    const prp = list.find((p: { treatmentSlug: string }) => p.treatmentSlug === 'prp');
    expect(prp).toMatchObject({ origin: 'default', updatedAt: null });
    expect(prp).toMatchObject({
      pricePerSessionRangeCents: [50_000, 200_000],
      monthlyMedicationRangeCents: null,
    });
    expect(prp.sourceName.length).toBeGreaterThan(0);
    expect(list.length).toBeGreaterThan(5);
  });

  it('lets an admin set the clinic’s price, audited, and serves it from then on', async () => {
    const res = await put('prp', PRP);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ...PRP, origin: 'clinic', treatmentSlug: 'prp' });
    expect(res.json()).toMatchObject({ pricePerSessionRangeCents: null, sourceDated: null });
    const again = await put('prp', { ...PRP, pricePerSessionCents: 70_000 });
    expect(again.json().pricePerSessionCents).toBe(70_000);
    const listed = (await prices()).find((p: { treatmentSlug: string }) => p.treatmentSlug === 'prp');
    expect(listed.pricePerSessionCents).toBe(70_000);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('resource', '=', 'treatment-price')
      .execute();
    expect(audit).toEqual([
      { action: 'treatment-price.update', actor_id: 'demo-user-admin' },
      { action: 'treatment-price.update', actor_id: 'demo-user-admin' },
    ]);
  });

  it('refuses negative prices, unknown treatments and non-admins', async () => {
    const neg = await put('prp', { ...PRP, pricePerSessionCents: -1 });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().errors[0].path).toBe('body.pricePerSessionCents');
    expect((await put('no-such-treatment', PRP)).statusCode).toBe(404);
    expect((await put('prp', PRP, clinician)).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/treatment-prices/prp', payload: PRP })).statusCode,
    ).toBe(401);
  });
});
