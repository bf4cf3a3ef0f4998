import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { useDemoTestApp } from '../../test/test-app';
import { makeOutcomePatient } from '../outcomes/outcomes.factory';
import { form, jpegWithGps } from '../photos/test-images';

const P1 = 'demo-patient-1';
const BEFORE = 'demo-photo-p1-vertex-1';
const AFTER = 'demo-photo-p1-vertex-4';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(DIALECTS)('verified before-and-after publications on %s', (dialect) => {
  const t = useDemoTestApp(dialect);
  const { cookies } = t;

  const post = (url: string, who: string | null, payload: object = {}) =>
    t.app.inject({ method: 'POST', url, headers: who ? { cookie: cookies[who]! } : {}, payload });
  const get = (url: string, who?: string) =>
    t.app.inject({ url, headers: who ? { cookie: cookies[who]! } : {} });
  const propose = (body: object, who = 'clinician', patient = P1) =>
    post(`/api/patients/${patient}/publications`, who, body);
  const count = async () =>
    Number(
      (
        await t.deps.db.kysely
          .selectFrom('publications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const publishedKeys = async () => (await t.deps.storage.list()).filter((k) => k.startsWith('published/'));
  const upload = async (view: string, takenAt: number, data: Buffer, who = 'clinician') =>
    (
      await t.app.inject({
        method: 'POST',
        url: `/api/patients/${P1}/photos`,
        headers: { cookie: cookies[who]! },
        payload: form({ view, takenAt }, { data }),
      })
    ).json().id as string;

  it('refuses bad pairs with a 4xx and stores nothing', async () => {
    const otherPatients = 'demo-photo-p2-midline-1';
    const patientsOwn = await upload(
      'vertex',
      t.clock.now() - 86_400_000,
      await jpegWithGps(64, 48),
      'patient',
    );
    const cases: [object, number][] = [
      [{ beforePhotoId: BEFORE, afterPhotoId: BEFORE }, 400],
      [{ beforePhotoId: BEFORE, afterPhotoId: otherPatients }, 400],
      [{ beforePhotoId: 'no-such-photo', afterPhotoId: AFTER }, 400],
      [{ beforePhotoId: AFTER, afterPhotoId: BEFORE }, 422],
      [{ beforePhotoId: BEFORE, afterPhotoId: 'demo-photo-p1-tricho-4' }, 422],
      [{ beforePhotoId: BEFORE, afterPhotoId: patientsOwn }, 422],
      [
        { beforePhotoId: BEFORE, afterPhotoId: AFTER, crop: { left: 0.5, top: 0, width: 0.8, height: 1 } },
        400,
      ],
      [{ beforePhotoId: BEFORE }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await propose(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(
      (await propose({ beforePhotoId: BEFORE, afterPhotoId: AFTER }, 'clinician', 'no-such-patient'))
        .statusCode,
    ).toBe(404);
    expect(await count()).toBe(0);
  });

  it('lets only clinicians propose, only that patient consent, and hides a pair from other patients', async () => {
    const body = { beforePhotoId: BEFORE, afterPhotoId: AFTER };
    expect((await propose(body, 'desk')).statusCode).toBe(403);
    expect((await propose(body, 'admin')).statusCode).toBe(403);
    expect((await propose(body, 'patient')).statusCode).toBe(403);
    expect((await post(`/api/patients/${P1}/publications`, null, body)).statusCode).toBe(401);
    const res = await propose({ ...body, crop: { left: 0.1, top: 0.1, width: 0.8, height: 0.8 } });
    expect(res.statusCode).toBe(201);
    const { id, status } = res.json();
    expect(status).toBe('awaiting-consent');
    expect((await propose(body)).statusCode).toBe(409);

    expect((await post(`/api/publications/${id}/consent`, 'clinician', { showFace: true })).statusCode).toBe(
      403,
    );
    expect((await post(`/api/publications/${id}/consent`, 'patient2', { showFace: true })).statusCode).toBe(
      404,
    );
    const otherPatient = await post(`/api/publications/${id}/withdraw`, 'patient2');
    expect(otherPatient.statusCode).toBe(404);
    expect(otherPatient.json().detail).toBe('Publication was not found.');
    const desk = await post(`/api/publications/${id}/withdraw`, 'desk');
    expect(desk.statusCode).toBe(403);
    expect(desk.json().code).toBe('FORBIDDEN');
    expect((await get(`/api/publications/${id}`, 'patient2')).statusCode).toBe(404);
    expect((await get(`/api/publications/${id}/preview/before`, 'patient2')).statusCode).toBe(404);
    expect((await get(`/api/publications/${id}/preview/before`, 'desk')).statusCode).toBe(403);
    expect((await get(`/api/patients/${P1}/publications`, 'desk')).statusCode).toBe(403);
    expect((await get('/api/patients/no-such-patient/publications', 'clinician')).statusCode).toBe(404);
    const mine = await get(`/api/patients/${P1}/publications`, 'patient');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual([
      expect.objectContaining({ id, status: 'awaiting-consent', showFace: null }),
    ]);
    const denied = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', id)
      .where('action', 'like', '%.denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(3);
    await post(`/api/publications/${id}/withdraw`, 'clinician');
  });

  it('never lets an unconsented pair be fetched publicly', async () => {
    const { id } = (await propose({ beforePhotoId: BEFORE, afterPhotoId: AFTER })).json();
    expect(await publishedKeys()).toEqual([]);
    const list = await get('/api/public/results');
    expect(list.statusCode).toBe(200);
    expect(list.json().map((r: { id: string }) => r.id)).not.toContain(id);
    // Even knowing the preview's hash, the public file route has nothing to give.
    const preview = await get(`/api/publications/${id}/preview/before`, 'patient');
    expect(preview.statusCode).toBe(200);
    const guess = String(preview.headers['x-content-sha256']).slice(0, 16);
    expect((await get(`/api/public/results/${id}/before-${guess}.jpg`)).statusCode).toBe(404);
    expect((await get(`/results/${id}/verify`)).statusCode).toBe(404);
    expect((await get('/treatments/prp/results')).body).not.toContain(id);
    await post(`/api/publications/${id}/withdraw`, 'patient');
  });

  it('publishes on consent the exact previewed bytes, whose SHA-256 the public list states, without metadata', async () => {
    const { id } = (await propose({ beforePhotoId: BEFORE, afterPhotoId: AFTER })).json();
    const preview = await get(`/api/publications/${id}/preview/after?showFace=false`, 'patient');
    const consent = await post(`/api/publications/${id}/consent`, 'patient', { showFace: false });
    expect(consent.statusCode).toBe(200);
    expect(consent.json()).toEqual({ id, status: 'published' });
    expect((await post(`/api/publications/${id}/consent`, 'patient', { showFace: false })).statusCode).toBe(
      409,
    );

    const results = (await get('/api/public/results?treatment=prp')).json();
    const result = results.find((r: { id: string }) => r.id === id);
    expect(result).toMatchObject({ treatment: 'prp', verifyUrl: `/results/${id}/verify` });
    expect(result.monthsSinceFirstTreatment).toBeGreaterThan(0);
    expect(result.treatmentsBetween.join(' ')).toMatch(/session/);
    expect(result.operations.join(' ')).toMatch(/no metadata/);
    expect(JSON.stringify(result)).not.toMatch(/Pat Rivera|patient@example|demo-patient/);
    for (const role of ['before', 'after'] as const) {
      const file = await get(result[role].url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['cache-control']).toContain('immutable');
      expect(file.headers['content-type']).toBe('image/jpeg');
      expect(sha(file.rawPayload)).toBe(result[role].sha256);
      const meta = await sharp(file.rawPayload).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(1024);
    }
    expect(sha((await get(result.after.url)).rawPayload)).toBe(sha(preview.rawPayload));
    expect((await get(`/api/publications/${id}`, 'patient')).json()).toMatchObject({
      status: 'published',
      showFace: false,
    });

    const page = await get(`/results/${id}/verify`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(result.before.sha256);
    expect(page.body).toContain('/results/verify.js');
    const gallery = await get('/treatments/prp/results');
    expect(gallery.body).toContain(result.after.url);
    expect(gallery.body).not.toContain('Pat Rivera');
    await post(`/api/publications/${id}/withdraw`, 'clinician');
  });

  it('withdrawal answers 410 on the old URLs at once, deletes the files and is audited', async () => {
    const { id } = (await propose({ beforePhotoId: BEFORE, afterPhotoId: AFTER })).json();
    expect((await post(`/api/publications/${id}/consent`, 'patient', { showFace: true })).statusCode).toBe(
      200,
    );
    const result = (await get('/api/public/results')).json().find((r: { id: string }) => r.id === id);
    const keysBefore = await publishedKeys();
    expect((await get(result.before.url)).statusCode).toBe(200);

    const res = await post(`/api/publications/${id}/withdraw`, 'patient');
    expect(res.json()).toEqual({ id, status: 'withdrawn' });
    for (const url of [result.before.url, result.after.url]) {
      const gone = await get(url);
      expect(gone.statusCode).toBe(410);
      expect(gone.headers['cache-control']).toBe('no-store');
    }
    expect((await get(`/results/${id}/verify`)).statusCode).toBe(410);
    expect((await get('/api/public/results')).json().map((r: { id: string }) => r.id)).not.toContain(id);
    const row = await t.deps.db.kysely
      .selectFrom('publications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.before_key).toBeNull();
    const keysAfter = await publishedKeys();
    expect(keysAfter.length).toBe(keysBefore.length - 2);
    const audit = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['actor_role', 'patient_id'])
      .where('action', '=', 'publication.withdrawn')
      .where('resource_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_role: 'patient', patient_id: P1 });
    expect((await post(`/api/publications/${id}/withdraw`, 'clinician')).statusCode).toBe(409);
  });

  it('strips the EXIF and GPS a clinic upload carried, and blurs the face region of a frontal view unless allowed', async () => {
    const day = 86_400_000;
    const a = await upload('frontal', t.clock.now() - 200 * day, await jpegWithGps(96, 72));
    const b = await upload('frontal', t.clock.now() - 2 * day, await jpegWithGps(96, 72));
    const original = await t.deps.db.kysely
      .selectFrom('photos')
      .select('original_key')
      .where('id', '=', a)
      .executeTakeFirstOrThrow();
    expect((await sharp((await t.deps.storage.get(original.original_key))!).metadata()).exif).toBeDefined();
    const { id } = (await propose({ beforePhotoId: a, afterPhotoId: b })).json();
    const face = await get(`/api/publications/${id}/preview/before?showFace=true`, 'patient');
    const blurred = await get(`/api/publications/${id}/preview/before?showFace=false`, 'patient');
    expect(sha(face.rawPayload)).not.toBe(sha(blurred.rawPayload));
    await post(`/api/publications/${id}/consent`, 'patient', { showFace: false });
    const result = (await get('/api/public/results')).json().find((r: { id: string }) => r.id === id);
    expect(result.operations.join(' ')).toMatch(/face hidden/);
    const served = await get(result.before.url);
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(served.rawPayload.includes(Buffer.from('TestCam'))).toBe(false);
    // Orientation 6 was applied to the pixels: the 96×72 upload is served upright, 72×96.
    expect([meta.width, meta.height]).toEqual([72, 96]);
  });

  it('refuses a pair outside the clinic’s own spread of change without a note, and shows the note with it', async () => {
    const day = 86_400_000;
    // Six PRP patients whose density barely moved: the demo patient's +18 hairs/cm² is beyond P90.
    for (let i = 0; i < 6; i++) {
      await makeOutcomePatient(t.deps.db.kysely, {
        id: `pub-cohort-${i}`,
        treatment: 'prp',
        startAt: t.clock.now() - 400 * day,
        providerId: 'demo-provider-chen',
        sessionDays: [0],
        measurements: [
          { day: -5, hairCount: 100 },
          { day: 92, hairCount: 100 + i },
          { day: 183, hairCount: 100 + i },
          { day: 365, hairCount: 100 + i },
        ],
      });
    }
    const rowsBefore = await count();
    const refused = await propose({ beforePhotoId: BEFORE, afterPhotoId: AFTER });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('note');
    expect(await count()).toBe(rowsBefore);

    const note = 'One of our strongest responders; most patients change far less.';
    const res = await propose({ beforePhotoId: BEFORE, afterPhotoId: AFTER, note });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    const mine = (await get(`/api/patients/${P1}/publications`, 'clinician')).json();
    expect(mine.find((p: { id: string }) => p.id === id).measuredChange).toMatchObject({
      outsideClinicRange: true,
    });
    const consent = await post(`/api/publications/${id}/consent`, 'patient', { showFace: true });
    expect(consent.statusCode, consent.body).toBe(200);
    const result = (await get('/api/public/results?treatment=prp'))
      .json()
      .find((r: { id: string }) => r.id === id);
    expect(result.note).toBe(note);
    expect(result.measuredChange.clinicRange.n).toBeGreaterThanOrEqual(6);
    const gallery = (await get('/treatments/prp/results')).body;
    expect(gallery).toContain('One of our strongest responders');
    expect(gallery).toContain('outside');
  });
});
