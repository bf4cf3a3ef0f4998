import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The demo clinic's time zone. */
export const CLINIC_ZONE = 'America/Los_Angeles';

/** The demo clinic's local date of an instant, as YYYY-MM-DD. */
export const clinicDay = (at: Date | number | string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_ZONE }).format(new Date(at));

/**
 * The first Monday-to-Friday clinic date at least `days` after today's date in the clinic's zone.
 * Counting from the UTC date instead lands on a Sunday on a US Sunday evening (already Monday in UTC),
 * when the demo clinic is closed.
 */
export function clinicWeekdayAhead(days: number, now: number = Date.now()): string {
  // Calendar arithmetic on the clinic's date at UTC noon: no zone or DST can move it to another day.
  let d = new Date(`${clinicDay(now)}T12:00:00Z`);
  d = new Date(d.getTime() + days * 86_400_000);
  while ([0, 6].includes(d.getUTCDay())) d = new Date(d.getTime() + 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The clinic date `days` after (or before, when negative) today's date in the clinic's zone. */
export function clinicDayOffset(days: number, now: number = Date.now()): string {
  const d = new Date(`${clinicDay(now)}T12:00:00Z`);
  return new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether the browser suites can run; under CI a missing chromium fails instead of skipping. */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`chromium is required under CI but ${CHROMIUM} is missing`);
  console.warn(
    `\n*** End-to-end suites SKIPPED: no chromium at ${CHROMIUM}. Run "apt-get install chromium" to enable them. ***\n`,
  );
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts the real server (as `npm start` does, minus the web build) on a free port and a temp data dir. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-e2e-'));
  let out = '';
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    ANAGEN_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...env,
  };
  // A suite that moves the server's clock itself (server-clock.ts) replaces the whole run's fake
  // clock of `npm run test:clock`: libfaketime prefers FAKETIME over the timestamp file.
  if (env.FAKETIME_TIMESTAMP_FILE) delete childEnv.FAKETIME;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const url = `http://127.0.0.1:${port}`;
  // Start-up seeds the demo clinic (images measured by the engine): on a shared, loaded machine that
  // took over 60 s (two suites of one `npm run test:clock` run); a crash still fails at once above.
  // Under the e2e hook timeout (180 s), which also covers launching the browser.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian chromium through playwright-core, in a fresh temporary profile. */
export async function launchBrowser(
  opts: { viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, `${name}.png`);
}
