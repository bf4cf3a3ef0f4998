import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yIssues } from './axe';
import {
  type Browser,
  browserAvailable,
  launchBrowser,
  type RunningServer,
  screenshotPath,
  startServer,
} from './harness';
import { signIn } from './sign-in';

const AUTO = 'demo-measurement-p1-1';
type Hair = { x: number; y: number };

const api = (page: Page, url: string, init?: { method: string; body: unknown }) =>
  page.evaluate(
    async ([u, i]) => {
      const res = await fetch(
        u,
        i
          ? {
              method: i.method,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(i.body),
            }
          : undefined,
      );
      return { status: res.status, body: await res.json() };
    },
    [url, init] as const,
  );

/** A hair with no other hair within `px` image pixels (so a click on it hits only it). */
function isolated(hairs: Hair[], px: number, skip: Set<number>): number {
  return hairs.findIndex(
    (h, i) => !skip.has(i) && hairs.every((o, j) => j === i || Math.hypot(o.x - h.x, o.y - h.y) > px),
  );
}

/** A point of bare skin: at least `px` from every hair and from the border. */
function bareSkin(hairs: Hair[], width: number, height: number, px: number): Hair {
  for (let y = px; y < height - px; y += 4) {
    for (let x = px; x < width - px; x += 4) {
      if (hairs.every((h) => Math.hypot(h.x - x, h.y - y) > px)) return { x, y };
    }
  }
  throw new Error('no bare skin found');
}

