import type { Generated } from 'kysely';
import type { DeletionRequestTable } from '../modules/account/account.table';
import type { AssessmentTable } from '../modules/assessments/assessments.table';
import type { AccountTokenTable, UnknownLoginFailureTable } from '../modules/auth/account-tokens.table';
import type { AppointmentTokenTable } from '../modules/booking/appointments.table';
import type { CareTemplateTable } from '../modules/care-templates/care-templates.table';
import type { ConsentSignatureTable } from '../modules/consents/consents.table';
import type { PatientDocumentTable } from '../modules/documents/documents.table';
import type { LocationClosureTable, LocationHoursTable } from '../modules/locations/locations.table';
import type { MeasurementHairsTable, MeasurementTable } from '../modules/measurements/measurements.table';
import type { OutcomeQuestionnaireTable, OutcomeSummaryTable } from '../modules/outcomes/outcomes.table';
import type { PhotoTable } from '../modules/photos/photos.table';
import type {
  ConsultationOverrideTable,
  DiagnosisTable,
  TreatmentPlanTable,
} from '../modules/plans/plans.table';
import type { ChecklistItemTable } from '../modules/preparation/preparation.table';
import type { PublicationTable } from '../modules/publications/publications.table';
import type {
  CareAlertTable,
  SideEffectReportTable,
  SideEffectReviewTable,
} from '../modules/side-effects/side-effects.table';
import type { UserTokenTable } from '../modules/staff/staff.table';
import type { TreatmentPriceTable } from '../modules/treatment-prices/treatment-prices.table';
import type {
  SessionAddendumTable,
  TreatmentSessionTable,
} from '../modules/treatment-sessions/treatment-sessions.table';
import type { UploadUsageTable } from '../modules/uploads/uploads.table';

/**
 * Table types for Kysely. Conventions that hold on both dialects:
 * - ids are text UUIDs; instants are integer epoch milliseconds in `*_at` columns (UTC by definition);
 * - booleans are integers 0/1; structured data is JSON text in `*_json` columns; money is integer cents.
 */
export interface Database {
  clinics: ClinicTable;
  locations: LocationTable;
  users: UserTable;
  patients: PatientTable;
  providers: ProviderTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  jobs: JobTable;
  mail_outbox: MailOutboxTable;
  analysis_slots: AnalysisSlotTable;
  login_attempts: LoginAttemptTable;
  upload_usage: UploadUsageTable;
  resources: ResourceTable;
  appointment_types: AppointmentTypeTable;
  appointment_type_providers: { type_id: string; provider_id: string };
  appointment_type_resources: { type_id: string; resource_id: string };
  provider_hours: ProviderHoursTable;
  provider_exceptions: ProviderExceptionTable;
  appointments: AppointmentTable;
  appointment_resources: { appointment_id: string; resource_id: string };
  blocks: BlockTable;
  idempotency_keys: IdempotencyKeyTable;
  deliveries: DeliveryTable;
  care_templates: CareTemplateTable;
  diagnoses: DiagnosisTable;
  treatment_plans: TreatmentPlanTable;
  treatment_sessions: TreatmentSessionTable;
  session_addenda: SessionAddendumTable;
  consent_signatures: ConsentSignatureTable;
  checklist_items: ChecklistItemTable;
  side_effect_reports: SideEffectReportTable;
  side_effect_reviews: SideEffectReviewTable;
  care_alerts: CareAlertTable;
  consultation_overrides: ConsultationOverrideTable;
  assessments: AssessmentTable;
  treatment_prices: TreatmentPriceTable;
  appointment_tokens: AppointmentTokenTable;
  photos: PhotoTable;
  patient_documents: PatientDocumentTable;
  measurements: MeasurementTable;
  measurement_hairs: MeasurementHairsTable;
  user_tokens: UserTokenTable;
  location_hours: LocationHoursTable;
  location_closures: LocationClosureTable;
  deletion_requests: DeletionRequestTable;
  account_tokens: AccountTokenTable;
  unknown_login_failures: UnknownLoginFailureTable;
  outcome_questionnaires: OutcomeQuestionnaireTable;
  outcome_summaries: OutcomeSummaryTable;
  publications: PublicationTable;
}

interface ClinicTable {
  id: string;
  name: string;
  phone: string;
  email: string;
  website: string | null;
  address: string | null;
  settings_json: string;
}

