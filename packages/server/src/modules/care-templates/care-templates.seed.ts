import type { SeedContext } from '../demo/seed-context';
import { DEFAULT_TEMPLATES } from './default-templates';

/** Demo step: version 1 of each default consent, preparation and post-care template. */
export async function seedCareTemplates({ db, now }: SeedContext): Promise<void> {
  for (const t of DEFAULT_TEMPLATES) {
    await db
      .insertInto('care_templates')
      .values({
        id: t.id,
        kind: t.kind,
        treatment_slug: t.treatmentSlug,
        version: 1,
        title: t.title,
        body: t.body,
        steps_json: JSON.stringify(t.steps ?? []),
        status: 'active',
        created_by: null,
        created_at: now,
        withdrawn_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
