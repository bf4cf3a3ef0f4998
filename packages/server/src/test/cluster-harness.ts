import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const MAIN = path.join(REPO, 'packages/server/src/main.ts');

/** A free loopback port (bound and released at once; good enough for a test's own servers). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** stdout + stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

/**
 * Starts a real Anagen server process (`node --import tsx packages/server/src/main.ts`: one process,
 * unlike the `tsx` wrapper, so its pid is the server's own and kill -9 hits the server) on 127.0.0.1:`port` with
 * exactly the environment given (plus PATH/HOME), so nothing leaks from the test runner's own env.
 */
export function startServer(name: string, port: number, env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr!.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { name, url: `http://127.0.0.1:${port}`, pid: child.pid!, child, output: () => out, exited };
}

/** Polls `/api/health/ready` until it answers 200; throws with the server's output after `ms`. */
export async function waitReady(s: ServerProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let exitCode: number | string | undefined;
  void s.exited.then((c) => {
    exitCode = c;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${s.name} exited (${exitCode}):\n${s.output()}`);
    try {
      const res = await fetch(`${s.url}/api/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${s.name} not ready within ${ms} ms:\n${s.output()}`);
}

/** Signs in over HTTP and returns the Cookie header for later requests. */
export async function signInHttp(baseUrl: string, email: string, password = 'anagen-demo'): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200)
    throw new Error(`sign-in as ${email} on ${baseUrl}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('anagen_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

/** Today's date in `zone` plus `days` calendar days, as YYYY-MM-DD (the clinic-local dates the API takes). */
export function zoneDatePlus(zone: string, days: number, now = Date.now()): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
