import { analyzeHair } from '@anagen/core/hair-analysis';
import { sql } from 'kysely';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { useDemoTestApp } from '../../test/test-app';
import { form, syntheticTrichoscopyPng } from '../photos/test-images';

const DESIGN_KEYS = [
  'areaCm2',
  'densityPerCm2',
  'durationMs',
  'hairCount',
  'hairs',
  'height',
  'meanDiameterUm',
  'terminalRatio',
  'umPerPx',
  'vellusRatio',
  'width',
];

describe.each(DIALECTS)('trichoscopy analysis and measurements on %s', (dialect) => {
  const t = useDemoTestApp(dialect);
  let png: Buffer;
  let expected: ReturnType<typeof analyzeHair>;
  const { cookies } = t;
  beforeAll(async () => {
    png = (await syntheticTrichoscopyPng({ seed: 11 })).png;
    const raw = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expected = analyzeHair({
      pixels: raw.data,
      width: raw.info.width,
      height: raw.info.height,
      channels: 3,
      umPerPx: 10,
    });
  });

  const post = (url: string, who: string, payload: FormData | object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });
  const get = (url: string, who: string) => t.app.inject({ url, headers: { cookie: cookies[who]! } });

  it('answers POST /api/analyses with exactly the DESIGN result, as the engine computes it', async () => {
    const res = await post(
      '/api/analyses',
      'clinician',
      form({ umPerPx: 10 }, { data: png, type: 'image/png' }),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(DESIGN_KEYS);
    expect(body).toMatchObject({
      width: 400,
      height: 300,
      umPerPx: 10,
      areaCm2: expected.areaCm2,
      hairCount: expected.hairCount,
      densityPerCm2: expected.densityPerCm2,
      meanDiameterUm: expected.meanDiameterUm,
    });
    expect(body.hairs).toHaveLength(expected.hairCount);
    expect(Object.keys(body.hairs[0]).sort()).toEqual(['class', 'diameterUm', 'x', 'y']);
    expect(body.durationMs).toBeGreaterThan(0);
  });

  it('refuses bad analysis requests with 4xx', async () => {
    expect((await post('/api/analyses', 'clinician', form({}, { data: png }))).statusCode).toBe(400);
    expect(
      (await post('/api/analyses', 'clinician', form({ umPerPx: 10 }, { data: Buffer.from('nope') })))
        .statusCode,
    ).toBe(415);
    expect((await post('/api/analyses', 'clinician', form({ umPerPx: -1 }, { data: png }))).statusCode).toBe(
      400,
    );
    // Patients: only with their own record named.
    expect((await post('/api/analyses', 'patient', form({ umPerPx: 10 }, { data: png }))).statusCode).toBe(
      403,
    );
    expect(
      (
        await post(
          '/api/analyses',
          'patient',
          form({ umPerPx: 10, patientId: 'demo-patient-2' }, { data: png }),
        )
      ).statusCode,
    ).toBe(403);
    const own = await post(
      '/api/analyses',
      'patient',
      form({ umPerPx: 10, patientId: 'demo-patient-1' }, { data: png }),
    );
    expect(own.statusCode).toBe(200);
    expect(own.json().hairCount).toBe(expected.hairCount);
  });

  it('analyses an uploaded trichoscopy photo in the background and stores the measurement with the engine version', async () => {
    const up = await post(
      '/api/patients/demo-patient-1/photos',
      'patient',
      form(
        { view: 'trichoscopy', site: 'vertex-centre', umPerPx: 10, takenAt: '2026-11-01' },
        { data: png, type: 'image/png' },
      ),
    );
    expect(up.statusCode).toBe(201);
    const photoId = up.json().id;
    expect(await t.worker.runDueJobs()).toBeGreaterThanOrEqual(1);
    const photos = (await get('/api/patients/demo-patient-1/photos?view=trichoscopy', 'patient')).json();
    expect(photos.find((p: { id: string }) => p.id === photoId).analysisStatus).toBe('done');

    const list = await get('/api/patients/demo-patient-1/measurements', 'patient');
    expect(list.statusCode).toBe(200);
    const m = list.json().find((x: { photoId: string }) => x.photoId === photoId);
    expect(m).toMatchObject({
      site: 'vertex-centre',
      takenAt: '2026-11-01T12:00:00.000Z',
      hairCount: expected.hairCount,
      densityPerCm2: expected.densityPerCm2,
      meanDiameterUm: expected.meanDiameterUm,
      vellusRatio: expected.vellusRatio,
      terminalRatio: expected.terminalRatio,
      hairMassPerCm2: expected.hairMassPerCm2,
      source: 'auto',
      engineVersion: expected.engineVersion,
    });
    // Another patient never sees it.
    expect((await get('/api/patients/demo-patient-1/measurements', 'patient2')).statusCode).toBe(404);
    expect((await get('/api/patients/demo-patient-1/measurements', 'desk')).statusCode).toBe(403);

    // Overlay for review: same size as the photo; not for another patient.
    const overlay = await get(`/api/photos/${photoId}/overlay`, 'clinician');
    expect(overlay.statusCode).toBe(200);
    expect(overlay.headers['content-type']).toBe('image/png');
    const meta = await sharp(overlay.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([400, 300]);
    expect((await get(`/api/photos/${photoId}/overlay`, 'patient2')).statusCode).toBe(404);
  });

  it('stores a clinician correction beside the automatic value, never overwriting it, and audits it', async () => {
    const list = (await get('/api/patients/demo-patient-1/measurements', 'clinician')).json();
    const auto = list.find((x: { source: string }) => x.source === 'auto');
    const body = {
      hairCount: auto.hairCount + 7,
      reason: 'Two hairs in a unit counted as one; recounted by hand.',
    };
    expect((await post(`/api/measurements/${auto.id}/corrections`, 'patient', body)).statusCode).toBe(403);
    expect((await post(`/api/measurements/${auto.id}/corrections`, 'admin', body)).statusCode).toBe(403);
    expect(
      (await post(`/api/measurements/${auto.id}/corrections`, 'clinician', { hairCount: 3 })).statusCode,
    ).toBe(400);
    const res = await post(`/api/measurements/${auto.id}/corrections`, 'clinician', body);
    expect(res.statusCode).toBe(201);
    const corrected = res.json();
    expect(corrected).toMatchObject({
      source: 'corrected',
      correctsId: auto.id,
      hairCount: auto.hairCount + 7,
      site: auto.site,
      takenAt: auto.takenAt,
      photoId: auto.photoId,
      reason: body.reason,
    });
    expect(corrected.densityPerCm2).toBeCloseTo((auto.hairCount + 7) / auto.areaCm2, 1);

    const after = (await get('/api/patients/demo-patient-1/measurements', 'patient')).json();
    expect(after.find((x: { id: string }) => x.id === auto.id)).toEqual(auto);
    expect(
      after
        .filter((x: { photoId: string }) => x.photoId === auto.photoId)
        .map((x: { source: string }) => x.source),
    ).toEqual(['auto', 'corrected']);
    const audit = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'resource_id'])
      .where('action', '=', 'measurement.correction.create')
      .execute();
    expect(audit).toEqual([
      { action: 'measurement.correction.create', actor_role: 'clinician', resource_id: corrected.id },
    ]);
  });

  it('stores no correction when its audit entry cannot be written', async () => {
    const auto = (await get('/api/patients/demo-patient-1/measurements', 'clinician'))
      .json()
      .find((x: { source: string }) => x.source === 'auto');
    const count = async () =>
      (await t.deps.db.kysely.selectFrom('measurements').select('id').execute()).length;
    const before = await count();
    // A real failure of that one audit insert (access audits still work): a trigger refuses it.
    const db = t.deps.db.kysely;
    if (dialect === 'sqlite') {
      await sql
        .raw(
          `CREATE TRIGGER refuse_correction_audit BEFORE INSERT ON audit_log
           WHEN NEW.action = 'measurement.correction.create' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `CREATE FUNCTION refuse_correction_audit() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN IF NEW.action = 'measurement.correction.create' THEN RAISE EXCEPTION 'refused'; END IF;
           RETURN NEW; END $$`,
        )
        .execute(db);
      await sql
        .raw(
          'CREATE TRIGGER refuse_correction_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_correction_audit()',
        )
        .execute(db);
    }
    try {
      const res = await post(`/api/measurements/${auto.id}/corrections`, 'clinician', {
        hairCount: auto.hairCount + 2,
        reason: 'Recounted on the overlay.',
      });
      expect(res.statusCode).toBe(500);
    } finally {
      if (dialect === 'sqlite') await sql.raw('DROP TRIGGER refuse_correction_audit').execute(db);
      else {
        await sql.raw('DROP TRIGGER refuse_correction_audit ON audit_log').execute(db);
        await sql.raw('DROP FUNCTION refuse_correction_audit()').execute(db);
      }
    }
    expect(await count()).toBe(before);
  });

  it('stores an analysis against a patient and site when asked, and marks unreadable photos failed', async () => {
    // A stored analysis is a photo like any other: a date in the future is refused, nothing stored.
    const photosBefore = (await get('/api/patients/demo-patient-2/photos', 'patient2')).json().length;
    for (const takenAt of [String(t.clock.now() + 3 * 86_400_000), '9000000000000000']) {
      const future = await post(
        '/api/analyses',
        'patient2',
        form(
          { umPerPx: 10, patientId: 'demo-patient-2', site: 'frontal', store: 'true', takenAt },
          { data: png, type: 'image/png' },
        ),
      );
      expect(future.statusCode, takenAt).toBe(400);
      expect(future.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.takenAt']);
    }
    expect((await get('/api/patients/demo-patient-2/photos', 'patient2')).json()).toHaveLength(photosBefore);
    const res = await post(
      '/api/analyses',
      'clinician',
      form(
        { umPerPx: 10, patientId: 'demo-patient-2', site: 'frontal', store: 'true' },
        { data: png, type: 'image/png' },
      ),
    );
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json()).sort()).toEqual(DESIGN_KEYS);
    const measurementId = res.headers['anagen-measurement-id'];
    const m = (await get('/api/patients/demo-patient-2/measurements', 'patient2'))
      .json()
      .find((x: { id: string }) => x.id === measurementId);
    expect(m).toMatchObject({ site: 'frontal', source: 'auto', hairCount: expected.hairCount });
    expect(res.headers.location).toBe(`/api/photos/${m.photoId}`);

    // A trichoscopy photo whose stored file vanished: the job marks it failed rather than looping.
    const up = await post(
      '/api/patients/demo-patient-2/photos',
      'clinician',
      form({ view: 'trichoscopy', site: 'occipital', umPerPx: 10 }, { data: png, type: 'image/png' }),
    );
    const row = await t.deps.db.kysely
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', up.json().id)
      .executeTakeFirstOrThrow();
    await t.deps.storage.delete(row.image_key);
    await t.worker.runDueJobs();
    const after = await t.deps.db.kysely
      .selectFrom('photos')
      .select(['analysis_status', 'analysis_error'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after.analysis_status).toBe('failed');
    expect(after.analysis_error).toContain('missing');
  });
});
