import fs from 'node:fs';
import type { Page } from 'playwright-core';
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
import { signIn } from './sign-in';

const NEW_PASSWORD = 'my-new-passphrase-2026';

// One journey on a phone-sized screen: each step uses what the previous one did.
describe.runIf(browserAvailable())('patient account and data rights in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a patient changes their password, downloads their records and asks for deletion', async () => {
    await signIn(page, server.url, 'patient@example.com', '/portal');
    await page.goto(`${server.url}/portal/account`);
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();

    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your current password is not correct.').waitFor();
    await page.getByLabel('Current password').fill('anagen-demo');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password was changed.').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my records (FHIR JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^anagen-records-\d{4}-\d{2}-\d{2}\.fhir\.json$/);
    const bundle = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(bundle).toMatchObject({ resourceType: 'Bundle' });
    expect(bundle.entry[0].resource).toMatchObject({ resourceType: 'Patient', id: 'demo-patient-1' });

    await page.getByLabel('Anything the clinic should know (optional)').fill('Moving abroad');
    await page.getByRole('button', { name: 'Send deletion request' }).click();
    await page.getByText('The clinic will review your request').waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('account-portal'), fullPage: true });
  });

  it('the admin answers the request; the patient reads it, closes the account and can no longer sign in', async () => {
    // Staff pages are desktop pages.
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, server.url, 'admin@example.com', '/admin');
    await page.getByRole('link', { name: 'Requests', exact: true }).click();
    await page.getByRole('cell', { name: 'Moving abroad' }).waitFor();
    const answer = 'Contact details removed. Clinical records are kept for 7 years as the law requires.';
    await page.getByLabel('Answer for Pat Rivera').fill(answer);
    await page.getByRole('button', { name: 'Record answer' }).click();
    await page.getByText('Answered').waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('account-admin-requests'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, server.url, 'patient@example.com', '/portal', NEW_PASSWORD);
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.getByText(answer).waitFor();
    await page.getByRole('button', { name: 'Close my account…' }).click();
    await page.getByRole('button', { name: 'Yes, close my account' }).click();
    await page.getByRole('heading', { name: 'Your portal account is closed' }).waitFor();

    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill('patient@example.com');
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email or password is not correct.').waitFor();
  });
});
