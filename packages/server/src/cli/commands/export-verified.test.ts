import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realAccuracy, realOptions } from '../../../../../bench/real-accuracy';
import { decodeImage, readSplit, SHAFT_CLASSES } from '../../../../../bench/real-images';
import { DIALECTS } from '../../test/dialects';
import { createTestApp, signInDemoPeople, type TestApp } from '../../test/test-app';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/anagen.js');
const run = promisify(execFile);
const AUTO = 'demo-measurement-p2-1';

describe.each(DIALECTS)('anagen export-verified on %s', (dialect) => {
  let t: TestApp;
  let dir: string;
  let verified: { id: string; hairs: { x: number; y: number; origin: string }[] };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const cookies = await signInDemoPeople(t.app);
    const headers = { cookie: cookies.clinician! };
    const engine = (await t.app.inject({ url: `/api/measurements/${AUTO}/hairs`, headers })).json();
    const points = engine.hairs.slice(2).map((h: { x: number; y: number }) => ({ x: h.x, y: h.y }));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/measurements/${AUTO}/verification`,
      headers,
      payload: { hairs: [...points, { x: engine.width - 2, y: 5 }] },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    verified = {
      id,
      hairs: (await t.app.inject({ url: `/api/measurements/${id}/hairs`, headers })).json().hairs,
    };
    dir = mkdtempSync(path.join(os.tmpdir(), 'anagen-export-'));
    const env: NodeJS.ProcessEnv = { ...process.env, ANAGEN_DATA_DIR: t.testDb.dataDir };
    if (t.testDb.url) env.DATABASE_URL = t.testDb.url;
    else delete env.DATABASE_URL;
    const out = await run(process.execPath, [BIN, 'export-verified', dir], { env, timeout: 60_000 });
    expect(out.stdout).toContain('Exported 1 verified image');
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('round-trips through the bench reader: every verified hair by its emergence point', async () => {
    const images = readSplit(dir, 'all');
    expect(images).toHaveLength(1);
    const img = images[0]!;
    expect(img.hairs.map((h) => [h.root.x, h.root.y])).toEqual(verified.hairs.map((h) => [h.x, h.y]));
    expect(img.hairs.every((h) => SHAFT_CLASSES.includes(h.cls))).toBe(true);
    expect(img.umPerPx).toBeGreaterThan(0);
    // Engine hairs carry their traced tip; the added one a short vector, never a zero-length one.
    for (const h of img.hairs) expect(Math.hypot(h.tip.x - h.root.x, h.tip.y - h.root.y)).toBeGreaterThan(0);
    const decoded = await decodeImage(img.imagePath);
    expect([decoded.width, decoded.height]).toEqual([img.width, img.height]);
  });

  it('is read by --real without a train or val list', async () => {
    expect(readSplit(dir, 'val')).toHaveLength(1);
    expect(readSplit(dir, 'train')).toHaveLength(1);
    const opts = realOptions(['--real', dir, '--split', 'all']);
    expect(opts).toMatchObject({ dir, split: 'all' });
    const scores = await realAccuracy({ ...opts!, verbose: false });
    expect(scores).toHaveLength(1);
    expect(scores[0]!.truth).toBe(verified.hairs.length);
  });

  it('writes no patient identifiers', async () => {
    const patient = await t.testDb.db.kysely
      .selectFrom('patients')
      .selectAll()
      .where('id', '=', 'demo-patient-2')
      .executeTakeFirstOrThrow();
    const files = ['Images', 'Annotations', 'ImageSets/Main'].flatMap((d) =>
      readdirSync(path.join(dir, d)).map((f) => path.join(d, f)),
    );
    expect(files).toHaveLength(3);
    const text = files
      .filter((f) => !f.startsWith('Images'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const secrets = [
      patient.id,
      patient.name,
      patient.email,
      patient.birth_date,
      verified.id,
      AUTO,
      'demo-photo',
    ];
    for (const s of secrets.filter(Boolean)) {
      expect(text).not.toContain(String(s));
      expect(files.join(' ')).not.toContain(String(s));
    }
    const bytes = readFileSync(path.join(dir, files.find((f) => f.startsWith('Images'))!)).toString('latin1');
    expect(bytes).not.toContain(String(patient.name));
  });
});
