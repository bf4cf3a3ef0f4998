import type { CareTemplate, TemplateKind } from '@anagen/core/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';
import type { CareTemplateTable } from './care-templates.table';

type Row = Selectable<CareTemplateTable>;

function toCareTemplate(r: Row): CareTemplate {
  return {
    id: r.id,
    kind: r.kind,
    treatmentSlug: r.treatment_slug,
    version: Number(r.version),
    title: r.title,
    body: r.body,
    steps: JSON.parse(r.steps_json),
    status: r.status,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
  };
}

export async function listTemplates(
  db: Kysely<Database>,
  q: { kind?: TemplateKind | undefined; treatment?: string | undefined; history?: boolean },
): Promise<CareTemplate[]> {
  let query = db.selectFrom('care_templates').selectAll();
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.treatment) query = query.where('treatment_slug', '=', q.treatment);
  if (!q.history) query = query.where('status', '=', 'active');
  const rows = await query.orderBy('kind').orderBy('treatment_slug').orderBy('version', 'desc').execute();
  return rows.map(toCareTemplate);
}

export async function findTemplate(db: Kysely<Database>, id: string): Promise<CareTemplate | null> {
  const row = await db.selectFrom('care_templates').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCareTemplate(row) : null;
}

/** The version in force for a kind and treatment, or null when none exists or all were withdrawn. */
export async function findActiveTemplate(
  db: Kysely<Database>,
  kind: TemplateKind,
  treatmentSlug: string,
): Promise<CareTemplate | null> {
  const row = await db
    .selectFrom('care_templates')
    .selectAll()
    .where('kind', '=', kind)
    .where('treatment_slug', '=', treatmentSlug)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row ? toCareTemplate(row) : null;
}

export async function latestVersion(
  db: Kysely<Database>,
  kind: TemplateKind,
  treatmentSlug: string,
): Promise<number> {
  const row = await db
    .selectFrom('care_templates')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('kind', '=', kind)
    .where('treatment_slug', '=', treatmentSlug)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

export interface TemplateVersionInput {
  kind: TemplateKind;
  treatmentSlug: string;
  title: string;
  body: string;
  steps?: { key: string; text: string; offsetHours: number }[] | undefined;
  createdBy: string | null;
  /** Fixed id for demo data; a fresh UUID otherwise. */
  id?: string;
}

/**
 * Adds the next version of a template and makes it the one in force. Earlier versions stay
 * (signed consents point at them) but become `superseded`. Runs in a transaction; the unique
 * (kind, treatment, version) constraint makes two concurrent edits fail rather than both win.
 */
export async function insertTemplateVersion(
  db: Kysely<Database>,
  input: TemplateVersionInput,
  now: number,
): Promise<CareTemplate> {
  return db.transaction().execute(async (trx) => {
    const version = (await latestVersion(trx, input.kind, input.treatmentSlug)) + 1;
    await trx
      .updateTable('care_templates')
      .set({ status: 'superseded' })
      .where('kind', '=', input.kind)
      .where('treatment_slug', '=', input.treatmentSlug)
      .where('status', '=', 'active')
      .execute();
    const row = {
      id: input.id ?? newId(),
      kind: input.kind,
      treatment_slug: input.treatmentSlug,
      version,
      title: input.title,
      body: input.body,
      steps_json: JSON.stringify(input.kind === 'preparation' ? (input.steps ?? []) : []),
      status: 'active' as const,
      created_by: input.createdBy,
      created_at: now,
      withdrawn_at: null,
    };
    await trx.insertInto('care_templates').values(row).execute();
    return toCareTemplate(row);
  });
}

export async function withdrawTemplate(db: Kysely<Database>, id: string, now: number): Promise<void> {
  await db
    .updateTable('care_templates')
    .set({ status: 'withdrawn', withdrawn_at: now })
    .where('id', '=', id)
    .execute();
}
