import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './deps';
import { registerErrorHandling } from './lib/error-handler';
import { loggerOptions } from './lib/log-redaction';
import { registerMetrics } from './lib/metrics';
import { registerPatientScope } from './lib/patient-scope';
import { registerRequestGuards } from './lib/request-guards';
import { registerModules } from './modules';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the whole HTTP app from its dependencies. Never listens: main.ts and tests decide. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config, deps.logStream),
    bodyLimit: 1024 * 1024,
    // Off unless ANAGEN_TRUST_PROXY names the proxies: req.ip keys the sign-in limits.
    trustProxy: deps.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 25 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Anagen API', version: '0.1.0', description: 'Hair-restoration clinic platform' },
    },
    transform: jsonSchemaTransform,
  });

  registerErrorHandling(app);
  registerRequestGuards(app);
  registerPatientScope(app);
  registerMetrics(app);
  await registerModules(app);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  // Files are looked up on each request (wildcard), so a rebuilt web bundle is served without a
  // restart and a file that has gone is a 404, not a 500 from a route registered at start-up.
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: true,
      index: false,
      // Page paths (no extension, e.g. `/` or `/learn`) go to the not-found handler below.
      allowedPath: (pathName) => FILE_PATH.test(pathName),
    });
    // The static wildcard refuses the bare root (a directory) before asking allowedPath.
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.callNotFound());
  }
  app.setNotFoundHandler((req, reply) => {
    const indexHtml = hasWeb ? readIndexHtml() : null;
    // A missing script or image must not be answered with the app's HTML (the browser then
    // reports a MIME error instead of the missing file); only extension-less page paths get it.
    const looksLikeFile = FILE_PATH.test(req.url.split('?')[0]!);
    if (req.method === 'GET' && !req.url.startsWith('/api/') && !looksLikeFile && indexHtml) {
      return reply.type('text/html; charset=utf-8').send(prerenderedPage(req.url) ?? indexHtml);
    }
    return reply
      .code(404)
      .type('application/problem+json')
      .send({
        status: 404,
        title: 'Not found',
        detail: `No route for ${req.method} ${req.url.split('?')[0]}.`,
        code: 'NOT_FOUND',
      });
  });
  return app;
}

const FILE_PATH = /\.[a-z0-9]+$/i;

let indexCache: { mtimeMs: number; html: Buffer } | null = null;
/** The built index.html, re-read when a rebuild replaces it (its script names change per build). */
function readIndexHtml(): Buffer | null {
  const file = path.join(WEB_DIST, 'index.html');
  try {
    const { mtimeMs } = fs.statSync(file);
    if (indexCache?.mtimeMs !== mtimeMs) indexCache = { mtimeMs, html: fs.readFileSync(file) };
    return indexCache.html;
  } catch {
    return indexCache?.html ?? null;
  }
}

/** Public guide pages are prerendered to HTML at build time so they read without JavaScript. */
function prerenderedPage(url: string): Buffer | null {
  const clean = url.split('?')[0]!.replace(/\/+$/, '');
  if (!/^\/[a-z0-9/-]*$/.test(clean) || clean.includes('..')) return null;
  const file = path.join(WEB_DIST, 'prerendered', `${clean || '/index'}.html`);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}
