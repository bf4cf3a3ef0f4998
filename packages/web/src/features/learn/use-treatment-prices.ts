import type { TreatmentPrice } from '@anagen/core/contracts';
import type { CostPlan } from '@anagen/core/pricing';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** The clinic's current prices (its own where set, otherwise the published-source defaults). */
export function useTreatmentPrices() {
  return useQuery({
    queryKey: ['treatment-prices'],
    queryFn: () => api.get<TreatmentPrice[]>('/api/treatment-prices'),
    staleTime: 5 * 60_000,
  });
}

/** The schedule and price part of a clinic price, ready for `estimateCumulativeCost`. */
export function planFromPrice(p: TreatmentPrice): CostPlan {
  return {
    treatmentSlug: p.treatmentSlug,
    inductionSessions: p.inductionSessions,
    intervalWeeks: p.intervalWeeks,
    pricePerSessionCents: p.pricePerSessionCents,
    maintenanceSessionsPerYear: p.maintenanceSessionsPerYear,
    monthlyMedicationCents: p.monthlyMedicationCents,
  };
}
