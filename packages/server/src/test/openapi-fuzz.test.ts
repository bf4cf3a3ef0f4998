import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './dialects';
import { makeFuzzer, type Operation } from './openapi-fuzz';
import { createTestApp, signIn, type TestApp } from './test-app';

// Signing out would end the persona's session for the rest of the run.
const SKIP = new Set(['post /api/auth/logout']);
// A longer or different run for exploring: ANAGEN_FUZZ_CASES=40 ANAGEN_FUZZ_SEED=7 npx vitest run …
const CASES_PER_OPERATION = Number(process.env.ANAGEN_FUZZ_CASES) || 6;
const SEED = Number(process.env.ANAGEN_FUZZ_SEED) || 20261207;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe.each(DIALECTS)('junk to every operation in the OpenAPI document on %s', (dialect) => {
  let t: TestApp;
  const personas: Record<string, Record<string, string>> = { anonymous: {} };
  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { rateLimits: false } });
    const people = process.env.ANAGEN_FUZZ_PEOPLE?.split(',') ?? ['admin', 'patient'];
    for (const who of people) {
      personas[who] = { cookie: await signIn(t.app, `${who}@example.com`) };
    }
  });
  afterAll(() => t.close());

  it('never answers 5xx, whoever sends it', { timeout: 30 * 60_000 }, async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const junkRequest = makeFuzzer(SEED);
    const failures: string[] = [];
    let sent = 0;
    for (const [route, item] of Object.entries(doc.paths).sort(([a], [b]) => a.localeCompare(b))) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op || SKIP.has(`${method} ${route}`)) continue;
        for (const [who, headers] of Object.entries(personas)) {
          for (let k = 0; k < CASES_PER_OPERATION; k++) {
            const req = junkRequest(method, route, op, k);
            const res = await t.app.inject({
              method: req.method as 'GET',
              url: req.url,
              headers: { ...req.headers, ...headers },
              ...(req.payload === undefined ? {} : { payload: req.payload }),
            });
            sent++;
            if (res.statusCode >= 500) {
              failures.push(`${who}: ${req.label} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            }
          }
        }
      }
    }
    if (failures.length)
      writeFileSync(path.join(t.testDb.dataDir, '..', `fuzz-${dialect}.txt`), failures.join('\n'));
    expect(sent).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  });
});
