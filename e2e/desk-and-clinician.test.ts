import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yIssues } from './axe';
import {
  type Browser,
  browserAvailable,
  CLINIC_ZONE,
  clinicWeekdayAhead,
  launchBrowser,
  type RunningServer,
  screenshotPath,
  startServer,
} from './harness';
import { signIn } from './sign-in';

interface Slot {
  start: string;
  providerId: string;
}

/** Same-origin JSON call from the page, with the signed-in person's session. */
async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

const clinicHour = (iso: string) =>
  Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: CLINIC_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(
      new Date(iso),
    ),
  );
/** The calendar's title for a clinic date, e.g. "Monday, December 21, 2026". */
const titleOf = (day: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  }).format(new Date(`${day}T12:00:00Z`));
const focusedInside = (l: Locator) => l.evaluate((el) => el.contains(document.activeElement));

describe.runIf(browserAvailable())(
  'the front desk books, moves and undoes from the calendar in chromium',
  () => {
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    // Weekdays ahead in the clinic's zone, so free times exist whatever today is; one per test.
    const dayA = clinicWeekdayAhead(14);
    const dayB = clinicWeekdayAhead(21);
    const dayC = clinicWeekdayAhead(28);
    const side = () => page.getByRole('complementary', { name: 'Details' });
    const title = () => page.locator('h2.calendar-title');
    const freeSlots = (type: string, day: string, providerId?: string) =>
      call<{ slots: Slot[] }>(
        page,
        'GET',
        `/api/availability?type=${type}&from=${day}&to=${day}${providerId ? `&providerId=${providerId}` : ''}`,
      ).then((r) => r.slots);

    beforeAll(async () => {
      server = await startServer();
      // Staff dates must be the clinic's whatever the browser's zone: run it far away.
      browser = await launchBrowser({ timezoneId: 'Pacific/Kiritimati' });
      page = await browser.context.newPage();
      await signIn(page, server.url, 'desk@example.com', '/staff');
    });
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('books a caller who is not a patient yet: add inline, confirm, land on the day, undo', async () => {
      await page.goto(`${server.url}/staff/calendar`);
      await title().waitFor();
      await page.getByRole('button', { name: 'New appointment' }).click();
      await expect(focusedInside(side().getByRole('heading', { name: 'New appointment' }))).resolves.toBe(
        true,
      );
      await side().getByLabel('Patient (name or email)').fill('Noor Newcaller');
      await side().getByText('No patient found.').waitFor();
      await side().getByRole('button', { name: 'Add new patient' }).click();
      const form = side().locator('form.new-patient-form');
      await expect(form.getByLabel('Full name').inputValue()).resolves.toBe('Noor Newcaller');
      await form.getByRole('button', { name: 'Save and continue booking' }).click();
      // Checked before sending: the first field to fix says why and has focus.
      await form.getByText('Enter an email address such as name@example.com.').waitFor();
      await expect(form.getByLabel('Email').evaluate((el) => el === document.activeElement)).resolves.toBe(
        true,
      );
      await form.getByLabel('Email').fill('noor.newcaller@example.org');
      await form.getByLabel('Phone').fill('+1 415 555 0177');
      await form.getByLabel('Date of birth').fill('1984-09-02');
      await page.screenshot({ path: screenshotPath('desk-add-new-patient'), fullPage: true });
      await form.getByRole('button', { name: 'Save and continue booking' }).click();
      await side().getByText('Patient: Noor Newcaller').waitFor();

      await side().getByLabel('Type').selectOption('follow-up');
      await side().getByLabel('Date', { exact: true }).fill(dayA);
      await side().getByRole('list', { name: 'Free times' }).getByRole('button').first().click();
      // Nothing is written yet: a confirmation says who, what, when (clinic time), where, with whom.
      const confirm = side().locator('section.confirm-step');
      await confirm.getByRole('heading', { name: 'Check and confirm the booking' }).waitFor();
      await expect(focusedInside(confirm)).resolves.toBe(true);
      const facts = await confirm.locator('dl').textContent();
      expect(facts).toContain('Noor Newcaller');
      expect(facts).toContain('Follow-up');
      expect(facts).toMatch(/clinic time, Pacific (Standard|Daylight) Time/);
      expect(facts).toContain(titleOf(dayA));
      expect(facts).toMatch(/Where.*Anagen|Where\S+/);
      expect(facts).toMatch(/Provider\S+/);
      const before = await call<{ appointments: unknown[] }>(
        page,
        'GET',
        `/api/calendar?from=${dayA}&to=${dayA}`,
      );
      await expectNoSeriousA11yIssues(page);
      await page.screenshot({ path: screenshotPath('desk-confirm-booking'), fullPage: true });
      await confirm.getByRole('button', { name: 'Confirm booking' }).click();

      // The calendar goes to the day it landed on, marks it, and focus is on the result with Undo.
      const bar = page.getByTestId('undo-bar');
      await bar.getByText(/^Booked: Noor Newcaller, Follow-up/).waitFor();
      await expect(focusedInside(bar)).resolves.toBe(true);
      await expect(title().textContent()).resolves.toContain(titleOf(dayA));
      const landed = page.locator('.day-grid .cal-entry.landed');
      await expect(landed.textContent()).resolves.toContain('Noor Newcaller');
      const id = (await landed.getAttribute('data-entry-id'))!;
      const after = await call<{ appointments: unknown[] }>(
        page,
        'GET',
        `/api/calendar?from=${dayA}&to=${dayA}`,
      );
      expect(after.appointments.length).toBe(before.appointments.length + 1);
      await page.screenshot({ path: screenshotPath('desk-booked-landed-undo'), fullPage: true });

      await bar.getByRole('button', { name: /Undo/ }).click();
      await bar.getByText('Booking undone: the appointment is cancelled (reason: undo).').waitFor();
      await landed.waitFor({ state: 'detached' });
      const undone = await call<{ status: string }>(page, 'GET', `/api/appointments/${id}`);
      expect(undone.status).toBe('cancelled');
    });

    it('moves a visit after a confirmation, follows it to its new day, and undoes the move', async () => {
      const [slot] = await freeSlots('follow-up', dayA, 'demo-provider-morgan');
      const appt = await call<{ id: string; start: string }>(page, 'POST', '/api/appointments', {
        type: 'follow-up',
        start: slot!.start,
        providerId: slot!.providerId,
        patientId: 'demo-patient-2',
      });
      await page.goto(`${server.url}/staff/calendar`);
      await page.getByLabel('Go to date').fill(dayA);
      await page.locator(`.day-grid [data-entry-id="${appt.id}"]`).click();
      await side().getByRole('button', { name: 'Move' }).click();
      await side().getByLabel('Date', { exact: true }).fill(dayB);
      await side().getByRole('list', { name: 'Free times' }).getByRole('button').first().click();
      const confirm = side().locator('section.confirm-step');
      await confirm.getByRole('heading', { name: 'Check and confirm the move' }).waitFor();
      expect(await confirm.locator('dl').textContent()).toContain(titleOf(dayB));
      await confirm.getByRole('button', { name: 'Confirm move' }).click();

      const bar = page.getByTestId('undo-bar');
      await bar.getByText(/^Moved: Sam Lee now/).waitFor();
      await expect(focusedInside(bar)).resolves.toBe(true);
      await expect(title().textContent()).resolves.toContain(titleOf(dayB));
      await page.locator(`.day-grid .cal-entry.landed[data-entry-id="${appt.id}"]`).waitFor();
      await page.screenshot({ path: screenshotPath('desk-moved-landed-undo'), fullPage: true });

      await bar.getByRole('button', { name: /Undo/ }).click();
      await bar.getByText(/^Move undone: back at/).waitFor();
      await expect(title().textContent()).resolves.toContain(titleOf(dayA));
      await page.locator(`.day-grid [data-entry-id="${appt.id}"]`).waitFor();
      const back = await call<{ start: string; status: string }>(page, 'GET', `/api/appointments/${appt.id}`);
      expect(back).toMatchObject({ start: appt.start, status: 'booked' });
    });

    it('opens booking at a clicked empty slot, with that clinician chosen', async () => {
      await page.goto(`${server.url}/staff/calendar`);
      await page.getByLabel('Go to date').fill(dayA);
      const column = page.locator('section.day-grid-col').first();
      const columnName = (await column.getAttribute('aria-label'))!;
      // 7:30 AM: the grid starts at 7 AM with 1.2 px a minute.
      await column.click({ position: { x: 40, y: 30 * 1.2 + 2 } });
      await side().getByRole('heading', { name: 'New appointment' }).waitFor();
      const provider = side().getByLabel('Provider');
      await expect(provider.locator('option:checked').textContent()).resolves.toBe(columnName);
      await side().getByLabel('Patient (name or email)').fill('Sam');
      await side()
        .getByRole('button', { name: /Sam Lee/ })
        .click();
      await side()
        .getByText(/^First free time from 7:30\sAM: /)
        .waitFor();
      await page.screenshot({ path: screenshotPath('desk-empty-slot-booking'), fullPage: true });
    });

    it('orders a week cell by start time, and opens and removes a block after a confirmation', async () => {
      const slots = await freeSlots('follow-up', dayC, 'demo-provider-morgan');
      const eleven = slots.find((s) => clinicHour(s.start) === 11)!;
      const noon = slots.find((s) => clinicHour(s.start) === 12)!;
      await call(page, 'POST', '/api/appointments', {
        type: 'follow-up',
        start: eleven.start,
        providerId: 'demo-provider-morgan',
        patientId: 'demo-patient-1',
      });
      const block = await call<{ id: string }>(page, 'POST', '/api/blocks', {
        providerId: 'demo-provider-morgan',
        start: noon.start,
        end: new Date(Date.parse(noon.start) + 3_600_000).toISOString(),
        reason: 'Team meeting',
      });
      await page.goto(`${server.url}/staff/calendar`);
      await page.getByLabel('Go to date').fill(dayC);
      await page.getByRole('button', { name: 'Week' }).click();
      const row = page.locator('.week-grid tbody tr', {
        has: page.getByRole('rowheader', { name: /Morgan/ }),
      });
      const cell = row.locator(`td[data-day="${dayC}"]`);
      await cell.locator('button').first().waitFor();
      const order = await cell.locator('button').allTextContents();
      expect(order[0]).toMatch(/^11:\d\d\sAM/);
      expect(order[1]).toMatch(/^12:00\sPM.*blocked: Team meeting/);
      await page.screenshot({ path: screenshotPath('desk-week-ordered'), fullPage: true });

      await cell.getByRole('button', { name: /blocked: Team meeting/ }).click();
      const details = page.getByTestId('block-details');
      await details.getByRole('heading', { name: 'Blocked time' }).waitFor();
      expect(await details.textContent()).toContain('Team meeting');
      await details.getByRole('button', { name: 'Remove block' }).click();
      await details.getByText('Remove this block?').waitFor();
      await page.screenshot({ path: screenshotPath('desk-remove-block-confirm'), fullPage: true });
      await details.getByRole('button', { name: 'Yes, remove the block' }).click();
      const bar = page.getByTestId('undo-bar');
      await bar.getByText(/^Block removed: /).waitFor();
      await expect(focusedInside(bar)).resolves.toBe(true);
      const cal = await call<{ blocks: { id: string }[] }>(
        page,
        'GET',
        `/api/calendar?from=${dayC}&to=${dayC}`,
      );
      expect(cal.blocks.map((b) => b.id)).not.toContain(block.id);
    });

    it('books from a patient chart with the patient chosen', async () => {
      await page.goto(`${server.url}/staff/patients/demo-patient-2/summary`);
      await page.getByRole('link', { name: /^Book/ }).click();
      await page.waitForURL(/\/staff\/calendar/);
      await side().getByText('Patient: Sam Lee').waitFor();
      await side().getByLabel('Date', { exact: true }).fill(dayB);
      await side().getByRole('list', { name: 'Free times' }).getByRole('button').first().click();
      await side().locator('section.confirm-step').getByText('Sam Lee').waitFor();
    });
  },
);

