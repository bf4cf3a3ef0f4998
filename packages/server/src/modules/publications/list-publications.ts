import type { Actor } from '@anagen/core/access';
import type { Publication } from '@anagen/core/contracts';
import { notFound } from '../../errors';
import type { PhotoTable } from '../photos/photos.table';
import {
  assertPublicationAccess,
  auditPublication,
  type PublicationsDeps,
  type RequestMeta,
} from './publication-access';
import { toPublication } from './publication-dto';
import {
  findPatientAccount,
  findPhotos,
  findPublication,
  listAllPublications,
  listPatientPublications,
} from './publications.repository';
import type { PublicationTable } from './publications.table';

async function withPhotos(deps: PublicationsDeps, rows: PublicationTable[]): Promise<Publication[]> {
  const photos = await findPhotos(deps.db, [
    ...new Set(rows.flatMap((r) => [r.before_photo_id, r.after_photo_id])),
  ]);
  const byId = new Map<string, PhotoTable>(photos.map((p) => [p.id, p]));
  return rows.flatMap((r) => {
    const before = byId.get(r.before_photo_id);
    const after = byId.get(r.after_photo_id);
    return before && after ? [toPublication(r, { before, after })] : [];
  });
}

/** A patient's publications, for the patient and clinical staff. */
export async function listPublications(
  deps: PublicationsDeps,
  _actor: Actor | null,
  input: { patientId: string },
  _meta: RequestMeta = {},
): Promise<Publication[]> {
  // The route declares the patient scope (config.patient): checked and audited before this runs.
  if (!(await findPatientAccount(deps.db, input.patientId))) throw notFound('Patient');
  return withPhotos(deps, await listPatientPublications(deps.db, input.patientId));
}

/** Every publication of the clinic, for the staff screen (clinicians and admins; the route says who). */
export async function listClinicPublications(
  deps: PublicationsDeps,
  actor: Actor,
  meta: RequestMeta = {},
): Promise<Publication[]> {
  const rows = await listAllPublications(deps.db);
  await auditPublication(
    deps.db,
    deps,
    actor,
    { action: 'publication.list-all', detail: `${rows.length} pairs` },
    meta,
  );
  return withPhotos(deps, rows);
}

/** One publication, for its patient and clinical staff; another patient's answers 404. */
export async function getPublication(
  deps: PublicationsDeps,
  actor: Actor | null,
  input: { id: string },
  meta: RequestMeta = {},
): Promise<{ publication: Publication; row: PublicationTable }> {
  const row = await findPublication(deps.db, input.id);
  if (!row) throw notFound('Publication');
  await assertPublicationAccess(
    deps,
    actor,
    row.patient_id,
    { scope: 'clinical', mode: 'read', action: 'publication.read', resourceId: row.id },
    meta,
  );
  const [publication] = await withPhotos(deps, [row]);
  if (!publication) throw notFound('Publication');
  return { publication, row };
}
