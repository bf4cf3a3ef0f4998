import { DOCUMENT_KIND_LABELS, type DocumentKind, lossTypeLabel, stageLabel } from '@anagen/core/contracts';
import type { PatientEverythingInput } from '@anagen/core/fhir';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Reads everything the FHIR export covers for one patient; undefined when the patient is unknown. */
export async function gatherPatientEverything(
  db: Kysely<Database>,
  patientId: string,
): Promise<PatientEverythingInput | undefined> {
  const patient = await db
    .selectFrom('patients')
    .select(['id', 'name', 'email', 'phone', 'birth_date as birthDate', 'sex'])
    .where('id', '=', patientId)
    .executeTakeFirst();
  if (!patient) return undefined;
  const appointments = await db
    .selectFrom('appointments')
    .innerJoin('appointment_types', 'appointment_types.id', 'appointments.type_id')
    .innerJoin('providers', 'providers.id', 'appointments.provider_id')
    .select([
      'appointments.id',
      'appointments.status',
      'appointments.start_at',
      'appointments.end_at',
      'appointments.notes',
      'appointment_types.name as typeName',
      'providers.name as providerName',
    ])
    .where('appointments.patient_id', '=', patientId)
    .orderBy('appointments.start_at')
    .execute();
  const plans = await db
    .selectFrom('treatment_plans')
    .select(['id', 'treatment_slug', 'status', 'sessions_planned', 'goal', 'created_at'])
    .where('patient_id', '=', patientId)
    .orderBy('created_at')
    .execute();
  const sessions = await db
    .selectFrom('treatment_sessions')
    .leftJoin('providers', 'providers.id', 'treatment_sessions.provider_id')
    .select([
      'treatment_sessions.id',
      'treatment_sessions.treatment_slug',
      'treatment_sessions.performed_at',
      'treatment_sessions.status',
      'treatment_sessions.notes',
      'providers.name as providerName',
    ])
    .where('treatment_sessions.patient_id', '=', patientId)
    .orderBy('treatment_sessions.performed_at')
    .execute();
  const measurements = await db
    .selectFrom('measurements')
    .select([
      'id',
      'site',
      'taken_at',
      'source',
      'corrects_id',
      'hair_count',
      'density_per_cm2',
      'mean_diameter_um',
      'vellus_ratio',
    ])
    .where('patient_id', '=', patientId)
    .orderBy('taken_at')
    .execute();
  const consents = await db
    .selectFrom('consent_signatures')
    .select(['id', 'treatment_slug', 'version', 'signed_at'])
    .where('patient_id', '=', patientId)
    .orderBy('signed_at')
    .execute();
  const sideEffects = await db
    .selectFrom('side_effect_reports')
    .select(['id', 'created_at', 'symptoms_json', 'severity', 'urgency', 'note'])
    .where('patient_id', '=', patientId)
    .orderBy('created_at')
    .execute();
  const diagnoses = await db
    .selectFrom('diagnoses')
    .select(['id', 'loss_type', 'scale', 'stage', 'diagnosed_at', 'source', 'notes'])
    .where('patient_id', '=', patientId)
    .orderBy('diagnosed_at')
    .execute();
  const addenda = await db
    .selectFrom('session_addenda')
    .innerJoin('treatment_sessions', 'treatment_sessions.id', 'session_addenda.session_id')
    .select(['session_addenda.session_id', 'session_addenda.text', 'session_addenda.created_at'])
    .where('treatment_sessions.patient_id', '=', patientId)
    .orderBy('session_addenda.created_at')
    .execute();
  const documents = await db
    .selectFrom('patient_documents')
    .select(['id', 'title', 'kind', 'mime', 'size_bytes', 'created_at'])
    .where('patient_id', '=', patientId)
    .orderBy('created_at')
    .execute();
  return {
    patient,
    conditions: diagnoses.map((d) => ({
      id: d.id,
      code: d.loss_type,
      label: lossTypeLabel(d.loss_type),
      stage: stageLabel(d.scale, d.stage) || null,
      recordedAt: Number(d.diagnosed_at),
      source: d.source === 'assessment' ? ('assessment' as const) : ('clinician' as const),
      note: d.notes,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      kindLabel: DOCUMENT_KIND_LABELS[d.kind as DocumentKind] ?? d.kind,
      mime: d.mime,
      sizeBytes: Number(d.size_bytes),
      createdAt: Number(d.created_at),
      path: `/api/documents/${encodeURIComponent(d.id)}/file`,
    })),
    plans: plans.map((p) => ({
      id: p.id,
      treatment: p.treatment_slug,
      // Our plan states map onto FHIR CarePlan states; "proposed" is a draft, "stopped" was revoked.
      status: { proposed: 'draft', active: 'active', completed: 'completed', stopped: 'revoked' }[p.status],
      sessionsPlanned: p.sessions_planned,
      goal: p.goal || null,
      created: Number(p.created_at),
    })),
    procedures: sessions.map((s) => ({
      id: s.id,
      treatment: s.treatment_slug,
      performedAt: Number(s.performed_at),
      providerName: s.providerName,
      status: s.status === 'signed' ? ('completed' as const) : ('in-progress' as const),
      note: s.notes,
      addenda: addenda
        .filter((a) => a.session_id === s.id)
        .map((a) => ({ at: Number(a.created_at), text: a.text })),
    })),
    measurements: measurements.map((m) => ({
      id: m.id,
      site: m.site,
      takenAt: Number(m.taken_at),
      source: m.source,
      correctsId: m.corrects_id,
      hairCount: m.hair_count,
      densityPerCm2: m.density_per_cm2,
      meanDiameterUm: m.mean_diameter_um,
      vellusRatio: m.vellus_ratio,
    })),
    consents: consents.map((c) => ({
      id: c.id,
      treatment: c.treatment_slug,
      version: c.version,
      signedAt: Number(c.signed_at),
    })),
    adverseEvents: sideEffects.map((e) => ({
      id: e.id,
      reportedAt: Number(e.created_at),
      description: `${(JSON.parse(e.symptoms_json) as string[]).join(', ')}; severity ${e.severity}/10${e.note ? `; ${e.note}` : ''}`,
      urgent: e.urgency === 'urgent',
    })),
    appointments: appointments.map((a) => ({
      id: a.id,
      status: a.status,
      start: Number(a.start_at),
      end: Number(a.end_at),
      typeName: a.typeName,
      providerName: a.providerName,
      notes: a.notes,
    })),
  };
}
