import type { FastifyInstance } from 'fastify';
import { authRoutes } from './auth/auth.routes';
import { healthRoutes } from './health/health.routes';
import { patientsRoutes } from './patients/patients.routes';

/** Every feature's routes, registered in one place. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(patientsRoutes);
}
