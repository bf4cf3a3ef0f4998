import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../packages/server/src/test/dialects';
import { expectNoSeriousA11yIssues } from './axe';
import { type Browser, browserAvailable, type RunningServer, screenshotPath } from './harness';
import { type OutcomesSite, startOutcomesSite } from './outcomes-setup';
import { signIn } from './sign-in';

const DAY = 86_400_000;
const T = 'topical-minoxidil';
const POLL = { timeout: 20_000 };

describe.runIf(browserAvailable()).each(DIALECTS)('public outcome summary in chromium on %s', (dialect) => {
  let server: RunningServer;
  let browser: Browser;
  let site: OutcomesSite | undefined;
  beforeAll(async () => {
    const start = Date.now() - 420 * DAY;
    site = await startOutcomesSite(dialect, {
      timezoneId: 'Pacific/Auckland',
      patients: [-2, 4, 6, 10, 12, 40].map((d, i) => ({
        id: `e2e-pub-${i}`,
        treatment: T,
        startAt: start,
        providerId: 'demo-provider-chen',
        sessionDays: [0],
        measurements: [
          { day: -5, hairCount: 100 },
          { day: 92, hairCount: 100 + d },
          ...(i === 0 ? [{ day: 366, hairCount: 125 }] : []),
        ],
      })),
    });
    ({ server, browser } = site);
  });
  afterAll(async () => {
    await site?.close();
  });

  const setPublished = async (page: Awaited<ReturnType<Browser['context']['newPage']>>, on: boolean) => {
    await signIn(page, server.url, 'admin@example.com');
    await page.goto(`${server.url}/admin`);
    const form = page.getByRole('form', { name: 'Outcome summary settings' });
    const box = form.getByLabel('Publish outcome summaries');
    await box.waitFor();
    expect(await box.isChecked()).toBe(!on);
    await box.setChecked(on);
    await form.getByRole('button', { name: 'Save outcome summary setting' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: on ? 'are published' : 'are not published' })
      .waitFor();
    // The summary is for anyone: read it signed out.
    await page.context().clearCookies();
  };

  it('is not published until an admin turns it on, then shows the clinic’s figures beside the trial', async () => {
    const pub = await browser.context.newPage();
    await pub.goto(`${server.url}/treatments/${T}/outcomes`);
    await pub.getByRole('heading', { name: 'Not published' }).waitFor();

    await setPublished(pub, true);
    await pub.goto(`${server.url}/treatments/${T}/outcomes`);
    await expect.poll(() => pub.getByTestId('pub-started').textContent(), POLL).toBe('6');
    const density = pub.getByRole('region', { name: /Change in hair density/ });
    const row3 = density.getByTestId('pub-row-3');
    expect(await row3.textContent()).toContain('+8.0');
    expect(await row3.textContent()).toContain('−2.0 to +40.0');
    // One patient measured at 12 months: their own change is not shown.
    expect(await density.getByTestId('pub-row-12').textContent()).toContain('Not enough patients yet');
    expect(await density.getByTestId('pub-published').textContent()).toMatch(/\+18\.6/);
    expect(await pub.getByRole('region', { name: 'How these figures are made' }).textContent()).toContain(
      'Responder',
    );
    expect(await pub.content()).not.toContain('e2e-pub-');
    await expectNoSeriousA11yIssues(pub);
    await pub.screenshot({ path: screenshotPath(`public-outcomes-${dialect}`), fullPage: true });

    await setPublished(pub, false);
    await pub.goto(`${server.url}/treatments/${T}/outcomes`);
    await pub.getByRole('heading', { name: 'Not published' }).waitFor();
    expect((await pub.request.get(`${server.url}/api/public/outcomes?treatment=${T}`)).status()).toBe(404);
    await pub.close();
  });
});
