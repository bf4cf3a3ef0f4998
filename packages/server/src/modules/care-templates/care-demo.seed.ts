import type { SeedContext } from '../demo/seed-context';
import { seedCareHistories } from './care-histories.seed';
import { seedCareTemplates } from './care-templates.seed';

/** Demo step for the care pathway: default templates, then the demo patients' histories. */
export async function seedCareDemo(ctx: SeedContext): Promise<void> {
  await seedCareTemplates(ctx);
  await seedCareHistories(ctx);
}
