import { canCallRoute } from '@anagen/core/access';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import { findActorBySessionToken, SESSION_COOKIE } from '../modules/auth/sessions.repository';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The single gate every request passes: who is calling (session cookie), whether a cookie-carrying
 * write comes from our own origin (CSRF), and whether the route admits this caller at all.
 * Record-level checks (which patient) are declared per route (`config.patient`, lib/patient-scope.ts)
 * or made in use cases through `assertPatientAccess`.
 */
export function registerRequestGuards(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    }
  });

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await findActorBySessionToken(app.deps.db.kysely, token, app.deps.clock.now());
      if (found) {
        req.actor = found.actor;
        req.sessionId = found.sessionId;
      }
    }
    if (!SAFE_METHODS.has(req.method) && token) checkSameOrigin(req);

    const access = req.routeOptions.config?.access ?? (req.url.startsWith('/api/') ? undefined : 'public');
    if (!access) return; // unknown /api route: the not-found handler answers
    const verdict = canCallRoute(req.actor, access);
    if (verdict === 'unauthenticated') {
      throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
    }
    if (verdict === 'forbidden') throw new AppError('FORBIDDEN', 'Your role does not give access to this.');
  });

  // PostgreSQL text cannot hold U+0000 (the query fails, a 500), and no field has a use for it:
  // refuse it in the path, query and JSON body before any handler sees it, on both databases alike.
  app.addHook('preValidation', async (req) => {
    for (const [part, value] of [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ] as const) {
      const at = nulAt(value, part);
      if (at) {
        throw new AppError('VALIDATION_FAILED', `${at}: must not contain a NUL character`, {
          errors: [{ path: at, message: 'must not contain a NUL character' }],
        });
      }
    }
  });
}

/** The path of the first string (or key) holding U+0000 in a parsed request part, or null. */
function nulAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (!value || typeof value !== 'object' || depth > 64) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return path;
    const found = nulAt(v, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}

// Browsers send Origin (and Sec-Fetch-Site) on every cross-site write; a cookie-authenticated write
// whose origin is not our own host is refused. Bodies are JSON or multipart only, so a plain HTML
// form from another site cannot even reach a handler.
function checkSameOrigin(req: FastifyRequest): void {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    throw new AppError('CSRF_REJECTED', 'This request came from another site and was refused.');
  }
  const origin = req.headers.origin;
  if (!origin) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError('CSRF_REJECTED', 'This request has an invalid Origin header.');
  }
  if (originHost !== req.headers.host) {
    throw new AppError('CSRF_REJECTED', 'This request came from another site and was refused.');
  }
}
