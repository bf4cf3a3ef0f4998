import { splitCitations } from '@anagen/core/evidence';
import { Fragment } from 'react';

/**
 * Prose with its `[^key]` markers turned into numbered footnote links to the page's reference list.
 * `numbers` maps citation keys to footnote numbers (see `footnoteNumbers`).
 */
export function CitedText({ text, numbers }: { text: string; numbers: ReadonlyMap<string, number> }) {
  const parts = splitCitations(text, numbers);
  return (
    <>
      {parts.map((p, i) =>
        p.type === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
          <Fragment key={i}>{p.value}</Fragment>
        ) : p.number === null ? null : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
          <sup key={i} className="cite">
            <a href={`#ref-${p.number}`} aria-label={`Source ${p.number}`}>
              [{p.number}]
            </a>
          </sup>
        ),
      )}
    </>
  );
}
