import type { TreatmentPrice } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import { getPriceDefaults } from '../../../../../content';
import type { Database } from '../../db/schema';
import { listClinicPrices } from './treatment-prices.repository';

/**
 * Every treatment's current price: the clinic's own where an admin has set one, otherwise the demo
 * default derived from published sources (content/prices.json), sorted by slug.
 */
export async function currentTreatmentPrices(db: Kysely<Database>): Promise<TreatmentPrice[]> {
  const clinic = new Map((await listClinicPrices(db)).map((r) => [r.treatment_slug, r]));
  return getPriceDefaults()
    .map((d): TreatmentPrice => {
      const own = clinic.get(d.treatmentSlug);
      if (!own) {
        return {
          treatmentSlug: d.treatmentSlug,
          inductionSessions: d.inductionSessions,
          intervalWeeks: d.intervalWeeks,
          pricePerSessionCents: d.pricePerSessionCents,
          maintenanceSessionsPerYear: d.maintenanceSessionsPerYear,
          monthlyMedicationCents: d.monthlyMedicationCents,
          origin: 'default',
          basis: d.basis,
          pricePerSessionRangeCents: d.pricePerSessionRangeCents ?? null,
          monthlyMedicationRangeCents: d.monthlyMedicationRangeCents ?? null,
          sourceName: d.sourceName,
          sourceUrl: d.sourceUrl ?? null,
          asOf: d.asOf,
          sourceDated: d.sourceDated ?? null,
          confidence: d.confidence,
          updatedAt: null,
        };
      }
      return {
        treatmentSlug: d.treatmentSlug,
        inductionSessions: own.induction_sessions,
        intervalWeeks: own.interval_weeks,
        pricePerSessionCents: own.price_per_session_cents,
        maintenanceSessionsPerYear: own.maintenance_sessions_per_year,
        monthlyMedicationCents: own.monthly_medication_cents,
        origin: 'clinic',
        basis: 'Set by the clinic',
        // The clinic's own price is exact: no published range around it.
        pricePerSessionRangeCents: null,
        monthlyMedicationRangeCents: null,
        sourceName: 'Clinic price list',
        sourceUrl: null,
        asOf: new Date(own.updated_at).toISOString().slice(0, 10),
        sourceDated: null,
        confidence: 'clinic',
        updatedAt: own.updated_at,
      };
    })
    .sort((a, b) => a.treatmentSlug.localeCompare(b.treatmentSlug));
}

export function isKnownPriceSlug(slug: string): boolean {
  return getPriceDefaults().some((d) => d.treatmentSlug === slug);
}
