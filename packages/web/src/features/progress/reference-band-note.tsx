import type { ReferenceBand } from '@anagen/core/contracts';

const UNIT_TEXT: Record<string, (v: number) => string> = {
  'hairs-per-cm2': (v) => `${v > 0 ? '+' : ''}${v} hairs/cm²`,
  'percent-change-hair-count': (v) => `${v > 0 ? '+' : ''}${v} % hair count`,
  smd: (v) => `standardised mean difference ${v}`,
  'percent-responders': (v) => `${v} % responders`,
};

export function bandValueText(b: ReferenceBand): string {
  const f = UNIT_TEXT[b.unit] ?? ((v: number) => `${v} ${b.unit}`);
  // "95 % CI" means nothing to most readers: say it in words, keep the term for those who know it.
  const ci =
    b.ciLow !== null && b.ciHigh !== null
      ? ` (the true figure is most likely between ${b.ciLow} and ${b.ciHigh}; 95 % confidence interval)`
      : '';
  const when = b.weeks ? ` at ${b.weeks} weeks` : '';
  const control = b.controlValue !== null ? `; comparison group ${f(b.controlValue)}` : '';
  return `${f(b.value)}${ci}${when}${control}`;
}

/** The published result behind a chart band, with its caveats and citations. */
export function ReferenceBandNote({ band }: { band: ReferenceBand }) {
  return (
    <div className="band-note">
      <p>
        <span className="band-swatch" aria-hidden="true" /> <strong>Published result: {band.label}.</strong>{' '}
        {bandValueText(band)}.
      </p>
      <p className="muted small">{band.caveat}</p>
      <p className="small">
        Source:{' '}
        {band.studies.map((s, i) => (
          <span key={s.id}>
            {i > 0 && '; '}
            {s.href ? (
              <a href={s.href} rel="noreferrer" target="_blank">
                {s.citation}
              </a>
            ) : (
              s.citation
            )}
          </span>
        ))}
      </p>
    </div>
  );
}
