import { type AccessMode, type Actor, canAccessPatient, type PatientScope } from '@anagen/core/access';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { AppDeps } from '../app';
import { AppError, notFound } from '../errors';
import { type AuditActor, auditActorOf, recordAudit } from '../modules/audit/audit.service';
import { patientExists } from '../modules/patients/patients.repository';
import { newId } from './ids';

/** What a use case asks for when it touches one patient's record. */
export interface PatientAccess {
  scope: PatientScope;
  mode: AccessMode;
  /** Audit action, e.g. "patient.read" or "photo.upload"; a denial is audited as `<action>.denied`. */
  action: string;
  resource: string;
  /** The audited record; the patient's id when absent. */
  resourceId?: string;
}

/**
 * The one decision on a patient's data: the core policy table decides, then the access is audited.
 * Another patient's record answers 404 (its existence is none of their business); staff without the
 * scope get 403; no session gets 401. Denials are audited too. `by` says who asked, when and from where.
 */
export async function checkPatientAccess(
  deps: Pick<AppDeps, 'db'>,
  by: AuditActor,
  patientId: string,
  access: PatientAccess,
): Promise<void> {
  const db = deps.db.kysely;
  const entry = {
    resource: access.resource,
    resourceId: access.resourceId ?? patientId,
    patientId,
  };
  if (!canAccessPatient(by.actor, patientId, access.scope, access.mode)) {
    await recordAudit(db, by, { ...entry, action: `${access.action}.denied` });
    if (!by.actor) throw new AppError('UNAUTHENTICATED', 'Please sign in to continue.');
    if (by.actor.role === 'patient') throw notFound('Patient');
    throw new AppError('FORBIDDEN', `Your role cannot ${access.mode} this part of a patient record.`);
  }
  if (!(await patientExists(db, patientId))) throw notFound('Patient');
  await recordAudit(db, by, { ...entry, action: access.action });
}

/**
 * The request-free check for use cases the CLI and jobs call too: same answers and audit entries as a
 * route's `config.patient`, at the deps clock's now. `ip` is the caller's address when there is one.
 */
export function assertPatientAccess(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  patientId: string,
  access: PatientAccess,
  ip: string | null = null,
): Promise<void> {
  return checkPatientAccess(deps, { actor, at: deps.clock.now(), ip }, patientId, access);
}

/** A declaration value that is fixed or read from the request (e.g. a role-dependent scope). */
type FromRequest<T> = T | ((req: FastifyRequest) => T);

interface PatientRouteScopeBase {
  scope: FromRequest<PatientScope>;
  mode: FromRequest<AccessMode>;
  action: FromRequest<string>;
  /** Audited resource; 'patient' when absent. */
  resource?: string;
  /**
   * The audited record's id (the patient's id when absent). `'new'` draws a fresh id before the
   * check so the handler creates the record under the id that was audited (`req.patientScope.resourceId`).
   */
  resourceId?: 'new' | ((req: FastifyRequest) => string | undefined);
}

/** The patient's id is a field of the validated params, body or query string. */
export interface PatientFromRequest extends PatientRouteScopeBase {
  from: 'params' | 'body' | 'query';
  key: string;
}

/**
 * The patient is found through another record (a photo, a measurement): `resolve` loads it and returns
 * its patient's id, or null for "no such record" (404 `notFound`, 'Patient' when absent); it may also
 * throw its own AppError.
 */
export interface PatientResolved extends PatientRouteScopeBase {
  resolve: (deps: AppDeps, req: FastifyRequest) => Promise<string | null>;
  notFound?: string;
}

export type PatientRouteScope = PatientFromRequest | PatientResolved;

/**
 * Routes that touch a patient's record by URL (see `isPatientScopedUrl`) but still check by hand in
 * their handler; each is owned by another module and moves to a declaration when converted. The
 * start-up check refuses any other patient-scoped route without `config.patient`.
 */
