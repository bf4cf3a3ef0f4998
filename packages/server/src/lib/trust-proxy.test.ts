import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { parseTrustProxy } from './trust-proxy';

describe('ANAGEN_TRUST_PROXY', () => {
  it('is off unless set', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('off')).toBe(false);
  });

  it('takes a list of proxy addresses, CIDR ranges and proxy-addr range names', () => {
    expect(parseTrustProxy('loopback')).toEqual(['loopback']);
    expect(parseTrustProxy('10.0.0.5, 172.16.0.0/12,::1,fd00::/8')).toEqual([
      '10.0.0.5',
      '172.16.0.0/12',
      '::1',
      'fd00::/8',
    ]);
    expect(loadConfig({ ANAGEN_TRUST_PROXY: '127.0.0.1/32' }).trustProxy).toEqual(['127.0.0.1/32']);
  });

  it('refuses "trust everyone" and malformed entries with a readable error', () => {
    for (const bad of ['true', '1', '10.0.0.0/33', 'proxy.example.com', '1.2.3']) {
      expect(parseTrustProxy(bad), bad).toHaveProperty('error');
    }
    expect(() => loadConfig({ ANAGEN_TRUST_PROXY: 'true' })).toThrow(/ANAGEN_TRUST_PROXY/);
  });
});
