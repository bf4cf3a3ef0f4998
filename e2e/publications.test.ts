import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../packages/server/src/db/migrate';
import { createLocalStorage } from '../packages/server/src/lib/storage';
import { seedDemo } from '../packages/server/src/modules/demo/seed-demo';
import { createTestDatabase, type TestDatabase } from '../packages/server/src/test/dialects';
import { expectNoSeriousA11yIssues } from './axe';
import {
  type Browser,
  browserAvailable,
  launchBrowser,
  type RunningServer,
  screenshotPath,
  startServer,
} from './harness';
import { signIn } from './sign-in';

const POLL = { timeout: 20_000 };

/** Bytes of JavaScript a page loaded (script resources), to hold the public pages to their budget. */
const scriptBytes = (page: Awaited<ReturnType<Browser['context']['newPage']>>) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script')
      .reduce((sum, e) => sum + (e as PerformanceResourceTiming).encodedBodySize, 0),
  );

describe.runIf(browserAvailable())('verified before-and-after results in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
    // Seeded here rather than by the server's first start, which must answer within the harness's
    // start-up deadline even on a busy machine (the demo's photo analyses take a while).
    await migrateToLatest(testDb.db.kysely);
    await seedDemo({
      db: testDb.db.kysely,
      now: Date.now(),
      storage: createLocalStorage(path.join(testDb.dataDir, 'files')),
    });
    server = await startServer({ ANAGEN_DATA_DIR: testDb.dataDir });
    browser = await launchBrowser({ timezoneId: 'Asia/Tokyo' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await testDb?.drop();
  });

  it('propose → patient consents → public with verification → withdraw → gone', async () => {
    const page = await browser.context.newPage();
    // A clinician proposes two vertex photos of the demo patient.
    await signIn(page, server.url, 'clinician@example.com');
    await page.goto(`${server.url}/staff/patients/demo-patient-1/publications`);
    await page
      .getByRole('heading', { name: 'Publish a before-and-after result' })
      .waitFor({ timeout: 60_000 })
      .catch(async (err) => {
        await page.screenshot({ path: screenshotPath('publications-staff-failed'), fullPage: true });
        throw err;
      });
    await page.getByLabel('Before photo').selectOption('demo-photo-p1-vertex-1');
    await page.getByLabel('After photo').selectOption('demo-photo-p1-vertex-4');
    await page.getByLabel('Crop (the same for both)').selectOption({ label: 'Centre 80 %' });
    await page.getByRole('button', { name: 'Propose for publication' }).click();
    await page.getByRole('status').filter({ hasText: 'Proposed' }).waitFor();
    await page.getByText('Waiting for the patient’s consent').waitFor();
    // Nothing is public before consent.
    expect(await (await fetch(`${server.url}/api/public/results`)).json()).toEqual([]);

    // The patient sees exactly the two files and consents.
    await signIn(page, server.url, 'patient@example.com', '/portal');
    await page.getByRole('link', { name: 'Photo publishing' }).click();
    const card = page.locator('article[data-publication]');
    await card.getByRole('img', { name: /Before, exactly as it would be published/ }).waitFor();
    await expect
      .poll(
        () =>
          card.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)),
        POLL,
      )
      .toEqual([expect.any(Number), expect.any(Number)]);
    expect(
      await card
        .locator('img')
        .first()
        .evaluate((i) => (i as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    await card.getByLabel(/I agree that the clinic publishes exactly these two images/).check();
    await card.getByRole('button', { name: 'Publish these two images' }).click();
    await card.getByRole('status').filter({ hasText: 'Published' }).waitFor();

    // Anyone: the gallery shows the pair with its verification, server-rendered and light.
    await page.context().clearCookies();
    const results = (await (await fetch(`${server.url}/api/public/results?treatment=prp`)).json()) as {
      id: string;
      before: { url: string; sha256: string };
      after: { url: string; sha256: string };
    }[];
    expect(results).toHaveLength(1);
    const [result] = results;
    await page.goto(`${server.url}/treatments/prp/results`);
    await page.getByRole('heading', { level: 1, name: /before and after/ }).waitFor();
    const share = page.getByRole('region', { name: 'How typical are these?' });
    await share.getByText(/^Not enough patients yet/).waitFor();
    await page.getByRole('img', { name: /^Before: vertex view/ }).waitFor();
    expect(
      await page
        .getByRole('img', { name: /^After: vertex view/ })
        .evaluate((i) => (i as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    expect(await page.content()).not.toContain('Pat Rivera');
    expect(await scriptBytes(page)).toBeLessThanOrEqual(150 * 1024);
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('publications-gallery'), fullPage: true });

    // The verification page re-checks the served files' hashes in the browser.
    await page.getByRole('link', { name: 'check it yourself' }).click();
    await page.getByRole('heading', { level: 1, name: /Verify this/ }).waitFor();
    await page.getByRole('button', { name: 'Check the published files now' }).click();
    await expect
      .poll(() => page.locator('output[data-result-for]').allTextContents(), POLL)
      .toEqual([
        `Matches: ${result!.before.sha256.slice(0, 16)}…`,
        `Matches: ${result!.after.sha256.slice(0, 16)}…`,
      ]);
    expect(await scriptBytes(page)).toBeLessThanOrEqual(150 * 1024);
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('publications-verify'), fullPage: true });

    // The patient withdraws: the old URLs answer 410 at once and the gallery is empty.
    await signIn(page, server.url, 'patient@example.com', '/portal');
    await page.goto(`${server.url}/portal/publications`);
    await card.getByRole('button', { name: 'Withdraw my consent' }).click();
    await card.getByRole('status').filter({ hasText: 'Withdrawn' }).waitFor();
    for (const url of [result!.before.url, result!.after.url]) {
      expect((await fetch(`${server.url}${url}`)).status).toBe(410);
    }
    await page.context().clearCookies();
    await page.goto(`${server.url}/treatments/prp/results`);
    await page.getByText('No before-and-after results are published for this treatment yet.').waitFor();
    expect((await fetch(`${server.url}/results/${result!.id}/verify`)).status).toBe(410);
  });
});
