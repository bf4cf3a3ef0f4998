import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yIssues } from './axe';
import {
  type Browser,
  browserAvailable,
  CLINIC_ZONE,
  clinicDay,
  clinicDayOffset,
  launchBrowser,
  type RunningServer,
  screenshotPath,
  startServer,
} from './harness';
import { signIn } from './sign-in';

/** The first Tuesday at least two days after today in the clinic's zone, as YYYY-MM-DD. */
function nextTuesday(): string {
  const today = clinicDay(Date.now());
  let d = new Date(`${today}T12:00:00Z`);
  d = new Date(d.getTime() + 2 * 86_400_000);
  while (d.getUTCDay() !== 2) d = new Date(d.getTime() + 86_400_000);
  return d.toISOString().slice(0, 10);
}

// One journey in order: each step uses what the previous one set up.
describe.runIf(browserAvailable())('clinic administration in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let providerId = '';
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an admin adds a provider with hours, with inline errors for impossible times, and the slots go public', async () => {
    await signIn(page, server.url, 'admin@example.com', '/admin');
    await page.getByRole('heading', { name: 'Clinic settings' }).waitFor();
    await page.getByRole('link', { name: 'Schedules' }).click();
    await page.getByRole('heading', { name: 'Schedules', level: 1 }).waitFor();
    await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Add a new provider…' });
    await page.getByLabel('Provider name').fill('Dr. Robin Vega');
    await page.getByLabel('Credentials').fill('MD');
    await page.getByRole('checkbox', { name: 'Consultation' }).check();
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('heading', { name: 'Weekly hours' }).waitFor();

    const hours = page.getByRole('form', { name: 'Weekly hours of Dr. Robin Vega' });
    await hours.getByRole('button', { name: 'Add hours' }).click();
    const row = 'Working hours of Dr. Robin Vega row 1';
    await hours.getByLabel(`Day, ${row}`).selectOption({ label: 'Tuesday' });
    await hours.getByLabel(`From, ${row}`).fill('25:00');
    await hours.getByLabel(`Until, ${row}`).fill('12:00');
    await hours.getByRole('button', { name: 'Save weekly hours' }).click();
    await hours.getByText('Use a 24-hour time from 00:00 to 23:59').waitFor();
    expect(await hours.getByLabel(`From, ${row}`).getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: screenshotPath('admin-hours-inline-error'), fullPage: true });

    await hours.getByLabel(`From, ${row}`).fill('09:00');
    await hours.getByRole('button', { name: 'Save weekly hours' }).click();
    await page.getByText('Hours saved; online booking uses them now.').waitFor();
    await expectNoSeriousA11yIssues(page);

    const providers = (await (await page.request.get(`${server.url}/api/admin/providers`)).json()) as {
      id: string;
      name: string;
      hours: unknown[];
    }[];
    const vega = providers.find((p) => p.name === 'Dr. Robin Vega');
    expect(vega?.hours).toEqual([{ locationId: 'demo-location', weekday: 2, start: '09:00', end: '12:00' }]);
    providerId = vega!.id;

    const day = nextTuesday();
    const res = await fetch(
      `${server.url}/api/availability?type=consultation&from=${day}&to=${day}&providerId=${providerId}`,
    );
    expect(res.status).toBe(200);
    const { slots } = (await res.json()) as { slots: { start: string; providerId: string }[] };
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.providerId === providerId)).toBe(true);
    const first = new Intl.DateTimeFormat('en-GB', {
      timeZone: CLINIC_ZONE,
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(slots[0]!.start));
    expect(first).toBe('09:00');
  });

  it('an admin gives a clinician a portrait, which patients see when choosing whom to book', async () => {
    const file = path.join(os.tmpdir(), `anagen-portrait-${process.pid}.png`);
    await sharp({ create: { width: 400, height: 300, channels: 3, background: '#4a6b8a' } })
      .png()
      .toFile(file);
    try {
      await page.goto(`${server.url}/admin/schedules`);
      await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Dr. Robin Vega' });
      const upload = page.getByRole('form', { name: 'Upload a portrait of Dr. Robin Vega' });
      await upload.getByLabel(/^Photo/).setInputFiles(file);
      await upload.getByRole('button', { name: 'Upload portrait' }).click();
      const portrait = page.getByRole('img', { name: 'Portrait of Dr. Robin Vega' });
      await portrait.waitFor();
      await expect
        .poll(() => portrait.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
        .toEqual([256, 256]);
      await expectNoSeriousA11yIssues(page);

      await page.goto(`${server.url}/book?type=consultation`);
      const choice = page
        .getByRole('group', { name: 'Who would you like to see?' })
        .locator('label', { hasText: 'Dr. Robin Vega' });
      const shown = choice.locator('img.portrait');
      await shown.waitFor();
      await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('time off without bookings is saved at once; a closure over a booking is saved only after a warning', async () => {
    const day = nextTuesday();
    await page.goto(`${server.url}/admin/schedules`);
    await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Dr. Robin Vega' });
    const exception = page.getByRole('form', { name: 'Add an exception for Dr. Robin Vega' });
    await exception.getByLabel('Date').fill(day);
    await exception.getByLabel('Reason').fill('Conference');
    await exception.getByRole('button', { name: 'Add exception' }).click();
    await page.getByText(`${day}: off (whole day) — Conference`).waitFor();
    const slots = await fetch(
      `${server.url}/api/availability?type=consultation&from=${day}&to=${day}&providerId=${providerId}`,
    );
    expect(((await slots.json()) as { slots: unknown[] }).slots).toEqual([]);

    // The demo clinic has bookings in the coming days (one at least an hour away, so it cannot start
    // while the test runs): closing on that day warns first.
    const today = clinicDay(Date.now());
    const inTwoWeeks = clinicDayOffset(14);
    const calendar = (await (
      await page.request.get(`${server.url}/api/calendar?from=${today}&to=${inTwoWeeks}`)
    ).json()) as { appointments: { id: string; status: string; start: string; patientName: string }[] };
    const booked = calendar.appointments.find(
      (a) => a.status === 'booked' && Date.parse(a.start) > Date.now() + 3_600_000,
    );
    expect(booked).toBeDefined();
    const closedDay = clinicDay(booked!.start);
    await page.goto(`${server.url}/admin`);
    const closure = page.getByRole('form', { name: 'Add a closure for San Francisco' });
    await closure.getByLabel('First closed day').fill(closedDay);
    await closure.getByLabel('Reason').fill('Staff training');
    await closure.getByRole('button', { name: 'Add closure' }).click();
    const warning = closure.getByRole('alert').filter({ hasText: 'in this time' });
    await warning.getByText(booked!.patientName).waitFor();
    await page.screenshot({ path: screenshotPath('admin-closure-conflict'), fullPage: true });
    await warning.getByRole('button', { name: 'Close anyway' }).click();
    await page.getByText(`${closedDay} — Staff training`).waitFor();
    // The booking is kept: the warning asks the clinic to move it, nothing is cancelled silently.
    const kept = await page.request.get(`${server.url}/api/appointments/${booked!.id}`);
    expect(((await kept.json()) as { status: string }).status).toBe('booked');

    await page.getByRole('button', { name: `Remove closure from ${closedDay}` }).click();
    await page.getByText(`${closedDay} — Staff training`).waitFor({ state: 'detached' });
  });

  it('refuses opening hours that would leave a provider working while the location is closed', async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByRole('button', { name: 'Edit San Francisco' }).click();
    const form = page.getByRole('form', { name: 'Edit San Francisco' });
    await form.getByRole('button', { name: 'Add hours' }).click();
    const row = 'Opening hours row 1';
    await form.getByLabel(`Day, ${row}`).selectOption({ label: 'Monday' });
    await form.getByLabel(`From, ${row}`).fill('09:00');
    await form.getByLabel(`Until, ${row}`).fill('17:00');
    await form.getByRole('button', { name: 'Save location' }).click();
    // The demo providers work Tuesday to Saturday too, when the clinic would now be closed.
    await form
      .getByText(/Casey Morgan works Tuesday 09:00–17:00 \(closed all day\);.* and \d+ more/)
      .waitFor();
    await page.screenshot({ path: screenshotPath('admin-opening-hours-conflict'), fullPage: true });
    await form.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Opening hours: not set').waitFor();
  });

  it('a deactivated staff member is signed out at once', async () => {
    const desk = await launchBrowser();
    try {
      const deskPage = await desk.context.newPage();
      await signIn(deskPage, server.url, 'desk@example.com', '/staff');

      await page.goto(`${server.url}/admin/staff`);
      const row = page.getByRole('row', { name: /Dana Desk/ });
      await row.getByRole('button', { name: 'Deactivate Dana Desk' }).click();
      await page.getByText('Dana Desk is deactivated and signed out.').waitFor();
      await row.getByText('Deactivated').waitFor();
      await expectNoSeriousA11yIssues(page);
      await page.screenshot({ path: screenshotPath('admin-staff'), fullPage: true });

      const me = await deskPage.request.get(`${server.url}/api/auth/me`);
      expect(me.status()).toBe(401);
      await deskPage.goto(`${server.url}/staff/patients`);
      await deskPage.waitForURL(/\/sign-in/);
    } finally {
      await desk.close();
    }
  });

  it('an invited person sets a password from the emailed link and lands in the staff area', async () => {
    await page.goto(`${server.url}/admin/staff`);
    const invite = page.getByRole('form', { name: 'Invite a staff member' });
    await invite.getByLabel('Full name').fill('Nia Nurse');
    await invite.getByLabel('Email').fill('nia@example.com');
    await invite.getByLabel('Role').selectOption('clinician');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation sent to nia@example.com.').waitFor();

    const outbox = path.join(server.dataDir, 'outbox');
    const mail = fs
      .readdirSync(outbox)
      .filter((f) => f.includes('nia@example.com'))
      .map((f) => fs.readFileSync(path.join(outbox, f), 'utf8'))[0]!;
    // Mail bodies are quoted-printable: undo soft line breaks and =3D before reading the link.
    const body = mail.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = /http:\/\/[^\s]+\/accept-invite\?token=[\w%-]+/.exec(body)?.[0];
    expect(link).toBeDefined();

    await page.context().clearCookies();
    await page.goto(`${server.url}${new URL(link!).pathname}${new URL(link!).search}`);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.getByLabel('New password').fill('nia-long-password');
    await page.getByLabel('Repeat the password').fill('nia-long-password');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL(`${server.url}/staff`);
    await signIn(page, server.url, 'admin@example.com', '/admin');
  });

  it('a consent edit creates a new version and leaves signed copies unchanged', async () => {
    const consents = async () =>
      (
        (await (await page.request.get(`${server.url}/api/patients/demo-patient-1/consents`)).json()) as {
          signed: { id: string; version: number; signedText: string }[];
        }
      ).signed;
    const signedBefore = await consents();
    const templates = (await (
      await page.request.get(`${server.url}/api/care-templates?kind=consent`)
    ).json()) as {
      id: string;
      title: string;
      version: number;
      treatmentSlug: string;
    }[];
    const prp = templates.find((t) => t.treatmentSlug === 'prp')!;
    await page.goto(`${server.url}/admin/templates`);
    await page
      .getByRole('button', { name: `Edit ${prp.title}` })
      .first()
      .click();
    const form = page.getByRole('form', { name: `Edit ${prp.title}` });
    const text = form.getByLabel('Text');
    await text.fill(`${await text.inputValue()}\n\nYou may ask for a copy of this form at any time.`);
    await form.getByRole('button', { name: 'Save as new version' }).click();
    await page
      .getByText(`version ${prp.version + 1}`)
      .first()
      .waitFor();
    await expectNoSeriousA11yIssues(page);
    const history = (await (
      await page.request.get(`${server.url}/api/care-templates?kind=consent&treatment=prp&history=true`)
    ).json()) as { version: number }[];
    expect(history.map((h) => h.version).sort()).toEqual(
      expect.arrayContaining([prp.version, prp.version + 1]),
    );
    expect(await consents()).toEqual(signedBefore);
  });

  it('an admin adds a preparation timeline with steps, then withdraws it and finds it in the history', async () => {
    await page.goto(`${server.url}/admin/templates`);
    await page.getByRole('button', { name: 'New template' }).click();
    const form = page.getByRole('form', { name: 'New template' });
    await form.getByLabel('Kind').selectOption('preparation');
    await form.getByLabel('Treatment').selectOption('exosomes');
    await form.getByLabel('Title').fill('Before your exosome session (test)');
    await form.getByLabel('Text').fill('Please follow these steps before your session.');
    await form.getByLabel('Step 1').fill('Stop aspirin if your doctor agrees');
    await form.getByLabel('Hours before the visit').fill('168');
    await form.getByRole('button', { name: 'Add a step' }).click();
    await form.getByLabel('Step 2').fill('Wash your hair the morning of the session');
    await form.getByLabel('Hours before the visit').nth(1).fill('4');
    await page.screenshot({ path: screenshotPath('admin-template-new'), fullPage: true });
    await form.getByRole('button', { name: 'Save template' }).click();
    const card = page.getByRole('article').filter({ hasText: 'Before your exosome session (test)' });
    await card.getByText('7 days before: Stop aspirin if your doctor agrees').waitFor();
    await card.getByText('4 hours before: Wash your hair the morning of the session').waitFor();
    await expectNoSeriousA11yIssues(page);

    await card.getByRole('button', { name: /^Withdraw/ }).click();
    await card.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByLabel('Show earlier and withdrawn versions').check();
    await page
      .getByRole('article')
      .filter({ hasText: 'Before your exosome session (test)' })
      .getByText(/withdrawn/)
      .waitFor();
    const all = (await (
      await page.request.get(
        `${server.url}/api/care-templates?kind=preparation&treatment=exosomes&history=true`,
      )
    ).json()) as { title: string; status: string; steps: { key: string; offsetHours: number }[] }[];
    const mine = all.find((t) => t.title === 'Before your exosome session (test)')!;
    expect(mine.status).toBe('withdrawn');
    expect(mine.steps.map((st) => st.offsetHours)).toEqual([-168, -4]);
    expect(new Set(mine.steps.map((st) => st.key)).size).toBe(2);
  });

  it('an admin adds a close-up site of the clinic’s own, which staff then pick when taking a close-up', async () => {
    await page.goto(`${server.url}/admin`);
    const form = page.getByRole('form', { name: 'Close-up sites' });
    await form.getByRole('button', { name: 'Add a site' }).click();
    await form.getByLabel('Name', { exact: true }).fill('Transplant recipient area');
    await expect(form.getByLabel('Short name').inputValue()).resolves.toBe('transplant-recipient-area');
    await form.getByLabel('On the scalp diagram').selectOption('frontal-centre');
    await page.screenshot({ path: screenshotPath('admin-close-up-sites'), fullPage: true });
    await form.getByRole('button', { name: 'Save close-up sites' }).click();
    await form.getByRole('status').getByText('Close-up sites saved').waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.reload();
    const saved = page.getByRole('form', { name: 'Close-up sites' }).getByLabel('Short name');
    await expect(saved.inputValue()).resolves.toBe('transplant-recipient-area');
    expect(await saved.getAttribute('readonly')).not.toBeNull();

    await signIn(page, server.url, 'clinician@example.com', '/staff');
    await page.goto(`${server.url}/staff/patients/demo-patient-1/photos`);
    const capture = page.locator('form.capture-panel');
    await capture.getByLabel('View', { exact: true }).selectOption('trichoscopy');
    await capture.getByLabel('Scalp site').selectOption({ label: 'Transplant recipient area' });
    await capture.getByText('Transplant recipient area, scalp seen from above').waitFor();
    await signIn(page, server.url, 'admin@example.com', '/admin'); // as the tests after this expect
  });

  it('an admin adds a note to booking confirmations and it is kept', async () => {
    await page.goto(`${server.url}/admin/templates`);
    const form = page.getByRole('form', { name: 'Notes in appointment emails' });
    const note = form.getByLabel('Booking confirmation');
    await expect(note.inputValue()).resolves.toBe('');
    await note.fill('Parking is behind the building.\nPlease arrive ten minutes early.');
    await form.getByRole('button', { name: 'Save email notes' }).click();
    await form.getByRole('status').getByText('Email notes saved').waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.reload();
    await expect(
      page
        .getByRole('form', { name: 'Notes in appointment emails' })
        .getByLabel('Booking confirmation')
        .inputValue(),
    ).resolves.toBe('Parking is behind the building.\nPlease arrive ten minutes early.');
    const saved = (await (await page.request.get(`${server.url}/api/admin/notice-notes`)).json()) as Record<
      string,
      string
    >;
    expect(saved).toEqual({
      confirmation: 'Parking is behind the building.\nPlease arrive ten minutes early.',
      reschedule: '',
      cancellation: '',
      reminder: '',
    });
  });

  it('the patient sees a clinician’s view of their chart in “Who accessed my record”', async () => {
    await signIn(page, server.url, 'clinician@example.com', '/staff');
    await page.goto(`${server.url}/staff/patients/demo-patient-1/summary`);
    await page.getByRole('heading', { name: 'Pat Rivera' }).waitFor();
    await page.getByRole('heading', { name: 'Demographics' }).waitFor();

    await signIn(page, server.url, 'patient@example.com', '/portal');
    await page.getByRole('link', { name: 'Who accessed my record' }).click();
    await page.getByRole('heading', { name: 'Who accessed my record' }).waitFor();
    const entry = page
      .getByRole('listitem')
      .filter({ hasText: 'Dr. Casey Morgan' })
      .filter({ hasText: 'viewed your details' });
    await entry.first().waitFor();
    expect(await entry.first().textContent()).toContain('(clinician)');
    expect(await page.getByRole('listitem').filter({ hasText: 'Pat Rivera' }).count()).toBe(0);
    await expectNoSeriousA11yIssues(page);
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath('portal-access-log-phone'), fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('the admin filters the audit log, downloads it as CSV and sees the patient’s audit tab', async () => {
    await signIn(page, server.url, 'admin@example.com', '/admin');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByLabel('Staff member').selectOption({ label: 'Dr. Casey Morgan' });
    await page.getByLabel('Action', { exact: true }).fill('patient.read');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = page.getByRole('table', { name: 'Audit entries' }).getByRole('row');
    await rows.nth(1).waitFor();
    const texts = await rows.allTextContents();
    expect(texts.slice(1).every((t) => t.includes('Dr. Casey Morgan') && t.includes('patient.read'))).toBe(
      true,
    );
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(href).toBe('/api/audit-log.csv?actorId=demo-user-clinician&action=patient.read');
    const csv = await page.request.get(`${server.url}${href}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[1]).toContain('patient.read');
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('admin-audit-log'), fullPage: true });

    await page.goto(`${server.url}/staff/patients/demo-patient-1/audit`);
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await page
      .getByRole('table', { name: 'Audit entries for this patient' })
      .getByText('Dr. Casey Morgan')
      .first()
      .waitFor();
  });

  it.each(['/admin', '/admin/catalogue'])('has no serious accessibility violations on %s', async (path) => {
    await page.goto(`${server.url}${path}`);
    await page.locator('h2').first().waitFor();
    await expectNoSeriousA11yIssues(page);
  });
});
