import { sql } from 'kysely';
import type { MigrationDb } from './helpers';

export async function up(db: MigrationDb): Promise<void> {
  // Null until the owner of the address opens the link mailed at registration. Accounts that exist
  // already were made by staff, the CLI or the demo seed, so they count as verified.
  await db.schema.alterTable('users').addColumn('email_verified_at', 'bigint').execute();
  await db.updateTable('users').set({ email_verified_at: sql`created_at` }).execute();

  // One-time links a person receives by mail for their own account (the staff invite/reset links
  // stay in user_tokens). Only the sha-256 of the token is stored.
  await db.schema
    .createTable('account_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('verify-email', 'password-reset', 'booking-claim')`),
    )
    // booking-claim: the guest record whose bookings move into the account's record.
    .addColumn('patient_id', 'text', (c) => c.references('patients.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('account_tokens_user_idx')
    .on('account_tokens')
    .columns(['user_id', 'purpose'])
    .execute();
  await db.schema
    .createIndex('account_tokens_patient_idx')
    .on('account_tokens')
    .column('patient_id')
    .execute();

  // Wrong-password counts for emails without an account, mirroring users.failed_logins/locked_until,
  // so a lock answer is given for unknown emails exactly as for real ones. Keyed by a hash of the
  // address: typed-in addresses are not kept in clear.
  await db.schema
    .createTable('unknown_login_failures')
    .addColumn('email_hash', 'text', (c) => c.primaryKey())
    .addColumn('failed_logins', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('unknown_login_failures_updated_idx')
    .on('unknown_login_failures')
    .column('updated_at')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('unknown_login_failures').execute();
  await db.schema.dropTable('account_tokens').execute();
  await db.schema.alterTable('users').dropColumn('email_verified_at').execute();
}
