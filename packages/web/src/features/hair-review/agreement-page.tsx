import type { MeasurementAgreement } from '@anagen/core/contracts';
import { usePageMeta } from '../../components/ui/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/ui/states';
import { useAgreement } from './hair-review-api';

const signed = (v: number, digits = 1) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(digits)}`;

function Stats({ s }: { s: MeasurementAgreement['overall'] }) {
  if (s.n === 0 || s.meanDifference === null) return <span>No verified images yet.</span>;
  return (
    <span>
      {s.n} image{s.n === 1 ? '' : 's'} · mean difference {signed(s.meanDifference)} hairs
      {s.limits
        ? ` · 95 % limits of agreement ${signed(s.limits.lower)} to ${signed(s.limits.upper)} hairs`
        : ' · limits need at least two images'}
      {s.smallSample && ' '}
      {s.smallSample && (
        <strong className="badge grade-low">
          {' '}
          Fewer than 5 images: these figures will move with each new one
        </strong>
      )}
    </span>
  );
}

/**
 * How the engine's count agrees with clinicians' verified counts on this clinic's own images
 * (Bland–Altman: mean difference and 95 % limits of agreement), per dermoscope calibration and
 * engine version. For clinicians and admins.
 */
export default function AgreementPage() {
  usePageMeta('Hair count agreement');
  const q = useAgreement();
  return (
    <>
      <h1>Automatic and verified hair counts</h1>
      <p>
        For every image a clinician verified hair by hair: the engine's count against the verified one. The
        difference is automatic minus verified (positive: the engine counted more). The limits of agreement
        are the mean difference ± 1.96 standard deviations: about 95 % of images fall between them (Bland and
        Altman, Lancet 1986). Only the latest verification of each image counts.
      </p>
      {q.isPending && <Loading label="Loading the agreement…" />}
      {q.error && <ErrorState error={q.error} title="Could not load the agreement" />}
      {q.data && q.data.overall.n === 0 && (
        <EmptyState title="No verified images yet">
          Open a trichoscopy measurement from a patient's photos and choose “Review hairs”.
        </EmptyState>
      )}
      {q.data && q.data.overall.n > 0 && (
        <>
          <p className="card">
            All images: <Stats s={q.data.overall} />
          </p>
          {q.data.groups.map((g) => (
            <section key={`${g.umPerPx}-${g.engineVersion}`} className="card stack agreement-group">
              <h2>
                {g.umPerPx === null ? 'Unknown calibration' : `${g.umPerPx} µm/px`} · engine{' '}
                {g.engineVersion ?? 'unknown'}
              </h2>
              <p>
                <Stats s={g} />
              </p>
              <div className="table-scroll">
                <table>
                  <caption className="visually-hidden">
                    Images verified at this calibration and engine version
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Image</th>
                      <th scope="col">Automatic</th>
                      <th scope="col">Verified</th>
                      <th scope="col">Difference</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.images.map((i, n) => (
                      <tr key={i.verifiedId}>
                        <th scope="row">{n + 1}</th>
                        <td>{i.auto}</td>
                        <td>{i.verified}</td>
                        <td>{signed(i.difference, 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </>
      )}
    </>
  );
}
