/**
 * Issue 25, points 9–11: the patient on a phone (390 × 844), the assessment, focus after actions and
 * touch-target sizes on the public pages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEvidenceLibrary } from '../content';
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

const PHONE = { width: 390, height: 844 };

/** What has focus, as role and text, so a failure says where focus went instead. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      role: el?.getAttribute('role') ?? '',
      text: (el?.textContent ?? '').trim().slice(0, 200),
    };
  });

/**
 * Every link, button, summary, select and text box on the page that is smaller than 24 × 24 px.
 * A checkbox or radio counts by its label, which is what a finger taps.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const els = document.querySelectorAll<HTMLElement>(
      'a[href], button, summary, select, input:not([type="hidden"]), textarea',
    );
    for (const el of els) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      // Screen-reader-only links (the skip link until focused) are not tap targets.
      if (el.closest('.visually-hidden, .skip-link')) continue;
      let box: Element = el;
      if (el instanceof HTMLInputElement && ['checkbox', 'radio'].includes(el.type))
        box = el.closest('label') ?? el;
      const r = box.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered (closed <details>, etc.)
      if (r.width < 24 || r.height < 24) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
        out.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  });
}

describe.runIf(browserAvailable())('a patient on a phone, the assessment, focus and touch targets', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({ viewport: PHONE });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows under "Next appointment" only that visit’s checklist; a later visit’s steps are dated apart', async () => {
    await signIn(page, server.url, 'patient@example.com', '/portal');
    const next = page.getByRole('region', { name: 'Next appointment' });
    await next.getByText(/ with /).waitFor();
    const nextType = (await next.locator('p strong').first().textContent())!.trim();
    // The demo's next visit is a follow-up; its PRP session two weeks later has the checklist.
    expect(nextType).toMatch(/follow-up/i);
    await expect(next.getByRole('heading', { name: /Getting ready/ }).count()).resolves.toBe(0);
    const later = page.getByRole('region', { name: /Getting ready for your .*PRP.* on / });
    await later.getByText(/of \d+ done/).waitFor();
    await page.screenshot({ path: screenshotPath('issue25-portal-home-phone'), fullPage: true });
  });

  it('explains progress in words, keeps the figures in a disclosure, and fits the table on the phone', async () => {
    await page.goto(`${server.url}/portal/progress`);
    const site = page.locator('.progress-site').first();
    await site.waitFor();
    await expect
      .poll(() => site.textContent())
      .toMatch(/Each count could be about \d+ hairs per square centimetre off either way/);
    await expect(site.textContent()).resolves.toMatch(
      /About \d+ in 100 hairs counted are fine, thin \(vellus\) hairs|Almost none of the hairs counted/,
    );
    await expect(page.locator('.band-note').first().textContent()).resolves.toMatch(
      /the true figure is most likely between [\d.]+ and [\d.]+/,
    );
    // The statistics are there for those who open them, not in the way of those who do not.
    const how = page.locator('details.uncertainty-method');
    await expect(how.getByText('√n').isVisible()).resolves.toBe(false);
    await how.locator('summary').click();
    await expect(how.textContent()).resolves.toContain('√n');

    await site.locator('details.progress-table-details summary').click();
    const table = site.locator('table.progress-table');
    await table.waitFor();
    const fit = await table.evaluate((t) => ({
      right: t.getBoundingClientRect().right,
      width: window.innerWidth,
      rowDisplay: getComputedStyle(t.querySelector('tbody tr')!).display,
      label: getComputedStyle(t.querySelector('tbody td')!, '::before').content,
    }));
    expect(fit.rowDisplay).toBe('block'); // one card per date
    expect(fit.right).toBeLessThanOrEqual(fit.width); // nothing cut off
    expect(fit.label).toBe('"Months"'); // each value names its column
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('issue25-progress-phone'), fullPage: true });
    await expectNoSeriousA11yIssues(page);
  });

  it('makes the clinic number on a routine report’s confirmation tap-to-call, and focuses it', async () => {
    await page.goto(`${server.url}/portal/side-effect`);
    await page.getByLabel('Mild redness of the scalp').check();
    await page.getByLabel(/How bad is it/).fill('2');
    await page.getByLabel('Which treatment session was it after?').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Send report' }).click();
    const sent = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Report sent' }) });
    await sent.waitFor();
    const calls = sent.locator('a[href^="tel:"]');
    await expect(calls.count()).resolves.toBeGreaterThanOrEqual(1);
    expect(await sent.getByRole('link', { name: /Call the clinic/ }).getAttribute('href')).toBe(
      'tel:+14155550134',
    );
    await expect.poll(async () => (await focused(page)).text).toMatch(/^Report sent/);
    await page.screenshot({ path: screenshotPath('issue25-routine-report-phone'), fullPage: true });
  });

  /** Clicks the last free day of the first month that has one: the day farthest down the grid. */
  async function pickLastFreeDay(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await page.locator('.month-grid').waitFor();
      if ((await page.locator('.month-grid button.day.has-slots').count()) > 0) break;
      await page.getByRole('button', { name: /Next month/ }).click();
      await page.getByText(/Finding free times/).waitFor({ state: 'detached' });
    }
    await page.locator('.month-grid button.day.has-slots').last().click();
  }

  it('brings the free times into view with focus after a day is picked, and focuses a move’s result', async () => {
    await signIn(page, server.url, 'patient@example.com', '/portal');
    await page.goto(`${server.url}/book?type=consultation`);
    await pickLastFreeDay();
    const times = page.locator('section.day-slots');
    await times.waitFor();
    // In view on the phone, and focus on the chosen day's heading, not left on the day button.
    const box = (await times.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(-1); // scrolled to its top edge, give or take a subpixel
    expect(box.y).toBeLessThan(PHONE.height / 2);
    const f = await focused(page);
    expect(f.tag).toBe('h3');
    expect(await times.locator('h3').textContent()).toBe(f.text);
    await page.screenshot({ path: screenshotPath('issue25-free-times-phone') });
    await times.locator('button.slot').first().click();
    await page.getByText('Booking as Pat Rivera').waitFor();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('heading', { name: 'You are booked' }).waitFor();

    // Moving it from the portal: the result takes focus, where the pressed button was.
    await page.goto(`${server.url}/portal/appointments`);
    await page
      .getByRole('link', { name: /Change or cancel Consultation/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Move to another time' }).click();
    await pickLastFreeDay();
    await page.locator('section.day-slots button.slot').last().click();
    await page.getByRole('button', { name: 'Confirm new time' }).click();
    await page.getByText('Your appointment has moved').waitFor();
    await expect.poll(async () => (await focused(page)).text).toMatch(/^Your appointment has moved/);
    expect((await focused(page)).role).toBe('status');
    await page.screenshot({ path: screenshotPath('issue25-moved-phone'), fullPage: true });
  });

  it('opens a new page at the top and returns to the same place on Back', async () => {
    await page.goto(`${server.url}/treatments/prp`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const link = page.getByRole('link', { name: 'Check whether you are a likely candidate' });
    await link.scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(800);
    await link.click();
    await page.waitForURL(/\/assessment\?for=prp$/);
    await page.getByRole('heading', { name: 'Am I a candidate?' }).waitFor();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await page.goBack();
    await page.waitForURL(/\/treatments\/prp$/);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 100);
  });

  it('offers a man who cannot become pregnant no pregnancy or period choices, explains terms, and answers first', async () => {
    await page.goto(`${server.url}/assessment?for=prp`);
    await page.getByRole('radio', { name: 'Male', exact: true }).check();
    await page.getByLabel('Age in years').fill('35');
    await page
      .getByRole('group', { name: /Could you become pregnant/ })
      .getByRole('radio', { name: 'No', exact: true })
      .check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Your hair loss' }).waitFor();
    await expect(page.getByLabel('After pregnancy').count()).resolves.toBe(0);
    await page.getByLabel('Receding hairline or thinning crown').check();
    await page.getByLabel(/How long has it been going on/).fill('36');
    await page.getByRole('radio', { name: 'No', exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio', { name: 'Norwood III vertex' }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Scalp and health' }).waitFor();
    for (const label of ['Pregnant', 'Breastfeeding', 'Planning a pregnancy', 'Irregular periods'])
      await expect(page.getByLabel(label, { exact: true }).count(), label).resolves.toBe(0);
    // The medical word carries a plain explanation, read out with the box.
    const pheo = page.getByRole('checkbox', { name: /^Pheochromocytoma/ });
    const described = await pheo.evaluate(
      (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
    );
    expect(described).toMatch(/adrenal gland/);
    await page.screenshot({ path: screenshotPath('issue25-assessment-terms-phone'), fullPage: true });
    await expectNoSeriousA11yIssues(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'See my result' }).click();
    await page.getByRole('heading', { name: 'Your result' }).waitFor();
    // The first thing said: is the person a candidate for what they came for?
    const first = page.locator('.assessment-result > p').first();
    await expect(first.textContent()).resolves.toBe(
      'From your answers, PRP could be an option to discuss with a clinician.',
    );
    await page.screenshot({ path: screenshotPath('issue25-assessment-verdict-phone'), fullPage: true });
    await expectNoSeriousA11yIssues(page);

    // The rule goes by the pregnancy question, not by sex: a man who could become pregnant is asked.
    await page.goto(`${server.url}/assessment`);
    await page.getByRole('radio', { name: 'Male', exact: true }).check();
    await page.getByLabel('Age in years').fill('35');
    await page
      .getByRole('group', { name: /Could you become pregnant/ })
      .getByRole('radio', { name: 'Yes', exact: true })
      .check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('After pregnancy').waitFor();
  });

  it('says a treatment is not a good fit, and why, with a glossary of the words used', async () => {
    await page.goto(`${server.url}/assessment?for=oral-minoxidil`);
    await page.getByRole('radio', { name: 'Male', exact: true }).check();
    await page.getByLabel('Age in years').fill('35');
    await page
      .getByRole('group', { name: /Could you become pregnant/ })
      .getByRole('radio', { name: 'No', exact: true })
      .check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Receding hairline or thinning crown').check();
    await page.getByLabel(/How long has it been going on/).fill('36');
    await page.getByRole('radio', { name: 'No', exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio', { name: 'Norwood III vertex' }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('checkbox', { name: /^Pheochromocytoma/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'See my result' }).click();
    const first = page.locator('.assessment-result > p').first();
    await expect(first.textContent()).resolves.toMatch(
      /^From your answers, oral minoxidil does not look like a good fit: it is not used with .*pheochromocytoma/i,
    );
    const words = page.getByRole('region', { name: 'Words used here' });
    await words.getByText('Pheochromocytoma', { exact: true }).waitFor();
    await expect(words.textContent()).resolves.toMatch(/adrenal gland/);
  });

  it('puts focus on the message after a failed sign-in, and offers "Forgot password?"', async () => {
    await page.context().clearCookies();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill('patient@example.com');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email or password is not correct.').waitFor();
    const f = await focused(page);
    expect(f.role).toBe('alert');
    expect(f.text).toContain('The email or password is not correct.');
    const forgot = page.getByRole('link', { name: 'Forgot password?' });
    await forgot.click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
  });

  it('has no link or button smaller than 24 × 24 px on the main public pages, phone and desktop', async () => {
    const guide = getEvidenceLibrary().guide[0]!;
    const pages = [
      '/',
      '/learn',
      `/learn/${guide.slug}`,
      '/treatments',
      '/treatments/prp',
      '/compare',
      '/cost',
      '/assessment',
      '/book',
      '/sign-in',
      '/register',
    ];
    const found: string[] = [];
    for (const size of [PHONE, { width: 1280, height: 900 }]) {
      await page.setViewportSize(size);
      for (const path of pages) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        for (const t of await smallTargets(page)) found.push(`${size.width}px ${path}: ${t}`);
      }
    }
    await page.setViewportSize(PHONE);
    expect(found).toEqual([]);
    // The compare page's footnote links in particular (they were 19 × 14 px).
    await page.goto(`${server.url}/compare`);
    const cite = page.locator('.cite a').first();
    const box = (await cite.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);
    await cite.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('issue25-compare-targets-phone') });
  });
});