interface LocationTable {
  id: string;
  clinic_id: string;
  name: string;
  time_zone: string;
  address: string | null;
}

export type Role = 'patient' | 'desk' | 'clinician' | 'admin';

interface UserTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  active: number;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  totp_last_step: number | null;
  /** Null until the address was proven by the link mailed at registration (or a password reset). */
  email_verified_at: number | null;
}

export interface PatientTable {
  id: string;
  user_id: string | null;
  name: string;
  email: string;
  phone: string | null;
  birth_date: string | null;
  sex: string | null;
  created_at: number;
  // Not typed here: `outcomes_stale` (0/1), set by triggers when the patient's measurements, plans or
  // sessions change and cleared by outcome-summaries.repository.ts (decision 223).
}

interface ProviderTable {
  id: string;
  user_id: string | null;
  location_id: string;
  name: string;
  credentials: string | null;
  bio: string | null;
  active: number;
  /** Storage key of the portrait, or null. */
  photo_key: string | null;
}

interface SessionTable {
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  ip: string | null;
}

interface AuditLogTable {
  id: string;
  at: number;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  resource: string;
  resource_id: string | null;
  patient_id: string | null;
  ip: string | null;
  detail: string | null;
}

export interface JobTable {
  id: string;
  kind: string;
  payload_json: string;
  run_at: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  locked_at: number | null;
  last_error: string | null;
  unique_key: string | null;
  created_at: number;
  /** Which worker (host:pid:random) holds the job while it runs; null when nobody does. */
  lease_owner: string | null;
  /** Epoch ms after which another worker may take the job again (its holder is presumed dead). */
  lease_expires_at: number | null;
}

export interface MailOutboxTable {
  idempotency_key: string;
  status: 'sending' | 'sent';
  message_id: string;
  server_response: string | null;
  attempts: number;
  created_at: number;
  sent_at: number | null;
}

interface AnalysisSlotTable {
  slot: number;
  holder: string | null;
  expires_at: number | null;
}

interface LoginAttemptTable {
  id: string;
  key: string;
  at: number;
}

interface ResourceTable {
  id: string;
  location_id: string;
  name: string;
  kind: string;
}

export interface AppointmentTypeTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  duration_minutes: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  is_public: number;
  guest_allowed: number;
  min_notice_minutes: number;
  horizon_days: number;
  slot_step_minutes: number;
  price_cents: number;
  treatment_slug: string | null;
  active: number;
  deposit_note?: string | null;
}

interface ProviderHoursTable {
  id: string;
  provider_id: string;
  location_id: string;
  /** ISO weekday, Monday = 1. */
  weekday: number;
  /** Local wall time "HH:MM" in the location's zone. */
  start_time: string;
  end_time: string;
}

interface ProviderExceptionTable {
  id: string;
  provider_id: string;
  date: string;
  kind: 'off' | 'extra';
  start_time: string | null;
  end_time: string | null;
  reason: string | null;
}

export type AppointmentStatus = 'booked' | 'checked-in' | 'completed' | 'no-show' | 'cancelled';

export interface AppointmentTable {
  id: string;
  type_id: string;
  provider_id: string;
  location_id: string;
  patient_id: string;
  start_at: number;
  end_at: number;
  /** start/end widened by the type's buffers: the span the provider and resources are held. */
  busy_start_at: number;
  busy_end_at: number;
  status: AppointmentStatus;
  notes: string | null;
  manage_token_hash: string | null;
  ical_uid: string;
  ical_sequence: number;
  series_id: string | null;
  patient_confirmed_at: number | null;
  cancelled_at: number | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface BlockTable {
  id: string;
  provider_id: string | null;
  resource_id: string | null;
  start_at: number;
  end_at: number;
  reason: string | null;
  created_by: string | null;
  created_at: number;
}

interface IdempotencyKeyTable {
  key: string;
  request_hash: string;
  status_code: number;
  response_json: string;
  created_at: number;
}

export interface DeliveryTable {
  id: string;
  appointment_id: string | null;
  patient_id: string | null;
  kind: string;
  recipient: string;
  subject: string;
  status: 'queued' | 'sent' | 'failed';
  server_response: string | null;
  job_id: string | null;
  created_at: number;
  sent_at: number | null;
}
