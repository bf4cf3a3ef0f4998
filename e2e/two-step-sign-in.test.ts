import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, browserAvailable, launchBrowser, type RunningServer, startServer } from './harness';

async function fillCredentials(page: Page, url: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill('desk@example.com');
  await page.getByLabel('Password').fill('anagen-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// Turning two-step sign-in on through the staff account page must not lock the person out of the
// web app: the sign-in form has to send the code it asks for.
describe.runIf(browserAvailable())('two-step sign-in for staff in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a desk member turns it on, then signs in with password and code', async () => {
    await fillCredentials(page, server.url);
    await page.waitForURL(`${server.url}/staff`);
    await page.goto(`${server.url}/staff/account`);
    await page.getByText('Two-step sign-in is off').waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = ((await page.locator('main code').first().textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Code from the app').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('Two-step sign-in is on.').waitFor();
    expect(await page.getByRole('button', { name: 'Set up an authenticator app' }).count()).toBe(0);

    await fillCredentials(page, server.url);
    await page.getByText('enter the code from your authenticator app').waitFor();
    expect(page.url()).toContain('/sign-in');
    // The next 30-second step: the server accepts one step of drift and refuses a replayed code.
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await page.getByLabel('Authentication code').fill(next);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/staff`);
    const me = await page.request.get(`${server.url}/api/auth/me`);
    expect((await me.json()).email).toBe('desk@example.com');
  });
});
