import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppError } from '../errors';
import { queueDepth } from './jobs/jobs.repository';
import type { JobOutcome } from './jobs/worker';

// One registry per process (one process = one server): the names are registered once, however many
// apps a test builds. Labels are route patterns and codes only — never ids, emails or tokens.
const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'anagen_process_' });

const requests = new Counter({
  name: 'anagen_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});
const latency = new Histogram({
  name: 'anagen_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method and route pattern',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
const bookingConflicts = new Counter({
  name: 'anagen_booking_conflicts_total',
  help: 'Bookings, reschedules and series refused because the time was no longer free (409)',
  labelNames: ['route'] as const,
  registers: [registry],
});
const signInFailures = new Counter({
  name: 'anagen_sign_in_failures_total',
  help: 'Failed sign-ins: wrong credentials (401) or refused by a limit (429)',
  labelNames: ['reason'] as const,
  registers: [registry],
});
const analysisSeconds = new Histogram({
  name: 'anagen_analysis_duration_seconds',
  help: 'Photo analysis time (decode + engine) while holding a clinic analysis slot',
  buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
  registers: [registry],
});
const jobsRun = new Counter({
  name: 'anagen_jobs_total',
  help: 'Background jobs run by this server, by kind and outcome (done, failed, deferred)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [registry],
});
const jobSeconds = new Histogram({
  name: 'anagen_job_duration_seconds',
  help: 'Background job run time by kind',
  labelNames: ['kind'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
  registers: [registry],
});
const queueDue = new Gauge({
  name: 'anagen_job_queue_depth',
  help: 'Queued jobs that are due now, clinic-wide (all servers), by kind',
  labelNames: ['kind'] as const,
  registers: [registry],
});
const queueAge = new Gauge({
  name: 'anagen_job_queue_oldest_age_seconds',
  help: 'How long the oldest due job has been waiting past its run time, by kind',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export function observeAnalysis(seconds: number): void {
  analysisSeconds.observe(seconds);
}

export function observeJob(o: JobOutcome): void {
  jobsRun.inc({ kind: o.kind, outcome: o.outcome });
  jobSeconds.observe({ kind: o.kind }, o.durationMs / 1000);
}

const SIGN_IN_FAILURES: Record<string, string> = {
  BAD_CREDENTIALS: 'bad_credentials',
  TOTP_INVALID: 'bad_totp',
  TOO_MANY_ATTEMPTS: 'limited',
};

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * Request metrics for every route, and `GET /metrics` (Prometheus text) when ANAGEN_METRICS_TOKEN
 * is set: without the token there is no route at all (404), with a wrong one 401.
 */
export function registerMetrics(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  app.addHook('onError', async (req, _reply, err) => {
    const code = (err as Partial<AppError>).code;
    const route = req.routeOptions.url ?? 'unmatched';
    if (code === 'SLOT_TAKEN') bookingConflicts.inc({ route });
    // "Code needed" is the second step of a good sign-in, not a failure.
    const reason = route.startsWith('/api/auth/login') ? SIGN_IN_FAILURES[code ?? ''] : undefined;
    if (reason) signInFailures.inc({ reason });
  });

  const token = app.deps.config.metricsToken;
  if (!token) {
    // Off: a clear 404 for a scraper, not the web app's page (the SPA fallback answers unknown paths).
    app.get('/metrics', { logLevel: 'warn', schema: { hide: true } }, async (_req, reply) =>
      reply.code(404).type('application/problem+json').send({
        status: 404,
        title: 'Not found',
        detail: 'Metrics are off: set ANAGEN_METRICS_TOKEN to turn them on.',
        code: 'NOT_FOUND',
      }),
    );
    return;
  }
  app.get('/metrics', { logLevel: 'warn', schema: { hide: true } }, async (req, reply) => {
    if (!tokenMatches(req.headers.authorization, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').type('application/problem+json').send({
        status: 401,
        title: 'Unauthorized',
        detail: 'A valid metrics token is required.',
        code: 'UNAUTHENTICATED',
      });
    }
    const now = app.deps.clock.now();
    queueDue.reset();
    queueAge.reset();
    for (const q of await queueDepth(app.deps.db.kysely, now)) {
      queueDue.set({ kind: q.kind }, q.due);
      queueAge.set({ kind: q.kind }, q.oldestRunAt === null ? 0 : Math.max(0, (now - q.oldestRunAt) / 1000));
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
