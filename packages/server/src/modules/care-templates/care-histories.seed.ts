import { localToUtc, utcToLocal } from '@anagen/core/scheduling';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { consentText, sha256Hex } from '../consents/consents.service';
import { DEMO_LOCATION } from '../demo/demo-clinic';
import type { SeedContext } from '../demo/seed-context';
import { findTemplate } from './care-templates.repository';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * 10:15 clinic time on the clinic day of `ms`: a demo session sits inside its 10:00 PRP visit (see
 * demo-appointments.seed.ts), instead of at whatever time of day the demo happened to be seeded.
 */
function sessionTime(ms: number): number {
  const zone = DEMO_LOCATION.time_zone;
  return localToUtc(zone, utcToLocal(zone, ms).date, '10:15') ?? ms;
}

async function insertSession(
  db: Kysely<Database>,
  s: {
    id: string;
    patientId: string;
    planId: string;
    performedAt: number;
    lot: string;
    bloodMl: number;
    finalMl: number;
    map: { zone: string; volumeMl: number }[];
    notes: string;
  },
): Promise<void> {
  await db
    .insertInto('treatment_sessions')
    .values({
      id: s.id,
      patient_id: s.patientId,
      plan_id: s.planId,
      appointment_id: null,
      provider_id: 'demo-provider-morgan',
      treatment_slug: 'prp',
      performed_at: s.performedAt,
      products_json: JSON.stringify([
        { name: 'PRP preparation kit (single spin)', lot: s.lot },
        { name: 'Lidocaine 1% with epinephrine', lot: `LID-${s.lot.slice(-4)}` },
      ]),
      preparation_json: JSON.stringify({
        kind: 'prp',
        bloodDrawnMl: s.bloodMl,
        spinProtocol: 'Single spin, 10 min at 1500 g',
        finalVolumeMl: s.finalMl,
      }),
      anaesthesia: 'Local infiltration, lidocaine 1% with epinephrine, 4 mL',
      injection_map_json: JSON.stringify(s.map),
      notes: s.notes,
      status: 'signed',
      signed_at: s.performedAt + 2 * 3_600_000,
      signed_by: 'demo-user-clinician',
      post_care_template_id: 'demo-template-post-prp',
      created_by: 'demo-user-clinician',
      created_at: s.performedAt + 3_600_000,
      updated_at: s.performedAt + 2 * 3_600_000,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function insertConsent(
  db: Kysely<Database>,
  c: { id: string; patientId: string; userId: string; name: string; signedAt: number },
): Promise<void> {
  const t = await findTemplate(db, 'demo-template-consent-prp');
  if (!t) return;
  const text = consentText({ ...t, version: 1 });
  await db
    .insertInto('consent_signatures')
    .values({
      id: c.id,
      patient_id: c.patientId,
      template_id: t.id,
      treatment_slug: 'prp',
      version: 1,
      title: t.title,
      signed_text: text,
      text_sha256: sha256Hex(text),
      typed_name: c.name,
      signed_at: c.signedAt,
      user_id: c.userId,
      ip: null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Demo histories, dated relative to the seed's `now`: Pat Rivera (Norwood III vertex) two PRP
 * sessions into a course of three; Sam Lee (Ludwig II) one session in, with a routine side-effect
 * report that a clinician reviewed.
 */
export async function seedCareHistories({ db, now }: SeedContext): Promise<void> {
  const session2a = sessionTime(now - 28 * DAY);
  const exists = await db
    .selectFrom('treatment_plans')
    .select('id')
    .where('id', '=', 'demo-plan-1')
    .executeTakeFirst();
  if (exists) return;
  await db
    .insertInto('diagnoses')
    .values([
      {
        id: 'demo-diagnosis-1a',
        patient_id: 'demo-patient-1',
        loss_type: 'male-pattern-hair-loss',
        scale: 'norwood',
        stage: 'III-vertex',
        diagnosed_at: now - 120 * DAY,
        source: 'assessment',
        notes: 'From the online assessment: gradual thinning at the crown over 4 years.',
        recorded_by: null,
        created_at: now - 120 * DAY,
      },
      {
        id: 'demo-diagnosis-1b',
        patient_id: 'demo-patient-1',
        loss_type: 'male-pattern-hair-loss',
        scale: 'norwood',
        stage: 'III-vertex',
        diagnosed_at: now - 112 * DAY,
        source: 'clinician',
        notes:
          'Confirmed at review against the baseline photos; trichoscopy shows miniaturisation at the vertex, no signs of scarring.',
        recorded_by: 'demo-user-clinician',
        created_at: now - 112 * DAY,
      },
      {
        id: 'demo-diagnosis-2',
        patient_id: 'demo-patient-2',
        loss_type: 'female-pattern-hair-loss',
        scale: 'ludwig',
        stage: 'II',
        diagnosed_at: now - 70 * DAY,
        source: 'clinician',
        notes: 'Widened part, preserved frontal hairline. Ferritin and thyroid tests normal.',
        recorded_by: 'demo-user-clinician',
        created_at: now - 70 * DAY,
      },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();

  await db
    .insertInto('treatment_plans')
    .values([
      {
        id: 'demo-plan-1',
        patient_id: 'demo-patient-1',
        treatment_slug: 'prp',
        sessions_planned: 3,
        interval_weeks: 4,
        maintenance_interval_weeks: 16,
        maintenance_note: 'Maintenance about every 4 months if the first course helps; review at 6 months.',
        goal: 'Slow the loss at the crown and improve density there; continue minoxidil alongside.',
        status: 'active',
        created_by: 'demo-user-clinician',
        created_at: now - 112 * DAY,
        updated_at: now - 112 * DAY,
      },
      {
        id: 'demo-plan-2',
        patient_id: 'demo-patient-2',
        treatment_slug: 'prp',
        sessions_planned: 3,
        interval_weeks: 4,
        maintenance_interval_weeks: null,
        maintenance_note: null,
        goal: 'Reduce thinning along the part; decide on maintenance after the course.',
        status: 'active',
        created_by: 'demo-user-clinician',
        created_at: now - 70 * DAY,
        updated_at: now - 70 * DAY,
      },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();

  await insertConsent(db, {
    id: 'demo-consent-1',
    patientId: 'demo-patient-1',
    userId: 'demo-user-patient',
    name: 'Pat Rivera',
    signedAt: now - 90 * DAY,
  });
  await insertConsent(db, {
    id: 'demo-consent-2',
    patientId: 'demo-patient-2',
    userId: 'demo-user-patient2',
    name: 'Sam Lee',
    signedAt: now - 35 * DAY,
  });

  await insertSession(db, {
    id: 'demo-session-1a',
    patientId: 'demo-patient-1',
    planId: 'demo-plan-1',
    performedAt: sessionTime(now - 84 * DAY),
    lot: 'PRP-24-0917',
    bloodMl: 30,
    finalMl: 6,
    map: [
      { zone: 'vertex', volumeMl: 3 },
      { zone: 'midscalp-centre', volumeMl: 1.5 },
      { zone: 'midscalp-left', volumeMl: 0.75 },
      { zone: 'midscalp-right', volumeMl: 0.75 },
    ],
    notes:
      'First session. Tolerated well; mild discomfort at the vertex. Vertex close-up repeated for comparison.',
  });
  await insertSession(db, {
    id: 'demo-session-1b',
    patientId: 'demo-patient-1',
    planId: 'demo-plan-1',
    performedAt: sessionTime(now - 56 * DAY),
    lot: 'PRP-24-1022',
    bloodMl: 30,
    finalMl: 6.5,
    map: [
      { zone: 'vertex', volumeMl: 3.5 },
      { zone: 'midscalp-centre', volumeMl: 1.5 },
      { zone: 'midscalp-left', volumeMl: 0.75 },
      { zone: 'midscalp-right', volumeMl: 0.75 },
    ],
    notes: 'Second session. Patient reports a day of tenderness after the first; no other effects.',
  });
  await insertSession(db, {
    id: 'demo-session-2a',
    patientId: 'demo-patient-2',
    planId: 'demo-plan-2',
    performedAt: session2a,
    lot: 'PRP-24-1104',
    bloodMl: 20,
    finalMl: 4,
    map: [
      { zone: 'frontal-centre', volumeMl: 1 },
      { zone: 'midscalp-centre', volumeMl: 2 },
      { zone: 'vertex', volumeMl: 1 },
    ],
    notes: 'First session along the part line. Vasovagal feeling at blood draw, settled lying down.',
  });

  // Sore the evening after the session, reported the next morning, reviewed that day.
  const reported = session2a + 22 * HOUR;
  await db
    .insertInto('side_effect_reports')
    .values({
      id: 'demo-side-effect-2',
      patient_id: 'demo-patient-2',
      session_id: 'demo-session-2a',
      treatment_slug: 'prp',
      symptoms_json: JSON.stringify(['redness', 'tenderness', 'headache']),
      severity: 3,
      onset_at: session2a + 8 * HOUR,
      note: 'Scalp sore and a mild headache the evening after.',
      urgency: 'routine',
      reasons_json: '[]',
      review_due_at: reported + 24 * HOUR,
      status: 'reviewed',
      assessment: 'Expected short-lived tenderness after PRP. Advised paracetamol and rest.',
      outcome: 'resolved',
      reviewed_by: 'demo-user-clinician',
      reviewed_at: reported + 5 * HOUR,
      reported_by: 'demo-user-patient2',
      created_at: reported,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
