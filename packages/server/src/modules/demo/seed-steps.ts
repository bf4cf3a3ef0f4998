import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Storage } from '../../lib/storage';
import { seedDemoAssessment } from '../assessments/assessments-demo.seed';
import { seedCareDemo } from '../care-templates/care-demo.seed';
import { seedDemoDocuments } from '../documents/documents-demo.seed';
import { seedDemoPhotos } from '../photos/photos-demo.seed';
import { seedDemoAppointments } from './demo-appointments.seed';

export interface SeedContext {
  db: Kysely<Database>;
  now: number;
  /** Photo storage, for demo histories with images (absent when only the schema is seeded). */
  storage?: Storage;
}

/** A feature's demo data (plans, sessions, photos, …). Each step must be idempotent. */
export type DemoSeedStep = (ctx: SeedContext) => Promise<void>;

/** Run in order after the clinic, people and catalogue exist. Append new steps at the end. */
export const DEMO_SEED_STEPS: DemoSeedStep[] = [
  seedCareDemo,
  seedDemoPhotos,
  seedDemoAssessment,
  seedDemoAppointments,
  seedDemoDocuments,
];
