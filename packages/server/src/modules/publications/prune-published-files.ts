import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Storage } from '../../lib/storage';
import { PUBLISHED_PREFIX } from './consent-to-publication';
import { auditPublication } from './publication-access';
import { listReferencedFileKeys } from './publications.repository';

/**
 * Deletes published files no publication row names any more: those of pairs removed with a photo
 * before photo deletion took their files along, and any a crash left between a commit and a file
 * delete. A dry run only answers what it would delete. The store is listed before the rows are
 * read, and the rows read again just before deleting, so a consent that committed meanwhile keeps
 * its files; a consent still writing its files while this runs could lose them, so run it when no
 * patient is consenting (it is a one-off operator's tool, `anagen prune-published`).
 */
export async function prunePublishedFiles(
  deps: { db: Kysely<Database>; storage: Storage; clock: { now(): number } },
  input: { apply: boolean },
): Promise<{ orphans: string[]; deleted: number }> {
  const stored = (await deps.storage.list()).filter((k) => k.startsWith(PUBLISHED_PREFIX));
  const named = await listReferencedFileKeys(deps.db);
  let orphans = stored.filter((k) => !named.has(k)).sort();
  if (!input.apply || orphans.length === 0) return { orphans, deleted: 0 };
  const namedNow = await listReferencedFileKeys(deps.db);
  orphans = orphans.filter((k) => !namedNow.has(k));
  await Promise.all(orphans.map((k) => deps.storage.delete(k)));
  await auditPublication(
    deps.db,
    deps,
    null,
    { action: 'publication.files.pruned', detail: JSON.stringify({ deleted: orphans.length }) },
    {},
  );
  return { orphans, deleted: orphans.length };
}
