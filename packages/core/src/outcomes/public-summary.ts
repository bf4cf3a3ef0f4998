import type { ChangeSummary, Outcomes, PublicChangeSummary, PublicOutcomes } from '../contracts/outcomes';
import { MIN_PATIENTS_FOR_SHARE } from './statistics';

/**
 * The staff figures reduced to what the clinic may publish. The staff page shows a median from
 * fewer than 5 patients (with n beside it) for the clinician's eye; in public a median of one or
 * two patients is close to a person's own result, so it is withheld there too, like every share
 * and interval. Everything else is the staff number, unchanged.
 */
export function toPublicOutcomes(o: Outcomes, clinicName: string): PublicOutcomes {
  const change = ({ changes: _each, ...s }: ChangeSummary): PublicChangeSummary =>
    s.n < MIN_PATIENTS_FOR_SHARE ? { ...s, median: null, q1: null, q3: null } : s;
  return {
    clinicName,
    treatment: o.treatment,
    patients: o.patients,
    density: o.density.map(change),
    diameter: o.diameter.map(change),
    responders: o.responders,
    sideEffectsPer100Sessions: o.sideEffectsPer100Sessions,
    sideEffects: o.sideEffects,
    published: o.published,
    definitions: o.definitions,
    patientReported: o.patientReported.map((p) =>
      p.n < MIN_PATIENTS_FOR_SHARE ? { ...p, median: null, counts: [] } : p,
    ),
    computedAt: o.computedAt,
  };
}
