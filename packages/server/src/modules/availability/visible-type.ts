import { type Actor, isStaff } from '@anagen/core/access';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { findTypeBySlug, type LoadedType } from './scheduling.repository';

/** Non-staff only see and book public types; the type's existence is not secret (404 vs 403). */
export async function requireVisibleType(
  db: Kysely<Database>,
  actor: Actor | null,
  slug: string,
): Promise<LoadedType> {
  const type = await findTypeBySlug(db, slug);
  if (!type) throw notFound(`Appointment type "${slug}"`);
  if (type.row.is_public !== 1 && !isStaff(actor)) {
    throw new AppError('FORBIDDEN', 'This appointment type is booked by the clinic. Please call us.');
  }
  return type;
}
