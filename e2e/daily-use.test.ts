import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yIssues } from './axe';
import {
  type Browser,
  browserAvailable,
  CLINIC_ZONE,
  launchBrowser,
  type RunningServer,
  screenshotPath,
  startServer,
} from './harness';
import { fakeClockAvailable, nextSundayAt, type ServerClock, serverClock } from './server-clock';
import { signIn } from './sign-in';

/** Same-origin JSON call from the page, with its session; answers status and body. */
async function call(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

const longDay = (at: number) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: CLINIC_ZONE,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  }).format(at);
const H = 3_600_000;

// Staff pages with the browser far east (Kiritimati, UTC+14), the server in Tokyo (UTC+9) and both
// clocks at 21:00 on a Sunday in the clinic's zone (Los Angeles), when every other zone is Monday.
describe.runIf(browserAvailable() && fakeClockAvailable())('what real users stumbled on, in chromium', () => {
  const sunday = nextSundayAt(21, CLINIC_ZONE);
  let clock: ServerClock;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let visit: { id: string; start: string };

  const setClocks = async (at: number) => {
    await clock.set(at);
    await browser.context.clock.setSystemTime(at);
  };

  beforeAll(async () => {
    clock = serverClock(sunday, 'Asia/Tokyo');
    server = await startServer(clock.env);
    browser = await launchBrowser({ timezoneId: 'Pacific/Kiritimati' });
    await browser.context.clock.install({ time: sunday });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    clock?.dispose();
  });

  it('shows the clinic’s Sunday as today and steps one day at a time', async () => {
    await signIn(page, server.url, 'desk@example.com', '/staff');
    const heading = page.getByTestId('day-heading');
    await expect.poll(() => heading.textContent()).toBe(longDay(sunday));
    expect(longDay(sunday)).toMatch(/^Sunday/);
    await page.screenshot({ path: screenshotPath('daily-use-1-today-sunday-evening'), fullPage: true });
    await page.getByRole('link', { name: 'Next day' }).click();
    await expect.poll(() => heading.textContent()).toBe(longDay(sunday + 24 * H));
    await page.getByRole('link', { name: 'Next day' }).click();
    await expect.poll(() => heading.textContent()).toBe(longDay(sunday + 48 * H));
    await page.getByRole('link', { name: 'Previous day' }).click();
    await expect.poll(() => heading.textContent()).toBe(longDay(sunday + 24 * H));
    // The calendar opens on the clinic's Sunday too.
    await page.goto(`${server.url}/staff/calendar`);
    await expect.poll(() => page.locator('.calendar-title').textContent()).toContain(longDay(sunday));
  });

  it('refuses check-in and completion of tomorrow’s visit, saying why, then allows them on the day', async () => {
    const monday = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_ZONE }).format(sunday + 24 * H);
    const { body } = await call(page, 'GET', `/api/availability?type=follow-up&from=${monday}&to=${monday}`);
    const slot = body.slots[0] as { start: string; providerId: string };
    const made = await call(page, 'POST', '/api/appointments', {
      type: 'follow-up',
      start: slot.start,
      providerId: slot.providerId,
      patientId: 'demo-patient-1',
    });
    expect(made.status).toBe(201);
    visit = made.body;

    const early = await call(page, 'POST', `/api/appointments/${visit.id}/status`, { status: 'checked-in' });
    expect(early.status).toBe(422);
    expect(early.body.detail).toBe(
      `Check-in opens on the day of the visit, ${longDay(Date.parse(slot.start))}.`,
    );

    await page.goto(`${server.url}/staff?day=${monday}`);
    const row = page.getByRole('row', { name: /Pat Rivera/ });
    const checkIn = row.getByRole('button', { name: /Check in/ });
    await checkIn.waitFor();
    expect(await checkIn.isDisabled()).toBe(true);
    expect(await row.getByRole('button', { name: /Completed/ }).isDisabled()).toBe(true);
    expect(await row.getByRole('button', { name: /No-show/ }).isDisabled()).toBe(true);
    await row.getByText(/Check-in opens on the day of the visit/).waitFor();
    // The reason is the button's description for a screen reader too.
    const described = await checkIn.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).textContent()).toMatch(/^Check-in opens on the day/);
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('daily-use-2-visit-tomorrow-disabled'), fullPage: true });

    // Monday, five minutes after the start: check-in and completion are open.
    await setClocks(Date.parse(visit.start) + 5 * 60_000);
    await signIn(page, server.url, 'desk@example.com', '/staff');
    await expect.poll(() => page.getByTestId('day-heading').textContent()).toBe(longDay(sunday + 24 * H));
    const today = page.getByRole('row', { name: /Pat Rivera/ });
    const status = today.locator('td').nth(3);
    await today.getByRole('button', { name: /Check in/ }).click();
    await expect.poll(() => status.textContent()).toBe('Checked in');
    await today.getByRole('button', { name: /Completed/ }).click();
    await expect.poll(() => status.textContent()).toBe('Completed');
    await page.screenshot({ path: screenshotPath('daily-use-3-visit-on-the-day'), fullPage: true });
  });

  it('keeps a side effect under monitoring open with its follow-up date, and the patient reads the reply', async () => {
    await signIn(page, server.url, 'patient@example.com', '/portal');
    const report = await call(page, 'POST', '/api/patients/demo-patient-1/side-effects', {
      symptoms: ['itching'],
      severity: 2,
      onsetAt: Date.now() - H,
    });
    expect(report.status).toBe(201);

    await signIn(page, server.url, 'clinician@example.com');
    await page.goto(`${server.url}/staff/patients/demo-patient-1/side-effects`);
    const card = page.locator('article', { hasText: 'Itching' }).filter({ hasText: 'Review due by' }).first();
    await card.getByLabel('Assessment').fill('Mild itch, no sign of infection; watch for a week.');
    await card.getByLabel('Outcome').selectOption('monitoring');
    const followUp = card.getByLabel('Follow up on (clinic date)');
    // An empty date: the message is at the field, in words, and focus goes there.
    await followUp.fill('');
    await card.getByRole('button', { name: 'Record review' }).click();
    const fieldError = card.locator('.field .error', { hasText: 'follow-up date' });
    await fieldError.waitFor();
    expect(await fieldError.textContent()).not.toMatch(/body\.|followUpAt/);
    expect(await followUp.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await followUp.getAttribute('aria-describedby')).toContain(await fieldError.getAttribute('id'));
    await page.screenshot({ path: screenshotPath('daily-use-4-follow-up-date-missing'), fullPage: true });

    // A week after the visit day the clocks were moved to (this process's own clock is not faked).
    const inAWeek = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_ZONE }).format(
      Date.parse(visit.start) + 7 * 24 * H,
    );
    await followUp.fill(inAWeek);
    await card.getByRole('button', { name: 'Record review' }).click();
    const watched = page.locator('article', { hasText: 'Under monitoring' });
    await watched.waitFor();
    await watched.locator('.review-history li', { hasText: 'Mild itch, no sign of infection' }).waitFor();
    await page.screenshot({ path: screenshotPath('daily-use-5-under-monitoring'), fullPage: true });

    // Still open: on the chart summary and on Today, with the follow-up date.
    await page.goto(`${server.url}/staff/patients/demo-patient-1`);
    await page.getByText(/under monitoring \(follow-up/).waitFor();
    await page.goto(`${server.url}/staff`);
    const list = page.getByRole('region', { name: 'Side effects under monitoring' });
    await list.getByRole('link', { name: 'Pat Rivera' }).waitFor();
    expect(await list.textContent()).toMatch(/follow-up due [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await page.screenshot({ path: screenshotPath('daily-use-6-today-follow-ups'), fullPage: true });

    await signIn(page, server.url, 'patient@example.com', '/portal');
    await page.goto(`${server.url}/portal/records`);
    const reply = page.locator('.reply', { hasText: 'Mild itch, no sign of infection' });
    await reply.waitFor();
    await reply.getByText(/keeping an eye on this and will follow up by/).waitFor();
    await page.screenshot({ path: screenshotPath('daily-use-7-portal-reply'), fullPage: true });
  });

  it('tells a guest where to go (street address and map link) and shows booking errors at the field', async () => {
    await page.context().clearCookies();
    await page.goto(`${server.url}/book`);
    await page.getByRole('button', { name: /Consultation/ }).click();
    await page.locator('.month-grid button.day.has-slots').first().click();
    await page.locator('.slot-list button').first().click();
    await page.getByRole('heading', { name: 'Your details' }).waitFor();
    await page.getByLabel('Full name').fill('Robin Guest');
    const email = page.getByLabel('Email');
    await email.fill('robin.example.org');
    await page.getByRole('button', { name: 'Book this time' }).click();
    const message = page.locator('.field .error', { hasText: 'email address' });
    await message.waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/body\.|patient\.email|querystring\./);
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await email.getAttribute('aria-describedby')).toContain(await message.getAttribute('id'));
    await page.screenshot({ path: screenshotPath('daily-use-8-booking-field-error'), fullPage: true });

    await email.fill('robin@example.org');
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('heading', { name: 'You are booked' }).waitFor();
    await page
      .getByTestId('location-address')
      .getByText('100 Market Street, San Francisco, CA 94105')
      .waitFor();
    const map = await page.getByRole('link', { name: /Map/ }).getAttribute('href');
    expect(map).toBe(
      `https://www.openstreetmap.org/search?query=${encodeURIComponent('100 Market Street, San Francisco, CA 94105')}`,
    );
    await page.screenshot({ path: screenshotPath('daily-use-9-booked-with-address'), fullPage: true });
    const ics = await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href');
    const file = await page.evaluate(async (u) => (await fetch(u)).text(), ics!);
    expect(file.replace(/\r\n[ \t]/g, '')).toContain(
      'LOCATION:Anagen Demo Clinic\\, 100 Market Street\\, San Francisco\\, CA 94105',
    );
  });

  it('answers a bad date with its field in words, never a request path', async () => {
    await signIn(page, server.url, 'desk@example.com', '/staff');
    const res = await call(page, 'GET', '/api/calendar?from=yesterday&to=2026-12-14');
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({
        path: 'querystring.from',
        field: 'from',
        message: 'Use a date like 2026-12-13',
      }),
    );
    expect(res.body.detail).toBe('Start date: Use a date like 2026-12-13.');
  });
});
