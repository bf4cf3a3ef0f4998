import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';

// The API is a contract with other clients: any change to a route, a parameter or a schema must show
// up as a diff of docs/openapi.json that a reviewer sees. After a deliberate change, refresh it with
// `npm run openapi:update` and review the diff in the same commit.
describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('matches the reviewed snapshot in docs/openapi.json', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    await expect(`${JSON.stringify(sortKeys(doc), null, 2)}\n`).toMatchFileSnapshot(
      '../../../../docs/openapi.json',
    );
  });
});

// Route registration order is not part of the contract; sorted keys keep the diff about content.
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
