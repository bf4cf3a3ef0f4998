import type { Appointment, AppointmentType, Calendar, Patient, SlotDto } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../lib/api-client';
import { postBooking, useAppointmentTypes } from '../booking/booking-api';
import { BookingConfirm } from './booking-confirm';
import { useRefreshSchedule } from './calendar-api';
import { FreeTimes } from './free-times';
import { NewPatientForm } from './new-patient-form';

/** Where a new booking starts from: a clicked calendar slot, a chart's "Book" button, or nothing. */
export interface BookingStart {
  date: string;
  /** ISO instant clicked on the calendar; the first free time from it is suggested. */
  from?: string;
  providerId?: string;
  patient?: Patient;
}

/**
 * Staff booking: type, patient (or a new one), a free time, then a confirmation step before
 * anything is written.
 */
export function NewAppointmentPanel({
  cal,
  start,
  onDone,
  onClose,
}: {
  cal: Calendar;
  start: BookingStart;
  onDone: (a: Appointment, patientName: string) => void;
  onClose: () => void;
}) {
  const types = useAppointmentTypes();
  const refresh = useRefreshSchedule();
  const [type, setType] = useState('consultation');
  const [q, setQ] = useState('');
  const [patient, setPatient] = useState<Patient | null>(start.patient ?? null);
  const [adding, setAdding] = useState(false);
  const [date, setDate] = useState(start.date);
  const [providerId, setProviderId] = useState(start.providerId ?? '');
  const [pick, setPick] = useState<SlotDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  // Shown once the API says this procedure needs a consultation first.
  const [needsOverride, setNeedsOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const typeRef = useRef<HTMLSelectElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const found = useQuery({
    queryKey: ['patients', q],
    enabled: q.trim().length >= 2 && !patient,
    queryFn: () => api.get<Patient[]>(`/api/patients?q=${encodeURIComponent(q)}&limit=8`),
  });
  const chosenType = types.data?.find((t: AppointmentType) => t.slug === type);

  const commit = async (s: SlotDto) => {
    if (!patient) return;
    setBusy(true);
    setError(null);
    try {
      const reason = needsOverride ? overrideReason.trim() : '';
      const a: Appointment = await postBooking(
        {
          type,
          start: s.start,
          providerId: s.providerId,
          patientId: patient.id,
          ...(reason ? { consultationOverrideReason: reason } : {}),
        },
        `${key}:${type}:${s.start}:${s.providerId}:${patient.id}${reason ? ':override' : ''}`,
      );
      refresh();
      onDone(a, patient.name);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONSULTATION_REQUIRED') setNeedsOverride(true);
      setError(err instanceof Error ? err.message : 'Please try again.');
      setPick(null);
      refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card stack">
      <div className="row">
        <h2 style={{ marginRight: 'auto' }} ref={headingRef} tabIndex={-1}>
          New appointment
        </h2>
        <button type="button" className="btn secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      {pick && patient ? (
        <BookingConfirm
          heading="Check and confirm the booking"
          proposal={{
            patientName: patient.name,
            type: chosenType,
            start: pick.start,
            end: pick.end,
            providerId: pick.providerId,
          }}
          cal={cal}
          confirmLabel="Confirm booking"
          busy={busy}
          onConfirm={() => void commit(pick)}
          onBack={() => setPick(null)}
        />
      ) : (
        <>
          <div className="field">
            <label htmlFor="new-type">Type</label>
            <select id="new-type" ref={typeRef} value={type} onChange={(e) => setType(e.target.value)}>
              {(types.data ?? []).map((t: AppointmentType) => (
                <option key={t.id} value={t.slug}>
                  {t.name} ({t.durationMinutes} min)
                </option>
              ))}
            </select>
          </div>
          {patient ? (
            <p>
              Patient: <strong>{patient.name}</strong> ({patient.email}){' '}
              <button type="button" className="link-button" onClick={() => setPatient(null)}>
                Change
              </button>
            </p>
          ) : adding ? (
            <NewPatientForm
              initialName={q}
              onCreated={(p) => {
                setAdding(false);
                setPatient(p);
                // Back to the booking: the next choice is the time.
                requestAnimationFrame(() => typeRef.current?.focus());
              }}
              onCancel={() => setAdding(false)}
            />
          ) : (
            <div className="field">
              <label htmlFor="new-patient">Patient (name or email)</label>
              <input
                id="new-patient"
                type="search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                autoComplete="off"
              />
              {found.data && (
                <ul className="pick-list">
                  {found.data.map((p) => (
                    <li key={p.id}>
                      <button type="button" className="link-button" onClick={() => setPatient(p)}>
                        {p.name} — {p.email}
                        {p.birthDate ? `, born ${p.birthDate}` : ''}
                      </button>
                    </li>
                  ))}
                  {found.data.length === 0 && <li className="muted">No patient found.</li>}
                </ul>
              )}
              <p>
                <button type="button" className="btn secondary small" onClick={() => setAdding(true)}>
                  Add new patient
                </button>
              </p>
            </div>
          )}
          <div className="row">
            <label>
              Date{' '}
              <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
            </label>
            <label>
              Provider{' '}
              <select value={providerId} onChange={(e) => setProviderId(e.target.value)}>
                <option value="">Any</option>
                {cal.providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {needsOverride && (
            <div className="field">
              <label htmlFor="new-override">Reason to book before a consultation</label>
              <input
                id="new-override"
                value={overrideReason}
                minLength={5}
                maxLength={500}
                onChange={(e) => setOverrideReason(e.target.value)}
              />
              <p className="muted small">Stored with the booking. Then pick the time again.</p>
            </div>
          )}
          {patient ? (
            <FreeTimes
              type={type}
              date={date}
              providerId={providerId}
              disabled={busy}
              from={date === start.date ? start.from : undefined}
              onPick={setPick}
            />
          ) : (
            !adding && <p className="muted small">Choose the patient to see free times.</p>
          )}
        </>
      )}
    </div>
  );
}
