import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config';

// Query parameters that carry a secret: guest manage links (`token`), invitations, confirmation and
// reset links, one-time codes. Matched by name so a new link with such a parameter is covered too.
const SECRET_PARAM = /token|code|secret|password|key|signature/i;
// A path segment that looks like one of our tokens (newToken: 32 random bytes, base64url), as a
// route like /verify/:token would carry it. UUIDs (record ids) are kept: they are not secrets.
const TOKEN_SEGMENT = /^[A-Za-z0-9_-]{32,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request URL as it may appear in a log: secret query values and token-like segments replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const pathPart = q === -1 ? url : url.slice(0, q);
  const redactedPath = pathPart
    .split('/')
    .map((seg) => (TOKEN_SEGMENT.test(seg) && !UUID.test(seg) ? '[redacted]' : seg))
    .join('/');
  if (q === -1) return redactedPath;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name);
      } catch {
        /* keep the raw name */
      }
      return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=[redacted]` : pair;
    })
    .join('&');
  return `${redactedPath}?${query}`;
}

/** Fastify's logger: pino at the configured level, with request URLs redacted. */
export function loggerOptions(
  config: Pick<Config, 'logLevel'>,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false;
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    serializers: {
      // Fastify's default request serializer, with the URL redacted; headers (cookies) stay out.
      req: (req: {
        method: string;
        url: string;
        host?: string;
        hostname?: string;
        ip?: string;
        socket?: { remotePort?: number };
      }) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host ?? req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  } as FastifyServerOptions['logger'];
}
