import { seedDemoAssessment } from '../assessments/assessments-demo.seed';
import { seedCareDemo } from '../care-templates/care-demo.seed';
import { seedDemoDocuments } from '../documents/documents-demo.seed';
import { seedDemoPhotos } from '../photos/photos-demo.seed';
import { seedDemoAppointments } from './demo-appointments.seed';
import type { SeedContext } from './seed-context';

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
