import type { Actor } from '@anagen/core/access';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError, notFound } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { consumeAccountToken, findUsableAccountToken } from '../auth/account-tokens.repository';
import { countPatientRows, mergeBlocker, moveAndDeletePatient } from './merge.repository';
import { findPatientById } from './patients.repository';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/**
 * Moves the source record into the kept one and writes the audit entry on each, in the caller's
 * transaction (a staff merge and a patient's claim differ only in how they describe it).
 */
async function mergeAudited(
  deps: Deps,
  by: { actor: Actor | null; ip: string },
  trx: Kysely<Database>,
  keptId: string,
  sourceId: string,
  describe: (moved: string) => string,
): Promise<Record<string, number>> {
  const result = await moveAndDeletePatient(trx, keptId, sourceId);
  const detail = describe(JSON.stringify(result));
  await recordAudit(
    trx,
    { ...by, at: deps.clock.now() },
    { action: 'patient.merge', resource: 'patient', resourceId: keptId, patientId: keptId, detail },
  );
  await recordAudit(
    trx,
    { ...by, at: deps.clock.now() },
    { action: 'patient.merged-away', resource: 'patient', resourceId: sourceId, patientId: sourceId, detail },
  );
  return result;
}

/** Both records side by side, with what each holds and what (if anything) blocks merging them. */
export async function previewMerge(deps: Pick<AppDeps, 'db'>, input: { keptId: string; sourceId: string }) {
  const db = deps.db.kysely;
  const [kept, source] = await Promise.all([
    findPatientById(db, input.keptId),
    findPatientById(db, input.sourceId),
  ]);
  if (!kept || !source) throw notFound('Patient');
  return {
    kept: { ...kept, counts: await countPatientRows(db, kept.id) },
    source: { ...source, counts: await countPatientRows(db, source.id) },
    blocker: await mergeBlocker(db, kept.id, source.id),
  };
}

/** Staff merge a duplicate record into the kept one, in one audited transaction. */
export async function mergePatients(
  deps: Deps,
  actor: Actor | null,
  input: { keptId: string; sourceId: string; ip: string },
) {
  const { keptId, sourceId, ip } = input;
  const db = deps.db.kysely;
  const moved = await db.transaction().execute(async (trx) => {
    const blocker = await mergeBlocker(trx, keptId, sourceId);
    if (blocker) throw new AppError('CONFLICT', blocker);
    return mergeAudited(
      deps,
      { actor, ip },
      trx,
      keptId,
      sourceId,
      (moved) => `merged record ${sourceId} into ${keptId}: ${moved}`,
    );
  });
  const kept = await findPatientById(db, keptId);
  if (!kept) throw notFound('Patient');
  return { kept, moved };
}

/** A signed-in patient claims a guest booking made with their email, with the link mailed to them. */
export async function claimBooking(
  deps: Deps,
  actor: Actor,
  input: { token: string; ip: string },
): Promise<{ patientId: string; moved: Record<string, number> }> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const t = await findUsableAccountToken(db, input.token, 'booking-claim', now);
  const invalid = new AppError(
    'UNPROCESSABLE',
    'This link has expired, was already used, or is for another account.',
  );
  // The link alone is not enough (whoever reads the mailbox), nor the sign-in alone: both together.
  if (!t || t.user_id !== actor.userId || !actor.patientId || t.email_verified_at === null || !t.patient_id)
    throw invalid;
  const keptId = actor.patientId;
  const sourceId = t.patient_id;
  const moved = await db.transaction().execute(async (trx) => {
    if (!(await consumeAccountToken(trx, t.id, now))) throw invalid;
    const blocker = await mergeBlocker(trx, keptId, sourceId);
    if (blocker)
      throw new AppError('CONFLICT', `${blocker} Please ask the clinic to add the booking for you.`);
    return mergeAudited(
      deps,
      { actor, ip: input.ip },
      trx,
      keptId,
      sourceId,
      (moved) => `claimed guest record ${sourceId} with a mailed link: ${moved}`,
    );
  });
  return { patientId: keptId, moved };
}
