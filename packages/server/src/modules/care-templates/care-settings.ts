import type { CareSettings } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { findClinic, mergeClinicSettings, parseSettings } from '../clinic/clinic.repository';

const DEFAULT_CARE_SETTINGS: CareSettings = {
  requireConsultationBeforeProcedure: true,
  sideEffectReviewHours: 24,
};

export interface ClinicContact {
  name: string;
  phone: string;
}

// One clinic per installation: the settings live in its settings_json next to other features' keys.
const clinicRow = findClinic;

/** The clinic's care settings, with defaults for keys never set. */
export async function getCareSettings(db: Kysely<Database>): Promise<CareSettings> {
  const row = await clinicRow(db);
  // Unreadable settings fall back to the defaults, as every other feature's settings do.
  const stored = (row ? parseSettings(row.settings_json) : {}) as Partial<CareSettings>;
  return {
    requireConsultationBeforeProcedure:
      typeof stored.requireConsultationBeforeProcedure === 'boolean'
        ? stored.requireConsultationBeforeProcedure
        : DEFAULT_CARE_SETTINGS.requireConsultationBeforeProcedure,
    sideEffectReviewHours:
      typeof stored.sideEffectReviewHours === 'number' && stored.sideEffectReviewHours > 0
        ? stored.sideEffectReviewHours
        : DEFAULT_CARE_SETTINGS.sideEffectReviewHours,
  };
}

/** Merges care settings into the clinic's settings, leaving other features' keys untouched. */
export async function updateCareSettings(
  db: Kysely<Database>,
  patch: Partial<CareSettings>,
): Promise<CareSettings> {
  const row = await clinicRow(db);
  // Compare-and-set, so a concurrent save of another feature's keys is not overwritten.
  if (row) await mergeClinicSettings(db, row.id, patch);
  return getCareSettings(db);
}

export async function getClinicContact(db: Kysely<Database>): Promise<ClinicContact> {
  const row = await clinicRow(db);
  return { name: row?.name ?? 'the clinic', phone: row?.phone ?? '' };
}
