import net from 'node:net';

/** What Fastify's `trustProxy` gets: off, or the addresses of the proxies to believe. */
export type TrustProxy = false | string[];

// proxy-addr's names for the usual private ranges.
const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Parses ANAGEN_TRUST_PROXY: `off` (the default) or a comma-separated list of the reverse proxies'
 * addresses or CIDR ranges (`127.0.0.1`, `10.0.0.5, 172.16.0.0/12`, or the names `loopback`,
 * `linklocal`, `uniquelocal`). X-Forwarded-For is then read from right to left, skipping these,
 * and the first other address is the client's. `true` (trust any X-Forwarded-For) and hop counts
 * are refused on purpose: they let a client that reaches the server directly choose its own
 * address, and so walk around the per-address sign-in limits (Fastify 5 ignores hop counts anyway).
 */
export function parseTrustProxy(raw: string): TrustProxy | { error: string } {
  const value = raw.trim();
  if (value === '' || value === 'off' || value === 'false') return false;
  const entries = value.split(',').map((s) => s.trim());
  for (const entry of entries) {
    if (NAMED.has(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = net.isIP(address ?? '');
    const maxPrefix = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (!family || !prefixOk || rest.length > 0) {
      return {
        error: `"${entry}" is not an IP address or CIDR range (use off, or the proxies' addresses like 10.0.0.5,172.16.0.0/12)`,
      };
    }
  }
  return entries;
}
