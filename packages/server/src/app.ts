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
import type { Config } from './config';
import type { Db } from './db/database';
import type { Clock } from './lib/clock';
import { registerErrorHandling } from './lib/error-handler';
import type { Mailer } from './lib/mailer';
import { registerRequestGuards } from './lib/request-guards';
import type { Storage } from './lib/storage';
import { registerModules } from './modules';

export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  mailer: Mailer;
  storage: Storage;
}

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the whole HTTP app from its dependencies. Never listens: main.ts and tests decide. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
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
  await registerModules(app);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  const indexHtml = hasWeb ? fs.readFileSync(path.join(WEB_DIST, 'index.html')) : null;
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/') && indexHtml) {
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

/** Public guide pages are prerendered to HTML at build time so they read without JavaScript. */
function prerenderedPage(url: string): Buffer | null {
  const clean = url.split('?')[0]!.replace(/\/+$/, '');
  if (!/^\/[a-z0-9/-]*$/.test(clean) || clean.includes('..')) return null;
  const file = path.join(WEB_DIST, 'prerendered', `${clean || '/index'}.html`);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}
