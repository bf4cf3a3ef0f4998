import type { TreatmentPrice, TreatmentPriceUpdate } from '@anagen/core/contracts';
import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import { type AuditActor, recordAudit } from '../audit/audit.service';
import { upsertClinicPrice } from './treatment-prices.repository';
import { currentTreatmentPrices, isKnownPriceSlug } from './treatment-prices.service';

/** Sets the clinic's price for one treatment; the change and its audit entry commit together. */
export async function updateTreatmentPrice(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  by: AuditActor,
  input: { slug: string; price: TreatmentPriceUpdate },
): Promise<TreatmentPrice> {
  const { slug, price: b } = input;
  if (!isKnownPriceSlug(slug)) throw notFound('Treatment');
  const db = deps.db.kysely;
  await db.transaction().execute(async (trx) => {
    await upsertClinicPrice(trx, {
      treatment_slug: slug,
      induction_sessions: b.inductionSessions,
      interval_weeks: b.intervalWeeks,
      price_per_session_cents: b.pricePerSessionCents,
      maintenance_sessions_per_year: b.maintenanceSessionsPerYear,
      monthly_medication_cents: b.monthlyMedicationCents,
      updated_by: by.actor?.userId ?? null,
      updated_at: deps.clock.now(),
    });
    await recordAudit(trx, by, {
      action: 'treatment-price.update',
      resource: 'treatment-price',
      resourceId: slug,
      detail: `session ${b.pricePerSessionCents} c × ${b.inductionSessions} + ${b.maintenanceSessionsPerYear}/yr, medication ${b.monthlyMedicationCents} c/month`,
    });
  });
  const updated = (await currentTreatmentPrices(db)).find((p) => p.treatmentSlug === slug);
  if (!updated) throw notFound('Treatment');
  return updated;
}
