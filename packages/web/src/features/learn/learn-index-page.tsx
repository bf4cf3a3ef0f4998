import { Link } from 'react-router';
import { usePageMeta } from '../../components/ui/page-title';
import { library } from './library';

const LEARN_INDEX_META = {
  title: 'Guide to hair loss and its treatments',
  description:
    'Plain-language articles on hair loss: causes, what stem cell treatments are, who should see a doctor first, costs, side effects and questions to ask.',
};

export function LearnIndexPage() {
  usePageMeta(LEARN_INDEX_META.title, LEARN_INDEX_META.description);
  return (
    <>
      <h1>Guide</h1>
      <p className="lead">
        What is known about hair loss and its treatments, and what is not. Every claim links to its source.
      </p>
      <ul className="article-list">
        {library.guide.map((g) => (
          <li key={g.slug} className="card">
            <h2>
              <Link to={`/learn/${g.slug}`}>{g.title}</Link>
            </h2>
            <p>{g.description}</p>
            <p className="muted small">Updated {g.updated}</p>
          </li>
        ))}
      </ul>
      <p>
        Looking for a particular treatment? See the <Link to="/treatments">treatment library</Link>.
      </p>
    </>
  );
}
