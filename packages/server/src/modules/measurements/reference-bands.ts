import type { ReferenceBand, SiteBand } from '@anagen/core/contracts';
import { type EvidenceLibrary, referenceHref } from '@anagen/core/evidence';

const MONTH_DAYS = 30.4375;
const CHARTABLE_UNITS = new Set(['hairs-per-cm2', 'percent-change-hair-count']);

type Treatment = EvidenceLibrary['treatments'][number];

/** Treatments whose published effect can be drawn on a density chart. */
export function comparableTreatments(lib: EvidenceLibrary): { slug: string; name: string }[] {
  return lib.treatments
    .filter((t) => t.effect && CHARTABLE_UNITS.has(t.effect.unit))
    .map((t) => ({ slug: t.slug, name: t.name }));
}

/** The published effect of a treatment as a labelled, cited reference band (null when none is published). */
export function referenceBandFor(t: Treatment): ReferenceBand | null {
  const e = t.effect;
  if (!e) return null;
  const charted = CHARTABLE_UNITS.has(e.unit);
  const caveats: string[] = [];
  if (e.comparison === 'difference-vs-control') {
    caveats.push(
      'This is the difference between treated and untreated groups, not a change from baseline; it is drawn from your baseline as a rough guide only.',
    );
  } else {
    caveats.push(
      `The average change in the trial’s treated group${e.weeks ? ` after ${e.weeks} weeks` : ''}.`,
    );
  }
  if (e.weeks === null) caveats.push('The source pools trials of different lengths.');
  if (e.ciLow === undefined || e.ciHigh === undefined) {
    caveats.push('No confidence interval was published, so only the average is shown.');
  }
  if (!charted) caveats.push('Reported in units that cannot be placed on your density chart.');
  caveats.push('Individual results vary widely; a trial average is not a prediction for you.');
  const byId = new Map(t.studies.map((s) => [s.id, s]));
  return {
    id: `${t.slug}:${e.studyIds.join('+')}`,
    treatmentSlug: t.slug,
    treatmentName: t.name,
    label: e.label,
    unit: e.unit,
    comparison: e.comparison,
    value: e.value,
    ciLow: e.ciLow ?? null,
    ciHigh: e.ciHigh ?? null,
    controlValue: e.controlValue ?? null,
    weeks: e.weeks,
    charted,
    caveat: caveats.join(' '),
    studies: e.studyIds.map((id) => {
      const s = byId.get(id);
      return {
        id,
        citation: s?.citation ?? id,
        year: s?.year ?? null,
        href: s ? referenceHref(s) : '',
      };
    }),
  };
}

/** A charted band converted to hairs/cm² for one site, anchored on that site's baseline density. */
export function siteBand(band: ReferenceBand, baselineDensity: number): SiteBand | null {
  if (!band.charted) return null;
  const at = (v: number | null) => {
    if (v === null) return null;
    const d =
      band.unit === 'percent-change-hair-count' ? baselineDensity * (1 + v / 100) : baselineDensity + v;
    return Math.round(d * 10) / 10;
  };
  return {
    bandId: band.id,
    atMonths: band.weeks === null ? null : Math.round(((band.weeks * 7) / MONTH_DAYS) * 10) / 10,
    mean: at(band.value)!,
    low: at(band.ciLow),
    high: at(band.ciHigh),
    control: at(band.controlValue),
  };
}
