import type {
  FhirAppointmentInput,
  FhirBundle,
  FhirMeasurementInput,
  FhirPatientInput,
  FhirResource,
  PatientEverythingInput,
} from './types';

/** Our own code system for hair measurements: no LOINC codes exist for trichoscopy values. */
export const HAIR_MEASURE_SYSTEM = 'https://anagen.dev/fhir/CodeSystem/hair-measurement';
export const SITE_SYSTEM = 'https://anagen.dev/fhir/CodeSystem/scalp-site';
export const TREATMENT_SYSTEM = 'https://anagen.dev/fhir/CodeSystem/treatment';
export const LOSS_TYPE_SYSTEM = 'https://anagen.dev/fhir/CodeSystem/hair-loss-type';

const iso = (ms: number) => new Date(ms).toISOString();

function splitName(full: string): { family: string; given: string[] } {
  const parts = full.trim().split(/\s+/);
  const family = parts.length > 1 ? parts.pop()! : (parts[0] ?? '');
  return { family, given: parts.length ? parts : [] };
}

export function toFhirPatient(p: FhirPatientInput): FhirResource {
  const { family, given } = splitName(p.name);
  const telecom = [{ system: 'email', value: p.email, use: 'home' }];
  if (p.phone) telecom.push({ system: 'phone', value: p.phone, use: 'mobile' });
  const gender = p.sex === 'male' || p.sex === 'female' ? p.sex : p.sex ? 'other' : 'unknown';
  return {
    resourceType: 'Patient',
    id: p.id,
    active: true,
    name: [{ use: 'official', text: p.name, family, ...(given.length ? { given } : {}) }],
    telecom,
    gender,
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
  };
}

const APPOINTMENT_STATUS: Record<FhirAppointmentInput['status'], string> = {
  booked: 'booked',
  'checked-in': 'checked-in',
  completed: 'fulfilled',
  'no-show': 'noshow',
  cancelled: 'cancelled',
};

function toFhirAppointment(a: FhirAppointmentInput, patientRef: string): FhirResource {
  return {
    resourceType: 'Appointment',
    id: a.id,
    status: APPOINTMENT_STATUS[a.status],
    serviceType: [{ text: a.typeName }],
    start: iso(a.start),
    end: iso(a.end),
    minutesDuration: Math.round((a.end - a.start) / 60_000),
    ...(a.notes ? { comment: a.notes } : {}),
    participant: [
      { actor: { reference: patientRef }, status: 'accepted' },
      { actor: { display: a.providerName }, status: 'accepted' },
    ],
  };
}

const MEASURES: {
  key: keyof FhirMeasurementInput;
  code: string;
  display: string;
  unit: string;
  ucum: string;
}[] = [
  { key: 'densityPerCm2', code: 'hair-density', display: 'Hair density', unit: 'hairs/cm²', ucum: '/cm2' },
  {
    key: 'meanDiameterUm',
    code: 'mean-shaft-diameter',
    display: 'Mean hair shaft diameter',
    unit: 'µm',
    ucum: 'um',
  },
  { key: 'vellusRatio', code: 'vellus-ratio', display: 'Vellus hair ratio', unit: 'ratio', ucum: '1' },
  { key: 'hairCount', code: 'hair-count', display: 'Hair count in field', unit: 'hairs', ucum: '1' },
];

const METHOD_TEXT: Record<FhirMeasurementInput['source'], string> = {
  auto: 'Automated image analysis',
  corrected: 'Clinician-corrected count',
  verified: 'Verified by clinician: hairs reviewed one by one on the image',
};

function toFhirObservation(m: FhirMeasurementInput, patientRef: string): FhirResource {
  const components = MEASURES.filter((d) => typeof m[d.key] === 'number').map((d) => ({
    code: { coding: [{ system: HAIR_MEASURE_SYSTEM, code: d.code, display: d.display }], text: d.display },
    valueQuantity: {
      value: m[d.key] as number,
      unit: d.unit,
      system: 'http://unitsofmeasure.org',
      code: d.ucum,
    },
  }));
  return {
    resourceType: 'Observation',
    id: m.id,
    status: m.source === 'auto' ? 'final' : 'amended',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/observation-category',
            code: 'imaging',
            display: 'Imaging',
          },
        ],
      },
    ],
    code: {
      coding: [
        { system: HAIR_MEASURE_SYSTEM, code: 'trichoscopy-panel', display: 'Trichoscopy measurement' },
      ],
      text: 'Trichoscopy measurement',
    },
    subject: { reference: patientRef },
    effectiveDateTime: iso(m.takenAt),
    bodySite: { coding: [{ system: SITE_SYSTEM, code: m.site }], text: m.site },
    method: { text: METHOD_TEXT[m.source] },
    ...(m.correctsId ? { derivedFrom: [{ reference: `Observation/${m.correctsId}` }] } : {}),
    component: components,
  };
}

