import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';

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
