import { type AccessMode, type Actor, canAccessPatient, type PatientScope } from '@anagen/core/access';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { AppDeps } from '../deps';
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
  /**
   * To a patient, a record they may not reach does not exist: any refusal answers 404 "<hiddenAs>
   * was not found" rather than naming the patient record (the denial is still audited).
   */
  hiddenAs?: string;
}

/** What the check reads: the database and the time of the audit entry. */
type AccessDeps = { db: Pick<AppDeps['db'], 'kysely'>; clock: Pick<AppDeps['clock'], 'now'> };

/**
 * The one decision on a patient's data: the core policy table decides, then the access is audited.
 * Another patient's record answers 404 (its existence is none of their business); staff without the
 * scope get 403; no session gets 401. Denials are audited too. `by` says who asked, when and from where.
 */
async function checkPatientAccess(
  deps: Pick<AccessDeps, 'db'>,
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
    if (by.actor.role === 'patient') throw notFound(access.hiddenAs ?? 'Patient');
    throw new AppError('FORBIDDEN', `Your role cannot ${access.mode} this part of a patient record.`);
  }
  if (!(await patientExists(db, patientId))) {
    throw notFound(by.actor?.role === 'patient' ? (access.hiddenAs ?? 'Patient') : 'Patient');
  }
  await recordAudit(db, by, { ...entry, action: access.action });
}

/**
 * The request-free check for use cases the CLI and jobs call too: same answers and audit entries as a
 * route's `config.patient`, at the deps clock's now. `ip` is the caller's address when there is one.
 */
export function assertPatientAccess(
  deps: AccessDeps,
  actor: Actor | null,
  patientId: string,
  access: PatientAccess,
  ip: string | null = null,
): Promise<void> {
  return checkPatientAccess(deps, { actor, at: deps.clock.now(), ip }, patientId, access);
}

/** A declaration value that is fixed or read from the request (e.g. a role-dependent scope). */
type FromRequest<T> = T | ((req: FastifyRequest) => T | Promise<T>);

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
  resourceId?: 'new' | ((req: FastifyRequest) => string | undefined | Promise<string | undefined>);
  /** As `PatientAccess.hiddenAs`. */
  hiddenAs?: string;
}

/** The patient's id is a field of the validated params, body or query string. */
export interface PatientFromRequest extends PatientRouteScopeBase {
  from: 'params' | 'body' | 'query';
  key: string;
}

/** What `resolve` found: the patient, and optionally the audited record's id and the record itself. */
export interface ResolvedPatient {
  patientId: string;
  resourceId?: string;
  /** Handed to the handler as `req.patientScope.record` so it need not load it twice. */
  record?: unknown;
}

/**
 * The patient is found through another record (a photo, a measurement): `resolve` loads it and returns
 * its patient's id, or null for "no such record" (404 `notFound`, 'Patient' when absent); it may also
 * throw its own AppError. With `optional`, null means the request touches no patient record at all
 * (e.g. an anonymous self-assessment) and nothing is checked.
 */
export interface PatientResolved extends PatientRouteScopeBase {
  resolve: (deps: AppDeps, req: FastifyRequest) => Promise<string | ResolvedPatient | null>;
  notFound?: string;
  optional?: boolean;
}

type PatientRouteScope = PatientFromRequest | PatientResolved;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Which patient's record the route touches and how: one preHandler checks and audits it before the
     * handler runs (lib/patient-scope.ts). Required on every patient-scoped route (checked at start-up).
     */
    patient?: PatientRouteScope | readonly PatientRouteScope[];
  }
  interface FastifyRequest {
    /**
     * Set once `config.patient` has been checked (the first declaration when there are several): the
     * patient, the audited record id, and the record `resolve` loaded.
     */
    patientScope: { patientId: string; resourceId: string; record?: unknown } | null;
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

const fromRequest = async <T>(v: FromRequest<T>, req: FastifyRequest): Promise<T> =>
  typeof v === 'function' ? (v as (req: FastifyRequest) => T | Promise<T>)(req) : v;

/**
 * What `resolve` answers for a record that carries its patient: the patient, the record as the audited
 * resource, and the record for the handler; null (404) when there is no such record.
 */
export function recordScope(row: { id: string; patient_id: string } | undefined): ResolvedPatient | null {
  return row ? { patientId: row.patient_id, resourceId: row.id, record: row } : null;
}

/** The record a `resolve` declaration loaded for this request. */
export function scopedRecord<T>(req: FastifyRequest): T {
  const record = req.patientScope?.record;
  if (record === undefined) throw new Error('config.patient resolved no record for this route');
  return record as T;
}

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

async function patientOf(
  app: FastifyInstance,
  decl: PatientRouteScope,
  req: FastifyRequest,
): Promise<ResolvedPatient | null> {
  if ('resolve' in decl) {
    const found = await decl.resolve(app.deps, req);
    if (found === null) {
      if (decl.optional) return null;
      throw notFound(decl.notFound ?? 'Patient');
    }
    return typeof found === 'string' ? { patientId: found } : found;
  }
  const part = (decl.from === 'params' ? req.params : decl.from === 'body' ? req.body : req.query) as
    | Record<string, unknown>
    | undefined;
  const id = part?.[decl.key];
  // The route's schema validated the part; a missing id is a declaration bug, not the caller's.
  if (typeof id !== 'string') throw new Error(`config.patient: ${decl.from}.${decl.key} is not a string`);
  return { patientId: id };
}

/** Checks one declaration for the request; returns what the handler may read, or null (optional, none). */
async function checkDeclared(
  app: FastifyInstance,
  decl: PatientRouteScope,
  req: FastifyRequest,
): Promise<FastifyRequest['patientScope']> {
  const found = await patientOf(app, decl, req);
  if (!found) return null;
  const resourceId = found.resourceId ?? (decl.resourceId === 'new' ? newId() : await decl.resourceId?.(req));
  await checkPatientAccess(app.deps, auditActorOf(req), found.patientId, {
    scope: await fromRequest(decl.scope, req),
    mode: await fromRequest(decl.mode, req),
    action: await fromRequest(decl.action, req),
    resource: decl.resource ?? 'patient',
    resourceId,
    hiddenAs: decl.hiddenAs,
  });
  return { patientId: found.patientId, resourceId: resourceId ?? found.patientId, record: found.record };
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
      const unchecked = methods.some((m) => m !== 'HEAD');
      if (isPatientScopedUrl(route.url) && unchecked) {
        throw new Error(
          `Route ${methods.join(',')} ${route.url} is patient-scoped but declares no config.patient`,
        );
      }
      return;
    }
    const decls: readonly PatientRouteScope[] = Array.isArray(decl) ? decl : [decl as PatientRouteScope];
    const guard = async (req: FastifyRequest): Promise<void> => {
      // In order, each audited: a merge checks the kept record, then the one merged into it.
      let first: FastifyRequest['patientScope'] | undefined;
      for (const d of decls) {
        const checked = await checkDeclared(app, d, req);
        first ??= checked;
      }
      req.patientScope = first ?? null;
    };
    const existing = route.preHandler;
    route.preHandler = existing ? [guard, ...(Array.isArray(existing) ? existing : [existing])] : [guard];
  });
}