describe.runIf(browserAvailable())('hair-by-hair verification in chromium', () => {
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

  it('removes two hairs and adds one on a demo close-up; the chart shows the verified count beside the unchanged automatic one', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'clinician@example.com');
    await page.goto(`${server.url}/staff/patients/demo-patient-1/photos`);
    await page.getByRole('heading', { name: 'Measurements and review' }).waitFor();
    const engine = (await api(page, `/api/measurements/${AUTO}/hairs`)).body as {
      hairCount: number;
      width: number;
      height: number;
      hairs: Hair[];
    };
    const n = engine.hairCount;

    await page.locator(`a[href="/staff/measurements/${AUTO}/review"]`).click();
    await page.getByRole('heading', { name: 'Review hairs', level: 1 }).waitFor();
    const marks = page.locator('g.hair-mark');
    await expect.poll(() => marks.count(), { timeout: 15_000 }).toBe(n);
    const count = page.locator('.hair-count');
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toContain(`${n} hairs`);
    await page
      .getByText(/Engine\b/)
      .first()
      .waitFor({ state: 'attached' });
    expect(await page.getByRole('button', { name: `Looks right: confirm ${n} hairs` }).isVisible()).toBe(
      true,
    );
    await page.screenshot({ path: screenshotPath('hair-review-engine'), fullPage: true });
    await expectNoSeriousA11yIssues(page);

    // 1. Click (pointer events) on an isolated mark removes it.
    const clicked = isolated(engine.hairs, 10, new Set());
    expect(clicked).toBeGreaterThanOrEqual(0);
    await page.locator(`g.hair-mark[data-key="${clicked}"] .hair-hit`).click();
    await expect
      .poll(() => page.locator(`g.hair-mark[data-key="${clicked}"]`).getAttribute('data-state'))
      .toBe('removed');

    // 2. Keyboard: the next hair in reading order, then remove it.
    const viewport = page.getByRole('application', { name: 'Trichoscopy image with hair marks' });
    await viewport.focus();
    await page.keyboard.press('n');
    await page.keyboard.press('x');
    await expect
      .poll(() => page.locator('g.hair-mark[data-state="removed"]').count(), { timeout: 15_000 })
      .toBe(2);
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toContain(`${n - 2} hairs`);

    // 3. Click on bare skin adds a hair there, at its emergence point.
    const skin = bareSkin(engine.hairs, engine.width, engine.height, 20);
    // Fit the whole image in view (stepping may have panned), centred in the window.
    await viewport.focus();
    await page.keyboard.press('0');
    await viewport.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(100);
    const box = (await page.locator('.hair-canvas').boundingBox())!;
    const s = box.width / engine.width;
    await page.mouse.click(box.x + (skin.x + 0.5) * s, box.y + (skin.y + 0.5) * s);
    await expect
      .poll(() => page.locator('g.hair-mark[data-class="unmeasured"]').count(), { timeout: 15_000 })
      .toBe(1);
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toContain(`${n - 1} hairs`);

    // Undo and redo from the keyboard; zoom keys change the scale shown.
    await viewport.focus();
    await page.keyboard.press('u');
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toContain(`${n - 2} hairs`);
    await page.keyboard.press('r');
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toContain(`${n - 1} hairs`);
    const zoomLabel = page.locator('.hair-toolbar .muted');
    const before = await zoomLabel.textContent();
    await page.keyboard.press('+');
    await expect.poll(() => zoomLabel.textContent(), { timeout: 15_000 }).not.toBe(before);
    await page.keyboard.press('0');
    await expect.poll(() => zoomLabel.textContent(), { timeout: 15_000 }).toBe(before);
    await page.screenshot({ path: screenshotPath('hair-review-edited'), fullPage: true });

    await page.getByLabel('Note (optional)').fill('two on a scale flake, one missed');
    await page.getByRole('button', { name: `Save verified count (${n - 1} hairs)` }).click();
    await page.waitForURL(`${server.url}/staff/patients/demo-patient-1/photos`);
    const verifiedRow = page
      .getByRole('region', { name: 'Measurements and review' })
      .locator('tr', { hasText: 'Verified by clinician' });
    await verifiedRow.waitFor();
    expect(await verifiedRow.locator('td').nth(1).textContent()).toBe(String(n - 1));

    const list = (await api(page, '/api/patients/demo-patient-1/measurements')).body as {
      id: string;
      source: string;
      hairCount: number;
      correctsId: string | null;
    }[];
    expect(list.find((m) => m.id === AUTO)).toMatchObject({ source: 'auto', hairCount: n });
    const verified = list.find((m) => m.source === 'verified')!;
    expect(verified).toMatchObject({ correctsId: AUTO, hairCount: n - 1 });
    const saved = (await api(page, `/api/measurements/${verified.id}/hairs`)).body as {
      hairs: (Hair & { origin: string })[];
    };
    expect(saved.hairs.filter((h) => h.origin === 'added')).toEqual([
      expect.objectContaining({ x: skin.x, y: skin.y }),
    ]);

    // The progress chart's table says whose value it shows.
    await page
      .locator('table.progress-table tr .badge', { hasText: 'verified by clinician' })
      .first()
      .waitFor({ state: 'attached' });
    await page.screenshot({ path: screenshotPath('hair-review-chart-verified'), fullPage: true });

    // Reopening the verified count shows the two removed hairs, ready to restore.
    await page.locator(`a[href="/staff/measurements/${verified.id}/review"]`).click();
    await expect
      .poll(() => page.locator('g.hair-mark[data-state="removed"]').count(), { timeout: 15_000 })
      .toBe(2);
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toContain(`${n - 1} hairs`);
    // Who verified and when, in the clinic's zone.
    await page.getByText(/Verified by .+ on .+ (PST|PDT)\./).waitFor();
    await page.screenshot({ path: screenshotPath('hair-review-verified'), fullPage: true });
    expect(errors).toEqual([]);

    // The audit log has the entry (admin), and a patient cannot verify.
    await signIn(page, server.url, 'admin@example.com', '/admin');
    const audit = (await api(page, '/api/audit-log?action=measurement.verification.create')).body as {
      items: { resourceId: string; actorRole: string }[];
    };
    expect(audit.items).toEqual([
      expect.objectContaining({ resourceId: verified.id, actorRole: 'clinician' }),
    ]);
    await page.goto(`${server.url}/admin/hair-count-agreement`);
    await page.getByRole('heading', { name: 'Automatic and verified hair counts' }).waitFor();
    await page.getByText('Fewer than 5 images').first().waitFor();
    await page.screenshot({ path: screenshotPath('hair-count-agreement'), fullPage: true });
    await expectNoSeriousA11yIssues(page);

    await signIn(page, server.url, 'patient@example.com');
    const denied = await api(page, `/api/measurements/${AUTO}/verification`, {
      method: 'POST',
      body: { hairs: engine.hairs.map((h) => ({ x: h.x, y: h.y })) },
    });
    expect(denied.status).toBe(403);
  });

  it('takes touch: a tap adds a hair, a two-finger pinch zooms', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, 'clinician@example.com');
    await page.goto(`${server.url}/staff/measurements/demo-measurement-p2-1/review`);
    const viewport = page.getByRole('application', { name: 'Trichoscopy image with hair marks' });
    await viewport.waitFor();
    await viewport.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const before = await page.locator('g.hair-mark').count();
    const box = (await viewport.boundingBox())!;
    const touch = (type: string, id: number, x: number, y: number) =>
      viewport.dispatchEvent(type, {
        pointerId: id,
        pointerType: 'touch',
        isPrimary: id === 1,
        button: 0,
        clientX: box.x + x,
        clientY: box.y + y,
        bubbles: true,
      });
    // A tap on the viewport itself (not on a mark) adds a hair where it landed.
    await touch('pointerdown', 1, box.width / 2, box.height / 2);
    await touch('pointerup', 1, box.width / 2, box.height / 2);
    await expect.poll(() => page.locator('g.hair-mark').count(), { timeout: 15_000 }).toBe(before + 1);
    // Two fingers moving apart zoom in.
    const zoom = page.locator('.hair-toolbar .muted');
    const start = await zoom.textContent();
    await touch('pointerdown', 1, 200, 200);
    await touch('pointerdown', 2, 260, 200);
    await touch('pointermove', 2, 360, 200);
    await touch('pointerup', 2, 360, 200);
    await touch('pointerup', 1, 200, 200);
    await expect
      .poll(async () => Number.parseInt((await zoom.textContent()) ?? '0', 10), { timeout: 15_000 })
      .toBeGreaterThan(Number.parseInt(start ?? '0', 10));
    expect(errors).toEqual([]);
    await page.close();
  });
});
