import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yIssues } from './axe';
import { type Browser, browserAvailable, launchBrowser, type RunningServer, startServer } from './harness';
import { signIn } from './sign-in';

/**
 * The newest link to `page` mailed to `to`, read from the server's outbox (no SMTP_URL in e2e).
 * Waits a little: account mails are sent after the response.
 */
async function mailedLink(server: RunningServer, to: string, page: string): Promise<string> {
  const outbox = path.join(server.dataDir, 'outbox');
  const pattern = new RegExp(`http://[^\\s]+/${page}\\?token=[\\w%-]+`);
  for (let i = 0; i < 50; i++) {
    const link = (fs.existsSync(outbox) ? fs.readdirSync(outbox) : [])
      .filter((f) => f.includes(to))
      .sort()
      .reverse()
      // Mail bodies are quoted-printable: undo soft line breaks and =3D before reading the link.
      .map((f) =>
        fs
          .readFileSync(path.join(outbox, f), 'utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=3D/g, '='),
      )
      .map((m) => pattern.exec(m)?.[0])
      .find(Boolean);
    if (link) {
      const u = new URL(link);
      return `${server.url}${u.pathname}${u.search}`;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${page} link mailed to ${to}`);
}

/** A guest books the first free consultation time, as on the public booking page. */
async function bookAsGuest(page: Page, url: string, name: string, email: string, notes: string) {
  await page.goto(`${url}/book`);
  await page.getByRole('button', { name: /Consultation/ }).click();
  await page.locator('.month-grid').waitFor();
  const days = page.locator('.month-grid button.day.has-slots');
  if ((await days.count()) < 3) {
    await page.getByRole('button', { name: /Next month/ }).click();
    await page.getByText(/Finding free times/).waitFor({ state: 'detached' });
  }
  // A day a little ahead keeps the booking clear of the notice period at any hour of the day.
  await days.nth(Math.min(2, (await days.count()) - 1)).click();
  await page.locator('.slot-list button').first().click();
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/Anything the clinician should know/).fill(notes);
  await page.getByRole('button', { name: 'Book this time' }).click();
  await page.getByRole('heading', { name: 'You are booked' }).waitFor();
}

describe.runIf(browserAvailable())('verified identities in chromium (issue 17)', () => {
  let server: RunningServer;
  let attackerBrowser: Browser;
  let victimBrowser: Browser;
  beforeAll(async () => {
    server = await startServer();
    attackerBrowser = await launchBrowser();
    victimBrowser = await launchBrowser({ viewport: { width: 360, height: 780 } });
  });
  afterAll(async () => {
    await attackerBrowser?.close();
    await victimBrowser?.close();
    await server?.stop();
  });

  it("does not show a guest's booking to someone who registered the guest's email first", async () => {
    const attacker = await attackerBrowser.context.newPage();
    await attacker.goto(`${server.url}/register`);
    await attacker.getByLabel('Full name').fill('Not The Victim');
    await attacker.getByLabel('Email').fill('victim@example.org');
    await attacker.getByLabel('Password').fill('attacker-password');
    await attacker.getByRole('button', { name: 'Create account' }).click();
    await attacker.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectNoSeriousA11yIssues(attacker);

    const victim = await victimBrowser.context.newPage();
    await bookAsGuest(
      victim,
      server.url,
      'Vic Tim',
      'victim@example.org',
      'Private: my father went bald at 30',
    );

    await signIn(attacker, server.url, 'victim@example.org', '/portal', 'attacker-password');
    await attacker.goto(`${server.url}/portal/appointments`);
    await attacker.getByText('No upcoming appointments').waitFor();
    const text = (await attacker.locator('main').textContent()) ?? '';
    expect(text).not.toContain('Consultation');
    expect(text).not.toContain('father');
  });

  it('resets a forgotten password from the sign-in page by email and signs out other devices', async () => {
    const other = await victimBrowser.context.newPage();
    await signIn(other, server.url, 'patient2@example.com', '/portal');

    const page = await attackerBrowser.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.getByLabel('Email').fill('patient2@example.com');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText(/If an account uses this email/).waitFor();

    await page.goto(await mailedLink(server, 'patient2@example.com', 'reset-password'));
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.getByLabel('New password').fill('patient2-new-password');
    await page.getByLabel('Repeat the password').fill('patient2-new-password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();

    await signIn(page, server.url, 'patient2@example.com', '/portal', 'patient2-new-password');
    // The device signed in before the reset is signed out.
    await other.goto(`${server.url}/portal/appointments`);
    await other.waitForURL((u) => u.pathname.startsWith('/sign-in'));
  });

  it('lets a clinician compare a guest record with the patient it belongs to and merge it', async () => {
    const guest = await victimBrowser.context.newPage();
    await guest.context().clearCookies();
    await bookAsGuest(guest, server.url, 'Pat Guest', 'patient@example.com', 'Booked without signing in');

    const page = await attackerBrowser.context.newPage();
    await signIn(page, server.url, 'clinician@example.com', '/staff');
    await page.goto(`${server.url}/staff/patients/demo-patient-1`);
    await page.getByRole('link', { name: 'Merge a duplicate record into this one' }).click();
    await page.getByRole('heading', { name: "Merge a duplicate into Pat Rivera's record" }).waitFor();
    await page.getByRole('button', { name: 'Compare Pat Guest' }).click();
    const compare = page.getByRole('region', { name: 'Compare the two records' });
    await compare.getByRole('cell', { name: 'No account (guest)' }).waitFor();
    await compare.getByRole('cell', { name: 'Patient account' }).waitFor();
    await expectNoSeriousA11yIssues(page);
    const merge = compare.getByRole('button', { name: "Merge into Pat Rivera's record" });
    expect(await merge.isDisabled()).toBe(true);
    await compare.getByLabel('I checked that both records are the same person').check();
    await merge.click();
    await page.waitForURL((u) => /^\/staff\/patients\/demo-patient-1\/[a-z-]+$/.test(u.pathname));
    await page.goto(`${server.url}/staff/patients/demo-patient-1/merge`);
    await page.getByRole('heading', { name: "Merge a duplicate into Pat Rivera's record" }).waitFor();
    await page.getByText('No other records found').waitFor();
  });
});
