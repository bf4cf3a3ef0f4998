import { describe, expect, it } from 'vitest';
import { buildPatientEverything, toFhirPatient } from './patient-everything';

const patient = {
  id: 'p1',
  name: 'Pat Q Rivera',
  email: 'p@example.com',
  phone: '+1 555',
  birthDate: '1987-04-12',
  sex: 'male',
};

describe('FHIR Patient/$everything', () => {
  it('maps the patient with family and given names, telecom and gender', () => {
    expect(toFhirPatient(patient)).toMatchObject({
      resourceType: 'Patient',
      id: 'p1',
      name: [{ family: 'Rivera', given: ['Pat', 'Q'] }],
      telecom: [
        { system: 'email', value: 'p@example.com' },
        { system: 'phone', value: '+1 555' },
      ],
      gender: 'male',
      birthDate: '1987-04-12',
    });
    expect(toFhirPatient({ ...patient, sex: null, birthDate: null }).gender).toBe('unknown');
  });

  it('puts the patient first as the match and references it from every include', () => {
    const b = buildPatientEverything(
      {
        patient,
        appointments: [
          {
            id: 'a1',
            status: 'completed',
            start: 0,
            end: 1_800_000,
            typeName: 'Consultation',
            providerName: 'Dr M',
            notes: null,
          },
        ],
        measurements: [
          {
            id: 'm1',
            site: 'vertex-centre',
            takenAt: 0,
            source: 'auto',
            hairCount: 120,
            densityPerCm2: 150.5,
            meanDiameterUm: 61,
            vellusRatio: 0.1,
          },
        ],
      },
      Date.parse('2026-01-01T00:00:00Z'),
      'https://clinic.example/api/fhir',
    );
    expect(b.total).toBe(3);
    expect(b.entry[0]!.search.mode).toBe('match');
    expect(b.entry[1]!.resource).toMatchObject({
      resourceType: 'Appointment',
      status: 'fulfilled',
      minutesDuration: 30,
    });
    const obs = b.entry[2]!.resource;
    expect(obs.subject.reference).toBe('Patient/p1');
    expect(obs.component.map((c: { valueQuantity: { value: number } }) => c.valueQuantity.value)).toEqual([
      150.5, 61, 0.1, 120,
    ]);
    expect(b.entry[2]!.fullUrl).toBe('https://clinic.example/api/fhir/Observation/m1');
  });

  it('lists filed documents as DocumentReferences with an absolute download link', () => {
    const b = buildPatientEverything(
      {
        patient,
        documents: [
          {
            id: 'd1',
            title: 'Referral from Dr. Ames',
            kindLabel: 'Referral',
            mime: 'application/pdf',
            sizeBytes: 2048,
            createdAt: Date.parse('2026-02-03T10:00:00Z'),
            path: '/api/documents/d1/file',
          },
        ],
      },
      Date.parse('2026-03-01T00:00:00Z'),
      'https://clinic.example:8443/api/fhir',
    );
    expect(b.entry[1]!.resource).toEqual({
      resourceType: 'DocumentReference',
      id: 'd1',
      status: 'current',
      type: { text: 'Referral' },
      subject: { reference: 'Patient/p1' },
      date: '2026-02-03T10:00:00.000Z',
      description: 'Referral from Dr. Ames',
      content: [
        {
          attachment: {
            contentType: 'application/pdf',
            url: 'https://clinic.example:8443/api/documents/d1/file',
            size: 2048,
            title: 'Referral from Dr. Ames',
            creation: '2026-02-03T10:00:00.000Z',
          },
        },
      ],
    });
  });

  it('leaves out measurement components that are missing instead of inventing zeros', () => {
    const b = buildPatientEverything(
      {
        patient,
        measurements: [
          {
            id: 'm',
            site: 'frontal',
            takenAt: 0,
            source: 'corrected',
            hairCount: 90,
            densityPerCm2: null,
            meanDiameterUm: null,
            vellusRatio: null,
          },
        ],
      },
      0,
      'x',
    );
    const obs = b.entry[1]!.resource;
    expect(obs.status).toBe('amended');
    expect(obs.component).toHaveLength(1);
  });
});
