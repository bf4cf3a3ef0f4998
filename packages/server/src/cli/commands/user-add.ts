import { createInterface } from 'node:readline/promises';
import type { Role } from '@anagen/core/access';
import { emailSchema, passwordSchema } from '@anagen/core/contracts';
import type { Config } from '../../config';
import { openDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { Clock } from '../../lib/clock';
import { isUniqueViolation } from '../../modules/auth/auth.service';
import { hashPassword } from '../../modules/auth/password';
import { addAccount } from '../../modules/users/add-account';

export async function readPassword(): Promise<string> {
  const fromEnv = process.env.ANAGEN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY)
    throw new Error('Set ANAGEN_PASSWORD or run in a terminal to be asked for a password.');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question('Password: ');
  } finally {
    rl.close();
  }
}

export async function userAddCommand(
  config: Config,
  clock: Clock,
  opts: { email: string; name: string; role: Role },
): Promise<void> {
  const email = emailSchema.safeParse(opts.email);
  if (!email.success) throw new Error(`--email: "${opts.email}" is not an email address`);
  if (!opts.name.trim()) throw new Error('--name must not be empty');
  const password = passwordSchema.safeParse(await readPassword());
  if (!password.success) throw new Error(`password: ${password.error.issues[0]?.message}`);
  const db = openDb(config);
  try {
    await migrateToLatest(db.kysely);
    const passwordHash = await hashPassword(password.data);
    const { userId: id } = await db.kysely
      .transaction()
      .execute((trx) =>
        addAccount(
          trx,
          { email: email.data, name: opts.name.trim(), role: opts.role, passwordHash },
          clock.now(),
        ),
      );
    console.log(`Created ${opts.role} ${email.data} (id ${id}).`);
  } catch (err) {
    if (isUniqueViolation(err)) throw new Error(`a user with email ${email.data} already exists`);
    throw err;
  } finally {
    await db.destroy();
  }
}
