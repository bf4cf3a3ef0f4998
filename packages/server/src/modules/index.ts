import type { FastifyInstance } from 'fastify';
import { appointmentsRoutes } from './appointments/appointments.routes';
import { availabilityRoutes } from './appointments/availability.routes';
import { calendarRoutes } from './appointments/calendar.routes';
import { analysesRoutes } from './analyses/analyses.routes';
import { assessmentsRoutes } from './assessments/assessments.routes';
import { adminRoutes } from './admin/admin.routes';
import { auditLogRoutes } from './audit-log/audit-log.routes';
import { authRoutes } from './auth/auth.routes';
import { fhirRoutes } from './fhir/fhir.routes';
import { healthRoutes } from './health/health.routes';
import { measurementsRoutes } from './measurements/measurements.routes';
import { patientsRoutes } from './patients/patients.routes';
import { photosRoutes } from './photos/photos.routes';
import { progressRoutes } from './measurements/progress.routes';
import { treatmentPricesRoutes } from './treatment-prices/treatment-prices.routes';
import { careTemplatesRoutes } from './care-templates/care-templates.routes';
import { consentsRoutes } from './consents/consents.routes';
import { plansRoutes } from './plans/plans.routes';
import { preparationRoutes } from './preparation/preparation.routes';
import { sideEffectsRoutes } from './side-effects/side-effects.routes';
import { treatmentSessionsRoutes } from './treatment-sessions/treatment-sessions.routes';

/** Every feature's routes, registered in one place. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(patientsRoutes);
  await app.register(fhirRoutes);
  await app.register(availabilityRoutes);
  await app.register(appointmentsRoutes);
  await app.register(calendarRoutes);
  await app.register(assessmentsRoutes);
  await app.register(treatmentPricesRoutes);
  await app.register(auditLogRoutes);
  await app.register(adminRoutes);
  await app.register(photosRoutes);
  await app.register(measurementsRoutes);
  await app.register(analysesRoutes);
  await app.register(progressRoutes);
  await app.register(careTemplatesRoutes);
  await app.register(plansRoutes);
  await app.register(treatmentSessionsRoutes);
  await app.register(consentsRoutes);
  await app.register(preparationRoutes);
  await app.register(sideEffectsRoutes);
}
