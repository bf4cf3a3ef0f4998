import type { Actor } from '@anagen/core/access';
import type { Outcomes, OutcomesQuery } from '@anagen/core/contracts';
import type { EvidenceLibrary } from '@anagen/core/evidence';
import {
  BASELINE_AFTER_MS,
  BASELINE_BEFORE_MS,
  computeOutcomes,
  FOLLOW_UP_MONTHS,
  FOLLOW_UP_WINDOW_MS,
  LOST_AFTER_MS,
  MONTH_MS,
  type OutcomeMeasurement,
  type OutcomePatient,
  RESPONDER_COVERAGE_FACTOR,
  sideEffectRates,
  summarisePatientReported,
} from '@anagen/core/outcomes';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { insertAuditEntry } from '../audit/audit.repository';
import { resolveRange } from '../audit/audit-log.service';
import { clinicTimeZone } from '../clinic/clinic.repository';
import { qualityExpectedError } from '../measurements/build-progress';
import { referenceBandFor } from '../measurements/reference-bands';
import { measurementUncertainty } from '../measurements/uncertainty';
import {
  type EffectiveMeasurementRow,
  listCohortPlans,
  listEffectiveMeasurements,
  listLastMeasurementAt,
  listProviderNames,
  listSessionStats,
  listSideEffectSeverities,
  listStartedTreatments,
} from './outcomes.repository';
import { listGlobalChangeAnswers } from './questionnaires.repository';

export interface OutcomesDeps {
  db: Kysely<Database>;
  clock: { now(): number };
  /** The evidence library, or null while it cannot be read (figures still work, without trials). */
  library: EvidenceLibrary | null;
}

/** Only measurements in these windows can count, so only they are read (see compute-outcomes). */
export const WINDOWS = {
  baselineBefore: BASELINE_BEFORE_MS,
  baselineAfter: BASELINE_AFTER_MS,
  targets: FOLLOW_UP_MONTHS.map((m) => m * MONTH_MS),
  halfWidth: FOLLOW_UP_WINDOW_MS,
};

const DAYS = (ms: number) => Math.round(ms / 86_400_000);

const OUTCOME_DEFINITIONS: { term: string; text: string }[] = [
  {
    term: 'Start',
    text: 'A plan starts at its first recorded session (a plan without sessions, such as a medicine, when it was made active). Each patient counts once, with their first plan of the treatment.',
  },
  {
    term: 'Baseline',
    text: `The usable measurement closest to the start, from ${DAYS(BASELINE_BEFORE_MS)} days before to ${DAYS(BASELINE_AFTER_MS)} days after. Follow-ups are measured at the same scalp site.`,
  },
  {
    term: 'Usable measurement',
    text: 'A calibrated trichoscopy close-up (standardized image) that the analysis engine did not flag as untrustworthy. A clinician’s correction or verification replaces the automatic value; a flag on the image still excludes it.',
  },
  {
    term: '3, 6 and 12 months',
    text: `The usable measurement closest to the start plus 3, 6 or 12 average months (30.4 days), within ± ${DAYS(FOLLOW_UP_WINDOW_MS)} days.`,
  },
  {
    term: 'Median, quartiles and 95 % interval',
    text: 'Quartiles by linear interpolation between ordered changes. The interval of the median comes from order statistics (no resampling, so the same data always give the same interval); its exact coverage is shown. No interval or share is given from fewer than 5 patients.',
  },
  {
    term: 'Responder',
    text: `A patient whose density changed by more than ${RESPONDER_COVERAGE_FACTOR} combined standard uncertainties of the two measurements (counting variation and the engine’s own expected error), at their latest time point of 3, 6 or 12 months.`,
  },
  {
    term: 'Follow-up',
    text: `Completed: measured in the 12-month window. Lost: the 12-month window closed without a measurement, or no visit or measurement for ${DAYS(LOST_AFTER_MS)} days. Everyone else is still in follow-up.`,
  },
  {
    term: 'Side effects',
    text: 'Reports linked to this treatment per 100 of its sessions, by the severity the patient gave (0–3 mild, 4–6 moderate, 7–10 severe).',
  },
];

