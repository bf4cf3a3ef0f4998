import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { useClinicInfo } from '../../lib/use-clinic';
import { useAppointmentTypes } from '../booking/booking-api';

const price = (cents: number) => (cents ? `$${(cents / 100).toFixed(0)}` : 'no charge');

/**
 * The clinic behind this site: who and where it is and which visits can be booked online. Loaded
 * in the browser (the prerendered page carries the general text only), and left out quietly when
 * it cannot be loaded: the rest of the page stands on its own.
 */
function ThisClinic() {
  const clinic = useClinicInfo();
  const types = useAppointmentTypes();
  const c = clinic.data;
  if (!c) return null;
  return (
    <section className="card this-clinic" aria-labelledby="this-clinic-heading" style={{ marginTop: 24 }}>
      <h2 id="this-clinic-heading">{c.name}</h2>
      <p>
        {c.address && (
          <>
            {c.address}
            <br />
          </>
        )}
        Phone <a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>{c.phone}</a> · Email{' '}
        <a href={`mailto:${c.email}`}>{c.email}</a>
        {c.website && (
          <>
            {' '}
            · <a href={c.website}>{c.website.replace(/^https?:\/\//, '')}</a>
          </>
        )}
      </p>
      {types.data?.some((t) => t.isPublic) && (
        <>
          <h3>Visits you can book online</h3>
          <ul>
            {types.data
              .filter((t) => t.isPublic)
              .map((t) => (
                <li key={t.id}>
                  <Link to={`/book?type=${encodeURIComponent(t.slug)}`}>{t.name}</Link>: {t.durationMinutes}{' '}
                  minutes, {price(t.priceCents)}
                </li>
              ))}
          </ul>
        </>
      )}
      <p className="muted small">
        Treatment prices over several years, with what is known about each treatment:{' '}
        <Link to="/cost">cost estimator</Link>.
      </p>
    </section>
  );
}

export function HomePage() {
  usePageMeta(
    'Anagen',
    'Hair-loss care explained plainly: what each treatment can and cannot do, what it costs, and how to book a consultation.',
  );
  return (
    <>
      <section className="hero">
        <h1>Hair-loss care, explained plainly</h1>
        <p>
          Find out what is known about each treatment — and what is not — before you spend money on it. Check
          whether you are a likely candidate, compare options and costs, then book a consultation with a
          clinician.
        </p>
        <div className="row">
          <Link className="btn" to="/book">
            Book a consultation
          </Link>
          <Link className="btn secondary" to="/assessment">
            Am I a candidate?
          </Link>
        </div>
      </section>
      <ThisClinic />
      <div className="grid" style={{ marginTop: 24 }}>
        <section className="card">
          <h2>Learn</h2>
          <p>How hair grows and why it thins, and what studies found for each treatment, with the sources.</p>
          <Link to="/learn">Read the guide</Link>
        </section>
        <section className="card">
          <h2>Compare</h2>
          <p>Evidence, regulatory status, sessions and multi-year cost, side by side.</p>
          <Link to="/compare">Compare treatments</Link>
        </section>
        <section className="card">
          <h2>Track</h2>
          <p>
            Standardized photos and measured hair density, so you can see whether a treatment is working for
            you.
          </p>
          <Link to="/sign-in">Sign in to your portal</Link>
        </section>
      </div>
    </>
  );
}
