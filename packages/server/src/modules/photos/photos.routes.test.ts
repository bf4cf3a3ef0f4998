import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { TEST_NOW, useDemoTestApp } from '../../test/test-app';
import {
  exifHasGps,
  form,
  gpsRationalBytes,
  jpegWithGps,
  jpegWithTrailers,
  plainPng,
  pngBomb,
  TRAILER_GPS,
} from './test-images';

const filesUnder = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));

describe.each(DIALECTS)('progress photos on %s', (dialect) => {
  const t = useDemoTestApp(dialect);
  const { cookies } = t;

  const upload = (who: string, patientId: string, payload: FormData) =>
    t.app.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/photos`,
      headers: { cookie: cookies[who]! },
      payload,
    });
  const get = (url: string, who?: string) =>
    t.app.inject({ url, headers: who ? { cookie: cookies[who]! } : {} });

  it('applies EXIF orientation and strips every metadata block, GPS included, from what it stores', async () => {
    const jpeg = await jpegWithGps(64, 48);
    const before = await sharp(jpeg).metadata();
    expect(exifHasGps(before.exif)).toBe(true); // the fixture really carries GPS
    expect(before.orientation).toBe(6);

    const res = await upload('clinician', 'demo-patient-1', form({ view: 'vertex' }, { data: jpeg }));
    expect(res.statusCode).toBe(201);
    const photo = res.json();
    expect(photo).toMatchObject({ view: 'vertex', patientId: 'demo-patient-1', width: 48, height: 64 });
    const logged = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'patient_id'])
      .where('resource_id', '=', photo.id)
      .execute();
    expect(logged).toContainEqual({ action: 'photo.create', patient_id: 'demo-patient-1' });

    const served = await get(photo.imageUrl, 'clinician');
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toBe('private, no-store');
    const meta = await sharp(served.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([48, 64]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(served.rawPayload.includes(Buffer.from('TestCam'))).toBe(false);

    // No stored file keeps the camera's metadata, the audit original included.
    const row = await t.deps.db.kysely
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', photo.id)
      .executeTakeFirstOrThrow();
    for (const key of [row.image_key, row.thumb_key, row.original_key]) {
      const stored = (await t.deps.storage.get(key))!;
      expect(exifHasGps((await sharp(stored).metadata()).exif), key).toBe(false);
      expect(stored.includes(Buffer.from('TestCam')), key).toBe(false);
    }
    const thumb = await get(photo.thumbnailUrl, 'patient');
    expect(thumb.statusCode).toBe(200);
    expect((await sharp(thumb.rawPayload).metadata()).exif).toBeUndefined();

    // The original keeps the camera's image data (the same pixels, and its orientation), for staff only.
    const original = await get(`/api/photos/${photo.id}/original`, 'admin');
    expect(original.statusCode).toBe(200);
    const [kept, uploaded] = await Promise.all(
      [original.rawPayload, jpeg].map((b) => sharp(b).raw().toBuffer()),
    );
    expect(Buffer.compare(kept!, uploaded!)).toBe(0);
    expect((await sharp(original.rawPayload).metadata()).orientation).toBe(6);
    expect((await get(`/api/photos/${photo.id}/original`, 'patient')).statusCode).toBe(403);
    expect((await get(`/api/photos/${photo.id}/original`, 'desk')).statusCode).toBe(403);
  });

  it('keeps no location from a multi-picture JPEG with trailers in any file under the data directory', async () => {
    const { file } = await jpegWithTrailers();
    const res = await upload('patient', 'demo-patient-1', form({ view: 'frontal' }, { data: file }));
    expect(res.statusCode).toBe(201);
    await t.worker.runDueJobs();
    const needles = [
      ...gpsRationalBytes(TRAILER_GPS.primary),
      ...gpsRationalBytes(TRAILER_GPS.second),
      Buffer.from(TRAILER_GPS.xmp),
      Buffer.from('GPSLatitude'),
    ];
    expect(needles.some((n) => file.includes(n))).toBe(true);
    const files = filesUnder(t.testDb.dataDir);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      for (const n of needles) expect(bytes.includes(n), `${f} holds ${n.toString('hex')}`).toBe(false);
    }
    // The original is the primary image, whole: the same pixels.
    const original = await get(`/api/photos/${res.json().id}/original`, 'clinician');
    expect(original.rawPayload.length).toBeLessThan(file.length);
    const [kept, uploaded] = await Promise.all(
      [original.rawPayload, file].map((b) => sharp(b).raw().toBuffer()),
    );
    expect(Buffer.compare(kept!, uploaded!)).toBe(0);
  });

  it('accepts TIFF from dermoscope software and stores it as lossless, metadata-free PNG', async () => {
    const tiff = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c09080' } })
      .tiff()
      .toBuffer();
    expect((await sharp(tiff).metadata()).format).toBe('tiff');
    const res = await upload(
      'clinician',
      'demo-patient-2',
      form({ view: 'occipital' }, { data: tiff, type: 'image/tiff' }),
    );
    expect(res.statusCode).toBe(201);
    const served = await get(res.json().imageUrl, 'clinician');
    expect(served.headers['content-type']).toBe('image/png');
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta.format).toBe('png');
    expect(meta.exif).toBeUndefined();
  });

  it('accepts a full-size phone photo of several megabytes', async () => {
    const noise = Buffer.alloc(2400 * 1800 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const jpeg = await sharp(noise, { raw: { width: 2400, height: 1800, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(jpeg.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await upload('clinician', 'demo-patient-2', form({ view: 'frontal' }, { data: jpeg }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ width: 2400, height: 1800 });
  });

  it('refuses wrong type, corrupt, oversize and decompression-bomb uploads with 4xx and stores nothing', async () => {
    const filesBefore = (await t.deps.storage.list()).sort();
    const rowsBefore = await t.deps.db.kysely.selectFrom('photos').select('id').execute();
    const png = await plainPng();
    const cases: [string, Buffer, number][] = [
      ['gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 415],
      ['text named .jpg', Buffer.from('hello, I am not an image'), 415],
      ['truncated png', png.subarray(0, Math.floor(png.length / 2)), 422],
      [
        'jpeg magic then garbage',
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]),
        422,
      ],
      ['bomb', pngBomb(), 413],
      ['41 MP bomb', pngBomb(8000, 5200), 413],
      [
        'over 25 MB',
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(25 * 1024 * 1024 + 10)]),
        413,
      ],
    ];
    for (const [name, data, status] of cases) {
      const res = await upload(
        'clinician',
        'demo-patient-1',
        form({ view: 'frontal' }, { data, name: 'x.jpg' }),
      );
      expect(res.statusCode, name).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const noFile = await upload('clinician', 'demo-patient-1', form({ view: 'frontal' }));
    expect(noFile.statusCode).toBe(400);
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: '/api/patients/demo-patient-1/photos',
      headers: { cookie: cookies.clinician! },
      payload: { view: 'frontal' },
    });
    expect(notMultipart.statusCode).toBe(415);
    const badView = await upload('clinician', 'demo-patient-1', form({ view: 'selfie' }, { data: png }));
    expect(badView.statusCode).toBe(400);
    const trichoNoCalibration = await upload(
      'clinician',
      'demo-patient-1',
      form({ view: 'trichoscopy' }, { data: png }),
    );
    expect(trichoNoCalibration.statusCode).toBe(400);
    expect(
      trichoNoCalibration
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.site', 'body.umPerPx']);
    const future = await upload(
      'clinician',
      'demo-patient-1',
      form({ view: 'frontal', takenAt: '2030-01-01T00:00:00Z' }, { data: png }),
    );
    expect(future.statusCode).toBe(400);
    // Far-off instants (one would not even turn back into a date when read) and years before 2000.
    for (const takenAt of ['9000000000000000', '2999-01-01', '1999-12-31T00:00:00Z']) {
      const res = await upload(
        'clinician',
        'demo-patient-1',
        form({ view: 'frontal', takenAt }, { data: png }),
      );
      expect(res.statusCode, takenAt).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.takenAt']);
    }

    expect((await t.deps.storage.list()).sort()).toEqual(filesBefore);
    expect(await t.deps.db.kysely.selectFrom('photos').select('id').execute()).toHaveLength(
      rowsBefore.length,
    );
  });

  it('takes a bare date as that day and refuses dates in the future, whatever the uploader’s time zone', async () => {
    const png = await plainPng();
    // 05:00 UTC is already the afternoon of the 23rd in Tokyo: "today" must be accepted.
    t.clock.set(Date.parse('2026-11-23T05:00:00Z'));
    try {
      const today = await upload(
        'patient2',
        'demo-patient-2',
        form({ view: 'frontal', takenAt: '2026-11-23' }, { data: png }),
      );
      expect(today.statusCode).toBe(201);
      const tomorrow = await upload(
        'patient2',
        'demo-patient-2',
        form({ view: 'frontal', takenAt: '2026-11-24' }, { data: png }),
      );
      expect(tomorrow.statusCode).toBe(400);
      expect(tomorrow.json().errors).toEqual([
        { path: 'body.takenAt', field: 'takenAt', message: 'Cannot be in the future' },
      ]);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });

  it('never serves one patient’s photos to another and uses unguessable ids and keys', async () => {
    const png = await plainPng();
    const own = await upload(
      'patient',
      'demo-patient-1',
      form({ view: 'midline', takenAt: '2026-11-20' }, { data: png }),
    );
    expect(own.statusCode).toBe(201);
    const photo = own.json();
    expect(photo.takenAt).toBe('2026-11-20T12:00:00.000Z');
    expect(photo.uploadedBy).toBe('patient');
    expect(photo.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // Patient 2 cannot see, list or upload into patient 1's record: the photo simply does not exist for them.
    for (const url of [photo.imageUrl, photo.thumbnailUrl]) {
      const res = await get(url, 'patient2');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('/api/patients/demo-patient-1/photos', 'patient2')).statusCode).toBe(404);
    expect(
      (await upload('patient2', 'demo-patient-1', form({ view: 'vertex' }, { data: png }))).statusCode,
    ).toBe(404);
    expect((await get(photo.imageUrl)).statusCode).toBe(401);
    // Front desk has no clinical access.
    expect((await get(photo.imageUrl, 'desk')).statusCode).toBe(403);
    // Patient 1 and clinical staff do.
    expect((await get(photo.imageUrl, 'patient')).statusCode).toBe(200);
    expect((await get(photo.imageUrl, 'admin')).statusCode).toBe(200);

    const list = await get('/api/patients/demo-patient-1/photos?view=midline', 'patient');
    const clinicPhoto = (await get('/api/patients/demo-patient-1/photos?view=vertex', 'patient')).json()[0];
    expect(clinicPhoto.uploadedBy).toBe('clinic');
    expect(list.json().map((p: { id: string }) => p.id)).toContain(photo.id);
    expect(list.json().every((p: { view: string }) => p.view === 'midline')).toBe(true);
    expect(
      (await get('/api/patients/demo-patient-2/photos', 'patient2')).json().map((p: { id: string }) => p.id),
    ).not.toContain(photo.id);

    const row = await t.deps.db.kysely
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', photo.id)
      .executeTakeFirstOrThrow();
    for (const key of [row.image_key, row.thumb_key, row.original_key]) {
      expect(key).toMatch(/^(photos|thumbs|originals)\/[0-9a-f]{32}\.(png|jpg|bin)$/);
      expect(key).not.toContain('demo-patient-1');
    }
    const views = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_role'])
      .where('resource_id', '=', photo.id)
      .execute();
    expect(views).toEqual(
      expect.arrayContaining([{ action: 'photo.image.view.denied', actor_role: 'patient' }]),
    );
  });

  it('queues trichoscopy photos for analysis with their site and calibration', async () => {
    const res = await upload(
      'clinician',
      'demo-patient-2',
      form(
        { view: 'trichoscopy', site: 'vertex-centre', umPerPx: '10' },
        { data: await plainPng(64, 48), type: 'image/png' },
      ),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      view: 'trichoscopy',
      site: 'vertex-centre',
      umPerPx: 10,
      analysisStatus: 'queued',
    });
    const job = await t.deps.db.kysely
      .selectFrom('jobs')
      .select(['kind', 'payload_json'])
      .where('unique_key', '=', `photo.analyse:${res.json().id}`)
      .executeTakeFirst();
    expect(job).toEqual({ kind: 'photo.analyse', payload_json: JSON.stringify({ photoId: res.json().id }) });
  });
});
