import type { FastifyInstance } from 'fastify';
import { catalogueRoutes } from './catalogue.routes';
import { clinicRoutes } from './clinic.routes';
import { exceptionsRoutes } from './exceptions.routes';
import { locationsRoutes } from './locations.routes';
import { providersRoutes } from './providers.routes';
import { staffRoutes } from './staff.routes';

/** Clinic administration: every route is admin-only (except the public clinic card and accept-invite). */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  await app.register(clinicRoutes);
  await app.register(locationsRoutes);
  await app.register(staffRoutes);
  await app.register(providersRoutes);
  await app.register(exceptionsRoutes);
  await app.register(catalogueRoutes);
}
