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
    ).rejects.toThrow();
    expect(await t.deps.storage.list()).toEqual(before);
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
