import { analyzeHair } from '@anagen/core/hair-analysis';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, TEST_NOW, type TestApp } from '../../test/test-app';
import { seedDemoPhotos } from './photos-demo.seed';

const DAY = 86_400_000;

describe.each(DIALECTS)('demo photo histories on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const measurements = (patientId: string) =>
    t.deps.db.kysely
      .selectFrom('measurements')
      .innerJoin('photos', 'photos.id', 'measurements.photo_id')
      .select([
        'measurements.taken_at',
        'measurements.hair_count',
        'measurements.density_per_cm2',
        'measurements.mean_diameter_um',
        'measurements.engine_version',
        'photos.image_key',
        'photos.um_per_px',
      ])
      .where('measurements.patient_id', '=', patientId)
      .orderBy('measurements.taken_at')
      .execute();

  it('gives both demo patients a baseline and three follow-ups over 6–12 months', async () => {
    for (const id of ['demo-patient-1', 'demo-patient-2']) {
      const rows = await measurements(id);
      expect(rows).toHaveLength(4);
      const span = (Number(rows.at(-1)!.taken_at) - Number(rows[0]!.taken_at)) / DAY;
      expect(span).toBeGreaterThanOrEqual(150);
      expect(span).toBeLessThanOrEqual(366);
      expect(rows.every((r) => Number(r.taken_at) < TEST_NOW)).toBe(true);
      const views = await t.deps.db.kysely
        .selectFrom('photos')
        .select('view')
        .where('patient_id', '=', id)
        .where('view', '!=', 'trichoscopy')
        .execute();
      expect(views.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('stores values the engine measures on the stored images, not invented ones', async () => {
    const rows = await measurements('demo-patient-1');
    for (const r of [rows[0]!, rows.at(-1)!]) {
      const png = (await t.deps.storage.get(r.image_key))!;
      const raw = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      const result = analyzeHair({
        pixels: raw.data,
        width: raw.info.width,
        height: raw.info.height,
        channels: 3,
        umPerPx: Number(r.um_per_px),
      });
      expect(r.hair_count).toBe(result.hairCount);
      expect(Number(r.density_per_cm2)).toBe(result.densityPerCm2);
      expect(Number(r.mean_diameter_um)).toBe(result.meanDiameterUm);
      expect(r.engine_version).toBe(result.engineVersion);
    }
    // Patient 1's generated scalp gains hairs visit by visit; the measured density follows.
    expect(Number(rows.at(-1)!.density_per_cm2)).toBeGreaterThan(Number(rows[0]!.density_per_cm2));
  });

  it('shows outcomes inside published ranges: a modest PRP response and one non-responder', async () => {
    // PRP pooled trials: +27.6 hairs/cm² more than control, 95 % CI 14 to 41.1 (content/treatments/prp.json).
    const density = async (id: string) => (await measurements(id)).map((r) => Number(r.density_per_cm2));
    const p1 = await density('demo-patient-1');
    const gain = p1.at(-1)! - p1[0]!;
    expect(gain).toBeGreaterThanOrEqual(14);
    expect(gain).toBeLessThanOrEqual(41.1);
    expect(gain / p1[0]!).toBeLessThan(0.25);
    // No visit jumps by more than the whole band in one step.
    for (let i = 1; i < p1.length; i++) expect(Math.abs(p1[i]! - p1[i - 1]!)).toBeLessThan(14);
    const p2 = await density('demo-patient-2');
    // The non-responder: no visit moves by as much as the smallest PRP effect of the pooled trials
    // (14 hairs/cm²), and the last visit shows no gain beyond counting noise. The engine's count
    // moves by a few hairs when one hair is added to these 12 µm/px fields (0.9.0: 87 → 82 for
    // 92 → 93 hairs), so single visits may differ from baseline by a little more than 5 %.
    for (const d of p2) expect(Math.abs(d - p2[0]!)).toBeLessThan(14);
    expect(p2.at(-1)! - p2[0]!).toBeLessThanOrEqual(0.05 * p2[0]!);
  });

  it('is idempotent', async () => {
    const before = {
      photos: await t.deps.db.kysely.selectFrom('photos').select('id').execute(),
      files: await t.deps.storage.list(),
    };
    await seedDemoPhotos({ db: t.deps.db.kysely, now: t.clock.now(), storage: t.deps.storage });
    expect(await t.deps.db.kysely.selectFrom('photos').select('id').execute()).toHaveLength(
      before.photos.length,
    );
    expect(await t.deps.storage.list()).toHaveLength(before.files.length);
  });
});
