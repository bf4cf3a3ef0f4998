import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeSlots } from '../../lib/decode-slots';
import { DIALECTS } from '../../test/dialects';
import { signInDemoPeople, useDemoTestApp } from '../../test/test-app';
import { form, plainPng } from '../photos/test-images';

const DAY = 24 * 3_600_000;

describe.each(DIALECTS)('upload quotas, decode cap and the patient-uploads switch on %s', (dialect) => {
  const t = useDemoTestApp(dialect, { config: { maxDecodes: 1 } });
  const { cookies } = t;

  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
  const upload = async (who: string, patientId = 'demo-patient-1', data?: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/photos`,
      headers: { cookie: cookies[who]! },
      payload: form({ view: 'vertex' }, { data: data ?? (await plainPng()), type: 'image/png' }),
    });
  const fileDocument = async (who: string) => {
    const f = new FormData();
    f.append('title', 'Letter');
    f.append('kind', 'letter');
    f.append('file', new Blob([new Uint8Array(await plainPng())], { type: 'image/png' }), 'letter.png');
    return t.app.inject({
      method: 'POST',
      url: '/api/patients/demo-patient-1/documents',
      headers: { cookie: cookies[who]! },
      payload: f,
    });
  };
  // Sessions expire as the clock moves on: sign everyone in again.
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    Object.assign(cookies, await signInDemoPeople(t.app));
  };
  const settings = async (patch: object) => {
    const current = (await call('admin', 'GET', '/api/admin/upload-settings')).json();
    const res = await call('admin', 'PUT', '/api/admin/upload-settings', { ...current, ...patch });
    expect(res.statusCode).toBe(200);
  };

  it('lets only admins read and change the upload settings, with defaults until then', async () => {
    expect((await call('admin', 'GET', '/api/admin/upload-settings')).json()).toEqual({
      patientUploads: true,
      patientPhotosPerDay: 30,
      patientMegabytesPerDay: 300,
      staffPhotosPerDay: 1000,
      staffMegabytesPerDay: 10000,
    });
    for (const who of ['clinician', 'desk', 'patient']) {
      expect((await call(who, 'GET', '/api/admin/upload-settings')).statusCode, who).toBe(403);
    }
    const bad = await call('admin', 'PUT', '/api/admin/upload-settings', { patientUploads: 'no' });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses patient uploads with a clear 403 while the clinic has them off; staff still upload', async () => {
    await settings({ patientUploads: false });
    const refused = await upload('patient');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/turned off uploads from patients/);
    expect((await fileDocument('patient')).statusCode).toBe(403);
    const analysis = new FormData();
    analysis.append('patientId', 'demo-patient-1');
    analysis.append('umPerPx', '10');
    analysis.append('image', new Blob([new Uint8Array(await plainPng())], { type: 'image/png' }), 'a.png');
    const analysed = await t.app.inject({
      method: 'POST',
      url: '/api/analyses',
      headers: { cookie: cookies.patient! },
      payload: analysis,
    });
    expect(analysed.statusCode).toBe(403);
    expect((await call('patient', 'GET', '/api/uploads/allowance')).json()).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/turned off/),
    });
    expect((await upload('clinician')).statusCode).toBe(201);
    expect((await fileDocument('clinician')).statusCode).toBe(201);
    await settings({ patientUploads: true });
    expect((await upload('patient')).statusCode).toBe(201);
  });

  it('limits each account’s uploads per 24 hours, by count and by size, with Retry-After', async () => {
    await advance(DAY + 1);
    await settings({ patientPhotosPerDay: 2 });
    expect((await call('patient', 'GET', '/api/uploads/allowance')).json()).toMatchObject({
      allowed: true,
      uploadsLeft: 2,
    });
    expect((await upload('patient')).statusCode).toBe(201);
    t.clock.advance(3_600_000);
    expect((await fileDocument('patient')).statusCode).toBe(201); // documents count too
    const over = await upload('patient');
    expect(over.statusCode).toBe(429);
    expect(over.json().code).toBe('UPLOAD_QUOTA_EXCEEDED');
    expect(Number(over.headers['retry-after'])).toBe(23 * 3600);
    // Another account's quota is its own.
    expect((await upload('patient2', 'demo-patient-2')).statusCode).toBe(201);
    await advance(23 * 3_600_000);
    expect((await upload('patient')).statusCode).toBe(201);

    await advance(DAY + 1);
    await settings({ patientPhotosPerDay: 30, patientMegabytesPerDay: 1 });
    const noisy = await sharp({
      create: {
        width: 480,
        height: 480,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 80 },
      },
    })
      .png()
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(512 * 1024);
    expect((await upload('patient', 'demo-patient-1', noisy)).statusCode).toBe(201);
    expect((await upload('patient', 'demo-patient-1', noisy)).statusCode).toBe(429);
    await settings({ patientMegabytesPerDay: 300 });
  });

  it('decodes one image at a time here (ANAGEN_MAX_DECODES=1); when the queue is full it answers 503', async () => {
    await advance(DAY + 1);
    const slots = decodeSlots(t.deps);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // One decode running and four waiting fill the slot and its queue.
    const busy = Array.from({ length: 5 }, () => slots.run(() => held));
    expect([slots.active, slots.waiting]).toEqual([1, 4]);
    const refused = await upload('clinician');
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json().code).toBe('SERVER_BUSY');
    release();
    await Promise.all(busy);
    expect((await upload('clinician')).statusCode).toBe(201);
  });
});
