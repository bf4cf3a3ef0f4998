import { footnoteNumbers, type GuideDocument } from '@anagen/core/evidence';
import { Link, useParams } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { NotFoundPage } from '../public/not-found-page';
import { GuideBlockView } from './components/guide-blocks';
import { ReferenceList } from './components/reference-list';
import { guideBySlug } from './library';

export function GuideArticlePage() {
  const doc = guideBySlug(useParams().slug);
  if (!doc) return <NotFoundPage />;
  return <GuideArticle doc={doc} />;
}

function GuideArticle({ doc }: { doc: GuideDocument }) {
  usePageMeta(doc.title, doc.description);
  const numbers = footnoteNumbers(doc.references);
  return (
    <article className="article-layout">
      <header className="article-head">
        <p className="small">
          <Link to="/learn">Guide</Link>
        </p>
        <h1>{doc.title}</h1>
        <p className="lead">{doc.description}</p>
        <p className="muted small">
          Updated {doc.updated}. General information, not medical advice.
          {doc.printable && ' This page is made to be printed and taken to your appointment.'}
        </p>
        {doc.printable && (
          <button type="button" className="btn secondary print-button" onClick={() => window.print()}>
            Print this page
          </button>
        )}
      </header>
      <nav aria-label="On this page" className="toc">
        <h2 className="toc-title">On this page</h2>
        <ol>
          {doc.sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.heading}</a>
            </li>
          ))}
          {doc.references.length > 0 && (
            <li>
              <a href="#sources">Sources</a>
            </li>
          )}
        </ol>
      </nav>
      <div className="article">
        {doc.sections.map((s) => (
          <section key={s.id} aria-labelledby={s.id}>
            <h2 id={s.id}>
              {s.heading}{' '}
              {s.label === 'preclinical' && <span className="badge neutral">Preclinical research</span>}
              {s.label === 'unverified' && <span className="badge neutral">Not yet verified</span>}
            </h2>
            {s.blocks.map((b, i) => (
              <GuideBlockView key={b.id ?? `${s.id}-${i}`} block={b} numbers={numbers} />
            ))}
          </section>
        ))}
        <ReferenceList refs={doc.references} />
        <div className="card next-steps">
          <h2>Next steps</h2>
          <div className="row">
            <Link className="btn secondary" to="/assessment">
              Check whether you are a likely candidate
            </Link>
            <Link className="btn secondary" to="/compare">
              Compare treatments
            </Link>
          </div>
        </div>
      </div>
    </article>
  );
}
