import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, type TestApp } from '../../test/test-app';
import { storePhoto } from './store-photo';
import { plainPng } from './test-images';

describe.each(DIALECTS)('storing a photo on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('removes the files it wrote when the database refuses the row', async () => {
    const before = await t.deps.storage.list();
    await expect(
      storePhoto(
        { db: t.deps.db.kysely, storage: t.deps.storage, now: t.clock.now() },
        {
          patientId: 'no-such-patient',
          view: 'vertex',
          takenAt: t.clock.now(),
          uploadedBy: null,
          file: await plainPng(),
        },
      ),
    ).rejects.toThrow(/foreign key/i);
    expect(await t.deps.storage.list()).toEqual(before);
  });

  it('stores neither the photo nor its files when what goes alongside (the audit entry) fails', async () => {
    const files = await t.deps.storage.list();
    const rows = await t.deps.db.kysely.selectFrom('photos').select('id').execute();
    let inserted: string | null = null;
    await expect(
      storePhoto(
        {
          db: t.deps.db.kysely,
          storage: t.deps.storage,
          now: t.clock.now(),
          alongside: async (trx, row) => {
            inserted =
              (await trx.selectFrom('photos').select('id').where('id', '=', row.id).executeTakeFirst())?.id ??
              null;
            throw new Error('audit log unavailable');
          },
        },
        {
          patientId: 'demo-patient-1',
          view: 'vertex',
          takenAt: t.clock.now(),
          uploadedBy: null,
          file: await plainPng(),
        },
      ),
    ).rejects.toThrow('audit log unavailable');
    expect(inserted).not.toBeNull(); // it ran inside the transaction, after the row was written
    expect(await t.deps.db.kysely.selectFrom('photos').select('id').execute()).toHaveLength(rows.length);
    expect(await t.deps.storage.list()).toEqual(files);
  });

  it('writes three files under random keys when it succeeds', async () => {
    const before = new Set(await t.deps.storage.list());
    const row = await storePhoto(
      { db: t.deps.db.kysely, storage: t.deps.storage, now: t.clock.now() },
      {
        patientId: 'demo-patient-1',
        view: 'vertex',
        takenAt: t.clock.now(),
        uploadedBy: null,
        file: await plainPng(),
      },
    );
    const added = (await t.deps.storage.list()).filter((k) => !before.has(k)).sort();
    expect(added).toEqual([row.image_key, row.original_key, row.thumb_key].sort());
  });
});
