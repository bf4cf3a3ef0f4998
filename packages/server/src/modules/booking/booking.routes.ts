import { type Actor, STAFF_ROLES } from '@anagen/core/access';
import {
  appointmentIdParamsSchema,
  appointmentSchema,
  appointmentStatusChangeSchema,
  cancelAppointmentSchema,
  createAppointmentSchema,
  deliverySchema,
  manageTokenQuerySchema,
  patientAppointmentSchema,
  patientIdParamsSchema,
  rescheduleAppointmentSchema,
  undoAppointmentSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mailResponseForPeople } from '../../lib/mailer';
import { sendAccountMailInBackground } from '../auth/account-mail';
import { fastSerializerCompiler } from '../availability/fast-serializer';
import { appointmentIcs } from '../notices/appointment-ics';
import { listAppointmentDeliveries } from '../notices/notices.repository';
import { iso, isoOrNull } from './appointment-dto';
import { bookAppointment } from './book-appointment';
import { confirmAttendance } from './confirm-attendance';
import { listPatientAppointments } from './list-patient-appointments';
import {
  cancelAppointment,
  changeStatus,
  dtoFor,
  openAppointment,
  rescheduleAppointment,
} from './manage-appointment';
import { seriesRoutes } from './series.routes';
import { undoAppointmentChange } from './undo-appointment';

const withToken = { params: appointmentIdParamsSchema, querystring: manageTokenQuerySchema };

export async function bookingRoutes(app: FastifyInstance): Promise<void> {
  // Every appointment route opens its appointment the same way (who asks, from where, with which link).
  const open = (
    req: { actor: Actor | null; ip: string; params: { id: string } },
    token: string | undefined,
    mode: 'read' | 'write',
    action: string,
  ) => openAppointment(app.deps, req.actor, { id: req.params.id, token, mode, action, ip: req.ip });
  const r = app.withTypeProvider<ZodTypeProvider>();
  await seriesRoutes(app);

  r.post(
    '/api/appointments',
    {
      config: { access: 'public' },
      serializerCompiler: fastSerializerCompiler,
      schema: {
        tags: ['appointments'],
        body: createAppointmentSchema,
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        response: { 201: appointmentSchema },
      },
    },
    async (req, reply) => {
      const result = await bookAppointment(app.deps, req.actor, {
        body: req.body,
        idempotencyKey: req.headers['idempotency-key'],
        ip: req.ip,
      });
      if (result.claimMail) sendAccountMailInBackground(app, result.claimMail.to, result.claimMail.mail);
      return reply.code(201).send(result.body);
    },
  );

  r.get(
    '/api/appointments/:id',
    {
      config: { access: 'public' },
      schema: { tags: ['appointments'], ...withToken, response: { 200: appointmentSchema } },
    },
    async (req) => {
      const o = await open(req, req.query.token, 'read', 'appointment.read');
      return dtoFor(o);
    },
  );

  r.post(
    '/api/appointments/:id/cancel',
    {
      config: { access: 'public' },
      schema: {
        tags: ['appointments'],
        ...withToken,
        body: cancelAppointmentSchema,
        response: { 200: appointmentSchema },
      },
    },
    async (req) => {
      const o = await open(req, req.query.token, 'write', 'appointment.cancel');
      return cancelAppointment(app.deps, req.actor, { opened: o, reason: req.body?.reason, ip: req.ip });
    },
  );

  r.post(
    '/api/appointments/:id/reschedule',
    {
      config: { access: 'public' },
      schema: {
        tags: ['appointments'],
        ...withToken,
        body: rescheduleAppointmentSchema,
        response: { 200: appointmentSchema },
      },
    },
    async (req) => {
      const o = await open(req, req.query.token, 'write', 'appointment.reschedule');
      return rescheduleAppointment(app.deps, req.actor, { opened: o, ...req.body, ip: req.ip });
    },
  );

  r.post(
    '/api/appointments/:id/undo',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['appointments'],
        params: appointmentIdParamsSchema,
        body: undoAppointmentSchema,
        response: { 200: appointmentSchema },
      },
    },
    async (req) => {
      const o = await open(req, undefined, 'write', 'appointment.undo');
      return undoAppointmentChange(app.deps, req.actor, { opened: o, undo: req.body, ip: req.ip });
    },
  );

  r.post(
    '/api/appointments/:id/status',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['appointments'],
        params: appointmentIdParamsSchema,
        body: appointmentStatusChangeSchema,
        response: { 200: appointmentSchema },
      },
    },
    async (req) => {
      const o = await open(req, undefined, 'write', 'appointment.status');
      return changeStatus(app.deps, req.actor, { opened: o, status: req.body.status, ip: req.ip });
    },
  );

  r.get(
    '/api/appointments/:id/ics',
    { config: { access: 'public' }, schema: { tags: ['appointments'], ...withToken } },
    async (req, reply) => {
      const o = await open(req, req.query.token, 'read', 'appointment.ics');
      const clinic = { name: o.view.clinic_name, email: o.view.clinic_email };
      const body = appointmentIcs(o.view, { stamp: app.deps.clock.now(), clinic, mode: 'download' });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="appointment.ics"')
        .send(body);
    },
  );

  // The reminder's "I'm coming" link: GET shows the question, the page's button POSTs the answer.
  const confirmRoute = {
    config: { access: 'public' as const },
    schema: {
      tags: ['appointments'],
      params: appointmentIdParamsSchema,
      querystring: z.strictObject({ token: z.string().min(1).max(200) }),
    },
  };
  r.get('/api/appointments/:id/confirm', confirmRoute, async (req, reply) => {
    const page = await confirmAttendance(app.deps, req.actor, {
      id: req.params.id,
      token: req.query.token,
      record: false,
      ip: req.ip,
    });
    return reply.code(page.status).type('text/html; charset=utf-8').send(page.html);
  });

  // The button on that page posts a plain HTML form (no body fields; the token is in the address).
  // Its content type is accepted here only, and its body is ignored.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_req, _body, done) => done(null, {}),
    );
    scope
      .withTypeProvider<ZodTypeProvider>()
      .post('/api/appointments/:id/confirm', confirmRoute, async (req, reply) => {
        const page = await confirmAttendance(app.deps, req.actor, {
          id: req.params.id,
          token: req.query.token,
          record: true,
          ip: req.ip,
        });
        return reply.code(page.status).type('text/html; charset=utf-8').send(page.html);
      });
  });

  r.get(
    '/api/appointments/:id/deliveries',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['appointments'],
        params: appointmentIdParamsSchema,
        response: { 200: z.array(deliverySchema) },
      },
    },
    async (req) => {
      await open(req, undefined, 'read', 'appointment.deliveries');
      const rows = await listAppointmentDeliveries(app.deps.db.kysely, req.params.id);
      return rows.map((d) => ({
        id: d.id,
        kind: d.kind,
        recipient: d.recipient,
        subject: d.subject,
        status: d.status,
        serverResponse: mailResponseForPeople(d.server_response),
        createdAt: iso(d.created_at),
        sentAt: isoOrNull(d.sent_at),
      }));
    },
  );

  r.get(
    '/api/patients/:id/appointments',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'scheduling',
          mode: 'read',
          action: 'appointment.list',
          resource: 'appointment',
        },
      },
      schema: {
        tags: ['appointments'],
        params: patientIdParamsSchema,
        response: { 200: z.array(patientAppointmentSchema) },
      },
    },
    async (req) => listPatientAppointments(app.deps, { patientId: req.params.id }),
  );
}
