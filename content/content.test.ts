import { type AssessmentInputRaw, AssessmentInputSchema, assessCandidacy } from '@anagen/core/assessment';
import {
  auditEvidenceLibrary,
  collectProse,
  compareTreatments,
  type EvidenceProblemCode,
  effectComparability,
  findMarketingTerms,
  type RawEvidenceContent,
  REGULATORY_STATUS_LABELS,
} from '@anagen/core/evidence';
import { estimateCumulativeCost, planAtRangeEnd, planFromPriceDefault } from '@anagen/core/pricing';
import { describe, expect, it } from 'vitest';
import { getEvidenceLibrary, getPriceDefaults, rawEvidenceContent } from './index';

// biome-ignore lint/suspicious/noExplicitAny: mutation tests poke into arbitrary JSON paths.
type Json = { [k: string]: any };

const clone = (): { references: Json[]; treatments: Json[]; guide: Json[] } =>
  JSON.parse(JSON.stringify(rawEvidenceContent));
const codes = (raw: {
  references: unknown[];
  treatments: unknown[];
  guide: unknown[];
}): EvidenceProblemCode[] => auditEvidenceLibrary(raw as RawEvidenceContent).problems.map((p) => p.code);
const treatment = (raw: ReturnType<typeof clone>, slug: string) =>
  raw.treatments.find((t) => t.slug === slug) as Json;

