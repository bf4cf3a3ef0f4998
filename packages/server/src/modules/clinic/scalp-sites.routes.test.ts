import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signInDemoPeople, type TestApp } from '../../test/test-app';
import { form, plainPng } from '../photos/test-images';

describe.each(DIALECTS)('clinic close-up sites on %s', (dialect) => {
  let t: TestApp;
  let cookies: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    cookies = await signInDemoPeople(t.app);
  });
  afterAll(() => t.close());

  const call = (who: string | null, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      payload: payload as object,
      headers: who ? { cookie: cookies[who]! } : {},
    });
  const paths = (res: { json(): { errors?: { path: string }[] } }) =>
    (res.json().errors ?? []).map((e) => e.path);

  it('lets the admin add the clinic’s own sites, which every signed-in user can list and use', async () => {
    expect((await call('patient', 'GET', '/api/scalp-sites')).json()).toEqual([]);
    const policiesBefore = (await call('admin', 'GET', '/api/admin/policies')).json();
    const sites = [
      { slug: 'crown-left', label: 'Crown, left of the whorl', zone: 'vertex' },
      { slug: 'scar-edge', label: 'Edge of the donor scar' },
    ];
    const saved = await call('admin', 'PUT', '/api/admin/scalp-sites', sites);
    expect(saved.statusCode).toBe(200);
    const expected = [sites[0], { ...sites[1], zone: null }];
    expect(saved.json()).toEqual(expected);
    expect((await call('patient', 'GET', '/api/scalp-sites')).json()).toEqual(expected);
    // Other settings are kept.
    expect((await call('admin', 'GET', '/api/admin/policies')).json()).toEqual(policiesBefore);

    // A close-up at a clinic site is stored and listed under it.
    const photo = await t.app.inject({
      method: 'POST',
      url: '/api/patients/demo-patient-1/photos',
      headers: { cookie: cookies.clinician! },
      payload: form(
        { view: 'trichoscopy', site: 'crown-left', umPerPx: 8 },
        { data: await plainPng(64, 48), type: 'image/png', name: 'c.png' },
      ),
    });
    expect(photo.statusCode).toBe(201);
    expect(photo.json().site).toBe('crown-left');
  });

  it('refuses a standard or repeated slug, a bad zone, and anyone but the admin, saving nothing', async () => {
    const before = (await call('patient', 'GET', '/api/scalp-sites')).json();
    const standard = await call('admin', 'PUT', '/api/admin/scalp-sites', [
      { slug: 'frontal', label: 'Front' },
    ]);
    expect(standard.statusCode).toBe(400);
    expect(paths(standard)).toEqual(['body.0.slug']);
    const twice = await call('admin', 'PUT', '/api/admin/scalp-sites', [
      { slug: 'a-site', label: 'A' },
      { slug: 'a-site', label: 'A again' },
    ]);
    expect(paths(twice)).toEqual(['body.1.slug']);
    const zone = await call('admin', 'PUT', '/api/admin/scalp-sites', [
      { slug: 'x', label: 'X', zone: 'moon' },
    ]);
    expect(paths(zone)).toEqual(['body.0.zone']);
    const slug = await call('admin', 'PUT', '/api/admin/scalp-sites', [{ slug: 'Crown Left', label: 'X' }]);
    expect(paths(slug)).toEqual(['body.0.slug']);
    expect((await call('clinician', 'PUT', '/api/admin/scalp-sites', [])).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/scalp-sites')).statusCode).toBe(401);
    expect((await call('patient', 'GET', '/api/scalp-sites')).json()).toEqual(before);
  });

  it('drops only a broken stored entry, keeping the others', async () => {
    const db = t.testDb.db.kysely;
    const row = await db.selectFrom('clinics').select(['id', 'settings_json']).executeTakeFirstOrThrow();
    const settings = JSON.parse(row.settings_json);
    settings.customSites = [
      { slug: 'ok-site', label: 'OK', zone: null },
      { slug: 'Bad Slug', label: 'broken by hand' },
      { slug: 'frontal', label: 'a standard slug' },
    ];
    await db
      .updateTable('clinics')
      .set({ settings_json: JSON.stringify(settings) })
      .where('id', '=', row.id)
      .execute();
    expect((await call('patient', 'GET', '/api/scalp-sites')).json()).toEqual([
      { slug: 'ok-site', label: 'OK', zone: null },
    ]);
  });
});
