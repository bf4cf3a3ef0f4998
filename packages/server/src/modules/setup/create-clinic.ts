import { emailSchema, passwordSchema, phoneSchema, timeZoneSchema } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';
import { insertAuditEntry } from '../audit/audit.repository';
import { hashPassword } from '../auth/password';
import { insertUser } from '../users/users.repository';
import { findExistingClinicOrAdmin, insertClinicWithLocation } from './setup.repository';

export const createClinicInputSchema = z.strictObject({
  clinicName: z.string().trim().min(1, 'Enter the clinic name').max(200),
  timeZone: timeZoneSchema,
  adminEmail: emailSchema,
  adminName: z.string().trim().min(1, "Enter the admin's name").max(200),
  password: passwordSchema,
  /** Shown to patients with urgent side-effect advice; the admin can add it later in /admin. */
  phone: phoneSchema.optional(),
  /** The clinic's contact email; the admin's when not given. */
  clinicEmail: emailSchema.optional(),
});
export type CreateClinicInput = z.input<typeof createClinicInputSchema>;

export class ClinicExistsError extends Error {}

/**
 * The first-run use case: a real clinic, its first location (the clinic's time zone) and its first
 * admin, in one transaction and audited. Refuses when a clinic or an admin already exists, so it can
 * never be used to add a second admin to a running clinic.
 */
export async function createClinic(
  db: Kysely<Database>,
  raw: CreateClinicInput,
  now: number,
): Promise<{ clinicId: string; adminId: string }> {
  const input = createClinicInputSchema.parse(raw);
  const passwordHash = await hashPassword(input.password);
  const clinicId = newId();
  const adminId = newId();
  await db.transaction().execute(async (trx) => {
    const { clinic, admin } = await findExistingClinicOrAdmin(trx);
    if (clinic || admin)
      throw new ClinicExistsError(
        clinic
          ? 'This database already has a clinic: init only sets up an empty one (add staff with "anagen user add").'
          : `This database already has an admin (${admin!.email}): init only sets up an empty one.`,
      );
    await insertClinicWithLocation(trx, {
      clinicId,
      locationId: newId(),
      name: input.clinicName,
      phone: input.phone ?? '',
      email: input.clinicEmail ?? input.adminEmail,
      timeZone: input.timeZone,
    });
    await insertUser(trx, {
      id: adminId,
      email: input.adminEmail,
      name: input.adminName,
      role: 'admin',
      passwordHash,
      now,
    });
    await insertAuditEntry(trx, {
      at: now,
      actorId: null,
      actorRole: 'cli',
      action: 'clinic.init',
      resource: 'clinic',
      resourceId: clinicId,
      ip: null,
      detail: JSON.stringify({ name: input.clinicName, timeZone: input.timeZone, adminId }),
    });
  });
  return { clinicId, adminId };
}
