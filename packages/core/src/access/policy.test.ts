import { describe, expect, it } from 'vitest';
import { type Actor, canAccessPatient, canCallRoute, type PatientScope } from './policy';

const patient: Actor = { userId: 'u1', role: 'patient', name: 'P', patientId: 'p1' };
const desk: Actor = { userId: 'u2', role: 'desk', name: 'D' };
const clinician: Actor = { userId: 'u3', role: 'clinician', name: 'C' };
const admin: Actor = { userId: 'u4', role: 'admin', name: 'A' };

describe('canAccessPatient', () => {
  const cases: [string, Actor | null, string, PatientScope, 'read' | 'write', boolean][] = [
    ['anonymous visitors see nothing', null, 'p1', 'demographics', 'read', false],
    ['a patient reads their own clinical record', patient, 'p1', 'clinical', 'read', true],
    ['a patient cannot edit clinical records', patient, 'p1', 'clinical', 'write', false],
    ['a patient reports about themself', patient, 'p1', 'patient-input', 'write', true],
    ['a patient never reads another patient', patient, 'p2', 'demographics', 'read', false],
    ['a patient never writes for another patient', patient, 'p2', 'patient-input', 'write', false],
    ['front desk reads demographics', desk, 'p1', 'demographics', 'read', true],
    ['front desk books appointments', desk, 'p1', 'scheduling', 'write', true],
    ['front desk never reads clinical notes', desk, 'p1', 'clinical', 'read', false],
    ['front desk never reads patient input', desk, 'p1', 'patient-input', 'read', false],
    ['clinicians write clinical records', clinician, 'p1', 'clinical', 'write', true],
    ['admins read clinical records for audit', admin, 'p1', 'clinical', 'read', true],
    ['admins do not write clinical records', admin, 'p1', 'clinical', 'write', false],
  ];
  it.each(cases)('%s', (_name, actor, patientId, scope, mode, expected) => {
    expect(canAccessPatient(actor, patientId, scope, mode)).toBe(expected);
  });

  it('denies a patient account that is not linked to any patient record', () => {
    const unlinked: Actor = { userId: 'u9', role: 'patient', name: 'X' };
    expect(canAccessPatient(unlinked, 'p1', 'demographics', 'read')).toBe(false);
  });
});

describe('canCallRoute', () => {
  it('lets anyone call public routes', () => expect(canCallRoute(null, 'public')).toBe('ok'));
  it('asks anonymous callers to sign in', () =>
    expect(canCallRoute(null, ['admin'])).toBe('unauthenticated'));
  it('forbids roles that are not listed', () => expect(canCallRoute(desk, ['admin'])).toBe('forbidden'));
  it('allows listed roles', () => expect(canCallRoute(admin, ['admin'])).toBe('ok'));
  it('allows any signed-in user on authenticated routes', () =>
    expect(canCallRoute(patient, 'authenticated')).toBe('ok'));
});