describe('evidence library content', () => {
  it('passes every check: schema, citations, references, language, unverified labels', () => {
    const { problems } = auditEvidenceLibrary(rawEvidenceContent);
    expect(problems).toEqual([]);
  });

  it('accepts real author lists and titles, and does not ask news or regulators for authors', () => {
    const raw = clone();
    for (const r of raw.references) delete r.unverifiedBibliography;
    const flagged = auditEvidenceLibrary(raw as RawEvidenceContent).problems.map((p) => p.path);
    for (const id of [
      'tak2020',
      'gupta2023',
      'ou2020',
      'gubelinharcha2014',
      'donascimento2020',
      'wolfram2003',
    ])
      expect(flagged).not.toContain(id);
    for (const id of ['fda-exosomes-2019', 'brave-aa', 'style-trial', 'naaf-salt'])
      expect(flagged).not.toContain(id);
  });

  it('checks papers against the papers themselves: only three remain unverified, and none can hide', () => {
    // Each of these was checked against the paper's own page (publisher, PubMed or PMC): the author list
    // and title must pass the audit with no note excusing them.
    const raw = clone();
    for (const r of raw.references) delete r.unverifiedBibliography;
    const flagged = auditEvidenceLibrary(raw as RawEvidenceContent).problems.map((p) => p.path);
    for (const id of [
      'minoxidil-density-table',
      'zhou2021',
      'adsc-cm-2023',
      'kim2021',
      'gentile2020',
      'micrografts-cohort-2021',
      'lllt-addon-2023',
      'su2022',
      'birnbaum2018',
      'statpearls-hair-transplant',
    ])
      expect(flagged, id).not.toContain(id);
    // A new unverified reference must be a decision, not a slip: the list is pinned here.
    const unverified = (rawEvidenceContent.references as { id: string; unverifiedBibliography?: string }[])
      .filter((r) => r.unverifiedBibliography)
      .map((r) => r.id)
      .sort();
    expect(unverified).toEqual(['prp-devices-2014', 'prp-safety-2018', 'tsai-garza2022']);
    // Without their notes, each of the three fails the audit.
    expect(new Set(flagged)).toEqual(new Set(['prp-devices-2014', 'prp-safety-2018', 'tsai-garza2022']));
  });

  it('has one entry per treatment in the issue and the ten guide pages', () => {
    const lib = getEvidenceLibrary();
    expect(lib.treatments.map((t) => t.slug).sort()).toEqual([
      'adipose-cell-therapy',
      'cell-free-stem-cell-products',
      'corticosteroid-injections',
      'dutasteride',
      'exosomes',
      'finasteride',
      'hair-follicle-micrografts',
      'hair-transplant',
      'jak-inhibitors',
      'low-level-laser',
      'microneedling',
      'oral-minoxidil',
      'prp',
      'topical-minoxidil',
    ]);
    expect(lib.guide.map((g) => g.slug)).toEqual([
      'hair-loss-basics',
      'stem-cell-therapy-explained',
      'who-might-benefit',
      'preparing-for-treatment',
      'questions-to-ask',
      'side-effects-and-aftercare',
      'how-long-results-last',
      'myths-and-facts',
      'alternatives-and-combinations',
      'preclinical-research',
    ]);
  });

  it('numbers each page’s references in order of first citation and resolves studies', () => {
    const lib = getEvidenceLibrary();
    for (const doc of [...lib.treatments, ...lib.guide]) {
      expect(doc.references.map((r) => r.number)).toEqual(doc.references.map((_, i) => i + 1));
      expect(doc.references.length).toBeGreaterThan(0);
    }
    const cellFree = lib.treatments.find((t) => t.slug === 'cell-free-stem-cell-products');
    expect(cellFree?.studies[0]).toMatchObject({
      id: 'tak2020',
      doi: '10.1002/sctm.19-0410',
      durationWeeks: 16,
      n: 38,
    });
  });

  it('uses the dossier’s effect sizes for chart reference bands', () => {
    const effect = (slug: string) => getEvidenceLibrary().treatments.find((t) => t.slug === slug)?.effect;
    expect(effect('cell-free-stem-cell-products')).toMatchObject({
      value: 28.1,
      weeks: 16,
      unit: 'percent-change-hair-count',
    });
    expect(effect('prp')).toMatchObject({
      value: 27.6,
      unit: 'hairs-per-cm2',
      comparison: 'difference-vs-control',
    });
    expect(effect('topical-minoxidil')).toMatchObject({ value: 18.6, weeks: 48, controlValue: 3.9 });
  });

  it('describes the hair cycle in the right order, with exogen as shedding', () => {
    const text = collectProse(getEvidenceLibrary().guide[0])
      .map((t) => t.text)
      .join(' ');
    const order = ['Anagen', 'Catagen', 'Telogen', 'Exogen'].map((w) => text.indexOf(`${w} is`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/Exogen is the shedding phase/);
  });

  it('labels the preclinical sections', () => {
    const page = getEvidenceLibrary().guide.find((g) => g.slug === 'preclinical-research');
    expect(page?.sections.filter((s) => s.label === 'preclinical').length).toBeGreaterThanOrEqual(2);
  });
});

describe('comparison rows', () => {
  it('flatten the requested treatments in order and skip unknown slugs', () => {
    const rows = compareTreatments(getEvidenceLibrary(), [
      'prp',
      'nope',
      'adipose-cell-therapy',
      'finasteride',
    ]);
    expect(rows.map((r) => r.slug)).toEqual(['prp', 'adipose-cell-therapy', 'finasteride']);
    expect(rows[0]).toMatchObject({
      evidenceGrade: 'low',
      regulatoryLabel: 'Off-label',
      inductionSessions: 3,
    });
    expect(rows[1]?.regulatoryLabel).toBe(REGULATORY_STATUS_LABELS['unapproved-drug-biologic']);
    expect(rows[2]?.priceRange).toMatchObject({ per: 'month', confidence: 'low' });
  });

  it('name the measure and control of every effect, and mark the issue’s four figures not comparable', () => {
    const rows = compareTreatments(getEvidenceLibrary(), [
      'microneedling',
      'topical-minoxidil',
      'finasteride',
      'prp',
    ]);
    for (const r of rows) {
      expect(r.effect?.measure.length).toBeGreaterThan(10);
      expect(r.effect?.controlLabel?.length).toBeGreaterThan(3);
    }
    expect(rows[1]?.effect).toMatchObject({
      value: 18.6,
      controlValue: 3.9,
      comparison: 'change-from-baseline',
    });
    const c = effectComparability(rows);
    // PRP (a pooled difference from control, no duration) next to finasteride (difference, 52 weeks).
    expect(c.get('prp')?.find((x) => x.name.startsWith('Finasteride'))?.reasons).toEqual([
      'duration not stated for a pooled result',
    ]);
    // Microneedling (change from baseline, 12 weeks) next to finasteride (difference, 52 weeks).
    expect(c.get('microneedling')?.find((x) => x.name.startsWith('Finasteride'))?.reasons).toEqual([
      'one is a change from baseline, the other a difference from a control group',
      'different durations (12 vs 52 weeks)',
    ]);
    for (const r of rows) expect(c.get(r.slug)).toHaveLength(3);
  });
});

describe('the content check fails when', () => {
  it.each<[string, (raw: ReturnType<typeof clone>) => void, EvidenceProblemCode]>([
    [
      'a claim has no citation',
      (r) => (treatment(r, 'prp').claims[0].text = 'PRP adds hair.'),
      'uncited-claim',
    ],
    [
      'a guide paragraph has no citation',
      (r) => (r.guide[0]!.sections[0].blocks[0].text = 'Pattern loss is common.'),
      'uncited-claim',
    ],
    ['a figure has no citation', (r) => (treatment(r, 'prp').downtime = 'About 2 days.'), 'uncited-number'],
    [
      'a citation marker is unresolved',
      (r) => (treatment(r, 'prp').claims[0].text += ' [^nobody2099]'),
      'unresolved-citation',
    ],
    [
      'a paper is cited without its authors',
      (r) =>
        (r.references.find((x) => x.id === 'olsen2002')!.citation =
          'Olsen et al. A randomized trial. J Am Acad Dermatol. 2002.'),
      'reference-without-authors',
    ],
    [
      'a paper has no author list at all',
      (r) =>
        (r.references.find((x) => x.id === 'tak2020')!.citation =
          'A randomized, double-blind, vehicle-controlled clinical study. Stem Cells Transl Med. 2020.'),
      'reference-without-authors',
    ],
    [
      'a paper’s title is a description, not the paper’s own',
      (r) =>
        (r.references.find((x) => x.id === 'dhurat2013')!.citation =
          'Dhurat R, et al. Randomised trial of microneedling with minoxidil (n=100). Int J Trichology. 2013.'),
      'reference-title-not-the-papers',
    ],
    [
      'a paper’s title is a description, with an author list',
      (r) =>
        (r.references.find((x) => x.id === 'olsen2002')!.citation =
          'Olsen EA, et al. Summary of a minoxidil trial. J Am Acad Dermatol. 2002.'),
      'reference-title-not-the-papers',
    ],
    [
      'the note excusing an unchecked citation is removed',
      (r) => {
        delete r.references.find((x) => x.id === 'prp-devices-2014')!.unverifiedBibliography;
      },
      'reference-without-authors',
    ],
    [
      'a reference is unused',
      (r) => r.references.push({ id: 'unused2024', type: 'web', citation: 'x', url: 'https://example.org' }),
      'unused-reference',
    ],
    ['a DOI is malformed', (r) => (r.references[0]!.doi = 'doi:10.1002/x'), 'schema'],
    ['a URL is not https', (r) => (r.references.find((x) => x.url)!.url = 'http://example.org'), 'schema'],
    ['an entry fails the schema', (r) => (treatment(r, 'prp').evidenceGrade.grade = 'strong'), 'schema'],
    [
      'a superlative appears',
      (r) => (treatment(r, 'prp').summary = 'A revolutionary treatment [^kieling2024].'),
      'marketing-language',
    ],
    [
      'an unverified claim is not labelled',
      (r) => (treatment(r, 'prp').claims[0].unverified = true),
      'unverified-not-labelled',
    ],
    [
      'a study is never cited',
      (r) => treatment(r, 'prp').studies.push({ ...treatment(r, 'prp').studies[0], id: 'tak2020' }),
      'unused-study',
    ],
    [
      'a guide links an unknown treatment',
      (r) => r.guide[1]!.sections[0].blocks[4].slugs.push('hair-tonic'),
      'unknown-treatment-link',
    ],
  ])('%s', (_name, mutate, code) => {
    const raw = clone();
    mutate(raw);
    expect(codes(raw)).toContain(code);
  });

  it.each([
    'revolutionary',
    'Proven',
    'guaranteed',
    'miracle',
    'breakthrough',
    'cutting-edge',
    'state of the art',
  ])('recognises "%s" as marketing language', (word) =>
    expect(findMarketingTerms(`A ${word} option.`)).not.toEqual([]),
  );
});

describe('assessment against the real library', () => {
  const base: AssessmentInputRaw = {
    sex: 'male',
    age: 35,
    onset: 'receding-hairline-or-crown',
    durationMonths: 48,
    familyHistory: 'yes',
    scale: { system: 'norwood', stage: 'III-vertex' },
  };
  const run = (o: Partial<AssessmentInputRaw> = {}) =>
    assessCandidacy(AssessmentInputSchema.parse({ ...base, ...o }), getEvidenceLibrary().treatments);

  it('ranks finasteride and topical minoxidil first for a Norwood III-vertex man of 35', () => {
    const r = run();
    expect(r.seePhysicianFirst).toBe(false);
    expect(
      r.options
        .slice(0, 2)
        .map((o) => o.slug)
        .sort(),
    ).toEqual(['finasteride', 'topical-minoxidil']);
    expect(r.options.map((o) => o.slug)).not.toContain('jak-inhibitors');
    const last = r.options.at(-1);
    expect(last?.evidenceGrade).toBe('very-low');
  });

  it('ranks nothing for someone with scarring patches', () => {
    const r = run({ scalpSymptoms: ['scarring-shiny-patches'] });
    expect(r.seePhysicianFirst).toBe(true);
    expect(r.options).toEqual([]);
  });

  it('marks PRP contraindicated with anticoagulants', () => {
    expect(run({ conditions: ['anticoagulants'] }).contraindications.prp?.map((c) => c.code)).toContain(
      'anticoagulants',
    );
  });

  it('marks finasteride, dutasteride and minoxidil contraindicated in pregnancy', () => {
    const r = run({
      sex: 'female',
      age: 30,
      onset: 'gradual-thinning',
      scale: { system: 'ludwig', stage: 'I' },
      conditions: ['pregnancy'],
    });
    for (const slug of ['finasteride', 'dutasteride', 'topical-minoxidil', 'oral-minoxidil'])
      expect(r.contraindications[slug]?.map((c) => c.code)).toContain('pregnancy');
  });
});

describe('demo prices', () => {
  const prices = getPriceDefaults();
  const lib = getEvidenceLibrary();

  it('belong to known treatments and fall inside each treatment’s published range', () => {
    for (const p of prices) {
      const t = lib.treatments.find((x) => x.slug === p.treatmentSlug);
      expect(t, p.treatmentSlug).toBeDefined();
      const range = t?.priceRange;
      expect(range, p.treatmentSlug).not.toBeNull();
      const cents = range?.per === 'month' ? p.monthlyMedicationCents : p.pricePerSessionCents;
      expect(cents).toBeGreaterThanOrEqual((range?.minUsd ?? 0) * 100);
      expect(cents).toBeLessThanOrEqual((range?.maxUsd ?? 0) * 100);
      expect(p.confidence === 'unverified').toBe(range?.confidence === 'unverified');
      expect(findMarketingTerms(p.basis)).toEqual([]);
    }
  });

  it('feed the cost estimator', () => {
    const r = estimateCumulativeCost({ plans: prices.map(planFromPriceDefault) });
    const prp = r.plans.find((p) => p.treatmentSlug === 'prp');
    // 3 induction sessions and 2 maintenance sessions fall in the first year at $1,250 each.
    expect(prp?.byYear[0]).toEqual({ year: 1, cents: 625_000 });
    const fin = r.plans.find((p) => p.treatmentSlug === 'finasteride');
    expect(fin?.byYear.map((y) => y.cents)).toEqual([30_000, 90_000, 150_000, 300_000]);
  });

  it('carry the published low–high range of each treatment, which the estimator shows', () => {
    for (const p of prices) {
      const range = lib.treatments.find((x) => x.slug === p.treatmentSlug)!.priceRange!;
      const r = range.per === 'month' ? p.monthlyMedicationRangeCents : p.pricePerSessionRangeCents;
      expect(r, p.treatmentSlug).toEqual([range.minUsd * 100, range.maxUsd * 100]);
    }
    const prp = planFromPriceDefault(prices.find((p) => p.treatmentSlug === 'prp')!);
    const ranges = prices.find((p) => p.treatmentSlug === 'prp')!;
    const [low, mid, high] = estimateCumulativeCost({
      years: [1],
      plans: [planAtRangeEnd(prp, ranges, 'low'), prp, planAtRangeEnd(prp, ranges, 'high')],
    }).plans.map((x) => x.byYear[0]!.cents);
    // 5 sessions in the first year at $500, $1,250 and $2,000.
    expect([low, mid, high]).toEqual([250_000, 625_000, 1_000_000]);
  });

  it('include the medicine that usually continues after a transplant, with its own range', () => {
    const t = prices.find((p) => p.treatmentSlug === 'hair-transplant')!;
    const fin = prices.find((p) => p.treatmentSlug === 'finasteride')!;
    expect(t.monthlyMedicationCents).toBe(fin.monthlyMedicationCents);
    expect(t.monthlyMedicationRangeCents).toEqual(fin.monthlyMedicationRangeCents);
    expect(t.basis).toMatch(/finasteride/);
    const ten = estimateCumulativeCost({ years: [10], plans: [planFromPriceDefault(t)] }).plans[0]!;
    expect(ten.byYear[0]!.cents).toBe(950_000 + 120 * 2_500);
  });

  it('say when each source was read and, where it has one, the source’s own date', () => {
    for (const p of prices) expect(p.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(prices.find((p) => p.treatmentSlug === 'hair-transplant')!.sourceDated).toMatch(/February 2022/);
  });
});
