import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { TreatmentPriceTable } from './treatment-prices.table';

export async function listClinicPrices(db: Kysely<Database>): Promise<TreatmentPriceTable[]> {
  const rows = await db.selectFrom('treatment_prices').selectAll().execute();
  return rows.map((r) => ({ ...r, updated_at: Number(r.updated_at) }));
}

/** Inserts or replaces the clinic's price for one treatment. */
export async function upsertClinicPrice(db: Kysely<Database>, row: TreatmentPriceTable): Promise<void> {
  const { treatment_slug, ...rest } = row;
  await db
    .insertInto('treatment_prices')
    .values(row)
    .onConflict((oc) => oc.column('treatment_slug').doUpdateSet(rest))
    .execute();
}
