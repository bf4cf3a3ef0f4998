import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTrichoscopyImage } from '../packages/core/src/hair-analysis/synthetic';
import { expectNoSeriousA11yIssues } from './axe';
import {
  type Browser,
  browserAvailable,
  clinicDay,
  clinicDayOffset,
  launchBrowser,
  type RunningServer,
  screenshotPath,
  startServer,
} from './harness';
import { signIn } from './sign-in';

const UM_PER_PX = 16;

/** A synthetic trichoscopy field as a PNG file; the same seed re-images the same follicles. */
async function trichoscopyPng(dir: string, name: string, density: number, vellus: number): Promise<string> {
  const img = generateTrichoscopyImage({
    seed: 9100,
    width: 512,
    height: 384,
    umPerPx: UM_PER_PX,
    densityPerCm2: density,
    vellusFraction: vellus,
    skinTone: 0.3,
    hairColor: 'dark-brown',
    blurSigmaPx: 0.6,
    exposure: 1,
    noiseSd: 2.5,
  });
  const file = path.join(dir, name);
  await sharp(Buffer.from(img.pixels.buffer, img.pixels.byteOffset, img.pixels.length), {
    raw: { width: img.width, height: img.height, channels: 3 },
  })
    .png()
    .toFile(file);
  return file;
}

