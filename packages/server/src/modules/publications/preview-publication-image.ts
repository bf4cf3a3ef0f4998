import type { Actor } from '@anagen/core/access';
import { AppError, notFound } from '../../errors';
import { preparePublishedPair } from './prepare-published-pair';
import { assertPublicationAccess, type PublicationsDeps, type RequestMeta } from './publication-access';
import { findPublication } from './publications.repository';

/**
 * One image of a pair exactly as it would be published with this face choice (the same
 * derivation, so the same bytes), for the patient deciding and for staff. Never public.
 */
export async function previewPublicationImage(
  deps: PublicationsDeps,
  actor: Actor | null,
  input: { id: string; role: 'before' | 'after'; showFace: boolean },
  meta: RequestMeta = {},
): Promise<{ data: Buffer; sha256: string }> {
  const row = await findPublication(deps.db, input.id);
  if (!row) throw notFound('Publication');
  await assertPublicationAccess(
    deps,
    actor,
    row.patient_id,
    { scope: 'clinical', mode: 'read', action: `publication.preview.${input.role}`, resourceId: row.id },
    meta,
  );
  if (row.status === 'withdrawn') throw new AppError('CONFLICT', 'This pair is withdrawn.');
  const pair = await preparePublishedPair(deps, row, input.showFace);
  const image = pair.images[input.role];
  return { data: image.data, sha256: image.sha256 };
}
