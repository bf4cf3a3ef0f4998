import { canAccessPatient, STAFF_ROLES } from '@anagen/core/access';
import {
  careAlertSchema,
  patientIdParamsSchema,
  reportSideEffectSchema,
  reviewSideEffectSchema,
  sideEffectFollowUpSchema,
  sideEffectReportSchema,
  sideEffectResponseSchema,
  sideEffectStatsSchema,
} from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { fromParam } from '../../lib/patient-scope';
import { audit } from '../audit/audit.service';
import {
  acknowledgeAlert,
  findAlert,
  listAlerts,
  listFollowUps,
  listReports,
  sideEffectCounts,
} from './side-effects.repository';
import { reportSideEffect, reviewSideEffect } from './side-effects.service';

const reportParams = z.strictObject({ id: z.string().min(1).max(100), rid: z.string().min(1).max(100) });
const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

export async function sideEffectsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.db.kysely;

  r.get(
    '/api/patients/:id/side-effects',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'patient-input',
          mode: 'read',
          action: 'side-effect.list',
          resource: 'side-effect',
        },
      },
      schema: {
        tags: ['care'],
        params: patientIdParamsSchema,
        response: { 200: z.array(sideEffectReportSchema) },
      },
    },
    async (req) => {
      return listReports(db(), req.params.id);
    },
  );

  r.post(
    '/api/patients/:id/side-effects',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'patient-input',
          mode: 'write',
          action: 'side-effect.report',
          resource: 'side-effect',
        },
      },
      schema: {
        tags: ['care'],
        params: patientIdParamsSchema,
        body: reportSideEffectSchema,
        response: { 201: sideEffectResponseSchema },
      },
    },
    async (req, reply) => {
      const out = await reportSideEffect(
        db(),
        req.params.id,
        req.body,
        req.actor!.userId,
        app.deps.clock.now(),
      );
      return reply.code(201).send(out);
    },
  );

  r.post(
    '/api/patients/:id/side-effects/:rid/review',
    {
      config: {
        access: 'authenticated',
        patient: {
          from: 'params',
          key: 'id',
          scope: 'clinical',
          mode: 'write',
          action: 'side-effect.review',
          resource: 'side-effect',
          resourceId: fromParam('rid'),
        },
      },
      schema: {
        tags: ['care'],
        params: reportParams,
        body: reviewSideEffectSchema,
        response: { 200: sideEffectReportSchema },
      },
    },
    async (req) => {
      return reviewSideEffect(
        db(),
        req.params.id,
        req.params.rid,
        req.body,
        req.actor!.userId,
        app.deps.clock.now(),
      );
    },
  );

  r.get(
    '/api/side-effects/follow-ups',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['care'],
        description: 'Reports under monitoring, soonest follow-up first (names and dates only)',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.array(sideEffectFollowUpSchema) },
      },
    },
    async (req) => {
      const rows = await listFollowUps(db(), req.query.limit);
      await audit(req, {
        action: 'side-effect.follow-ups',
        resource: 'side-effect',
        detail: `${rows.length} reports`,
      });
      return rows.map((r) => ({
        reportId: r.id,
        patientId: r.patient_id,
        patientName: r.patient_name,
        followUpAt: Number(r.follow_up_at),
      }));
    },
  );

  r.get(
    '/api/alerts',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['care'],
        querystring: z.strictObject({
          status: z.enum(['open', 'all']).default('open'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.array(careAlertSchema) },
      },
    },
    async (req) => {
      const rows = await listAlerts(db(), { openOnly: req.query.status === 'open', limit: req.query.limit });
      const clinical = req.actor!.role !== 'desk';
      await audit(req, { action: 'alert.list', resource: 'alert', detail: `${rows.length} alerts` });
      return rows.map((a) => ({
        id: a.id,
        kind: 'urgent-side-effect' as const,
        patientId: a.patient_id,
        patientName: a.patient_name,
        patientPhone: a.patient_phone,
        patientEmail: a.patient_email,
        reportId: a.report_id,
        createdAt: Number(a.created_at),
        reasons: clinical ? (JSON.parse(a.reasons_json) as string[]) : null,
        acknowledgedAt: a.acknowledged_at === null ? null : Number(a.acknowledged_at),
      }));
    },
  );

  r.post(
    '/api/alerts/:alertId/acknowledge',
    {
      // Acknowledging says "a clinician has taken this on": only someone who may write the
      // patient's clinical record may say it (admins and the desk read alerts but cannot treat).
      config: { access: ['clinician', 'admin', 'desk'] },
      schema: {
        tags: ['care'],
        description: 'Clinicians only (clinical write access to the alert’s patient); others get 403',
        params: z.strictObject({ alertId: z.string().min(1).max(100) }),
        response: { 200: z.object({ id: z.string(), acknowledgedAt: z.number() }) },
      },
    },
    async (req) => {
      const now = app.deps.clock.now();
      const alert = await findAlert(db(), req.params.alertId);
      if (!alert) throw notFound('Alert');
      if (!canAccessPatient(req.actor, alert.patient_id, 'clinical', 'write')) {
        await audit(req, {
          action: 'alert.acknowledge.denied',
          resource: 'alert',
          resourceId: alert.id,
          patientId: alert.patient_id,
        });
        throw new AppError('FORBIDDEN', 'Only a clinician can acknowledge an urgent alert.');
      }
      if (!(await acknowledgeAlert(db(), alert.id, req.actor!.userId, now))) {
        throw new AppError('CONFLICT', 'This alert was already acknowledged.');
      }
      await audit(req, {
        action: 'alert.acknowledge',
        resource: 'alert',
        resourceId: alert.id,
        patientId: alert.patient_id,
      });
      return { id: alert.id, acknowledgedAt: now };
    },
  );

  r.get(
    '/api/reports/side-effects',
    {
      config: { access: ['clinician', 'admin'] },
      schema: {
        tags: ['care'],
        querystring: z.strictObject({
          from: z.coerce.number().int().min(0).optional(),
          to: z.coerce.number().int().min(0).optional(),
        }),
        response: { 200: sideEffectStatsSchema },
      },
    },
    async (req) => {
      const from = req.query.from ?? null;
      const to = req.query.to ?? null;
      const { sessions, reports } = await sideEffectCounts(db(), from, to);
      const slugs = new Set<string>();
      for (const s of sessions) slugs.add(s.treatment_slug);
      for (const x of reports) slugs.add(x.treatment_slug ?? 'not-linked-to-a-session');
      const rows = [...slugs].sort().map((slug) => {
        const n = Number(sessions.find((s) => s.treatment_slug === slug)?.n ?? 0);
        const rep = reports.find((x) => (x.treatment_slug ?? 'not-linked-to-a-session') === slug);
        const count = Number(rep?.n ?? 0);
        const urgent = Number(rep?.urgent ?? 0);
        return {
          treatmentSlug: slug,
          sessions: n,
          reports: count,
          urgent,
          reportsPerSession: ratio(count, n),
          urgentPerSession: ratio(urgent, n),
        };
      });
      await audit(req, { action: 'report.side-effects', resource: 'report' });
      return { from, to, rows };
    },
  );
}
