import type { GuideBlock } from '@anagen/core/evidence';
import { Link } from 'react-router';
import { treatmentBySlug } from '../library';
import { CitedText } from './cited-text';

/** One block of a guide section: paragraph, list, checklist, callout, myth/fact or treatment links. */
export function GuideBlockView({
  block,
  numbers,
}: {
  block: GuideBlock;
  numbers: ReadonlyMap<string, number>;
}) {
  switch (block.type) {
    case 'paragraph':
      return (
        <p className={block.advice ? 'advice' : undefined}>
          <CitedText text={block.text} numbers={numbers} />
        </p>
      );
    case 'list':
      return (
        <ul>
          {block.items.map((item) => (
            <li key={item}>
              <CitedText text={item} numbers={numbers} />
            </li>
          ))}
        </ul>
      );
    case 'checklist':
      return (
        <ul className="checklist">
          {block.items.map((item) => (
            <li key={item}>
              <span aria-hidden="true" className="box" />
              <CitedText text={item} numbers={numbers} />
            </li>
          ))}
        </ul>
      );
    case 'callout':
      return (
        <div className={`alert ${block.tone === 'warning' ? 'warn' : 'info'}`}>
          <CitedText text={block.text} numbers={numbers} />
        </div>
      );
    case 'myth-fact':
      return (
        <div className="myth-fact card">
          <p>
            <strong>Myth: </strong>
            <CitedText text={block.myth} numbers={numbers} />
          </p>
          <p>
            <strong>Fact: </strong>
            <CitedText text={block.fact} numbers={numbers} />
          </p>
        </div>
      );
    case 'treatment-links':
      return (
        <ul className="treatment-links">
          {block.slugs.map((slug) => {
            const t = treatmentBySlug(slug);
            return (
              <li key={slug}>
                <Link to={`/treatments/${slug}`}>{t?.name ?? slug}</Link>
              </li>
            );
          })}
        </ul>
      );
  }
}
