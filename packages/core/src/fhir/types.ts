/** Plain domain records the FHIR mapping reads; the server gathers them from its tables. */
export interface FhirPatientInput {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  birthDate: string | null;
  sex: string | null;
}

export interface FhirAppointmentInput {
  id: string;
  status: 'booked' | 'checked-in' | 'completed' | 'no-show' | 'cancelled';
  start: number;
  end: number;
  typeName: string;
  providerName: string;
  notes: string | null;
}

export interface FhirMeasurementInput {
  id: string;
  site: string;
  takenAt: number;
  source: 'auto' | 'corrected' | 'verified';
  /** For a correction or verification: the automatic measurement it reviews. */
  correctsId?: string | null;
  hairCount: number | null;
  densityPerCm2: number | null;
  meanDiameterUm: number | null;
  vellusRatio: number | null;
}

export interface FhirPlanInput {
  id: string;
  treatment: string;
  status: string;
  sessionsPlanned: number | null;
  goal: string | null;
  created: number;
}

export interface FhirProcedureInput {
  id: string;
  treatment: string;
  performedAt: number;
  providerName: string | null;
  status: 'completed' | 'in-progress';
  note: string | null;
  /** Addenda written after signing, oldest first. */
  addenda?: { at: number; text: string }[];
}

export interface FhirConsentInput {
  id: string;
  treatment: string;
  signedAt: number;
  version: number | string;
}

export interface FhirAdverseEventInput {
  id: string;
  reportedAt: number;
  description: string;
  urgent: boolean;
}

export interface FhirDocumentInput {
  id: string;
  title: string;
  /** Human-readable kind, e.g. "Referral". */
  kindLabel: string;
  mime: string;
  sizeBytes: number;
  createdAt: number;
  /** Where the file is downloaded, relative to the server (resolved against the bundle's base). */
  path: string;
}

export interface FhirConditionInput {
  id: string;
  /** Our loss-type code (e.g. "male-pattern-hair-loss") and its label. */
  code: string;
  label: string;
  /** E.g. "Norwood–Hamilton III-vertex"; null without a scale. */
  stage: string | null;
  recordedAt: number;
  /** From the online self-assessment (provisional) or recorded by a clinician (confirmed). */
  source: 'clinician' | 'assessment';
  note: string | null;
}

export interface PatientEverythingInput {
  patient: FhirPatientInput;
  appointments?: FhirAppointmentInput[];
  measurements?: FhirMeasurementInput[];
  plans?: FhirPlanInput[];
  procedures?: FhirProcedureInput[];
  consents?: FhirConsentInput[];
  adverseEvents?: FhirAdverseEventInput[];
  documents?: FhirDocumentInput[];
  conditions?: FhirConditionInput[];
}

// biome-ignore lint/suspicious/noExplicitAny: FHIR resources are open JSON documents
export type FhirResource = { resourceType: string; id?: string; [key: string]: any };

export interface FhirBundle {
  resourceType: 'Bundle';
  type: 'searchset';
  timestamp: string;
  total: number;
  entry: { fullUrl: string; resource: FhirResource; search: { mode: 'match' | 'include' } }[];
}
