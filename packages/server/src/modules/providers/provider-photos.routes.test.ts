import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signIn, type TestApp } from '../../test/test-app';
import { exifHasGps, form, jpegWithGps, pngBomb } from '../photos/test-images';

describe.each(DIALECTS)('clinician portraits on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await signIn(t.app, 'admin@example.com');
  });
  afterAll(() => t.close());

  const put = (id: string, payload: FormData, cookie = admin) =>
    t.app.inject({ method: 'PUT', url: `/api/admin/providers/${id}/photo`, headers: { cookie }, payload });
  const publicList = async () =>
    (await t.app.inject({ url: '/api/providers' })).json() as { id: string; photoUrl: string | null }[];
  const storedKeys = async () => (await t.deps.storage.list()).filter((k) => k.startsWith('providers/'));

  it('stores a square portrait without metadata, serves it publicly, and replaces it on a new upload', async () => {
    const jpeg = await jpegWithGps(300, 200);
    expect(exifHasGps((await sharp(jpeg).metadata()).exif)).toBe(true);
    const res = await put('demo-provider-chen', form({}, { data: jpeg }));
    expect(res.statusCode).toBe(200);
    const first = res.json().photoUrl as string;
    expect(first).toMatch(/^\/api\/providers\/demo-provider-chen\/photo\?v=[\w-]+$/);
    expect((await publicList()).find((p) => p.id === 'demo-provider-chen')?.photoUrl).toBe(first);

    const served = await t.app.inject({ url: first });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toContain('immutable');
    const meta = await sharp(served.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 256, 256]);
    expect(meta.exif).toBeUndefined();
    expect(served.rawPayload.includes(Buffer.from('TestCam'))).toBe(false);
    // The bare address works too, but may not be cached as if it never changed.
    const bare = await t.app.inject({ url: '/api/providers/demo-provider-chen/photo' });
    expect(bare.headers['cache-control']).toBe('no-cache');

    const second = (await put('demo-provider-chen', form({}, { data: await jpegWithGps(120, 160) }))).json()
      .photoUrl as string;
    expect(second).not.toBe(first);
    expect(await storedKeys()).toHaveLength(1); // the earlier file is gone
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', 'demo-provider-chen')
      .where('action', 'like', '%photo%')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses what is not a usable image, keeping the current portrait', async () => {
    const current = (await publicList()).find((p) => p.id === 'demo-provider-chen')?.photoUrl;
    const cases: [FormData, number][] = [
      [form({}, { data: Buffer.from('not an image at all'), name: 'me.jpg' }), 415],
      [form({}, { data: pngBomb() }), 413],
      [form({ note: 'no file' }), 400],
    ];
    for (const [payload, status] of cases) {
      const res = await put('demo-provider-chen', payload);
      expect(res.statusCode).toBe(status);
      expect(res.json().title ?? res.json().message).toBeTruthy();
    }
    expect((await put('nobody', form({}, { data: await jpegWithGps() }))).statusCode).toBe(404);
    const clinician = await signIn(t.app, 'clinician@example.com');
    expect(
      (await put('demo-provider-chen', form({}, { data: await jpegWithGps() }), clinician)).statusCode,
    ).toBe(403);
    expect((await publicList()).find((p) => p.id === 'demo-provider-chen')?.photoUrl).toBe(current);
    expect(await storedKeys()).toHaveLength(1);
  });

  it('removes a portrait; an inactive clinician’s portrait is not served', async () => {
    const url = (await publicList()).find((p) => p.id === 'demo-provider-chen')!.photoUrl!;
    await t.testDb.db.kysely
      .updateTable('providers')
      .set({ active: 0 })
      .where('id', '=', 'demo-provider-chen')
      .execute();
    expect((await t.app.inject({ url })).statusCode).toBe(404);
    await t.testDb.db.kysely
      .updateTable('providers')
      .set({ active: 1 })
      .where('id', '=', 'demo-provider-chen')
      .execute();
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/admin/providers/demo-provider-chen/photo',
      headers: { cookie: admin },
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().photoUrl).toBeNull();
    expect((await t.app.inject({ url })).statusCode).toBe(404);
    expect(await storedKeys()).toHaveLength(0);
  });
});
