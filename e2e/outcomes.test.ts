import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../packages/server/src/lib/ids';
import { DIALECTS, type TestDatabase } from '../packages/server/src/test/dialects';
import { expectNoSeriousA11yIssues } from './axe';
import { type Browser, browserAvailable, type RunningServer, screenshotPath } from './harness';
import { type OutcomesSite, startOutcomesSite } from './outcomes-setup';
import { signIn } from './sign-in';

const DAY = 86_400_000;
const T = 'topical-minoxidil';
// The machine may be busy: the report is recalculated on every filter change.
const POLL = { timeout: 20_000 };

describe.runIf(browserAvailable()).each(DIALECTS)('clinic outcomes page in chromium on %s', (dialect) => {
  let server: RunningServer;
  let browser: Browser;
  let testDb: TestDatabase;
  let site: OutcomesSite | undefined;
  beforeAll(async () => {
    // Six patients who started 14 months ago; 3-month changes −2, 4, 6, 10, 12, 40 hairs/cm².
    const start = Date.now() - 420 * DAY;
    site = await startOutcomesSite(dialect, {
      timezoneId: 'Asia/Tokyo',
      patients: [
        ...[-2, 4, 6, 10, 12, 40].map((d, i) => ({
          id: `e2e-out-${i}`,
          treatment: T,
          startAt: start,
          providerId: i < 2 ? 'demo-provider-morgan' : 'demo-provider-chen',
          sessionDays: [0],
          measurements: [
            { day: -5, hairCount: 100 },
            { day: 92, hairCount: 100 + d },
          ],
        })),
        {
          id: 'e2e-out-nobase',
          treatment: T,
          startAt: start,
          providerId: 'demo-provider-chen',
          measurements: [{ day: 92, hairCount: 120 }],
        },
      ],
    });
    ({ server, browser, testDb } = site);
  });
  afterAll(async () => {
    await site?.close();
  });

  it('shows the distribution, the interval, exclusions and the published figure, and exports CSV', async () => {
    const page = await browser.context.newPage();
    await signIn(page, server.url, 'clinician@example.com');
    await page.goto(`${server.url}/staff`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).click();
    await page.getByLabel('Treatment').selectOption(T);
    await expect.poll(() => page.getByTestId('started').textContent(), POLL).toBe('7');
    const density = page.getByRole('region', { name: 'Change in hair density' });
    const row3 = density.getByTestId('row-3');
    await expect.poll(() => row3.textContent(), POLL).toContain('+8.0');
    expect(await row3.textContent()).toContain('−2.0 to +40.0');
    expect(await density.locator('svg circle').count()).toBe(6);
    expect(await density.getByTestId('published').textContent()).toMatch(/\+18\.6/);
    expect(await page.getByRole('list', { name: 'Reasons for exclusion' }).textContent()).toContain(
      'No baseline measurement: 1',
    );
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath(`outcomes-${dialect}`), fullPage: true });

    // Two patients with one provider: a median, but no interval and no percentage.
    await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Dr. Casey Morgan' });
    await expect.poll(() => page.getByTestId('started').textContent(), POLL).toBe('2');
    expect(await density.getByTestId('row-3').textContent()).toContain('too few patients (under 5)');
    expect(await page.getByTestId('responders').textContent()).toContain('too few patients for a percentage');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'measure,unit,month,n,median,q1,q3,ci95_low,ci95_high,ci_coverage,responders,responder_share,excluded,missing',
    );
    expect(csv).toContain('density change,hairs/cm2,3,2,');
    await page.close();
  });

  it('takes a patient’s answers from the emailed link and in the portal, and shows them beside the measurements', async () => {
    const db = testDb.db.kysely;
    const now = Date.now();
    await db
      .insertInto('treatment_plans')
      .values({
        id: 'e2e-q-plan',
        patient_id: 'demo-patient-2',
        treatment_slug: 'prp',
        sessions_planned: 3,
        interval_weeks: 4,
        maintenance_interval_weeks: null,
        maintenance_note: null,
        goal: 'Density at the part',
        status: 'active',
        created_by: null,
        created_at: now - 200 * DAY,
        updated_at: now - 200 * DAY,
      })
      .execute();
    const token = 'e2e-questionnaire-token-0123456789abcdef';
    const row = (id: string, month: number, tokenHash: string | null) => ({
      id,
      patient_id: 'demo-patient-2',
      plan_id: 'e2e-q-plan',
      treatment_slug: 'prp',
      month,
      due_at: now - DAY,
      expires_at: now + 30 * DAY,
      token_hash: tokenHash,
      sent_at: now - DAY,
      reminded_at: null,
      answered_at: null,
      answered_via: null,
      global_change: null,
      satisfaction: null,
      comment: null,
      created_at: now - DAY,
    });
    await db
      .insertInto('outcome_questionnaires')
      .values(row('e2e-q-3', 3, hashToken(token)))
      .execute();
    await db
      .insertInto('outcome_questionnaires')
      .values(row('e2e-q-6', 6, null))
      .execute();

    const page = await browser.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${server.url}/questionnaire/${token}`);
    await page
      .getByRole('group', { name: /how is your hair now/ })
      .getByLabel('Moderately better')
      .check();
    await page
      .getByRole('group', { name: /How satisfied/ })
      .getByLabel('Satisfied', { exact: true })
      .check();
    await page.getByLabel(/anything else/i).fill('Less shedding in the shower.');
    await expectNoSeriousA11yIssues(page);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('status').filter({ hasText: 'Your answers are saved' }).waitFor();
    // The link works once.
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'used or replaced' }).waitFor();

    await signIn(page, server.url, 'patient2@example.com');
    await page.goto(`${server.url}/portal/progress`);
    const mine = page.getByRole('region', { name: 'How you feel it is going' });
    await mine
      .getByRole('group', { name: /how is your hair now/ })
      .getByLabel('No change')
      .check();
    await mine
      .getByRole('group', { name: /How satisfied/ })
      .getByLabel('Dissatisfied', { exact: true })
      .check();
    await mine.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => mine.locator('tbody tr').count(), POLL).toBe(2);
    expect(await mine.locator('tbody').textContent()).toContain('Moderately better');
    expect(await mine.locator('tbody').textContent()).toContain('Less shedding in the shower.');
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath(`questionnaire-portal-${dialect}`), fullPage: true });

    await signIn(page, server.url, 'clinician@example.com');
    await page.goto(`${server.url}/staff/outcomes?treatment=prp`);
    const pro = page.getByTestId('pro-3');
    await expect.poll(() => pro.textContent(), POLL).toContain('too few patients');
    expect(await page.getByTestId('pro-6').locator('td').first().textContent()).toBe('1');
    await page.close();
  });

  it('keeps the page from the front desk', async () => {
    const page = await browser.context.newPage();
    await signIn(page, server.url, 'desk@example.com');
    await page.goto(`${server.url}/staff`);
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).count(),
    ).toBe(0);
    const res = await page.request.get(`${server.url}/api/outcomes?treatment=${T}`);
    expect(res.status()).toBe(403);
    await page.close();
  });
});
