import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yIssues } from './axe';
import {
  type Browser,
  browserAvailable,
  launchBrowser,
  type RunningServer,
  screenshotPath,
  startServer,
} from './harness';

const PUBLIC_PAGES = ['/', '/sign-in', '/register', '/no-such-page'];

describe.runIf(browserAvailable())('foundation journey in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints the demo logins on first start, under a warning not to enter real patient data', () => {
    expect(server.output()).toContain('patient@example.com');
    expect(server.output()).toContain('anagen-demo');
    expect(server.output()).toContain('DEMO CLINIC');
  });

  it('says on every page that this is the demo clinic with public passwords', async () => {
    const page = await browser.context.newPage();
    for (const url of ['/', '/sign-in', '/book']) {
      await page.goto(`${server.url}${url}`);
      await page
        .getByRole('note')
        .filter({ hasText: 'Demo clinic — public demo passwords, do not enter real patient data' })
        .waitFor();
    }
    await page.close();
  });

  it('signs the demo patient in through the form and greets them by name in the portal', async () => {
    const page = await browser.context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill('patient@example.com');
    await page.getByLabel('Password').fill('anagen-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Pat' }).waitFor();
    expect(page.url()).toBe(`${server.url}/portal`);
    await page.screenshot({ path: screenshotPath('portal-greeting'), fullPage: true });
    expect(cspErrors).toEqual([]);
    await page.close();
  });

  it('keeps each role in its own area', async () => {
    const page = await browser.context.newPage();
    for (const [email, home] of [
      ['desk@example.com', '/staff'],
      ['clinician@example.com', '/staff'],
      ['admin@example.com', '/admin'],
    ] as const) {
      await page.context().clearCookies();
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('anagen-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${server.url}${home}`);
    }
    // Signed in as admin now; the patient portal refuses this role.
    await page.goto(`${server.url}/portal`);
    await page.getByRole('heading', { name: 'Not available for your account' }).waitFor();
    await page.close();
  });

  it('shows a wrong password as an error on the form', async () => {
    const page = await browser.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill('patient@example.com');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not correct');
    await page.close();
  });

  it.each(PUBLIC_PAGES)('has no serious accessibility violations on %s', async (path) => {
    const page = await browser.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${server.url}${path}`);
    await page.locator('h1').first().waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.close();
  });

  it('works on a phone-sized screen', async () => {
    const phone = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const page = await phone.context.newPage();
      await page.goto(`${server.url}/`);
      await page.getByRole('link', { name: 'Book a consultation' }).waitFor();
      // The clinic behind the site: its name, a phone link and the visits bookable online.
      const clinic = page.locator('section.this-clinic');
      await clinic.getByRole('heading', { name: 'Anagen Demo Clinic' }).waitFor();
      expect(await clinic.getByRole('link', { name: /\+1/ }).getAttribute('href')).toMatch(/^tel:\+1\d+$/);
      const visit = clinic.getByRole('listitem').first();
      await expect(visit.textContent()).resolves.toMatch(/\d+ minutes, (\$\d+|no charge)/);
      expect(await visit.getByRole('link').getAttribute('href')).toMatch(/^\/book\?type=/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath('home-phone'), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
