import {
  evaluateOutcomePatient,
  type FollowUpOutcome,
  type OutcomeMeasurement,
  type PatientOutcome,
  type UnusableReason,
} from '@anagen/core/outcomes';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { qualityExpectedError } from '../measurements/build-progress';
import { measurementUncertainty } from '../measurements/uncertainty';
import {
  anyStaleOutcomePatient,
  claimStaleOutcomePatients,
  listEffectiveMeasurementsOf,
  listLastMeasurementAtOf,
  listSessionTotalsOf,
  listStartedPlansOf,
  type OutcomeSummaryRow,
  replaceOutcomeSummaries,
} from './outcome-summaries.repository';
import type { EffectiveMeasurementRow } from './outcomes.repository';
import type { OutcomeSummaryTable } from './outcomes.table';

function qualityFlagged(json: string | null): boolean {
  if (!json) return false;
  try {
    return (JSON.parse(json) as { ok?: unknown }).ok === false;
  } catch {
    return false;
  }
}

/** A stored row as the pure calculation needs it: value that counts, its uncertainty, usability. */
export function toOutcomeMeasurement(r: EffectiveMeasurementRow): OutcomeMeasurement {
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

// Stored as one flat JSON array, [baselineExcluded, 3 months, 6 months, 12 months], each time point
// null (nothing in the window), a reason (images that could not count) or [density change, its
// uncertainty, diameter change, its uncertainty]: the page parses 10,000 of these per read, and a
// flat array parses about twice as fast as named fields. JSON keeps every finite double exactly
// (shortest round-trip form); NaN and ±Infinity, which it would turn into null, are written as
// strings so that a stored outcome reads back unchanged.
type Stored = number | string;
type StoredFollowUp = [Stored, Stored, Stored, Stored] | string | null;
const put = (v: number): Stored => (Number.isFinite(v) ? v : String(v));
const get = (v: Stored): number => (typeof v === 'string' ? Number(v) : v);

/** The date-independent part of an outcome that is not in a column: baseline and follow-ups. */
export function encodeOutcome(o: PatientOutcome): string {
  return JSON.stringify([
    o.baselineExcluded,
    ...o.followUps.map(
      (f): StoredFollowUp =>
        f.kind === 'measured'
          ? [
              put(f.density.change),
              put(f.density.uncertainty),
              put(f.diameter.change),
              put(f.diameter.uncertainty),
            ]
          : f.kind === 'unusable'
            ? f.reason
            : null,
    ),
  ]);
}

/** A stored summary row as the calculation's PatientOutcome (`outcomeJson` from this row or another site's). */
export function decodeOutcome(row: OutcomeSummaryRow, outcomeJson = row.outcome_json): PatientOutcome {
  const [baselineExcluded, ...followUps] = JSON.parse(outcomeJson) as [
    PatientOutcome['baselineExcluded'],
    ...StoredFollowUp[],
  ];
  return {
    startAt: Number(row.start_at),
    lastContactAt: row.last_contact_at === null ? null : Number(row.last_contact_at),
    lastMeasurementAt: row.last_measurement_at === null ? null : Number(row.last_measurement_at),
    baselineExcluded,
    followUps: followUps.map((f): FollowUpOutcome => {
      if (f === null) return { kind: 'none' };
      if (typeof f === 'string') return { kind: 'unusable', reason: f as UnusableReason };
      return {
        kind: 'measured',
        density: { change: get(f[0]), uncertainty: get(f[1]) },
        diameter: { change: get(f[2]), uncertainty: get(f[3]) },
      };
    }),
  };
}

/**
 * The summary rows of the given patients, from their measurements, plans and sessions as stored now:
 * per treatment they started, each patient counts with their first plan of it (as in decision 220),
 * one row for all sites ('') and one per scalp site they were measured at (the page's site filter).
 */
async function summaryRowsOf(
  db: Kysely<Database>,
  patientIds: readonly string[],
): Promise<OutcomeSummaryTable[]> {
  const [plans, measurements, sessions, lastMeasured] = await Promise.all([
    listStartedPlansOf(db, patientIds),
    listEffectiveMeasurementsOf(db, patientIds),
    listSessionTotalsOf(db, patientIds),
    listLastMeasurementAtOf(db, patientIds),
  ]);
  const byPatient = new Map<string, OutcomeMeasurement[]>();
  for (const r of measurements) {
    const list = byPatient.get(r.patient_id) ?? [];
    list.push(toOutcomeMeasurement(r));
    byPatient.set(r.patient_id, list);
  }
  const lastSession = new Map<string, number>();
  const sessionCount = new Map<string, number>();
  for (const s of sessions) {
    if (s.last_at !== null)
      lastSession.set(s.patient_id, Math.max(lastSession.get(s.patient_id) ?? -Infinity, Number(s.last_at)));
    if (s.treatment_slug !== null)
      sessionCount.set(`${s.patient_id}\n${s.treatment_slug}`, Number(s.sessions));
  }
  const lastMeasuredBy = new Map(
    lastMeasured.map((r) => [r.patient_id, r.last_at === null ? null : Number(r.last_at)]),
  );
  // Each patient's first plan of each treatment (plans come ordered by creation, so a tie keeps the
  // plan created first).
  const first = new Map<
    string,
    { patientId: string; slug: string; startAt: number; providerId: string | null }
  >();
  for (const p of plans) {
    const key = `${p.patient_id}\n${p.treatment_slug}`;
    const startAt = Number(p.first_session_at ?? p.created_at);
    const prev = first.get(key);
    if (!prev || startAt < prev.startAt)
      first.set(key, { patientId: p.patient_id, slug: p.treatment_slug, startAt, providerId: p.provider_id });
  }
  const rows: OutcomeSummaryTable[] = [];
  for (const [key, plan] of first) {
    const all = byPatient.get(plan.patientId) ?? [];
    const session = lastSession.get(plan.patientId);
    const lastMeasurementAt = lastMeasuredBy.get(plan.patientId) ?? null;
    const contacts = [
      ...(session === undefined ? [] : [session]),
      ...(lastMeasurementAt === null ? [] : [lastMeasurementAt]),
    ];
    const lastContactAt = contacts.length ? Math.max(...contacts) : null;
    const base = {
      patient_id: plan.patientId,
      treatment_slug: plan.slug,
      start_at: plan.startAt,
      provider_id: plan.providerId,
      last_contact_at: lastContactAt,
      last_measurement_at: lastMeasurementAt,
      treatment_sessions: sessionCount.get(key) ?? 0,
    };
    const sites = ['', ...new Set(all.map((m) => m.site))];
    for (const site of sites) {
      const outcome = evaluateOutcomePatient({
        patientId: plan.patientId,
        startAt: plan.startAt,
        lastContactAt,
        lastMeasurementAt,
        measurements: site ? all.filter((m) => m.site === site) : all,
      });
      rows.push({ ...base, site, outcome_json: encodeOutcome(outcome) });
    }
  }
  return rows;
}

/** Patients rebuilt per round of queries: a few hundred keeps each IN list and result small. */
const BATCH = 500;

/**
 * Rebuilds the summaries of every patient marked since the last rebuild (see migration
 * 2026_12_10_0100): in one transaction with taking the marks, so a failure leaves them marked.
 * Returns how many patients were rebuilt. Inside a transaction already (a migration), runs in it.
 */
export async function refreshOutcomeSummaries(db: Kysely<Database>): Promise<number> {
  if (!(await anyStaleOutcomePatient(db))) return 0;
  const rebuild = async (trx: Kysely<Database>) => {
    const stale = await claimStaleOutcomePatients(trx);
    for (let i = 0; i < stale.length; i += BATCH) {
      const batch = stale.slice(i, i + BATCH);
      await replaceOutcomeSummaries(trx, batch, await summaryRowsOf(trx, batch));
    }
    return stale.length;
  };
  return db.isTransaction ? rebuild(db) : db.transaction().execute(rebuild);
}
