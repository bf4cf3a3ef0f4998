import type { DialectName } from '../packages/server/src/db/database';
import {
  makeOutcomePatient,
  type OutcomePatientSpec,
} from '../packages/server/src/modules/outcomes/outcomes.factory';
import { createTestDatabase, type TestDatabase } from '../packages/server/src/test/dialects';
import { type Browser, launchBrowser, type RunningServer, startServer } from './harness';

export interface OutcomesSite {
  server: RunningServer;
  browser: Browser;
  testDb: TestDatabase;
  close(): Promise<void>;
}

/**
 * The outcomes suites' common start: a fresh database of `dialect`, the real server on it, the given
 * outcome patients (the same factory the server tests and the benchmark use) and chromium in a time
 * zone of the suite's choosing (clinic dates must not follow the browser's).
 */
export async function startOutcomesSite(
  dialect: DialectName,
  o: { patients: OutcomePatientSpec[]; timezoneId: string },
): Promise<OutcomesSite> {
  const testDb = await createTestDatabase(dialect);
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    await testDb.drop();
  };
  try {
    server = await startServer(
      dialect === 'postgres' ? { DATABASE_URL: testDb.url! } : { ANAGEN_DATA_DIR: testDb.dataDir },
    );
    for (const p of o.patients) await makeOutcomePatient(testDb.db.kysely, p);
    browser = await launchBrowser({ timezoneId: o.timezoneId });
    return { server, browser, testDb, close };
  } catch (err) {
    await close(); // nothing left running when the start fails half-way
    throw err;
  }
}
