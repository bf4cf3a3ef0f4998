import type { Actor } from '@anagen/core/access';
import {
  DEFAULT_OUTCOME_SETTINGS,
  type OutcomeSettings,
  outcomeSettingsSchema,
  type PublicOutcomes,
} from '@anagen/core/contracts';
import { toPublicOutcomes } from '@anagen/core/outcomes';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import { insertAuditEntry } from '../audit/audit.repository';
import { findClinic, mergeClinicSettings, parseSettings } from '../clinic/clinic.repository';
import { getOutcomes, type OutcomesDeps } from './get-outcomes';
import { listStartedTreatments } from './outcomes.repository';

/** Whether the clinic publishes its outcome summaries: what an admin saved, else off. */
export async function readOutcomeSettings(db: Kysely<Database>): Promise<OutcomeSettings> {
  const raw = parseSettings((await findClinic(db))?.settings_json ?? '{}').outcomes;
  const parsed = outcomeSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_OUTCOME_SETTINGS;
}

/** Admin: publish or withdraw the public summary; the change and its audit entry commit together. */
export async function updateOutcomeSettings(
  deps: { db: Kysely<Database>; clock: { now(): number } },
  actor: Actor,
  input: OutcomeSettings,
  meta: { ip?: string | null } = {},
): Promise<OutcomeSettings> {
  const clinic = await findClinic(deps.db);
  if (!clinic) throw new AppError('NOT_FOUND', 'Clinic was not found.');
  await deps.db.transaction().execute(async (trx) => {
    await mergeClinicSettings(trx, clinic.id, { outcomes: input });
    await insertAuditEntry(trx, {
      at: deps.clock.now(),
      actorId: actor.userId,
      actorRole: actor.role,
      action: 'admin.outcome-settings.update',
      resource: 'clinic',
      resourceId: clinic.id,
      ip: meta.ip ?? null,
      detail: JSON.stringify(input),
    });
  });
  return input;
}

const NOT_PUBLISHED = 'This clinic does not publish outcome figures for this treatment.';

/**
 * The clinic-wide summary for anyone: the same `getOutcomes` calculation as the staff page (no
 * filters), reduced by `toPublicOutcomes`. 404 while the clinic has not opted in, and for a
 * treatment that is neither in the evidence library nor started at the clinic — one message for
 * both, so the answer does not tell which.
 */
export async function getPublicOutcomes(
  deps: OutcomesDeps,
  treatment: string,
  meta: { ip?: string | null } = {},
): Promise<PublicOutcomes> {
  const clinic = await findClinic(deps.db);
  if (!clinic || !(await readOutcomeSettings(deps.db)).publishSummary) {
    throw new AppError('NOT_FOUND', NOT_PUBLISHED);
  }
  const known =
    deps.library?.treatments.some((t) => t.slug === treatment) ||
    (await listStartedTreatments(deps.db)).includes(treatment);
  if (!known) throw new AppError('NOT_FOUND', NOT_PUBLISHED);
  const staff = await getOutcomes(deps, null, { treatment }, meta);
  return toPublicOutcomes(staff, clinic.name);
}
