import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yIssues } from './axe';
import {
  type Browser,
  browserAvailable,
  clinicDay,
  clinicDayOffset,
  clinicWeekdayAhead,
  launchBrowser,
  type RunningServer,
  screenshotPath,
  startServer,
} from './harness';

/**
 * Picks the `nth` day with free times (0-based, moving on to the next month when this one has too
 * few), then that day's first time. Later days keep the booking outside the 24 h change cut-off.
 */
async function pickFreeTime(page: Page, nth: number, shot?: string): Promise<string> {
  let skip = nth;
  for (let i = 0; i < 3; i++) {
    await page.locator('.month-grid').waitFor();
    const days = page.locator('.month-grid button.day.has-slots');
    const n = await days.count();
    if (n > skip) {
      await days.nth(skip).click();
      break;
    }
    skip -= n;
    await page.getByRole('button', { name: /Next month/ }).click();
    await page.getByText(/Finding free times/).waitFor({ state: 'detached' });
  }
  const slot = page.locator('.slot-list button').first();
  await slot.waitFor();
  if (shot) await page.screenshot({ path: screenshotPath(shot), fullPage: true });
  const label = (await slot.textContent()) ?? '';
  await slot.click();
  return label;
}

describe.runIf(browserAvailable())('booking journey in chromium', () => {
  let server: RunningServer;
  let phone: Browser;
  let desktop: Browser;
  let manageUrl = '';
  let patientName = '';
  beforeAll(async () => {
    server = await startServer();
    phone = await launchBrowser({ viewport: { width: 360, height: 780 } });
    desktop = await launchBrowser();
  });
  afterAll(async () => {
    await phone?.close();
    await desktop?.close();
    await server?.stop();
  });

  it('lets a guest book a consultation on a phone and shows the confirmation', async () => {
    const page = await phone.context.newPage();
    await page.goto(`${server.url}/book`);
    await page.getByRole('button', { name: /Consultation/ }).click();
    await page.getByRole('heading', { name: 'Choose a day and time' }).waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('booking-1-month'), fullPage: true });
    // Choose the clinician: the times offered are then theirs only, and the booking is with them.
    const who = page.getByRole('group', { name: 'Who would you like to see?' });
    await who.getByText('Nurse practitioner; consultations and follow-ups.').waitFor();
    await who.getByRole('radio', { name: /Jamie Chen/ }).check();
    await page.waitForURL((u) => u.searchParams.get('provider') === 'demo-provider-chen');
    await pickFreeTime(page, 2, 'booking-1b-day-times');
    await page.getByRole('heading', { name: 'Your details' }).waitFor();
    await page.getByText('Consultation with Jamie Chen').waitFor();
    patientName = `Robin E2E ${Date.now() % 100000}`;
    await page.getByLabel('Full name').fill(patientName);
    await page.getByLabel('Email').fill('robin.e2e@example.org');
    await page.screenshot({ path: screenshotPath('booking-2-details'), fullPage: true });
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('heading', { name: 'You are booked' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('booking-3-confirmed'), fullPage: true });

    const ics = await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href');
    expect(ics).toMatch(/\/api\/appointments\/[^/]+\/ics\?token=/);
    const calendar = await page.request.get(`${server.url}${ics}`);
    expect(calendar.headers()['content-type']).toContain('text/calendar');
    expect(await calendar.text()).toContain('TZID=America/Los_Angeles');
    manageUrl = (await page.getByRole('link', { name: 'Change or cancel' }).getAttribute('href')) ?? '';
    expect(manageUrl).toMatch(/^\/manage\/[^?]+\?token=[A-Za-z0-9_-]{43}$/);
    const booked = await page.request.get(
      `${server.url}/api${manageUrl.replace('/manage/', '/appointments/')}`,
    );
    expect(((await booked.json()) as { providerId: string }).providerId).toBe('demo-provider-chen');
    await page.close();
  });

  it('reschedules from the manage link', async () => {
    const page = await phone.context.newPage();
    await page.goto(`${server.url}${manageUrl}`);
    await page.getByRole('heading', { name: 'Your appointment' }).waitFor();
    const before = await page.locator('.card').first().textContent();
    await page.getByRole('button', { name: 'Move to another time' }).click();
    await pickFreeTime(page, 3);
    await page.getByRole('button', { name: 'Confirm new time' }).click();
    await page.getByText('Your appointment has moved').waitFor();
    const after = await page.locator('.card').first().textContent();
    expect(after).not.toEqual(before);
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('booking-4-moved'), fullPage: true });
    await page.close();
  });

  it('shows the booking to staff on the calendar', async () => {
    const page = await desktop.context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill('desk@example.com');
    await page.getByLabel('Password').fill('anagen-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/staff`);
    const id = manageUrl.split('/')[2]!.split('?')[0]!;
    const appt = await page.request.get(`${server.url}/api/appointments/${id}`);
    const { start } = (await appt.json()) as { start: string };
    const day = clinicDay(start);
    await page.goto(`${server.url}/staff/calendar`);
    await page.getByLabel('Go to date').fill(day);
    const entry = page.getByRole('button', { name: new RegExp(patientName) });
    await entry.waitFor();
    await entry.click();
    await page.getByRole('heading', { name: patientName }).waitFor();
    await page.screenshot({ path: screenshotPath('booking-5-staff-calendar'), fullPage: true });
    const chart = await page.getByRole('link', { name: 'Open chart' }).getAttribute('href');
    await page.goto(`${server.url}${chart}/appointments`);
    await page
      .getByRole('cell', { name: /Consultation with/ })
      .first()
      .waitFor();
    await page.screenshot({ path: screenshotPath('booking-5b-chart-appointments'), fullPage: true });
    await page.goto(`${server.url}/staff/calendar`);
    await page.getByLabel('Go to date').fill(day);
    await page.getByRole('button', { name: 'Week' }).click();
    await page
      .locator('.week-grid')
      .getByRole('button', { name: new RegExp(patientName) })
      .waitFor();
    await page.screenshot({ path: screenshotPath('booking-6-staff-week'), fullPage: true });
    await expectNoSeriousA11yIssues(page);
    await page.goto(`${server.url}/staff`);
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    await page.getByText(/clinic time/).waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.close();
  });

  it('lets staff create an appointment and block time from the calendar', async () => {
    const page = await desktop.context.newPage(); // still signed in as the front desk
    await page.goto(`${server.url}/staff/calendar`);
    // A weekday two weeks ahead in the clinic's zone, so free times exist whatever today is.
    const day = clinicWeekdayAhead(14);
    // A day nobody has booked says so, rather than showing an empty grid without a word.
    const nothing = page.getByRole('status').filter({ hasText: 'Nothing booked on this day' });
    await page.getByLabel('Go to date').fill(clinicDayOffset(414));
    await nothing.waitFor();
    await page.getByLabel('Go to date').fill(day);
    await page.getByRole('button', { name: 'New appointment' }).click();
    await page.getByLabel('Type').selectOption('follow-up');
    await page.getByLabel('Patient (name or email)').fill('Sam');
    await page.getByRole('button', { name: /Sam Lee/ }).click();
    await page.getByRole('list', { name: 'Free times' }).getByRole('button').first().click();
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    const entry = page.locator('.day-grid').getByRole('button', { name: /Sam Lee, Follow-up visit/ });
    await entry.waitFor();
    await page.getByRole('heading', { name: 'Sam Lee' }).waitFor();
    await expect(nothing.count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Block time' }).click();
    await page.getByLabel('For', { exact: true }).selectOption({ label: 'Procedure room' });
    await page.getByLabel('Reason (optional)').fill('Maintenance');
    await page.getByRole('button', { name: 'Block this time' }).click();
    await page.getByText('Time blocked.').waitFor();
    await page.locator('.day-grid').getByText('Blocked: Maintenance').waitFor();
    await page.screenshot({ path: screenshotPath('booking-6b-staff-create-block'), fullPage: true });
    await page.close();
  });

  it('cancels from the manage link', async () => {
    const page = await phone.context.newPage();
    await page.goto(`${server.url}${manageUrl}`);
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByText('Your appointment is cancelled.').waitFor();
    await page.getByText('Cancelled', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('booking-7-cancelled'), fullPage: true });
    await page.close();
  });

  it('lets a signed-in patient book for themself and see it in the portal', async () => {
    const page = await phone.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill('patient@example.com');
    await page.getByLabel('Password').fill('anagen-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/portal`);
    await page.goto(`${server.url}/book?type=consultation`);
    await pickFreeTime(page, 4);
    await page.getByText('Booking as Pat Rivera').waitFor();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByRole('heading', { name: 'You are booked' }).waitFor();
    await page.goto(`${server.url}/portal/appointments`);
    await page.getByRole('heading', { name: 'Upcoming' }).waitFor();
    await page
      .getByRole('link', { name: /Change or cancel Consultation/ })
      .first()
      .waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('booking-8-portal'), fullPage: true });
    await page.close();
  });
});
