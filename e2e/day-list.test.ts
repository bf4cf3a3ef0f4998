import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yIssues } from './axe';
import {
  type Browser,
  browserAvailable,
  clinicWeekdayAhead,
  launchBrowser,
  type RunningServer,
  screenshotPath,
  startServer,
} from './harness';
import { fakeClockAvailable, type ServerClock, serverClock } from './server-clock';
import { signIn } from './sign-in';

interface Slot {
  start: string;
  providerId: string;
}

/** Same-origin JSON call from the page, with the signed-in staff member's session. */
async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
      return res.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

// Statuses are set on the visits' own day (check-in only then, completed once started): the suite
// books two weeks ahead, then moves the server's and the browser's clocks to that afternoon.
describe.runIf(browserAvailable() && fakeClockAvailable())(
  'the front desk day list by keyboard in chromium',
  () => {
    let clock: ServerClock;
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    // A weekday two weeks ahead in the clinic's zone, so free times exist whatever today is.
    const day = clinicWeekdayAhead(14);
    const statusOf = async (id: string) => {
      const cal = await call<{ appointments: { id: string; status: string }[] }>(
        page,
        'GET',
        `/api/calendar?from=${day}&to=${day}`,
      );
      return cal.appointments.find((a) => a.id === id)?.status;
    };

    beforeAll(async () => {
      clock = serverClock(Date.now());
      server = await startServer(clock.env);
      browser = await launchBrowser();
      await browser.context.clock.install({ time: Date.now() });
      page = await browser.context.newPage();
      await signIn(page, server.url, 'desk@example.com', '/staff');
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      clock?.dispose();
    });

    it('moves through another day’s list, sets statuses and opens a chart without the mouse', async () => {
      const { slots } = await call<{ slots: Slot[] }>(
        page,
        'GET',
        `/api/availability?type=follow-up&from=${day}&to=${day}`,
      );
      expect(slots.length).toBeGreaterThan(1);
      const [early, late] = [slots[0]!, slots[slots.length - 1]!];
      const first = await call<{ id: string }>(page, 'POST', '/api/appointments', {
        type: 'follow-up',
        start: early.start,
        providerId: early.providerId,
        patientId: 'demo-patient-1',
      });
      const second = await call<{ id: string }>(page, 'POST', '/api/appointments', {
        type: 'follow-up',
        start: late.start,
        providerId: late.providerId,
        patientId: 'demo-patient-2',
      });

      // That day, five minutes after the later visit's start: both have started.
      const then = Date.parse(late.start) + 5 * 60_000;
      await clock.set(then);
      await browser.context.clock.setSystemTime(then);
      await signIn(page, server.url, 'desk@example.com', '/staff'); // the earlier session has ended
      await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
      const rows = page.locator('.today-list tbody tr');
      await rows.first().waitFor(); // the day's appointments load after the heading
      await expect(rows.count()).resolves.toBe(2);
      const current = page.locator('.today-list tbody tr[aria-current="true"]');
      await expect(current.count()).resolves.toBe(0);

      await page.keyboard.press('j');
      await current.getByRole('link', { name: 'Pat Rivera' }).waitFor();
      await page.keyboard.press('j');
      await current.getByRole('link', { name: 'Sam Lee' }).waitFor();
      await page.keyboard.press('ArrowUp'); // on a row, the arrows move too
      await current.getByRole('link', { name: 'Pat Rivera' }).waitFor();
      await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).resolves.toBe(
        'true',
      );

      // i checks in, i again undoes it, c completes: the row, its buttons and the server agree.
      await page.keyboard.press('i');
      await current.getByRole('cell', { name: 'Checked in', exact: true }).waitFor();
      await expect(
        current.getByRole('button', { name: /Check in/ }).getAttribute('aria-pressed'),
      ).resolves.toBe('true');
      await expect(statusOf(first.id)).resolves.toBe('checked-in');
      await page.getByRole('status').getByText('Pat Rivera: checked in.').waitFor();
      await page.keyboard.press('i');
      await current.getByRole('cell', { name: 'Booked', exact: true }).waitFor();
      await expect(statusOf(first.id)).resolves.toBe('booked');
      await page.keyboard.press('c');
      await current.getByRole('cell', { name: 'Completed', exact: true }).waitFor();
      await expect(statusOf(first.id)).resolves.toBe('completed');
      await expect(statusOf(second.id)).resolves.toBe('booked');

      await page.keyboard.press('?');
      await page.getByRole('group').getByText('open the patient’s chart').waitFor();
      await expectNoSeriousA11yIssues(page);
      await page.screenshot({ path: screenshotPath('staff-day-list-keyboard'), fullPage: true });

      await page.keyboard.press('j');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.url}/staff/patients/demo-patient-2**`);
    });

    it('steps to the previous day and back to today by link', async () => {
      await page.goto(`${server.url}/staff?day=${day}`);
      await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
      await page.getByRole('link', { name: 'Previous day' }).click();
      await page.waitForURL((u) => u.searchParams.get('day') !== day && u.searchParams.has('day'));
      await page.getByRole('link', { name: 'Back to today' }).click();
      await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    });
  },
);
