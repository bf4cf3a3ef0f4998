import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, browserAvailable, launchBrowser, type RunningServer, startServer } from './harness';
import { signIn } from './sign-in';

describe.runIf(browserAvailable())('the clinic turns patient uploads off, in chromium', () => {
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

  it('an admin unticks patient uploads; the portal hides its upload forms and says why', async () => {
    const page = await browser.context.newPage();
    await signIn(page, server.url, 'admin@example.com');
    await page.goto(`${server.url}/admin`);
    const form = page.getByRole('form', { name: 'Upload settings' });
    const box = form.getByLabel('Patients may upload photos and documents');
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await form.getByRole('button', { name: 'Save upload settings' }).click();
    await form.getByRole('status').filter({ hasText: 'Upload settings saved' }).waitFor();

    await signIn(page, server.url, 'patient@example.com');
    await page.goto(`${server.url}/portal/progress`);
    await page.getByText('The clinic has turned off uploads from patients').waitFor();
    expect(await page.locator('form.capture-panel').count()).toBe(0);
    await page.goto(`${server.url}/portal/records`);
    await page.getByText('The clinic has turned off uploads from patients').waitFor();
    expect(await page.getByRole('form', { name: 'File a document' }).count()).toBe(0);
    await page.close();
  });
});