export const HAND_CHECKED_PATIENT_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/patients/:id/deletion-request', // account
  'GET /api/patients/:id/deletion-requests', // account
  'POST /api/patients/:id/close-account', // account
  'GET /api/patients/:id/appointments', // appointments
  'GET /api/patients/:id/assessments', // assessments
  'GET /api/patients/:id/access-log', // audit-log
  'GET /api/patients/:id/consents', // consents
  'POST /api/patients/:id/consents', // consents
  'GET /api/patients/:id/consents/:cid', // consents
  'GET /api/patients/:id/consent-status', // consents
  'POST /api/patients/:id/documents', // documents
  'GET /api/patients/:id/documents', // documents
  'GET /api/patients/:id/measurements', // measurements
  'GET /api/patients/:id/progress', // measurements
  'GET /api/patients/:id/compare', // measurements
  'GET /api/patients/:id/questionnaires', // outcomes
  'POST /api/patients/:id/questionnaires/:qid/answers', // outcomes
  'GET /api/patients/:id/merge-preview', // patients
  'POST /api/patients/:id/merge', // patients
  'GET /api/patients/:id', // patients
  'POST /api/patients/:id/photos', // photos
  'GET /api/patients/:id/photos', // photos
  'GET /api/patients/:id/plans', // plans
  'POST /api/patients/:id/plans', // plans
  'PATCH /api/patients/:id/plans/:planId', // plans
  'GET /api/patients/:id/diagnoses', // plans
  'POST /api/patients/:id/diagnoses', // plans
  'GET /api/patients/:id/consultation-status', // plans
  'GET /api/patients/:id/preparation', // preparation
  'POST /api/patients/:id/preparation/sync', // preparation
  'POST /api/patients/:id/preparation/:itemId/tick', // preparation
  'GET /api/patients/:id/post-care', // preparation
  'GET /api/patients/:id/side-effects', // side-effects
  'POST /api/patients/:id/side-effects', // side-effects
  'POST /api/patients/:id/side-effects/:rid/review', // side-effects
  'GET /api/patients/:id/sessions', // treatment-sessions
  'POST /api/patients/:id/sessions', // treatment-sessions
  'GET /api/patients/:id/sessions/:sid', // treatment-sessions
  'PATCH /api/patients/:id/sessions/:sid', // treatment-sessions
  'POST /api/patients/:id/sessions/:sid/sign', // treatment-sessions
  'POST /api/patients/:id/sessions/:sid/addenda', // treatment-sessions
]);

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Which patient's record the route touches and how: one preHandler checks and audits it before the
     * handler runs (lib/patient-scope.ts). Required on every patient-scoped route (checked at start-up).
     */
    patient?: PatientRouteScope;
  }
  interface FastifyRequest {
    /** Set once `config.patient` has been checked: the patient and the audited record id. */
    patientScope: { patientId: string; resourceId: string } | null;
  }
}

/**
 * A route is patient-scoped when its URL addresses a patient: `/api/patients/:id` and everything under
 * it, or any URL with a `:patientId` parameter. Mechanical on purpose, so a new route cannot forget
 * the declaration; routes found through another record (a photo's id) opt in by declaring it.
 */
export function isPatientScopedUrl(url: string): boolean {
  return /^\/api\/patients\/:id(\/|$)/.test(url) || /(^|\/):patientId(\/|$)/.test(url);
}

const fromRequest = <T>(v: FromRequest<T>, req: FastifyRequest): T =>
  typeof v === 'function' ? (v as (req: FastifyRequest) => T)(req) : v;

/** Reads a request part's field as a declaration's `resourceId`. */
export const fromParam =
  (key: string) =>
  (req: FastifyRequest): string | undefined =>
    (req.params as Record<string, string | undefined>)[key];
export const fromBody =
  (key: string) =>
  (req: FastifyRequest): string | undefined => {
    const v = (req.body as Record<string, unknown> | undefined)?.[key];
    return typeof v === 'string' ? v : undefined;
  };

async function patientIdOf(
  app: FastifyInstance,
  decl: PatientRouteScope,
  req: FastifyRequest,
): Promise<string> {
  if ('resolve' in decl) {
    const id = await decl.resolve(app.deps, req);
    if (id === null) throw notFound(decl.notFound ?? 'Patient');
    return id;
  }
  const part = (decl.from === 'params' ? req.params : decl.from === 'body' ? req.body : req.query) as
    | Record<string, unknown>
    | undefined;
  const id = part?.[decl.key];
  // The route's schema validated the part; a missing id is a declaration bug, not the caller's.
  if (typeof id !== 'string') throw new Error(`config.patient: ${decl.from}.${decl.key} is not a string`);
  return id;
}

/**
 * Registers the one patient-scope guard: every route declaring `config.patient` gets a preHandler
 * (after validation, so a malformed request is still a 400) that checks and audits the access, and
 * a patient-scoped route without a declaration stops the app from starting.
 */
export function registerPatientScope(app: FastifyInstance): void {
  app.decorateRequest('patientScope', null);
  app.addHook('onRoute', (route: RouteOptions) => {
    const decl = route.config?.patient;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!decl) {
      const unchecked = methods.some(
        (m) => m !== 'HEAD' && !HAND_CHECKED_PATIENT_ROUTES.has(`${String(m)} ${route.url}`),
      );
      if (isPatientScopedUrl(route.url) && unchecked) {
        throw new Error(
          `Route ${methods.join(',')} ${route.url} is patient-scoped but declares no config.patient`,
        );
      }
      return;
    }
    const guard = async (req: FastifyRequest): Promise<void> => {
      const patientId = await patientIdOf(app, decl, req);
      const resourceId = decl.resourceId === 'new' ? newId() : (decl.resourceId?.(req) ?? undefined);
      await checkPatientAccess(app.deps, auditActorOf(req), patientId, {
        scope: fromRequest(decl.scope, req),
        mode: fromRequest(decl.mode, req),
        action: fromRequest(decl.action, req),
        resource: decl.resource ?? 'patient',
        resourceId,
      });
      req.patientScope = { patientId, resourceId: resourceId ?? patientId };
    };
    const existing = route.preHandler;
    route.preHandler = existing ? [guard, ...(Array.isArray(existing) ? existing : [existing])] : [guard];
  });
}