function qualityFlagged(json: string | null): boolean {
  if (!json) return false;
  try {
    return (JSON.parse(json) as { ok?: unknown }).ok === false;
  } catch {
    return false;
  }
}

/** A stored row as the pure calculation needs it: value that counts, its uncertainty, usability. */
function toOutcomeMeasurement(r: EffectiveMeasurementRow): OutcomeMeasurement {
  // Decided by the query (a photo and its calibration on the automatic row; see the repository).
  const standardized = Number(r.standardized) === 1;
  const corrected = r.effective_source !== 'auto';
  const u = measurementUncertainty({
    hairCount: Number(r.hair_count),
    areaCm2: Number(r.area_cm2),
    densityPerCm2: Number(r.density_per_cm2),
    vellusRatio: Number(r.vellus_ratio),
    corrected,
    expectedError: qualityExpectedError(r.quality_json),
  });
  return {
    site: r.site,
    takenAt: Number(r.taken_at),
    densityPerCm2: Number(r.density_per_cm2),
    meanDiameterUm: Number(r.mean_diameter_um),
    densityUncertainty: u.densityPerCm2,
    diameterUncertainty: u.meanDiameterUm,
    unusable: !standardized
      ? 'not-standardized'
      : qualityFlagged(r.quality_json)
        ? 'flagged-by-quality-check'
        : null,
  };
}

interface Selected extends OutcomePatient {
  providerId: string | null;
}

/**
 * Outcome figures for one treatment (clinicians and admins): the cohort, change at 3/6/12 months,
 * responders, side-effect rates and the published trial figure beside them. Audited as a report
 * read; no single patient is identified in the answer. The public summary calls this same function
 * (actor null) and reduces the answer with `toPublicOutcomes`, so both always show one calculation.
 */
