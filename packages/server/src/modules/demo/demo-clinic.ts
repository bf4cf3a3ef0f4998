import { PUBLIC_DEMO_PASSWORD } from '@anagen/core/contracts';

/** The demo clinic of the public contract (DESIGN.md): names and slugs here are relied on. */
// Defined in core so passwordSchema can refuse it wherever a password is set.
export const DEMO_PASSWORD = PUBLIC_DEMO_PASSWORD;
const DEMO_TIME_ZONE = 'America/Los_Angeles';

export const DEMO_CLINIC = {
  id: 'demo-clinic',
  name: 'Anagen Demo Clinic',
  phone: '+1 415 555 0134',
  email: 'clinic@example.com',
  website: 'https://clinic.example.com',
  address: '100 Market Street, San Francisco, CA 94105',
};

export const DEMO_LOCATION = {
  id: 'demo-location',
  clinic_id: DEMO_CLINIC.id,
  name: 'San Francisco',
  time_zone: DEMO_TIME_ZONE,
  address: DEMO_CLINIC.address,
};

export const DEMO_USERS = [
  { id: 'demo-user-admin', email: 'admin@example.com', name: 'Alex Admin', role: 'admin' },
  { id: 'demo-user-clinician', email: 'clinician@example.com', name: 'Dr. Casey Morgan', role: 'clinician' },
  { id: 'demo-user-desk', email: 'desk@example.com', name: 'Dana Desk', role: 'desk' },
  { id: 'demo-user-patient', email: 'patient@example.com', name: 'Pat Rivera', role: 'patient' },
  { id: 'demo-user-patient2', email: 'patient2@example.com', name: 'Sam Lee', role: 'patient' },
] as const;

export const DEMO_PATIENTS = [
  {
    id: 'demo-patient-1',
    user_id: 'demo-user-patient',
    name: 'Pat Rivera',
    email: 'patient@example.com',
    phone: '+1 415 555 0101',
    birth_date: '1987-04-12',
    sex: 'male',
  },
  {
    id: 'demo-patient-2',
    user_id: 'demo-user-patient2',
    name: 'Sam Lee',
    email: 'patient2@example.com',
    phone: '+1 415 555 0102',
    birth_date: '1979-09-30',
    sex: 'female',
  },
] as const;

export const DEMO_PROVIDERS = [
  {
    id: 'demo-provider-morgan',
    user_id: 'demo-user-clinician',
    name: 'Dr. Casey Morgan',
    credentials: 'MD, dermatology',
    bio: 'Board-certified dermatologist; hair and scalp disorders.',
  },
  {
    id: 'demo-provider-okafor',
    user_id: null,
    name: 'Dr. Ngozi Okafor',
    credentials: 'MD',
    bio: 'Hair-restoration physician; PRP and procedures.',
  },
  {
    id: 'demo-provider-chen',
    user_id: null,
    name: 'Jamie Chen',
    credentials: 'NP',
    bio: 'Nurse practitioner; consultations and follow-ups.',
  },
] as const;

export const DEMO_RESOURCES = [{ id: 'demo-room-procedure', name: 'Procedure room', kind: 'room' }] as const;

export const DEMO_APPOINTMENT_TYPES = [
  {
    id: 'demo-type-consultation',
    slug: 'consultation',
    name: 'Consultation',
    description:
      'A 30-minute conversation with a clinician about your hair loss, options, costs and evidence.',
    duration_minutes: 30,
    buffer_after_minutes: 0,
    is_public: 1,
    guest_allowed: 1,
    price_cents: 15000,
    treatment_slug: null,
    providers: ['demo-provider-morgan', 'demo-provider-okafor', 'demo-provider-chen'],
    resources: [],
  },
  {
    id: 'demo-type-prp',
    slug: 'prp-session',
    name: 'PRP session',
    description: 'Platelet-rich plasma injections: blood draw, preparation and scalp injections.',
    duration_minutes: 60,
    buffer_after_minutes: 15,
    is_public: 0,
    guest_allowed: 0,
    price_cents: 80000,
    treatment_slug: 'prp',
    providers: ['demo-provider-morgan', 'demo-provider-okafor'],
    resources: [],
  },
  {
    id: 'demo-type-stem-cell',
    slug: 'stem-cell-procedure',
    name: 'Adipose-derived cell procedure',
    description: 'Fat harvest, processing and scalp injection. Needs the procedure room.',
    duration_minutes: 180,
    buffer_after_minutes: 30,
    is_public: 0,
    guest_allowed: 0,
    price_cents: 700000,
    treatment_slug: 'adipose-derived-cell-therapy',
    providers: ['demo-provider-morgan', 'demo-provider-okafor'],
    resources: ['demo-room-procedure'],
  },
  {
    id: 'demo-type-follow-up',
    slug: 'follow-up',
    name: 'Follow-up visit',
    description: 'A 20-minute check of progress, photos and measurements.',
    duration_minutes: 20,
    buffer_after_minutes: 0,
    is_public: 0,
    guest_allowed: 0,
    price_cents: 0,
    treatment_slug: null,
    providers: ['demo-provider-morgan', 'demo-provider-okafor', 'demo-provider-chen'],
    resources: [],
  },
] as const;

/** Weekly hours, local wall time: weekday (Mon=1) → [start, end]. */
export const DEMO_HOURS: Record<string, [number, string, string][]> = {
  'demo-provider-morgan': [1, 2, 3, 4, 5].map((d) => [d, '09:00', '17:00']),
  'demo-provider-okafor': [
    ...[1, 3, 5].map((d): [number, string, string] => [d, '08:00', '16:00']),
    [6, '09:00', '13:00'],
  ],
  'demo-provider-chen': [2, 3, 4].map((d) => [d, '10:00', '18:00']),
};
