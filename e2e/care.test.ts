import fs from 'node:fs';
import type { Page } from 'playwright-core';
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

// One journey, in order: the steps build on each other (plan → booking → consent → checklist → report → alert).
describe.runIf(browserAvailable())('care pathway in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startServer();
    // Staff working from another zone than the clinic's: times are still entered and shown in clinic time.
    browser = await launchBrowser({ timezoneId: 'Asia/Tokyo' });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a clinician creates a plan for the demo patient and books its series', async () => {
    await signIn(page, server.url, 'clinician@example.com', '/staff');
    await page.goto(`${server.url}/staff/patients/demo-patient-1/plans`);
    await page.getByRole('heading', { name: 'Treatment plans' }).waitFor();
    await page.getByText('Session 3 of 3').first().waitFor(); // the demo history's PRP course
    await page.getByRole('button', { name: 'New plan' }).click();
    await page.getByLabel('Treatment', { exact: true }).selectOption('adipose-derived-cell-therapy');
    await page.getByLabel('Sessions planned').fill('1');
    await page.getByLabel('Goal').fill('Add density at the crown after the PRP course; review at 6 months.');
    await page.getByRole('button', { name: 'Create plan' }).click();
    const plan = page.getByRole('article').filter({ hasText: 'Adipose-derived (fat) cell procedure' });
    await plan.getByText('Session 1 of 1').waitFor();
    await plan.getByText('Consent missing:').waitFor(); // the check-in warning until the patient signs
    await plan.getByRole('button', { name: /Book series/ }).click();
    // The proposed times are shown first; nothing is booked until confirmed.
    await plan.getByLabel(/Session 1/).waitFor({ timeout: 20_000 });
    await plan.getByRole('button', { name: 'Confirm series booking' }).click();
    await plan.getByRole('status').filter({ hasText: 'Booked:' }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: screenshotPath('care-plan-booked'), fullPage: true });
  });

  it('a clinician records a diagnosis by picking a stage of the chosen scale', async () => {
    await page.goto(`${server.url}/staff/patients/demo-patient-1/plans`);
    const dx = page.locator('section', { has: page.getByRole('heading', { name: 'Diagnosis over time' }) });
    await dx.getByRole('table').waitFor();
    const rowsBefore = await dx.locator('tbody tr').count();
    await dx.getByLabel('Scale').selectOption('ludwig');
    const stages = dx.getByLabel('Stage', { exact: true }).locator('option');
    await expect(stages.allTextContents()).resolves.toEqual([
      'Choose…',
      'Ludwig I',
      'Ludwig II',
      'Ludwig III',
    ]);
    await dx.getByLabel('Loss type').selectOption('female-pattern-hair-loss');
    await dx.getByLabel('Stage', { exact: true }).selectOption('II');
    await dx.getByRole('button', { name: 'Add diagnosis' }).click();
    await expect.poll(() => dx.locator('tbody tr').count()).toBe(rowsBefore + 1);
    await expect(dx.locator('tbody tr').last().textContent()).resolves.toContain('Ludwig II');
    // SALT takes the share of the scalp without hair instead.
    await dx.getByLabel('Scale').selectOption('salt');
    await dx.getByLabel('SALT (% of scalp without hair)').waitFor();
    await expect(dx.getByLabel('Stage', { exact: true }).count()).resolves.toBe(0);
  });

  it('records a session (settings carried over from the last one), edits the draft, signs after a confirmation', async () => {
    await page.goto(`${server.url}/staff/patients/demo-patient-1/sessions`);
    await page.getByRole('button', { name: 'Record a session' }).click();
    const form = page
      .locator('form')
      .filter({ has: page.getByRole('heading', { name: 'Record a session' }) });
    const planSelect = form.getByLabel('Plan');
    const prpOption = await planSelect.locator('option', { hasText: 'PRP' }).getAttribute('value');
    await planSelect.selectOption(prpOption!);
    // The last PRP session's settings are the starting point, marked as such; lots are left empty.
    const carried = form.getByTestId('carried-over');
    await carried.getByText(/taken over from the PRP \(platelet-rich plasma\) session on/).waitFor();
    await expect(form.getByLabel('Blood drawn (mL)').inputValue()).resolves.not.toBe('');
    await expect(form.getByLabel('Product 2').inputValue()).resolves.toBe('Lidocaine 1% with epinephrine');
    await expect(form.getByLabel('Lot number 2').inputValue()).resolves.toBe('');
    await expect(form.getByLabel('Anaesthesia').inputValue()).resolves.toMatch(/lidocaine/);
    const save = form.getByRole('button', { name: 'Save as draft' });
    await expect(save.isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('care-session-carried-over'), fullPage: true });
    // Yesterday 09:30 in the clinic (Los Angeles), typed into a browser running in Tokyo.
    const day = clinicDayOffset(-1);
    const at = form.getByLabel('Date and time');
    await expect(at.getAttribute('aria-describedby')).resolves.toBeTruthy();
    await form.getByText(/Clinic time \(Pacific (Standard|Daylight) Time\)/).waitFor();
    await at.fill(`${day}T09:30`);
    await form.getByLabel('Product 1').fill('PRP preparation kit');
    await form.getByLabel('Lot number 1').fill('PRP-E2E-0001');
    await form.getByLabel('Lot number 2').fill('LID-E2E-0001');
    await carried.getByLabel('I checked the settings taken over from the previous session').check();
    await form.getByLabel('Blood drawn (mL)').fill('30');
    await form.getByLabel('Spin protocol').fill('Single spin, 10 min at 1500 g');
    await form.getByLabel('Final PRP volume (mL)').fill('6');
    await form.getByLabel('Anaesthesia').fill('Lidocaine 1%, 4 mL');
    // Click the crown on the diagram: it focuses that zone's volume field.
    await form.locator('g[data-zone="vertex"]').click();
    await expect(
      form.getByLabel('Vertex (crown) (mL)').evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await form.getByLabel('Vertex (crown) (mL)').fill('3.5');
    await form.getByLabel('Mid-scalp, centre (mL)').fill('1.5');
    // The other zones keep the volumes taken over from the last session.
    await form.getByText(/^Total: [\d.]+ mL$/).waitFor();
    await form.getByLabel('Notes').fill('Third session of the course. Tolerated well.');
    await page.screenshot({ path: screenshotPath('care-session-form'), fullPage: true });
    await form.getByRole('button', { name: 'Save as draft' }).click();

    const record = page.getByRole('article').filter({ hasText: 'PRP-E2E-0001' });
    await record.getByText('Draft, not signed').waitFor();
    // A draft can still be edited.
    await record.getByRole('button', { name: 'Edit draft' }).click();
    const editForm = page
      .locator('form')
      .filter({ has: page.getByRole('heading', { name: 'Edit draft session' }) });
    await expect(editForm.getByLabel('Notes').inputValue()).resolves.toBe(
      'Third session of the course. Tolerated well.',
    );
    await editForm.getByLabel('Notes').fill('Third session of the course. Tolerated well; mild redness.');
    await page.screenshot({ path: screenshotPath('care-session-edit-draft'), fullPage: true });
    await editForm.getByRole('button', { name: 'Save draft' }).click();
    await record.getByText('Tolerated well; mild redness.').waitFor();
    // Signing asks first; "Not yet" leaves the draft as it is.
    await record.getByRole('button', { name: 'Sign this record' }).click();
    const ask = record.getByText('Sign this record?');
    await ask.waitFor();
    await expect(record.evaluate((el) => el.contains(document.activeElement))).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('care-session-sign-confirm'), fullPage: true });
    await record.getByRole('button', { name: 'Not yet' }).click();
    await record.getByText('Draft, not signed').waitFor();
    await record.getByRole('button', { name: 'Sign this record' }).click();
    await record.getByRole('button', { name: 'Yes, sign it' }).click();
    await record.locator('.badge', { hasText: /^Signed$/ }).waitFor();
    await expect(record.getByRole('button', { name: 'Edit draft' }).count()).resolves.toBe(0);
    await expect(record.getByRole('button', { name: 'Sign this record' }).count()).resolves.toBe(0);
    await record.getByText('Add an addendum').waitFor();
    await expect(record.getByRole('heading').first().textContent()).resolves.toMatch(/9:30\s?AM P[SD]T/);
    const stored = await page.request.get(`${server.url}/api/patients/demo-patient-1/sessions`);
    const mine = ((await stored.json()) as { performedAt: number; products: { lot: string }[] }[]).find((x) =>
      x.products.some((p) => p.lot === 'PRP-E2E-0001'),
    );
    expect(clinicDay(mine!.performedAt)).toBe(day);
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: CLINIC_ZONE, hour: '2-digit', minute: '2-digit' }).format(
        mine!.performedAt,
      ),
    ).toBe('09:30');
    const map = await record.getByRole('img').getAttribute('aria-label');
    expect(map).toContain('Vertex (crown) 3.5 mL');
    // Typed on top of the last session's map, whose other zones were taken over.
    expect(map).toContain('Mid-scalp, left 0.75 mL');
    expect(map).toContain('total 6.5 mL');
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('care-session-signed'), fullPage: true });
  });

  it('a clinician files a referral letter in the documents tab, downloads it and removes a wrong one', async () => {
    await page.goto(`${server.url}/staff/patients/demo-patient-1/documents`);
    const form = page.getByRole('form', { name: 'File a document' });
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    );
    for (const title of ['Referral from Dr. Ames', 'Wrong patient letter']) {
      await form.getByLabel('Title').fill(title);
      await form.getByLabel('Kind').selectOption({ label: 'Referral' });
      await form
        .getByLabel(/^File/)
        .setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: pdf });
      await form.getByRole('button', { name: 'File document' }).click();
      await page.getByRole('link', { name: title }).waitFor();
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Referral from Dr. Ames' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Referral-from-Dr.-Ames.pdf');
    expect(fs.readFileSync((await download.path())!).equals(pdf)).toBe(true);
    await expectNoSeriousA11yIssues(page);

    await page.getByRole('button', { name: 'Remove… Wrong patient letter' }).click();
    const remove = page.getByRole('form', { name: 'Remove Wrong patient letter' });
    await remove.getByLabel('Why remove it?').fill('Filed under the wrong patient.');
    await remove.getByRole('button', { name: 'Remove document' }).click();
    await page.getByRole('link', { name: 'Wrong patient letter' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Referral from Dr. Ames' }).waitFor();

    // The patient reads it among their records and adds results from their own doctor, which only
    // they (and clinicians) can remove; the clinic's letter has no remove button for them.
    await signIn(page, server.url, 'patient@example.com', '/portal');
    await page.goto(`${server.url}/portal/records`);
    await page.getByRole('link', { name: 'Referral from Dr. Ames' }).waitFor();
    const own = page.getByRole('form', { name: 'File a document' });
    await own.getByLabel('Title').fill('Blood test from my GP');
    await own.getByLabel('Kind').selectOption({ label: 'Lab result' });
    await own
      .getByLabel(/^File/)
      .setInputFiles({ name: 'bloods.pdf', mimeType: 'application/pdf', buffer: pdf });
    await own.getByRole('button', { name: 'File document' }).click();
    await page.getByRole('link', { name: 'Blood test from my GP' }).waitFor();
    await page.getByRole('button', { name: 'Remove… Blood test from my GP' }).waitFor();
    await expect(page.getByRole('button', { name: 'Remove… Referral from Dr. Ames' }).count()).resolves.toBe(
      0,
    );
    await expectNoSeriousA11yIssues(page);
  });

  it('the patient signs the consent, ticks a preparation step and reports an urgent side effect', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signIn(page, server.url, 'patient@example.com', '/portal');
    await page.getByRole('heading', { name: 'Welcome, Pat' }).waitFor();
    await page.getByRole('heading', { name: 'Consent to sign' }).waitFor();
    await page.getByRole('link', { name: 'Read and sign' }).click();
    await page.getByRole('heading', { name: /adipose-derived/i }).waitFor();
    await page.getByText('not FDA-approved for hair loss').first().waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.getByLabel('Type your full name to sign').fill('Sam Lee');
    await page.getByLabel(/I have read this form/).check();
    await page.getByRole('button', { name: 'Sign consent' }).click();
    await page.getByText('Type your full name as it appears on your record').waitFor();
    await page.getByLabel('Type your full name to sign').fill('Pat Rivera');
    await page.getByRole('button', { name: 'Sign consent' }).click();
    await page.getByText('You have no consent forms to sign').waitFor();
    await page.screenshot({ path: screenshotPath('care-consent-signed-phone'), fullPage: true });

    await page.goto(`${server.url}/portal`);
    const prep = page.getByRole('region', { name: /Getting ready/ });
    await prep.getByText('0 of 5 done').waitFor();
    await prep.getByRole('checkbox').first().check();
    await prep.getByText('1 of 5 done').waitFor();
    await page
      .getByText('Session 3 of 3'.toLowerCase())
      .or(page.getByText('all 3 sessions done'))
      .first()
      .waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('care-portal-home-phone'), fullPage: true });

    await page.getByRole('link', { name: 'Report a side effect' }).click();
    await page.getByLabel(/Fever/).check();
    await page.getByLabel('Pus or yellow discharge').check();
    await page.getByLabel(/How bad is it/).fill('5');
    await page.getByLabel('Which treatment session was it after?').selectOption({ index: 1 });
    await expectNoSeriousA11yIssues(page);
    await page.getByRole('button', { name: 'Send report' }).click();
    const advice = page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: 'Please get help now' }) });
    await advice.waitFor();
    await expect(advice.textContent()).resolves.toContain('+1 415 555 0134');
    await expect(advice.textContent()).resolves.toContain('911');
    await advice.getByRole('link', { name: /Call the clinic/ }).waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('care-urgent-advice-phone'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('staff see the urgent alert on the day list and can open the report', async () => {
    await signIn(page, server.url, 'clinician@example.com', '/staff');
    const banner = page.getByRole('alert').filter({ hasText: 'Urgent side-effect report' });
    await banner.getByRole('link', { name: 'Pat Rivera' }).waitFor();
    await expect(banner.textContent()).resolves.toMatch(/fever/);
    // "Contact the patient now" comes with the number to call and the address to write to.
    await expect(banner.getByRole('link', { name: '+1 415 555 0101' }).getAttribute('href')).resolves.toBe(
      'tel:+14155550101',
    );
    await expect(
      banner.getByRole('link', { name: 'patient@example.com' }).getAttribute('href'),
    ).resolves.toBe('mailto:patient@example.com');
    await page.screenshot({ path: screenshotPath('care-staff-alert'), fullPage: true });
    await banner.getByRole('link', { name: 'Pat Rivera' }).click();
    await page.getByRole('heading', { name: 'Side effects' }).waitFor();
    await page.getByText('Urgent', { exact: true }).first().waitFor();
    await page.goto(`${server.url}/staff`);
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Urgent side-effect report' })
      .waitFor({ state: 'detached' });
  });

  it('tells staff when the urgent-report check fails, instead of showing nothing', async () => {
    // The server cannot be made to fail on cue, so the browser's request is answered with a 503.
    await page.route('**/api/alerts', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ status: 503, title: 'Service unavailable', detail: 'Database restarting' }),
      }),
    );
    await signIn(page, server.url, 'clinician@example.com', '/staff');
    const warning = page
      .getByRole('alert')
      .filter({ hasText: 'Could not check for new urgent side-effect reports' });
    await warning.waitFor();
    await page.unroute('**/api/alerts');
    await warning.getByRole('button', { name: 'Check again' }).click();
    // Checked again, and no report is open any more (the one above was acknowledged).
    await warning.waitFor({ state: 'detached' });
  });

  it('admins see side-effect counts and rates per treatment', async () => {
    await signIn(page, server.url, 'admin@example.com', '/admin');
    await page.goto(`${server.url}/admin/side-effects`);
    const row = page.getByRole('row', { name: /PRP \(platelet-rich plasma\)/ });
    await row.waitFor();
    // Demo history (3 signed PRP sessions, 1 routine report) plus this journey's session and urgent report.
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual([
      '4',
      '2',
      '1',
      '50.0 %',
      '25.0 %',
    ]);
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('care-admin-side-effects'), fullPage: true });
  });

  it('front desk sees no clinical tabs in the chart', async () => {
    await signIn(page, server.url, 'desk@example.com', '/staff');
    await page.goto(`${server.url}/staff/patients/demo-patient-1`);
    const nav = page.getByRole('navigation', { name: 'Chart sections' });
    await nav.getByRole('link', { name: 'Summary' }).waitFor();
    for (const tab of ['Plan', 'Sessions', 'Consents', 'Side effects']) {
      await expect(nav.getByRole('link', { name: tab, exact: true }).count()).resolves.toBe(0);
    }
    // The summary gives the desk the next visit, and no clinical facts (not even failed ones).
    const glance = page.locator('section', { has: page.getByRole('heading', { name: 'At a glance' }) });
    await glance.getByText('Next visit').waitFor();
    await expect(glance.locator('dt').allTextContents()).resolves.toEqual(['Next visit']);
    await expect(glance.getByText('Could not load this.').count()).resolves.toBe(0);
  });

  it('the chart summary shows a clinician what needs attention and where the patient stands', async () => {
    await signIn(page, server.url, 'clinician@example.com', '/staff');
    await page.goto(`${server.url}/staff/patients/demo-patient-1/summary`);
    const glance = page.locator('section', { has: page.getByRole('heading', { name: 'At a glance' }) });
    const fact = (label: string) =>
      glance.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => fact('Treatment plan').textContent()).toMatch(/PRP/);
    await expect
      .poll(() => fact('Latest measurement').textContent())
      .toMatch(/\d+ hairs\/cm², mean shaft \d+ µm at /);
    await expect.poll(() => fact('Diagnosis').textContent()).not.toMatch(/Loading/);
    await expect(fact('Open side-effect reports').textContent()).resolves.not.toContain('Could not');
    await expect(glance.getByText('Could not load this.').count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('chart-summary-clinician'), fullPage: true });
    await fact('Treatment plan').getByRole('link').click();
    await page.waitForURL(/\/plans$/);
  });

  it('a patient can report thoughts of self-harm and is given the 988 crisis line at once', async () => {
    await signIn(page, server.url, 'patient2@example.com', '/portal');
    await page.goto(`${server.url}/portal/side-effect`);
    const symptoms = page.getByRole('group', { name: /What are you noticing/ });
    // The guide's call-promptly symptoms and the emergencies each have their own box.
    for (const label of [
      /Chest pain/,
      /signs of a stroke|Face drooping/,
      /pale or white, or dusky/,
      /Bleeding that does not stop/,
    ])
      await symptoms.getByLabel(label).waitFor();
    await symptoms.getByLabel('Thoughts of harming yourself or of suicide').check();
    await page.getByRole('button', { name: 'Send report' }).click();
    const advice = page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: 'Please get help now' }) });
    await advice.waitFor();
    expect(
      await advice.getByRole('link', { name: 'Call or text the crisis line (988)' }).getAttribute('href'),
    ).toBe('tel:988');
    await expect(advice.textContent()).resolves.toContain('Call or text 988');
    await expectNoSeriousA11yIssues(page);
  });
});
