import type { Actor } from '@anagen/core/access';
import type { Outcomes, OutcomesQuery } from '@anagen/core/contracts';
import type { EvidenceLibrary } from '@anagen/core/evidence';
import {
  BASELINE_AFTER_MS,
  BASELINE_BEFORE_MS,
  evaluateOutcomePatient,
  FOLLOW_UP_WINDOW_MS,
  LOST_AFTER_MS,
  type PatientOutcome,
  RESPONDER_COVERAGE_FACTOR,
  sideEffectRates,
  summariseOutcomes,
  summarisePatientReported,
} from '@anagen/core/outcomes';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { insertAuditEntry } from '../audit/audit.repository';
import { resolveRange } from '../audit/audit-log.service';
import { clinicTimeZone } from '../clinic/clinic.repository';
import { referenceBandFor } from '../measurements/reference-bands';
import { listOutcomeSummaries } from './outcome-summaries.repository';
import { decodeOutcome, refreshOutcomeSummaries } from './outcome-summaries.service';
import { listProviderNames, listSideEffectSeverities, listStartedTreatments } from './outcomes.repository';
import { listGlobalChangeAnswers } from './questionnaires.repository';

export interface OutcomesDeps {
  db: Kysely<Database>;
  clock: { now(): number };
  /** The evidence library, or null while it cannot be read (figures still work, without trials). */
  library: EvidenceLibrary | null;
}

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

interface Selected {
  patientId: string;
  providerId: string | null;
  sessions: number;
  outcome: PatientOutcome;
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
  // Summaries of patients whose measurements, plans or sessions changed since the last read are
  // rebuilt first (decision 223), so the figures are those of the data as stored now.
  await refreshOutcomeSummaries(db);
  const [rows, siteRows, severities, providers, treatments, reported] = await Promise.all([
    listOutcomeSummaries(db, input.treatment, ''),
    input.site ? listOutcomeSummaries(db, input.treatment, input.site) : null,
    listSideEffectSeverities(db, input.treatment),
    listProviderNames(db),
    listStartedTreatments(db),
    listGlobalChangeAnswers(db, input.treatment),
  ]);
  const atSite = siteRows && new Map(siteRows.map((r) => [r.patient_id, r.outcome_json]));
  const selected: Selected[] = [];
  const cohortProviders = new Set<string>();
  for (const r of rows) {
    if (r.provider_id !== null) cohortProviders.add(r.provider_id);
    const startAt = Number(r.start_at);
    if (range.fromMs !== undefined && startAt < range.fromMs) continue;
    if (range.toMs !== undefined && startAt >= range.toMs) continue;
    if (input.providerId && r.provider_id !== input.providerId) continue;
    const siteOutcome = atSite?.get(r.patient_id);
    const outcome = !atSite
      ? decodeOutcome(r)
      : siteOutcome !== undefined
        ? decodeOutcome(r, siteOutcome)
        : // Never measured at that site: the calculation's answer for a patient without measurements.
          evaluateOutcomePatient({
            patientId: r.patient_id,
            startAt,
            lastContactAt: r.last_contact_at === null ? null : Number(r.last_contact_at),
            lastMeasurementAt: r.last_measurement_at === null ? null : Number(r.last_measurement_at),
            measurements: [],
          });
    selected.push({
      patientId: r.patient_id,
      providerId: r.provider_id,
      sessions: Number(r.treatment_sessions),
      outcome,
    });
  }

  const figures = summariseOutcomes(
    selected.map((p) => p.outcome),
    now,
  );
  const ids = new Set(selected.map((p) => p.patientId));
  const sessionCount = selected.reduce((sum, p) => sum + p.sessions, 0);
  const rates = sideEffectRates(
    sessionCount,
    severities.filter((s) => ids.has(s.patient_id)).map((s) => Number(s.severity)),
    selected.length,
  );
  const names = new Map(providers.map((p) => [p.id, p.name]));
  const groups = new Map<string, PatientOutcome[]>();
  for (const p of selected) {
    if (!p.providerId) continue;
    const g = groups.get(p.providerId) ?? [];
    g.push(p.outcome);
    groups.set(p.providerId, g);
  }
  const byProvider = [...groups.entries()]
    .map(([providerId, list]) => {
      const f = summariseOutcomes(list, now);
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
