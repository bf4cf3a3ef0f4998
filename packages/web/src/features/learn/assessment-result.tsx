import { plainVerdict } from '@anagen/core/assessment';
import type { AssessmentDto } from '@anagen/core/contracts';
import { extractCitationKeys, footnoteNumbers, type NumberedReference } from '@anagen/core/evidence';
import type { RefObject } from 'react';
import { Link } from 'react-router';
import { CitedText } from './components/cited-text';
import { EvidenceBadge } from './components/evidence-badge';
import { ReferenceList } from './components/reference-list';
import { RegulatoryBadge } from './components/regulatory-badge';
import { library, treatmentBySlug } from './library';
import { glossary } from './library-source';

interface Props {
  assessment: AssessmentDto;
  /** The treatment the person came from, if any: the verdict answers about it first. */
  interest?: { slug: string; name: string } | undefined;
  headingRef: RefObject<HTMLHeadingElement | null>;
  signedInAsPatient: boolean;
  onRestart: () => void;
}

/**
 * The result. With any red flag it leads with the referral, kindly, and shows no treatment options
 * or booking button: the next step is a physician, not a sale.
 */
export function AssessmentResult({ assessment, interest, headingRef, signedInAsPatient, onRestart }: Props) {
  const r = assessment.result;
  const verdict = plainVerdict(r, interest);
  // Medical words on this page, explained in plain language (content/glossary.json).
  const pageText = [
    ...r.redFlags.map((f) => f.message),
    ...Object.values(r.contraindications).flatMap((cs) => cs.map((c) => `${c.label} ${c.note}`)),
    r.likelyType.label,
    ...r.options.map((o) => o.reason),
  ]
    .join(' ')
    .toLowerCase();
  const words = glossary.filter((g) => pageText.includes(g.term.toLowerCase().replace(/ medicine$/, '')));
  // The cautions' claims keep their citations, numbered for this page's own source list.
  const cautionRefs: NumberedReference[] = [];
  for (const o of r.options)
    for (const c of r.contraindications[o.slug] ?? [])
      for (const key of extractCitationKeys(c.note)) {
        const ref = library.references.find((x) => x.id === key);
        if (ref && !cautionRefs.some((x) => x.id === key))
          cautionRefs.push({ ...ref, number: cautionRefs.length + 1 });
      }
  const numbers = footnoteNumbers(cautionRefs);
  const bookHref = `/book?type=consultation${assessment.id ? `&assessment=${encodeURIComponent(assessment.id)}` : ''}`;
  return (
    <div className="narrow assessment-result">
      <h1 ref={headingRef} tabIndex={-1}>
        Your result
      </h1>
      <p className={`verdict verdict-${verdict.kind}`}>
        <strong>{verdict.text}</strong>
      </p>
      <p className="muted">
        Based on your answers. This is not a diagnosis; only an examination can confirm the cause.
      </p>

      {r.seePhysicianFirst && (
        <section className="alert warn referral" aria-labelledby="referral-heading">
          <h2 id="referral-heading">Please see a physician first</h2>
          <p>
            Some of your answers point to causes that a doctor should look at before you consider any cosmetic
            hair treatment. Many of these causes can be treated, and finding them early matters.
          </p>
          <ul>
            {r.redFlags.map((f) => (
              <li key={f.code}>{f.message}</li>
            ))}
          </ul>
          <p>
            A general practitioner or a dermatologist is the right place to start. You can print this page and
            take it with you.
          </p>
        </section>
      )}

      <section className="card" aria-labelledby="likely-heading">
        <h2 id="likely-heading">What it most likely is</h2>
        <p>
          <strong>{r.likelyType.label}.</strong>
        </p>
        {r.likelyStage && (
          <p>
            Likely stage: <strong>{r.likelyStage.label}</strong>
            {r.likelyStage.saltScore !== undefined &&
              ` (about ${r.likelyStage.saltScore} % of the scalp without hair)`}
            , which we would describe as {r.likelyStage.severity}.
          </p>
        )}
      </section>

      {!r.seePhysicianFirst && r.options.length > 0 && (
        <section aria-labelledby="options-heading">
          <h2 id="options-heading">Options to discuss, best fit first</h2>
          <p className="muted small">
            Ranked by the strength of the evidence and by your answers. Your clinician will decide with you.
          </p>
          <ol className="options">
            {r.options.map((o) => {
              const t = treatmentBySlug(o.slug);
              const cautions = r.contraindications[o.slug] ?? [];
              return (
                <li key={o.slug} className="card">
                  <h3>
                    <Link to={`/treatments/${o.slug}`}>{o.name}</Link>
                  </h3>
                  <div className="row">
                    <EvidenceBadge grade={o.evidenceGrade} reason={t?.evidenceGrade.reason} />
                    <RegulatoryBadge status={o.regulatoryStatus} sourceUrl={t?.regulatory.sourceUrl} />
                  </div>
                  <p>{o.reason}</p>
                  {cautions.length > 0 && (
                    <div className="alert info small">
                      <strong>Ask first:</strong>{' '}
                      {cautions.map((c) => (
                        <span key={c.label}>
                          {c.label} — <CitedText text={c.note} numbers={numbers} />{' '}
                        </span>
                      ))}
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
          <ReferenceList refs={cautionRefs} headingId="assessment-sources" />
        </section>
      )}

      {words.length > 0 && (
        <section className="card" aria-labelledby="words-heading">
          <h2 id="words-heading">Words used here</h2>
          <dl className="glossary">
            {words.map((g) => (
              <div key={g.term}>
                <dt>{g.term}</dt>
                <dd>{g.definition}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section className="card" aria-labelledby="bring-heading">
        <h2 id="bring-heading">What to bring</h2>
        <ul>
          {r.bringToConsultation.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
        <h2>Questions to ask</h2>
        <ul>
          {r.questionsToAsk.map((q) => (
            <li key={q}>{q}</li>
          ))}
        </ul>
      </section>

      {assessment.id ? (
        <p className="alert ok">Saved to your record. Your clinician will see it before your consultation.</p>
      ) : (
        !signedInAsPatient && (
          <p className="muted small">
            This result was not saved. <Link to="/sign-in?next=/assessment">Sign in</Link> first if you would
            like it on your record.
          </p>
        )
      )}

      <div className="row form-actions">
        {!r.seePhysicianFirst && (
          <Link className="btn" to={bookHref}>
            Book a consultation
          </Link>
        )}
        <button type="button" className="btn secondary" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" className="btn secondary" onClick={onRestart}>
          Start again
        </button>
      </div>
    </div>
  );
}