/**
 * Builds the FHIR R4 `Patient/$everything` searchset bundle: the patient as the match and every
 * related record as includes. Pure: `now` stamps the bundle.
 */
export function buildPatientEverything(
  input: PatientEverythingInput,
  now: number,
  baseUrl: string,
): FhirBundle {
  const patientRef = `Patient/${input.patient.id}`;
  const resources: { resource: FhirResource; mode: 'match' | 'include' }[] = [
    { resource: toFhirPatient(input.patient), mode: 'match' },
  ];
  for (const a of input.appointments ?? [])
    resources.push({ resource: toFhirAppointment(a, patientRef), mode: 'include' });
  for (const m of input.measurements ?? [])
    resources.push({ resource: toFhirObservation(m, patientRef), mode: 'include' });
  for (const p of input.plans ?? []) {
    resources.push({
      mode: 'include',
      resource: {
        resourceType: 'CarePlan',
        id: p.id,
        status: ['active', 'completed', 'draft', 'revoked', 'on-hold'].includes(p.status)
          ? p.status
          : 'unknown',
        intent: 'plan',
        title: p.treatment,
        ...(p.goal ? { description: p.goal } : {}),
        subject: { reference: patientRef },
        created: iso(p.created),
        ...(p.sessionsPlanned
          ? {
              activity: [
                {
                  detail: {
                    status: 'scheduled',
                    description: `${p.sessionsPlanned} sessions of ${p.treatment}`,
                  },
                },
              ],
            }
          : {}),
      },
    });
  }
  for (const c of input.conditions ?? []) {
    resources.push({
      mode: 'include',
      resource: {
        resourceType: 'Condition',
        id: c.id,
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
        },
        verificationStatus: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
              code: c.source === 'assessment' ? 'provisional' : 'confirmed',
            },
          ],
        },
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/condition-category',
                code: 'encounter-diagnosis',
              },
            ],
          },
        ],
        code: { coding: [{ system: LOSS_TYPE_SYSTEM, code: c.code, display: c.label }], text: c.label },
        ...(c.stage ? { stage: [{ summary: { text: c.stage } }] } : {}),
        subject: { reference: patientRef },
        recordedDate: iso(c.recordedAt),
        ...(c.note ? { note: [{ text: c.note }] } : {}),
      },
    });
  }
  for (const s of input.procedures ?? []) {
    resources.push({
      mode: 'include',
      resource: {
        resourceType: 'Procedure',
        id: s.id,
        status: s.status,
        code: { coding: [{ system: TREATMENT_SYSTEM, code: s.treatment }], text: s.treatment },
        subject: { reference: patientRef },
        performedDateTime: iso(s.performedAt),
        ...(s.providerName ? { performer: [{ actor: { display: s.providerName } }] } : {}),
        ...(s.note || s.addenda?.length
          ? {
              note: [
                ...(s.note ? [{ text: s.note }] : []),
                // Corrections added after signing, each with its own time.
                ...(s.addenda ?? []).map((a) => ({ time: iso(a.at), text: `Addendum: ${a.text}` })),
              ],
            }
          : {}),
      },
    });
  }
  for (const c of input.consents ?? []) {
    resources.push({
      mode: 'include',
      resource: {
        resourceType: 'Consent',
        id: c.id,
        status: 'active',
        scope: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }],
        },
        category: [
          { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Consent Document' }] },
        ],
        patient: { reference: patientRef },
        dateTime: iso(c.signedAt),
        policyRule: { text: `${c.treatment} consent, version ${c.version}` },
      },
    });
  }
  for (const e of input.adverseEvents ?? []) {
    resources.push({
      mode: 'include',
      resource: {
        resourceType: 'AdverseEvent',
        id: e.id,
        actuality: 'actual',
        subject: { reference: patientRef },
        date: iso(e.reportedAt),
        event: { text: e.description },
        seriousness: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness',
              code: e.urgent ? 'serious' : 'non-serious',
            },
          ],
        },
      },
    });
  }
  // The server's own origin (scheme, host, port) from the FHIR base, for absolute download links.
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.exec(baseUrl)?.[0] ?? '';
  for (const d of input.documents ?? []) {
    resources.push({
      mode: 'include',
      resource: {
        resourceType: 'DocumentReference',
        id: d.id,
        status: 'current',
        type: { text: d.kindLabel },
        subject: { reference: patientRef },
        date: iso(d.createdAt),
        description: d.title,
        content: [
          {
            attachment: {
              contentType: d.mime,
              url: `${origin}${d.path}`,
              size: d.sizeBytes,
              title: d.title,
              creation: iso(d.createdAt),
            },
          },
        ],
      },
    });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: iso(now),
    total: resources.length,
    entry: resources.map(({ resource, mode }) => ({
      fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode },
    })),
  };
}
