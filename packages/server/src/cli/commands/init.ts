import type { Config } from '../../config';
import { openDb } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import type { Clock } from '../../lib/clock';
import { ClinicExistsError, createClinic, createClinicInputSchema } from '../../modules/setup/create-clinic';
import { readPassword } from './user-add';

export interface InitOptions {
  clinicName: string;
  timeZone: string;
  adminEmail: string;
  adminName: string;
  phone?: string;
  clinicEmail?: string;
}

/** `anagen init`: a real clinic and its first admin on an empty database (the production path). */
export async function initCommand(config: Config, clock: Clock, opts: InitOptions): Promise<void> {
  // Check the flags before asking for a password, so a typo does not cost a prompt.
  const flags = createClinicInputSchema.omit({ password: true }).safeParse(opts);
  if (!flags.success) {
    const lines = flags.error.issues.map((i) => `  --${kebab(String(i.path[0]))}: ${i.message}`);
    throw new Error(`init:\n${lines.join('\n')}`);
  }
  const password = createClinicInputSchema.shape.password.safeParse(await readPassword());
  if (!password.success) throw new Error(`password: ${password.error.issues[0]?.message}`);
  const db = openDb(config);
  try {
    await migrateToLatest(db.kysely);
    const { clinicId } = await createClinic(
      db.kysely,
      { ...flags.data, password: password.data },
      clock.now(),
    );
    console.log(
      [
        `Created clinic "${flags.data.clinicName}" (id ${clinicId}, time zone ${flags.data.timeZone}).`,
        `Its admin ${flags.data.adminEmail} can now sign in and add locations, staff, schedules and the catalogue in /admin.`,
      ].join('\n'),
    );
  } catch (err) {
    if (err instanceof ClinicExistsError) throw new Error(err.message);
    throw err;
  } finally {
    await db.destroy();
  }
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
