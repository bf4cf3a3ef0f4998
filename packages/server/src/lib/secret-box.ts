import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { type Config, decodeSecretKey } from '../config';
import type { Database } from '../db/schema';
import { listTotpSecrets, replaceTotpSecret } from '../modules/users/users.repository';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files';

/**
 * Secrets the server must read back (TOTP seeds) are stored encrypted with AES-256-GCM under a key
 * from the environment, never next to the data it protects in production: a copy of the database or
 * a backup alone does not give an attacker anyone's second factor.
 *
 * Stored form: `v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url). The key id (first 8 bytes of the
 * key's SHA-256, hex) says which key sealed it, so after a rotation values under the previous key
 * are still read and then re-sealed under the current one (resealTotpSecrets).
 */
const PREFIX = 'v1';

export interface Keyring {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
  /** Where the key came from, for the start-up log. */
  source: 'env' | 'generated';
}

export class SecretKeyMissingError extends Error {}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** The development key file, created once (0600) when ANAGEN_SECRET_KEY is unset outside production. */
export const DEV_KEY_FILE = 'secret.key';

const cache = new Map<string, Keyring>();

/**
 * The keys for this config: ANAGEN_SECRET_KEY (current) and ANAGEN_SECRET_KEY_PREVIOUS. Outside
 * production, without a key, one is generated into the data dir (owner-only) so two-step sign-in
 * works out of the box; in production a missing key is an error for anyone who needs it.
 */
export function keyringFor(
  config: Pick<Config, 'secretKey' | 'previousSecretKeys' | 'production' | 'dataDir'>,
): Keyring {
  const cacheKey = JSON.stringify([
    config.secretKey,
    config.previousSecretKeys,
    config.production,
    config.dataDir,
  ]);
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  let current: Buffer;
  let source: Keyring['source'] = 'env';
  if (config.secretKey) current = decodeSecretKey(config.secretKey)!;
  else if (config.production)
    throw new SecretKeyMissingError(
      'ANAGEN_SECRET_KEY is not set: two-step sign-in secrets cannot be encrypted or read. Set it to 32 random bytes (openssl rand -base64 32) and restart.',
    );
  else {
    current = devKey(config.dataDir);
    source = 'generated';
  }
  const keys = new Map<string, Buffer>([[keyId(current), current]]);
  for (const k of config.previousSecretKeys) {
    const b = decodeSecretKey(k);
    if (b) keys.set(keyId(b), b);
  }
  const ring = { currentId: keyId(current), keys, source };
  cache.set(cacheKey, ring);
  return ring;
}

function devKey(dataDir: string): Buffer {
  const file = path.join(dataDir, DEV_KEY_FILE);
  try {
    return decodeSecretKey(fs.readFileSync(file, 'utf8')) ?? failBadKeyFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  ensurePrivateDir(dataDir);
  const key = randomBytes(32);
  try {
    // 'wx': if another process created it meanwhile, read theirs instead of overwriting it.
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return devKey(dataDir);
    throw err;
  }
  return key;
}

function failBadKeyFile(file: string): never {
  throw new Error(
    `${file} does not hold a 32-byte key; delete it (two-step sign-in must then be set up again).`,
  );
}

const isSealed = (stored: string) => stored.startsWith(`${PREFIX}:`);

export function sealSecret(ring: Keyring, plaintext: string): string {
  const key = ring.keys.get(ring.currentId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const b64 = (b: Buffer) => b.toString('base64url');
  return [PREFIX, ring.currentId, b64(iv), b64(cipher.getAuthTag()), b64(ct)].join(':');
}

/** The plaintext of a sealed value; a value stored before encryption (no prefix) is returned as is. */
export function openSecret(ring: Keyring, stored: string): string {
  if (!isSealed(stored)) return stored;
  const [, id, iv, tag, ct] = stored.split(':');
  const key = ring.keys.get(id ?? '');
  if (!key || !iv || !tag || ct === undefined)
    throw new SecretKeyMissingError(
      `A stored secret was sealed with key ${id}, which is neither ANAGEN_SECRET_KEY nor in ANAGEN_SECRET_KEY_PREVIOUS.`,
    );
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

const sealedWith = (stored: string) => (isSealed(stored) ? stored.split(':')[1] : null);

/**
 * Seals TOTP secrets still stored in plaintext (from before encryption) and re-seals those under a
 * previous key with the current one. Runs at every start and as `anagen rotate-secrets`; a second
 * run changes nothing. Returns how many rows it rewrote.
 */
export async function resealTotpSecrets(db: Kysely<Database>, ring: Keyring): Promise<number> {
  const rows = await listTotpSecrets(db);
  let n = 0;
  for (const r of rows) {
    const stored = r.totp_secret!;
    if (sealedWith(stored) === ring.currentId) continue;
    const resealed = sealSecret(ring, openSecret(ring, stored));
    // Only if nobody changed it meanwhile (a concurrent set-up or turn-off wins).
    await replaceTotpSecret(db, r.id, stored, resealed);
    n++;
  }
  return n;
}

/** How many accounts have a TOTP secret stored (to refuse a production start without the key). */
export { countTotpSecrets } from '../modules/users/users.repository';
