import type { Role } from '../../db/schema';
import { hashPassword } from '../auth/password';
import {
  DEMO_APPOINTMENT_TYPES,
  DEMO_CLINIC,
  DEMO_HOURS,
  DEMO_LOCATION,
  DEMO_PASSWORD,
  DEMO_PATIENTS,
  DEMO_PROVIDERS,
  DEMO_RESOURCES,
  DEMO_USERS,
} from './demo-clinic';
import type { SeedContext } from './seed-context';
import { DEMO_SEED_STEPS } from './seed-steps';

/**
 * Loads the demo clinic. Idempotent: fixed ids and insert-or-ignore, so a second run changes nothing.
 * Returns true when it inserted the clinic (i.e. the database was empty of demo data before).
 */
export async function seedDemo(ctx: SeedContext): Promise<boolean> {
  const { db, now } = ctx;
  const existing = await db
    .selectFrom('clinics')
    .select('id')
    .where('id', '=', DEMO_CLINIC.id)
    .executeTakeFirst();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('clinics')
      .values({ ...DEMO_CLINIC, settings_json: '{}' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('locations')
      .values(DEMO_LOCATION)
      .onConflict((oc) => oc.doNothing())
      .execute();
    for (const u of DEMO_USERS) {
      await trx
        .insertInto('users')
        .values({
          ...u,
          role: u.role as Role,
          password_hash: passwordHash,
          active: 1,
          failed_logins: 0,
          locked_until: null,
          created_at: now,
          email_verified_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const p of DEMO_PATIENTS) {
      await trx
        .insertInto('patients')
        .values({ ...p, created_at: now })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const p of DEMO_PROVIDERS) {
      await trx
        .insertInto('providers')
        .values({ ...p, location_id: DEMO_LOCATION.id, active: 1 })
        .onConflict((oc) => oc.doNothing())
        .execute();
      for (const [weekday, start, end] of DEMO_HOURS[p.id] ?? []) {
        await trx
          .insertInto('provider_hours')
          .values({
            id: `${p.id}-${weekday}`,
            provider_id: p.id,
            location_id: DEMO_LOCATION.id,
            weekday,
            start_time: start,
            end_time: end,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
    for (const r of DEMO_RESOURCES) {
      await trx
        .insertInto('resources')
        .values({ ...r, location_id: DEMO_LOCATION.id })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const { providers, resources, ...t } of DEMO_APPOINTMENT_TYPES) {
      await trx
        .insertInto('appointment_types')
        .values({
          ...t,
          buffer_before_minutes: 0,
          min_notice_minutes: 120,
          horizon_days: 120,
          slot_step_minutes: t.duration_minutes >= 60 ? 30 : 15,
          active: 1,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      for (const provider_id of providers) {
        await trx
          .insertInto('appointment_type_providers')
          .values({ type_id: t.id, provider_id })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      for (const resource_id of resources) {
        await trx
          .insertInto('appointment_type_resources')
          .values({ type_id: t.id, resource_id })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
  });
  for (const step of DEMO_SEED_STEPS) await step(ctx);
  return !existing;
}

export function demoLoginsText(): string {
  const lines = DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.email}`);
  return `Demo logins (password "${DEMO_PASSWORD}"):\n${lines.join('\n')}`;
}
