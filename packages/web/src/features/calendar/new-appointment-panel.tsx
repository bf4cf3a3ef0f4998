import type { Appointment, AppointmentType, Calendar, Patient } from '@anagen/core/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api } from '../../lib/api-client';
import { postBooking, useAppointmentTypes } from '../booking/booking-api';
import { useRefreshSchedule } from './calendar-api';
import { FreeTimes } from './free-times';

/** Staff booking: any type, any patient, a free time from the availability of that day. */
export function NewAppointmentPanel({
  cal,
  date: initialDate,
  onDone,
  onClose,
}: {
  cal: Calendar;
  date: string;
  onDone: (id: string) => void;
  onClose: () => void;
}) {
  const types = useAppointmentTypes();
  const refresh = useRefreshSchedule();
  const [type, setType] = useState('consultation');
  const [q, setQ] = useState('');
  const [patient, setPatient] = useState<Patient | null>(null);
  const [date, setDate] = useState(initialDate);
  const [providerId, setProviderId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  // Shown once the API says this procedure needs a consultation first.
  const [needsOverride, setNeedsOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const found = useQuery({
    queryKey: ['patients', q],
    enabled: q.trim().length >= 2 && !patient,
    queryFn: () => api.get<Patient[]>(`/api/patients?q=${encodeURIComponent(q)}&limit=8`),
  });

  return (
    <div className="card stack">
      <div className="row">
        <h2 style={{ marginRight: 'auto' }}>New appointment</h2>
        <button type="button" className="btn secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor="new-type">Type</label>
        <select id="new-type" value={type} onChange={(e) => setType(e.target.value)}>
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
                  </button>
                </li>
              ))}
              {found.data.length === 0 && <li className="muted">No patient found.</li>}
            </ul>
          )}
        </div>
      )}
      <div className="row">
        <label>
          Date <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
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
          onPick={async (s) => {
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
              onDone(a.id);
            } catch (err) {
              if (err instanceof ApiError && err.code === 'CONSULTATION_REQUIRED') setNeedsOverride(true);
              setError(err instanceof Error ? err.message : 'Please try again.');
              refresh();
            } finally {
              setBusy(false);
            }
          }}
        />
      ) : (
        <p className="muted small">Choose the patient to see free times.</p>
      )}
    </div>
  );
}
