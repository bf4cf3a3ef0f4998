import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The server's clock for a browser suite, through libfaketime (as `npm run test:clock` sets it for
// whole runs): the server starts at a chosen instant and the suite can move it on. The clock file
// is re-read every second, so a move takes effect within that.

const FAKETIME_LIB = process.env.FAKETIME_LIB ?? '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** Whether the server's clock can be set; under CI a missing libfaketime fails instead of skipping. */
export function fakeClockAvailable(): boolean {
  if (fs.existsSync(FAKETIME_LIB)) return true;
  if (process.env.CI === 'true')
    throw new Error(`libfaketime is required under CI but ${FAKETIME_LIB} is missing`);
  console.warn(
    `\n*** Server-clock browser suites SKIPPED: no libfaketime at ${FAKETIME_LIB}. Run "apt-get install libfaketime". ***\n`,
  );
  return false;
}

export interface ServerClock {
  /** Environment for startServer: the server runs in `serverZone` with its clock at the instant. */
  env: Record<string, string>;
  /** Moves the server's clock to `at` (epoch ms); it runs on from there. */
  set(at: number): Promise<void>;
  dispose(): void;
}

/** `@YYYY-MM-DD HH:MM:SS` of an instant in `zone`, the form libfaketime reads (in the process's TZ). */
function spec(at: number, zone: string): string {
  const p = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const g = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `@${g('year')}-${g('month')}-${g('day')} ${g('hour')}:${g('minute')}:${g('second')}`;
}

export function serverClock(startAt: number, serverZone = 'UTC'): ServerClock {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-clock-'));
  const file = path.join(dir, 'faketime');
  fs.writeFileSync(file, `${spec(startAt, serverZone)}\n`);
  return {
    env: {
      TZ: serverZone,
      LD_PRELOAD: FAKETIME_LIB,
      FAKETIME_TIMESTAMP_FILE: file,
      FAKETIME_CACHE_DURATION: '1',
      // Timers run on the monotonic clock: leave it real so nothing in the server stalls.
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
    },
    async set(at) {
      fs.writeFileSync(file, `${spec(at, serverZone)}\n`);
      await new Promise((r) => setTimeout(r, 1500));
    },
    dispose() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The next Sunday in `zone` at least two days after `now`, at `hour`:00 local time there, as an
 * instant. In the future so the session cookies the faked server sets have not expired for the
 * browser, whose own cookie clock is real.
 */
export function nextSundayAt(hour: number, zone: string, now = Date.now()): number {
  const dayOf = (t: number) =>
    new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' }).format(t);
  let t = now + 2 * 86_400_000;
  while (dayOf(t) !== 'Sun') t += 86_400_000;
  // Step to the wanted local hour: at most a day either way, minute by minute would be slow, so by
  // hours, then check (no DST change falls on a Sunday evening in the zones used here).
  const hourOf = (x: number) =>
    Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(x));
  t -= t % 3_600_000;
  while (hourOf(t) !== hour || dayOf(t) !== 'Sun') t += 3_600_000;
  return t;
}
