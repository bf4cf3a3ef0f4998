import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { useDemoTestApp } from '../../test/test-app';
import { form, plainPng } from './test-images';

describe.each(DIALECTS)('removing a photo filed by mistake on %s', (dialect) => {
  const t = useDemoTestApp(dialect);
  const { cookies } = t;

  const del = (id: string, who: string, payload: object = { reason: 'Uploaded to the wrong record.' }) =>
    t.app.inject({ method: 'DELETE', url: `/api/photos/${id}`, headers: { cookie: cookies[who]! }, payload });
  const row = (id: string) =>
    t.deps.db.kysely.selectFrom('photos').selectAll().where('id', '=', id).executeTakeFirst();

  it('lets a patient remove a photo they uploaded, with its files, and keeps the reason in the audit log', async () => {
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/patients/demo-patient-1/photos',
      headers: { cookie: cookies.patient! },
      payload: form({ view: 'frontal' }, { data: await plainPng() }),
    });
    const photo = (await row(up.json().id))!;
    expect((await del(photo.id, 'patient2')).statusCode).toBe(404);
    expect((await del(photo.id, 'patient', {})).statusCode).toBe(400);
    const res = await del(photo.id, 'patient');
    expect(res.statusCode).toBe(204);
    expect(await row(photo.id)).toBeUndefined();
    const files = await t.deps.storage.list();
    for (const key of [photo.image_key, photo.thumb_key, photo.original_key])
      expect(files).not.toContain(key);
    expect(
      (await t.app.inject({ url: `/api/photos/${photo.id}/image`, headers: { cookie: cookies.patient! } }))
        .statusCode,
    ).toBe(404);
    const audit = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['actor_role', 'detail'])
      .where('action', '=', 'photo.deleted')
      .where('resource_id', '=', photo.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_role).toBe('patient');
    expect(audit.detail).toContain('Uploaded to the wrong record.');
  });

  it('lets only clinicians remove clinic photos, measurements, corrections, verifications and hair lists included', async () => {
    // demo-photo-p1-tricho-2 was taken by the clinic and has an automatic measurement.
    const auto = await t.deps.db.kysely
      .selectFrom('measurements')
      .select('id')
      .where('photo_id', '=', 'demo-photo-p1-tricho-2')
      .executeTakeFirstOrThrow();
    const corrected = await t.app.inject({
      method: 'POST',
      url: `/api/measurements/${auto.id}/corrections`,
      headers: { cookie: cookies.clinician! },
      payload: { hairCount: 60, reason: 'Recounted.' },
    });
    expect(corrected.statusCode).toBe(201);
    const verified = await t.app.inject({
      method: 'POST',
      url: `/api/measurements/${auto.id}/verification`,
      headers: { cookie: cookies.clinician! },
      payload: { hairs: [{ x: 5, y: 5 }] },
    });
    expect(verified.statusCode).toBe(201);
    expect((await del('demo-photo-p1-tricho-2', 'patient')).statusCode).toBe(403);
    expect((await del('demo-photo-p1-tricho-2', 'desk')).statusCode).toBe(403);
    expect((await del('demo-photo-p1-tricho-2', 'admin')).statusCode).toBe(403);
    expect((await del('demo-photo-p1-tricho-2', 'clinician')).statusCode).toBe(204);
    const left = await t.deps.db.kysely
      .selectFrom('measurements')
      .select('id')
      .where('photo_id', '=', 'demo-photo-p1-tricho-2')
      .execute();
    expect(left).toEqual([]);
    const hairLists = await t.deps.db.kysely
      .selectFrom('measurement_hairs')
      .select('measurement_id')
      .where('measurement_id', 'in', [auto.id, verified.json().id])
      .execute();
    expect(hairLists).toEqual([]);
    expect((await del('demo-photo-p1-tricho-2', 'clinician')).statusCode).toBe(404);
  });
});