describe.runIf(browserAvailable())('the clinician on desktop and tablet in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({
      timezoneId: 'Pacific/Kiritimati',
      viewport: { width: 1024, height: 768 },
    });
    page = await browser.context.newPage();
    await signIn(page, server.url, 'clinician@example.com', '/staff');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('goes from the latest measurement to its row; newest first; reviewed readings marked', async () => {
    const list = await call<{ id: string; takenAt: string; source: string; correctsId: string | null }[]>(
      page,
      'GET',
      '/api/patients/demo-patient-1/measurements',
    );
    const auto = list.filter((m) => m.source === 'auto' && !list.some((x) => x.correctsId === m.id));
    const oldest = [...auto].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt))[0]!;
    await call(page, 'POST', `/api/measurements/${oldest.id}/corrections`, {
      hairCount: 100,
      reason: 'Recounted by hand',
    });
    await page.goto(`${server.url}/staff/patients/demo-patient-1/summary`);
    const glance = page.locator('section', { has: page.getByRole('heading', { name: 'At a glance' }) });
    const link = glance
      .locator('dt', { hasText: 'Latest measurement' })
      .locator('xpath=following-sibling::dd[1]//a');
    await link.waitFor();
    await link.click();
    await page.waitForURL(/\/photos#measurement-/);
    const target = new URL(page.url()).hash.slice(1);
    const row = page.locator(`tr#${target}`);
    await expect.poll(() => row.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = (await row.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(768);

    const review = page.locator('section', {
      has: page.getByRole('heading', { name: 'Measurements and review' }),
    });
    const dates = await review
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.id.replace('measurement-', '')));
    const takenAt = new Map(
      (
        await call<{ id: string; takenAt: string }[]>(
          page,
          'GET',
          '/api/patients/demo-patient-1/measurements',
        )
      ).map((m) => [m.id, Date.parse(m.takenAt)]),
    );
    const times = dates.map((id) => takenAt.get(id)!);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    await expect(review.locator(`tr#measurement-${oldest.id}`).textContent()).resolves.toContain('Reviewed');
    await expect(review.getByText('Not reviewed').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('clinician-measurement-target-1024'), fullPage: false });
  });

  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 768, height: 1024 },
  ]) {
    it(`fits the before/after slider and its control on a ${viewport.width}×${viewport.height} tablet`, async () => {
      await page.setViewportSize(viewport);
      await page.goto(`${server.url}/staff/patients/demo-patient-1/photos`);
      const ba = page.locator('section', { has: page.getByRole('heading', { name: 'Before and after' }) });
      await ba.waitFor();
      await ba.getByLabel('Slider', { exact: true }).check();
      const frame = ba.locator('.ba-slider');
      await frame.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const f = (await frame.boundingBox())!;
      const control = (await ba.getByLabel(/Slider position/).boundingBox())!;
      expect(f.height).toBeLessThanOrEqual(viewport.height * 0.6 + 1);
      expect(control.y + control.height).toBeLessThanOrEqual(viewport.height);
      expect(control.y).toBeGreaterThan(f.y + f.height - 1);
      await page.screenshot({
        path: screenshotPath(`clinician-slider-${viewport.width}x${viewport.height}`),
      });
    });
  }
});
