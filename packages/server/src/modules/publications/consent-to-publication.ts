import { randomBytes } from 'node:crypto';
import type { Actor } from '@anagen/core/access';
import { AppError, notFound } from '../../errors';
import { buildVerification } from './build-verification';
import { preparePublishedPair } from './prepare-published-pair';
import {
  assertPublicationAccess,
  auditPublication,
  type PublicationsDeps,
  type RequestMeta,
} from './publication-access';
import { findPublication, markPublished } from './publications.repository';

/** Every published file is stored under this prefix, and nothing else is (the orphan sweep relies on it). */
export const PUBLISHED_PREFIX = 'published/';

/**
 * The patient consents to publish a pair, choosing whether the face may show. Only now are the
 * public files derived and stored, so a pair nobody consented to has no public file at all. The
 * files are written first and the row flips to published in one transaction with its audit entry;
 * if that fails (or the pair was withdrawn meanwhile) the files are deleted again.
 */
export async function consentToPublication(
  deps: PublicationsDeps,
  actor: Actor,
  input: { id: string; showFace: boolean },
  meta: RequestMeta = {},
): Promise<{ id: string; status: 'published' }> {
  const row = await findPublication(deps.db, input.id);
  if (!row) throw notFound('Publication');
  // Only the patient themself consents: staff hold clinical write access but cannot sign for them.
  if (actor.role !== 'patient') {
    await auditPublication(
      deps.db,
      deps,
      actor,
      { action: 'publication.consent.denied', resourceId: row.id, patientId: row.patient_id },
      meta,
    );
    throw new AppError('FORBIDDEN', 'Only the patient can consent to publishing their photos.');
  }
  await assertPublicationAccess(
    deps,
    actor,
    row.patient_id,
    { scope: 'patient-input', mode: 'write', action: 'publication.consent', resourceId: row.id },
    meta,
  );
  if (row.status !== 'awaiting-consent') {
    throw new AppError(
      'CONFLICT',
      `This pair is ${row.status === 'published' ? 'already published' : 'withdrawn'}.`,
    );
  }
  const pair = await preparePublishedPair(deps, row, input.showFace);
  const verification = await buildVerification(deps, row.patient_id, pair.before, pair.after, {
    pixelSha256: { before: pair.images.before.pixelSha256, after: pair.images.after.pixelSha256 },
    operations: pair.images.before.operations,
    width: pair.images.before.width,
    height: pair.images.before.height,
  });
  // Keys say nothing about the patient, the pair or the date.
  const keys = {
    before: `${PUBLISHED_PREFIX}${randomBytes(16).toString('hex')}.jpg`,
    after: `${PUBLISHED_PREFIX}${randomBytes(16).toString('hex')}.jpg`,
  };
  let done = false;
  try {
    await deps.storage.put(keys.before, pair.images.before.data);
    await deps.storage.put(keys.after, pair.images.after.data);
    done = await deps.db.transaction().execute(async (trx) => {
      const ok = await markPublished(trx, row.id, {
        show_face: input.showFace ? 1 : 0,
        before_key: keys.before,
        after_key: keys.after,
        before_sha256: pair.images.before.sha256,
        after_sha256: pair.images.after.sha256,
        verification_json: JSON.stringify(verification),
        consented_at: deps.clock.now(),
      });
      if (!ok) return false;
      await auditPublication(
        trx,
        deps,
        actor,
        {
          action: 'publication.publish',
          resourceId: row.id,
          patientId: row.patient_id,
          detail: JSON.stringify({
            showFace: input.showFace,
            before: pair.images.before.sha256,
            after: pair.images.after.sha256,
          }),
        },
        meta,
      );
      return true;
    });
  } finally {
    if (!done) await Promise.all([deps.storage.delete(keys.before), deps.storage.delete(keys.after)]);
  }
  if (!done) throw new AppError('CONFLICT', 'This pair changed meanwhile; reload to see its state.');
  return { id: row.id, status: 'published' };
}
