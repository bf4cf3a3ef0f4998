import type { Appointment, AppointmentType } from '@anagen/core/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Field } from '../../components/ui/field';
import { usePageMeta } from '../../components/ui/page-title';
import { ErrorState, Loading } from '../../components/ui/states';
import { ApiError } from '../../lib/api-client';
import { formatDateTime, zoneName } from '../../lib/clinic-time';
import { formErrorSummary, useFocusFirstInvalid } from '../../lib/form-errors';
import { useMe } from '../auth/use-me';
import { readCarriedAssessment } from '../learn/carried-assessment';
import { postBooking, useAppointmentTypes, withToken } from './booking-api';
import { ProviderChooser, usePublicProviders } from './provider-chooser';
import { type PickedSlot, SlotPicker } from './slot-picker';
import { WhereToGo } from './where-to-go';

const price = (cents: number) => (cents ? `$${(cents / 100).toFixed(0)}` : 'No charge');

/** `/book`: type → day and time → details → confirmation (phone first). */
export function BookPage() {
  usePageMeta(
    'Book an appointment',
    'Choose a free time for a consultation at the clinic and book it online.',
  );
  const [params, setParams] = useSearchParams();
  const types = useAppointmentTypes();
  const [slot, setSlot] = useState<PickedSlot | null>(null);
  const [booked, setBooked] = useState<Appointment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const typeSlug = params.get('type');
  const type = types.data?.find((t) => t.slug === typeSlug) ?? null;
  // A clinician chosen in step 2 (kept in the address, so the choice survives a reload or a shared link).
  const askedProvider = params.get('provider');
  const providerId = askedProvider && type?.providerIds.includes(askedProvider) ? askedProvider : null;
  const step = booked ? 4 : slot ? 3 : type ? 2 : 1;

  // Move focus to the new step's heading so screen-reader and keyboard users follow along.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  if (types.isPending) return <Loading />;
  if (types.error) return <ErrorState error={types.error} />;

  return (
    <div className="narrow booking">
      <p className="muted small">Step {step} of 4</p>
      {step === 1 && (
        <>
          <h1 ref={heading} tabIndex={-1}>
            What would you like to book?
          </h1>
          <ul className="type-list">
            {types.data.map((t: AppointmentType) => (
              <li key={t.id}>
                <button type="button" className="card type-card" onClick={() => setParams({ type: t.slug })}>
                  <strong>{t.name}</strong>
                  <span className="muted">
                    {t.durationMinutes} minutes · {price(t.priceCents)}
                  </span>
                  <span>{t.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {step === 2 && type && (
        <>
          <h1 ref={heading} tabIndex={-1}>
            Choose a day and time
          </h1>
          <p>
            {type.name}, {type.durationMinutes} minutes.{' '}
            <button type="button" className="link-button" onClick={() => setParams({})}>
              Change
            </button>
          </p>
          {notice && (
            <div className="alert warn" role="alert">
              {notice}
            </div>
          )}
          <ProviderChooser
            type={type}
            value={providerId}
            onChange={(p) => setParams(p ? { type: type.slug, provider: p } : { type: type.slug })}
          />
          <SlotPicker
            type={type.slug}
            {...(providerId ? { providerId } : {})}
            onPick={(s) => {
              setNotice(null);
              setSlot(s);
            }}
          />
        </>
      )}
      {step === 3 && type && slot && (
        <DetailsStep
          headingRef={heading}
          type={type}
          slot={slot}
          onBack={() => setSlot(null)}
          onTaken={(message) => {
            setNotice(message);
            setSlot(null);
          }}
          onBooked={setBooked}
        />
      )}
      {step === 4 && booked && <Confirmation headingRef={heading} appointment={booked} />}
    </div>
  );
}

function DetailsStep({
  headingRef,
  type,
  slot,
  onBack,
  onTaken,
  onBooked,
}: {
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  type: AppointmentType;
  slot: PickedSlot;
  onBack: () => void;
  onTaken: (message: string) => void;
  onBooked: (a: Appointment) => void;
}) {
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [key] = useState(() => crypto.randomUUID());
  const [params] = useSearchParams();
  // A self-assessment finished in this tab travels into the notes; the patient can edit or clear it.
  const [carriedNotes] = useState(
    () => readCarriedAssessment(params.get('assessment'))?.summary.slice(0, 2000) ?? '',
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  useFocusFirstInvalid(failure);
  const signedInPatient = me?.role === 'patient';
  const withWhom = usePublicProviders().data?.find((p) => p.id === slot.providerId)?.name;
  const staff = me && me.role !== 'patient';

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const notes = String(form.get('notes') ?? '').trim();
    const body: Record<string, unknown> = { type: type.slug, start: slot.start };
    if (notes) body.notes = notes;
    if (!signedInPatient) {
      const phone = String(form.get('phone') ?? '').trim();
      body.patient = {
        name: String(form.get('name') ?? '').trim(),
        email: String(form.get('email') ?? '').trim(),
        ...(phone ? { phone } : {}),
      };
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const appointment = await postBooking(body, key);
      qc.invalidateQueries({ queryKey: ['availability'] });
      onBooked(appointment);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        qc.invalidateQueries({ queryKey: ['availability'] });
        onTaken(err.message);
        return;
      }
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors());
      setError(formErrorSummary(err));
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Your details
      </h1>
      <div className="card">
        <p>
          <strong>{type.name}</strong>
          {withWhom && ` with ${withWhom}`}
          <br />
          {formatDateTime(slot.start, slot.timeZone)} ({zoneName(slot.timeZone, slot.start)})
        </p>
        <button type="button" className="link-button" onClick={onBack}>
          Choose another time
        </button>
      </div>
      {staff && (
        <p className="alert info">
          You are signed in as staff. Book for a patient from the <Link to="/staff/calendar">calendar</Link>.
        </p>
      )}
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <form onSubmit={submit} noValidate className="stack">
        {signedInPatient ? (
          <p>
            Booking as <strong>{me.name}</strong>.
          </p>
        ) : (
          <>
            <Field
              label="Full name"
              name="name"
              autoComplete="name"
              required
              error={fieldErrors['patient.name']}
            />
            <Field
              label="Email"
              name="email"
              type="email"
              autoComplete="email"
              required
              hint="We send the confirmation and a link to change or cancel here."
              error={fieldErrors['patient.email']}
            />
            <Field
              label="Phone (optional)"
              name="phone"
              type="tel"
              autoComplete="tel"
              error={fieldErrors['patient.phone']}
            />
            <p className="muted small">
              Already have an account? <Link to="/sign-in?next=/book">Sign in</Link> first to see it in your
              portal.
            </p>
          </>
        )}
        <div className="field">
          <label htmlFor="booking-notes">Anything the clinician should know? (optional)</label>
          <textarea
            id="booking-notes"
            name="notes"
            rows={carriedNotes ? 8 : 3}
            maxLength={2000}
            defaultValue={carriedNotes}
          />
        </div>
        <button type="submit" className="btn" disabled={busy || !!staff}>
          {busy ? 'Booking…' : 'Book this time'}
        </button>
      </form>
    </>
  );
}

function Confirmation({
  headingRef,
  appointment: a,
}: {
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  appointment: Appointment;
}) {
  const manage = withToken(`/manage/${a.id}`, a.manageToken);
  const ics = withToken(`/api/appointments/${a.id}/ics`, a.manageToken);
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        You are booked
      </h1>
      <div className="card stack" role="status">
        <p>
          <strong>{a.typeName}</strong> with {a.providerName}
          <br />
          {formatDateTime(a.start, a.timeZone)} ({zoneName(a.timeZone, a.start)})
          <br />
          <WhereToGo a={a} />
        </p>
        <p className="muted small">
          A confirmation is on its way by email, with a link to change or cancel. You can cancel online until{' '}
          {formatDateTime(a.cancellableUntil, a.timeZone)}.
        </p>
        <div className="row">
          <a className="btn" href={ics} download="appointment.ics">
            Add to calendar
          </a>
          <Link className="btn secondary" to={manage}>
            Change or cancel
          </Link>
        </div>
      </div>
    </>
  );
}
