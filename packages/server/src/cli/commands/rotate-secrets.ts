import type { Config } from '../../config';
import { openDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { keyringFor, resealTotpSecrets } from '../../lib/secret-box';

/**
 * `anagen rotate-secrets`: re-encrypts every stored TOTP secret under ANAGEN_SECRET_KEY, reading
 * those under a key in ANAGEN_SECRET_KEY_PREVIOUS (and any still in plaintext). The server does the
 * same at start; this lets an operator finish a rotation before dropping the previous key.
 */
export async function rotateSecretsCommand(config: Config): Promise<void> {
  const ring = keyringFor(config);
  const db = openDb(config);
  try {
    await migrateToLatest(db.kysely);
    const n = await resealTotpSecrets(db.kysely, ring);
    console.log(
      `Re-encrypted ${n} two-step sign-in secret(s); all are now under key ${ring.currentId}. ANAGEN_SECRET_KEY_PREVIOUS can be removed.`,
    );
  } finally {
    await db.destroy();
  }
}
