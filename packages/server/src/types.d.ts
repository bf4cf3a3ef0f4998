import type { Actor, RouteAccess } from '@anagen/core/access';
import type { AppDeps } from './deps';

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route at all. Every /api route must declare it (checked at start-up). */
    access?: RouteAccess;
  }
}
