import path from 'node:path';
import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './lib/trust-proxy';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ANAGEN_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  ANAGEN_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Anagen Demo Clinic <clinic@example.com>'),
  PUBLIC_URL: z.string().url().optional(),
  // Unset: on exactly when PUBLIC_URL is https (a cookie marked Secure is never sent over plain http).
  ANAGEN_SECURE_COOKIES: z.enum(['on', 'off']).optional(),
  ANAGEN_DEMO: z.enum(['auto', 'off']).default('auto'),
  NODE_ENV: z.string().optional(),
  // 32 random bytes, base64 or hex (`openssl rand -base64 32`): encrypts TOTP secrets at rest.
  ANAGEN_SECRET_KEY: z
    .string()
    .refine(isSecretKey, 'must be 32 random bytes as base64 or 64 hex digits (openssl rand -base64 32)')
    .optional(),
  // Earlier keys, comma-separated: still read during a rotation, re-encrypted under the current one.
  ANAGEN_SECRET_KEY_PREVIOUS: z
    .string()
    .refine(
      (v) => v.split(',').every((k) => isSecretKey(k.trim())),
      'each comma-separated key must be 32 bytes as base64 or 64 hex digits',
    )
    .optional(),
  ANAGEN_TRUST_PROXY: z
    .string()
    .default('off')
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === 'object' && 'error' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed;
    }),
  ANAGEN_MAX_DECODES: z.coerce.number().int().min(1).max(64).default(2),
  // A job's claim lasts this long without renewal; after a crash another server retries it then.
  ANAGEN_JOB_LEASE_MS: z.coerce.number().int().min(200).max(3_600_000).default(60_000),
  ANAGEN_JOB_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  // Photo analyses running at once across every server of the clinic (the engine peaks near 300 MB).
  ANAGEN_ANALYSIS_SLOTS: z.coerce.number().int().min(1).max(64).default(1),
  // Bearer token for GET /metrics; the route does not exist without it.
  ANAGEN_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // Where photo files live; every server of a clinic must reach the same store.
  ANAGEN_PHOTO_STORE: z
    .string()
    .refine(
      (v) => !v.startsWith('s3:'),
      'S3 photo stores are not available yet: use a file:// directory on a shared filesystem',
    )
    .refine((v) => v.startsWith('file:///'), 'must be a file:///absolute/path URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  rateLimits: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  secureCookies: boolean;
  /** Fastify's trustProxy: which X-Forwarded-For hops to believe for the client address. */
  trustProxy: TrustProxy;
  /** Images decoded at once per server process (uploads, analyses); more wait briefly or get 503. */
  maxDecodes: number;
  /** NODE_ENV=production: never the demo clinic, never a generated secret key. */
  production: boolean;
  /** `auto`: an empty database on loopback outside production gets the demo clinic; `off`: never. */
  demo: 'auto' | 'off';
  /** The key TOTP secrets are encrypted with (lib/secret-box.ts); a generated one in development. */
  secretKey: string | undefined;
  previousSecretKeys: readonly string[];
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** How long a job's claim holds without renewal (ms); another server retries after a crash. */
  jobLeaseMs: number;
  /** How often an idle worker looks for due jobs (ms). */
  jobPollMs: number;
  /** Photo analyses at once, clinic-wide (all servers together). */
  analysisSlots: number;
  /** Bearer token for `/metrics`; undefined = no metrics route. */
  metricsToken: string | undefined;
  /** `file:///…` photo directory; undefined = `<dataDir>/files`. */
  photoStore: string | undefined;
}>;

/** 32 bytes written as 64 hex digits or as base64 (with or without padding). */
export function isSecretKey(v: string): boolean {
  return decodeSecretKey(v) !== null;
}
export function decodeSecretKey(v: string): Buffer | null {
  const s = v.trim();
  if (/^[0-9a-f]{64}$/i.test(s)) return Buffer.from(s, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) {
    const b = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return b.length === 32 ? b : null;
  }
  return null;
}

/** Parses the environment once; throws a readable list of every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.ANAGEN_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    rateLimits: e.ANAGEN_RATE_LIMITS === 'on',
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    publicUrl,
    secureCookies: (e.ANAGEN_SECURE_COOKIES ?? (publicUrl.startsWith('https:') ? 'on' : 'off')) === 'on',
    production: e.NODE_ENV === 'production',
    demo: e.ANAGEN_DEMO,
    secretKey: e.ANAGEN_SECRET_KEY,
    previousSecretKeys: (e.ANAGEN_SECRET_KEY_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    trustProxy: e.ANAGEN_TRUST_PROXY,
    maxDecodes: e.ANAGEN_MAX_DECODES,
    logLevel: e.LOG_LEVEL,
    jobLeaseMs: e.ANAGEN_JOB_LEASE_MS,
    jobPollMs: e.ANAGEN_JOB_POLL_MS,
    analysisSlots: e.ANAGEN_ANALYSIS_SLOTS,
    metricsToken: e.ANAGEN_METRICS_TOKEN || undefined,
    photoStore: e.ANAGEN_PHOTO_STORE || undefined,
  });
}

/** A config for tests and tools: defaults plus overrides, without reading process.env. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig({}), logLevel: 'silent' as const, ...overrides });
}
