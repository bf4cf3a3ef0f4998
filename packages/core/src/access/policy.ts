export const ROLES = ['patient', 'desk', 'clinician', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES: readonly Role[] = ['desk', 'clinician', 'admin'];

/** Who is asking. `patientId` is set for patient accounts linked to a patient record. */
export interface Actor {
  userId: string;
  role: Role;
  name: string;
  patientId?: string;
}

/**
 * What part of a patient's record is touched:
 * - demographics: name, contact details, date of birth;
 * - scheduling: appointments and their notices;
 * - clinical: assessments, plans, session records, photos, measurements, side effects, consents;
 * - patient-input: what a patient may contribute about themself (assessment, photos, side-effect
 *   reports, consent signatures) — clinical data, but written by the patient.
 */
export type PatientScope = 'demographics' | 'scheduling' | 'clinical' | 'patient-input';
export type AccessMode = 'read' | 'write';

type Grants = Record<Role, Partial<Record<PatientScope, readonly AccessMode[]>>>;

// The one table every patient-data decision is made from. Front desk runs the schedule and the
// contact details but never sees clinical notes; admins audit and export (read) but do not
// write clinical records; clinicians do both.
const STAFF_GRANTS: Omit<Grants, 'patient'> = {
  desk: { demographics: ['read', 'write'], scheduling: ['read', 'write'] },
  clinician: {
    demographics: ['read', 'write'],
    scheduling: ['read', 'write'],
    clinical: ['read', 'write'],
    'patient-input': ['read', 'write'],
  },
  admin: {
    demographics: ['read', 'write'],
    scheduling: ['read', 'write'],
    clinical: ['read'],
    'patient-input': ['read'],
  },
};

const OWN_RECORD_GRANTS: Partial<Record<PatientScope, readonly AccessMode[]>> = {
  demographics: ['read', 'write'],
  scheduling: ['read', 'write'],
  clinical: ['read'],
  'patient-input': ['read', 'write'],
};

/** Decides whether `actor` may `mode` the `scope` part of patient `patientId`'s record. */
export function canAccessPatient(
  actor: Actor | null,
  patientId: string,
  scope: PatientScope,
  mode: AccessMode,
): boolean {
  if (!actor) return false;
  if (actor.role === 'patient') {
    return actor.patientId === patientId && (OWN_RECORD_GRANTS[scope]?.includes(mode) ?? false);
  }
  return STAFF_GRANTS[actor.role][scope]?.includes(mode) ?? false;
}

export function isStaff(actor: Actor | null): boolean {
  return actor !== null && STAFF_ROLES.includes(actor.role);
}

/** Route-level rule: who may call a route at all (record-level rules come from canAccessPatient). */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

export function canCallRoute(
  actor: Actor | null,
  access: RouteAccess,
): 'ok' | 'unauthenticated' | 'forbidden' {
  if (access === 'public') return 'ok';
  if (!actor) return 'unauthenticated';
  if (access === 'authenticated') return 'ok';
  return access.includes(actor.role) ? 'ok' : 'forbidden';
}