export async function getOutcomes(
  deps: OutcomesDeps,
  /** Null for the clinic's public summary (anyone, signed in or not). */
  actor: Actor | null,
  input: OutcomesQuery,
  meta: { ip?: string | null } = {},
): Promise<Outcomes> {
  const { db } = deps;
  const now = deps.clock.now();
  const range = input.from || input.to ? resolveRange(await clinicTimeZone(db), input.from, input.to) : {};
  const [plans, rows, lastMeasured, sessions, severities, providers, treatments, reported] =
    await Promise.all([
      listCohortPlans(db, input.treatment),
      listEffectiveMeasurements(db, input.treatment, WINDOWS),
      listLastMeasurementAt(db, input.treatment),
      listSessionStats(db, input.treatment),
      listSideEffectSeverities(db, input.treatment),
      listProviderNames(db),
      listStartedTreatments(db),
      listGlobalChangeAnswers(db, input.treatment),
    ]);

  // Each patient once: their first plan of this treatment.
  const firstPlan = new Map<string, { startAt: number; providerId: string | null }>();
  for (const p of plans) {
    const startAt = Number(p.first_session_at ?? p.created_at);
    const prev = firstPlan.get(p.patient_id);
    if (!prev || startAt < prev.startAt) firstPlan.set(p.patient_id, { startAt, providerId: p.provider_id });
  }
  const byPatient = new Map<string, OutcomeMeasurement[]>();
  for (const r of rows) {
    if (input.site && r.site !== input.site) continue;
    const list = byPatient.get(r.patient_id) ?? [];
    list.push(toOutcomeMeasurement(r));
    byPatient.set(r.patient_id, list);
  }
  const sessionsBy = new Map(sessions.map((s) => [s.patient_id, s]));
  const lastMeasuredBy = new Map(
    lastMeasured.map((r) => [r.patient_id, r.last_at === null ? null : Number(r.last_at)]),
  );
  const selected: Selected[] = [];
  for (const [patientId, plan] of firstPlan) {
    if (range.fromMs !== undefined && plan.startAt < range.fromMs) continue;
    if (range.toMs !== undefined && plan.startAt >= range.toMs) continue;
    if (input.providerId && plan.providerId !== input.providerId) continue;
    const measurements = byPatient.get(patientId) ?? [];
    const lastSession = sessionsBy.get(patientId)?.last_at;
    const lastMeasurementAt = lastMeasuredBy.get(patientId) ?? null;
    const contacts = [
      ...(lastSession === null || lastSession === undefined ? [] : [Number(lastSession)]),
      ...(lastMeasurementAt === null ? [] : [lastMeasurementAt]),
    ];
    selected.push({
      patientId,
      startAt: plan.startAt,
      providerId: plan.providerId,
      lastContactAt: contacts.length ? Math.max(...contacts) : null,
      lastMeasurementAt,
      measurements,
    });
  }
  selected.sort((a, b) => a.patientId.localeCompare(b.patientId));

  const figures = computeOutcomes(selected, now);
  const ids = new Set(selected.map((p) => p.patientId));
  const sessionCount = selected.reduce(
    (sum, p) => sum + Number(sessionsBy.get(p.patientId)?.treatment_sessions ?? 0),
    0,
  );
  const rates = sideEffectRates(
    sessionCount,
    severities.filter((s) => ids.has(s.patient_id)).map((s) => Number(s.severity)),
    selected.length,
  );
  const names = new Map(providers.map((p) => [p.id, p.name]));
  const cohortProviders = new Set(
    [...firstPlan.values()].map((p) => p.providerId).filter((id) => id !== null),
  );
  const groups = new Map<string, Selected[]>();
  for (const p of selected) {
    if (!p.providerId) continue;
    const g = groups.get(p.providerId) ?? [];
    g.push(p);
    groups.set(p.providerId, g);
  }
  const byProvider = [...groups.entries()]
    .map(([providerId, list]) => {
      const f = computeOutcomes(list, now);
      return {
        providerId,
        name: names.get(providerId) ?? providerId,
        started: f.patients.started,
        density: f.density.map(({ month, n, median, q1, q3, ci95 }) => ({ month, n, median, q1, q3, ci95 })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const entry = deps.library?.treatments.find((t) => t.slug === input.treatment);
  const studies = new Map(entry?.studies.map((s) => [s.id, s]) ?? []);
  await insertAuditEntry(db, {
    at: now,
    actorId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    action: actor ? 'outcomes.read' : 'outcomes.public-read',
    resource: 'report',
    resourceId: input.treatment,
    ip: meta.ip ?? null,
    detail: `${selected.length} patients`,
  });
  return {
    treatment: { slug: input.treatment, name: entry?.name ?? input.treatment },
    filters: {
      providerId: input.providerId ?? null,
      site: input.site ?? null,
      from: input.from ?? null,
      to: input.to ?? null,
    },
    ...figures,
    sideEffectsPer100Sessions: rates.per100Sessions,
    sideEffects: rates,
    published: {
      density: entry ? referenceBandFor(entry) : null,
      sideEffects: (entry?.sideEffects ?? []).map((s) => ({
        name: s.name,
        frequency: s.frequency,
        citations: s.studyIds.map((id) => studies.get(id)?.citation ?? id),
      })),
    },
    definitions: OUTCOME_DEFINITIONS,
    byProvider,
    patientReported: [3, 6, 12].map((month) =>
      summarisePatientReported(
        month,
        reported.filter((a) => a.month === month && ids.has(a.patient_id)).map((a) => a.global_change),
      ),
    ),
    options: {
      treatments: treatments.map((slug) => ({
        slug,
        name: deps.library?.treatments.find((t) => t.slug === slug)?.name ?? slug,
      })),
      providers: [...cohortProviders]
        .map((id) => ({ id, name: names.get(id) ?? id }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    },
    computedAt: now,
  };
}
