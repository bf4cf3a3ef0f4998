import type { Migration } from 'kysely';
import * as foundation from './2026_11_25_1600_foundation';
import * as scheduling from './2026_11_25_1610_scheduling';
import * as booking from './2026_11_25_1700_booking';
import * as care from './2026_11_25_1710_care';
import * as photos from './2026_11_25_1720_photos';
import * as admin from './2026_11_25_1730_admin';
import * as assessments from './2026_11_25_1740_assessments';
import * as staffTotp from './2026_11_25_1750_staff_totp';
import * as account from './2026_11_25_1800_account';
import * as providerPhotos from './2026_11_25_1900_provider_photos';
import * as patientDocuments from './2026_11_25_1910_patient_documents';
import * as verifiedIdentities from './2026_12_07_0200_verified_identities';
import * as uploadUsage from './2026_12_07_0300_upload_usage';
import * as verifiedMeasurements from './2026_12_08_0100_verified_measurements';
import * as sideEffectFollowUp from './2026_12_08_0200_side_effect_follow_up';
import * as clusterLeases from './2026_12_08_0500_cluster_leases';
import * as outcomesIndexes from './2026_12_08_0600_outcomes_indexes';
import * as outcomeQuestionnaires from './2026_12_08_0610_outcome_questionnaires';
import * as publications from './2026_12_09_0100_publications';
import * as outcomesCoveringIndexes from './2026_12_09_0200_outcomes_covering_indexes';
import * as outcomeSummaries from './2026_12_10_0100_outcome_summaries';

/**
 * The one ordered list of migrations, shared by SQLite and PostgreSQL.
 * Append new entries at the end; never reorder or rename a landed one.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_25_1600_foundation': foundation,
  '2026_11_25_1610_scheduling': scheduling,
  '2026_11_25_1700_booking': booking,
  '2026_11_25_1710_care': care,
  '2026_11_25_1720_photos': photos,
  '2026_11_25_1730_admin': admin,
  '2026_11_25_1740_assessments': assessments,
  '2026_11_25_1750_staff_totp': staffTotp,
  '2026_11_25_1800_account': account,
  '2026_11_25_1900_provider_photos': providerPhotos,
  '2026_11_25_1910_patient_documents': patientDocuments,
  '2026_12_07_0200_verified_identities': verifiedIdentities,
  '2026_12_07_0300_upload_usage': uploadUsage,
  '2026_12_08_0100_verified_measurements': verifiedMeasurements,
  '2026_12_08_0200_side_effect_follow_up': sideEffectFollowUp,
  '2026_12_08_0500_cluster_leases': clusterLeases,
  '2026_12_08_0600_outcomes_indexes': outcomesIndexes,
  '2026_12_08_0610_outcome_questionnaires': outcomeQuestionnaires,
  '2026_12_09_0100_publications': publications,
  '2026_12_09_0200_outcomes_covering_indexes': outcomesCoveringIndexes,
  '2026_12_10_0100_outcome_summaries': outcomeSummaries,
};