describe.runIf(browserAvailable())('progress photos and results in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dir: string;
  let files: { baseline: string; followUp: string; phone: string };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-progress-e2e-'));
    files = {
      baseline: await trichoscopyPng(dir, 'baseline.png', 120, 0.35),
      followUp: await trichoscopyPng(dir, 'follow-up.png', 175, 0.15),
      phone: path.join(dir, 'phone.jpg'),
    };
    await sharp({ create: { width: 800, height: 600, channels: 3, background: '#8a6a55' } })
      .jpeg()
      .toFile(files.phone);
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function upload(page: Page, file: string, takenOn: string) {
    const form = page.locator('form.capture-panel');
    await form.getByLabel('View', { exact: true }).selectOption('trichoscopy');
    await form.getByLabel('Scalp site').selectOption('frontal');
    await form.getByLabel('Calibration (µm per pixel)').fill(String(UM_PER_PX));
    await form.getByLabel('Date taken').fill(takenOn);
    await form.locator('input[type="file"]').setInputFiles(file);
    await form.getByRole('button', { name: 'Upload photo' }).click();
    await form.getByRole('status').filter({ hasText: 'Photo saved' }).waitFor();
  }

  it('uploads a baseline and a follow-up close-up, measures both in the background, and charts the change against a trial band', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'clinician@example.com');
    await page.goto(`${server.url}/staff/patients/demo-patient-1/photos`);
    await page.getByRole('heading', { name: 'Add a progress photo' }).waitFor();

    const now = Date.now();
    await upload(page, files.baseline, clinicDayOffset(-120, now));
    // The follow-up is lined up against the baseline: the previous close-up of this site is the ghost.
    const form = page.locator('form.capture-panel');
    await form.getByLabel('Date taken').fill(clinicDay(now));
    await form.locator('input[type="file"]').setInputFiles(files.followUp);
    const ghost = form.locator('img.ghost-frame-overlay');
    await ghost.waitFor();
    expect(await ghost.getAttribute('src')).toMatch(/^\/api\/photos\/[0-9a-f-]{36}\/image$/);
    await page.screenshot({ path: screenshotPath('progress-capture-ghost'), fullPage: false });
    await form.getByRole('button', { name: 'Upload photo' }).click();
    await form.getByRole('status').filter({ hasText: 'Photo saved' }).waitFor();

    // The jobs worker (polling every 2 s) analyses both; the page polls while they are queued.
    const frontal = page.locator('section.progress-site', {
      has: page.getByRole('heading', { name: /^Frontal/ }),
    });
    await frontal.waitFor({ timeout: 60_000 });
    await expect
      .poll(async () => frontal.locator('table.progress-table tbody tr').count(), { timeout: 60_000 })
      .toBe(2);

    // Compare against the PRP meta-analysis band (the demo patient's plan, or chosen here).
    await page.getByLabel('Compare with published results for').selectOption('prp');
    const note = frontal.locator('.band-note');
    await note.waitFor();
    await expect
      .poll(() => note.textContent())
      .toMatch(
        /PRP.*\+27\.6 hairs\/cm² \(the true figure is most likely between 14 and 41\.1; 95 % confidence interval\)/,
      );
    await expect.poll(() => note.locator('a').first().getAttribute('href')).toMatch(/^https:\/\//);
    expect(await frontal.locator('.progress-chart canvas').count()).toBe(3);
    const summary = (await frontal.locator('p').first().textContent()) ?? '';
    expect(summary).toMatch(
      /Density [\d.]+ hairs\/cm² → [\d.]+ hairs\/cm²: [+−±][\d.]+ hairs\/cm² \([+−±][\d.]+ %\)/,
    );

    // The chart's numbers match the API's measured values.
    const progress = await page.evaluate(async () =>
      (await fetch('/api/patients/demo-patient-1/progress?treatment=prp')).json(),
    );
    const site = progress.sites.find((s: { site: string }) => s.site === 'frontal');
    expect(site.points).toHaveLength(2);
    expect(site.points[1].densityPerCm2).toBeGreaterThan(site.points[0].densityPerCm2);
    expect(site.bands[0].low).toBeCloseTo(site.points[0].densityPerCm2 + 14, 1);
    expect(summary).toContain(`${site.points[1].densityPerCm2.toFixed(1)} hairs/cm²`);
    await frontal.scrollIntoViewIfNeeded();
    await frontal.screenshot({ path: screenshotPath('progress-chart-with-trial-band') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders the before/after view side by side and as a slider, with dates and deltas', async () => {
    const page = await browser.context.newPage();
    await signIn(page, server.url, 'clinician@example.com');
    await page.goto(`${server.url}/staff/patients/demo-patient-1/photos`);
    const ba = page.locator('section', { has: page.getByRole('heading', { name: 'Before and after' }) });
    await ba.waitFor();
    // Close-ups are offered per scalp site: the frontal series holds only frontal close-ups.
    const views = ba.getByLabel('View', { exact: true }).locator('option');
    expect(await views.allTextContents()).toEqual(
      expect.arrayContaining([
        'Close-up (trichoscopy) · Frontal, 2 cm behind the hairline',
        'Close-up (trichoscopy) · Vertex centre',
      ]),
    );
    await ba.getByLabel('View', { exact: true }).selectOption('trichoscopy:frontal');
    const options = ba.getByLabel('Before', { exact: true }).locator('option');
    await expect.poll(() => options.count()).toBe(2);
    await ba
      .getByLabel('Before', { exact: true })
      .selectOption((await options.nth(0).getAttribute('value'))!);
    await ba.getByLabel('After', { exact: true }).selectOption((await options.nth(1).getAttribute('value'))!);
    const side = ba.getByTestId('before-after-side');
    await expect
      .poll(() => side.locator('.ba-stamp').allTextContents())
      .toEqual([
        expect.stringContaining('Baseline'),
        expect.stringMatching(/3\.\d months since baseline|4\.0 months since baseline/),
      ]);
    await expect
      .poll(() =>
        side.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)),
      )
      .toEqual([512, 512]);
    const deltas = ba.locator('table.ba-deltas tbody tr');
    await expect.poll(() => deltas.count()).toBe(3);
    expect(await deltas.first().textContent()).toMatch(/Density.*hairs\/cm².*[+−]/);
    await ba.screenshot({ path: screenshotPath('progress-before-after-side') });

    await ba.getByLabel('Slider', { exact: true }).check();
    const slider = ba.getByTestId('before-after-slider');
    await slider.waitFor();
    await ba.getByLabel(/Slider position/).fill('30');
    expect(await slider.locator('.ba-slider-before').getAttribute('style')).toContain(
      'inset(0px 70% 0px 0px)',
    );
    await ba.screenshot({ path: screenshotPath('progress-before-after-slider') });
    await page.close();
  });

  it('shows the patient their own progress, accessibly, and a one-page report', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, server.url, 'patient@example.com');
    await page.goto(`${server.url}/portal/progress`);
    await page.getByRole('heading', { name: 'My progress' }).waitFor();
    await page.locator('section.progress-site').first().waitFor();
    await page.locator('.progress-chart canvas').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The six portal links stay on one row that scrolls sideways.
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect((await nav.boundingBox())!.height).toBeLessThan(60);
    await expectNoSeriousA11yIssues(page);
    await page.screenshot({ path: screenshotPath('progress-portal-phone'), fullPage: true });

    // The patient adds a photo from their phone, then removes it again (filed by mistake).
    const form = page.locator('form.capture-panel');
    await form.getByLabel('View', { exact: true }).selectOption('occipital');
    await form.locator('input[type="file"]').setInputFiles(files.phone);
    await form.getByRole('button', { name: 'Upload photo' }).click();
    await form.getByRole('status').filter({ hasText: 'Photo saved' }).waitFor();
    const remove = page.getByRole('button', { name: /^Remove the back of the head photo of/ });
    await remove.waitFor();
    await remove.click();
    await page.getByLabel('Why remove this photo?').fill('Taken with wet hair.');
    await page.getByRole('button', { name: 'Remove photo' }).click();
    await remove.waitFor({ state: 'detached' });

    // A page at the far end of the phone nav row brings its own link into view.
    await page.goto(`${server.url}/portal/account`);
    const current = nav.getByRole('link', { name: 'Account' });
    await nav.locator('a[aria-current="page"]', { hasText: 'Account' }).waitFor();
    const navBox = (await nav.boundingBox())!;
    const currentBox = (await current.boundingBox())!;
    expect(currentBox.x + currentBox.width).toBeLessThanOrEqual(navBox.x + navBox.width);
    await page.screenshot({ path: screenshotPath('portal-nav-phone') });

    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(`${server.url}/portal/progress/report?treatment=prp`);
    await page.getByRole('heading', { name: 'Progress report: Pat Rivera' }).waitFor();
    await page.locator('.progress-chart canvas').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath('progress-report-print'), fullPage: true });
    await page.close();
  });
  it('dates a photo by the clinic’s day, not by the viewer’s or the UTC day', async () => {
    // The viewer in a far zone, 12 h behind UTC before 11:00 UTC and 14 h ahead after: every date in
    // the record is the clinic's (issue 25), so patient and clinician name the same day.
    const timezoneId = new Date().getUTCHours() < 11 ? 'Etc/GMT+12' : 'Pacific/Kiritimati';
    const away = await launchBrowser({ viewport: { width: 360, height: 800 }, timezoneId });
    try {
      const page = await away.context.newPage();
      await signIn(page, server.url, 'patient@example.com');
      await page.goto(`${server.url}/portal/progress`);
      const form = page.locator('form.capture-panel');
      await form.getByLabel('View', { exact: true }).selectOption('occipital');
      await form.locator('input[type="file"]').setInputFiles(files.phone);
      await form.getByRole('button', { name: 'Upload photo' }).click();
      await form.getByRole('status').filter({ hasText: 'Photo saved' }).waitFor();
      const local = await page.evaluate(async () => {
        const { timeZone } = (await (await fetch('/api/clinic')).json()) as { timeZone: string };
        return new Date().toLocaleDateString('en-US', {
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          timeZone,
        });
      });
      const remove = page.getByRole('button', { name: `Remove the back of the head photo of ${local}` });
      await remove.waitFor();
      await remove.click();
      await page.getByLabel('Why remove this photo?').fill('Test photo.');
      await page.getByRole('button', { name: 'Remove photo' }).click();
      await remove.waitFor({ state: 'detached' });
    } finally {
      await away.close();
    }
  });
});
