import type { PublicResult } from '@anagen/core/contracts';
import { auditPublication, type PublicationsDeps, type RequestMeta } from './publication-access';
import { toPublicResult } from './publication-dto';
import { findPublication, listPublishedPublications } from './publications.repository';

/** Published pairs for anyone, newest first; nothing that awaits consent or was withdrawn. */
export async function getPublicResults(
  deps: PublicationsDeps,
  input: { treatment?: string },
  meta: RequestMeta = {},
): Promise<PublicResult[]> {
  const rows = await listPublishedPublications(deps.db, input.treatment);
  await auditPublication(
    deps.db,
    deps,
    null,
    {
      action: 'publication.public-list',
      resourceId: input.treatment ?? null,
      detail: `${rows.length} pairs`,
    },
    meta,
  );
  return rows.map(toPublicResult).filter((r): r is PublicResult => r !== null);
}

/** One published pair for its verification page, or null (unknown, not published or withdrawn). */
export async function getPublicResult(
  deps: PublicationsDeps,
  input: { id: string },
  meta: RequestMeta = {},
): Promise<{ result: PublicResult | null; withdrawn: boolean }> {
  const row = await findPublication(deps.db, input.id);
  await auditPublication(
    deps.db,
    deps,
    null,
    { action: 'publication.public-read', resourceId: input.id, patientId: row?.patient_id ?? null },
    meta,
  );
  return { result: row ? toPublicResult(row) : null, withdrawn: row?.status === 'withdrawn' };
}

const FILE = /^(before|after)-([0-9a-f]{16})\.jpg$/;

export type PublicFile = { kind: 'file'; data: Buffer } | { kind: 'gone' } | { kind: 'missing' };

/**
 * A published file by its versioned name. Withdrawn pairs answer gone (410) at once, whatever
 * name is asked for; a pair awaiting consent has no file, so it is missing (404) like an unknown
 * id, and so is an old version's name.
 */
export async function readPublicFile(
  deps: PublicationsDeps,
  input: { id: string; file: string },
  meta: RequestMeta = {},
): Promise<PublicFile> {
  const row = await findPublication(deps.db, input.id);
  const m = FILE.exec(input.file);
  const role = m?.[1] as 'before' | 'after' | undefined;
  let answer: PublicFile = { kind: 'missing' };
  if (row?.status === 'withdrawn') answer = { kind: 'gone' };
  else if (row?.status === 'published' && role && m) {
    const sha = role === 'before' ? row.before_sha256 : row.after_sha256;
    const key = role === 'before' ? row.before_key : row.after_key;
    if (sha?.startsWith(m[2]!) && key) {
      const data = await deps.storage.get(key);
      if (data) answer = { kind: 'file', data };
    }
  }
  await auditPublication(
    deps.db,
    deps,
    null,
    {
      action: `publication.public-file.${answer.kind}`,
      resourceId: input.id,
      patientId: row?.patient_id ?? null,
      detail: input.file.slice(0, 60),
    },
    meta,
  );
  return answer;
}
