import { describe, expect, it } from 'vitest';
import { auditEvidenceLibrary } from './audit-evidence-library';
import { extractCitationKeys, findMarketingTerms, splitCitations, stripCitations } from './citations';
import { effectBand } from './effect-band';
import {
  EvidenceLibraryError,
  footnoteNumbers,
  loadEvidenceLibrary,
  referenceHref,
} from './load-evidence-library';
import { DOI_PATTERN, ReferenceSchema } from './schema';

describe('citations', () => {
  it('extracts keys in order, keeping duplicates', () => {
    expect(extractCitationKeys('A [^a1] b [^b-2][^a1].')).toEqual(['a1', 'b-2', 'a1']);
    expect(extractCitationKeys('No markers [1] or ^x.')).toEqual([]);
  });

  it('splits prose into text and numbered citations, dropping the space before a marker', () => {
    expect(splitCitations('Hair grows [^w]. Rests [^x].', new Map([['w', 1]]))).toEqual([
      { type: 'text', value: 'Hair grows' },
      { type: 'cite', key: 'w', number: 1 },
      { type: 'text', value: '. Rests' },
      { type: 'cite', key: 'x', number: null },
      { type: 'text', value: '.' },
    ]);
  });

  it('strips markers for plain text', () => {
    expect(stripCitations('Hair grows [^w]. Rests [^x][^y].')).toBe('Hair grows. Rests.');
  });

  it.each([
    ['A revolutionary therapy', ['revolutionary']],
    ['not proven', ['proven']],
    ['Results GUARANTEED', ['guaranteed']],
    ['state of the art and cutting edge', ['cutting-edge', 'cutting edge', 'state-of-the-art']],
    ['the best clinic', ['best']],
    ['improved density, approved drug, bestow', []],
  ])('finds marketing terms in "%s"', (text, terms) => {
    expect(findMarketingTerms(text).sort()).toEqual([...terms].sort());
  });
});

describe('reference schema', () => {
  it.each([
    ['10.1002/sctm.19-0410', true],
    ['10.1016/S0190-9622(98)70007-6', true],
    ['doi:10.1002/x', false],
    ['10.12/short-registrant', false],
    ['https://doi.org/10.1002/x', false],
  ])('DOI %s valid: %s', (doi, ok) => {
    expect(DOI_PATTERN.test(doi)).toBe(ok);
  });

  it('needs a DOI or an https URL', () => {
    const base = { id: 'x', citation: 'X', type: 'web' };
    expect(ReferenceSchema.safeParse(base).success).toBe(false);
    expect(ReferenceSchema.safeParse({ ...base, url: 'http://a.org' }).success).toBe(false);
    expect(ReferenceSchema.safeParse({ ...base, url: 'https://a.org' }).success).toBe(true);
  });
});

// Citations carry an author list, as the audit requires of papers.
const ref = (id: string) => ({
  id,
  citation: `Smith ${id.toUpperCase()}, et al. A trial named ${id}. J Test. 2020.`,
  type: 'rct',
  url: `https://example.org/${id}`,
});
const page = (text: string, extra: object = {}) => ({
  slug: 'basics',
  title: 'Basics',
  description: 'A description of this page that is long enough for search engines to show.',
  updated: '2026-11-25',
  order: 1,
  sections: [{ id: 's', heading: 'S', blocks: [{ type: 'paragraph', text, ...extra }] }],
});

describe('auditEvidenceLibrary on minimal content', () => {
  const audit = (refs: object[], guide: object[]) =>
    auditEvidenceLibrary({ references: refs, treatments: [], guide }).problems.map((p) => p.code);

  it('accepts cited prose and uncited advice', () => {
    expect(audit([ref('a')], [page('Hair grows 1 cm a month [^a].')])).toEqual([]);
    expect(
      audit(
        [ref('a')],
        [page('Ask your clinic.', { advice: true }), page('B [^a].', {})].map((p, i) => ({
          ...p,
          slug: `p${i}`,
        })),
      ),
    ).toEqual([]);
  });

  it.each([
    ['an uncited claim', [ref('a')], [page('Hair grows.'), page('X [^a].')], 'uncited-claim'],
    [
      'an uncited figure in advice',
      [ref('a')],
      [page('Wait 3 days.', { advice: true }), page('X [^a].')],
      'uncited-number',
    ],
    ['an unknown key', [ref('a')], [page('X [^a][^b].')], 'unresolved-citation'],
    ['an unused reference', [ref('a'), ref('b')], [page('X [^a].')], 'unused-reference'],
    ['a duplicate reference id', [ref('a'), ref('a')], [page('X [^a].')], 'duplicate-id'],
    ['a schema error', [ref('a')], [{ ...page('X [^a].'), description: 'too short' }], 'schema'],
    ['marketing language', [ref('a')], [page('A miracle [^a].')], 'marketing-language'],
  ])('reports %s', (_n, refs, guide, code) => {
    expect(audit(refs, guide)).toContain(code);
  });
});

describe('loadEvidenceLibrary', () => {
  it('numbers references by first citation and sorts pages', () => {
    const lib = loadEvidenceLibrary({
      references: [ref('a'), ref('b')],
      treatments: [],
      guide: [
        { ...page('X [^b]. Y [^a][^b].'), slug: 'two', order: 2 },
        { ...page('Z [^a].'), slug: 'one', order: 1 },
      ],
    });
    expect(lib.guide.map((g) => g.slug)).toEqual(['one', 'two']);
    expect(lib.guide[1]?.references.map((r) => [r.id, r.number])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    expect(footnoteNumbers(lib.guide[1]?.references ?? []).get('a')).toBe(2);
  });

  it('throws with every problem listed', () => {
    try {
      loadEvidenceLibrary({ references: [ref('a')], treatments: [], guide: [page('Uncited.')] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EvidenceLibraryError);
      expect((e as EvidenceLibraryError).problems.map((p) => p.code).sort()).toEqual([
        'uncited-claim',
        'unused-reference',
      ]);
    }
  });

  it('links DOIs through the resolver', () => {
    expect(referenceHref({ doi: '10.1/x' })).toBe('https://doi.org/10.1/x');
    expect(referenceHref({ url: 'https://a.org' })).toBe('https://a.org');
  });
});

describe('effectBand', () => {
  const base = { label: 'x', studyIds: ['a'], weeks: 16, comparison: 'change-from-baseline' } as const;
  it('scales a hair-count baseline by a percent change', () => {
    expect(
      effectBand(
        { ...base, value: 28.1, controlValue: 7.1, unit: 'percent-change-hair-count' },
        100,
        'hair-count',
      ),
    ).toEqual({
      expected: 128.1,
      control: 107.1,
      weeks: 16,
      comparison: 'change-from-baseline',
    });
  });
  it('adds a density change to a density baseline, with the confidence interval', () => {
    const b = effectBand(
      {
        ...base,
        value: 27.6,
        ciLow: 14,
        ciHigh: 41.1,
        unit: 'hairs-per-cm2',
        weeks: null,
        comparison: 'difference-vs-control',
      },
      150,
      'hairs-per-cm2',
    );
    expect(b).toEqual({
      expected: 177.6,
      low: 164,
      high: 191.1,
      weeks: null,
      comparison: 'difference-vs-control',
    });
  });
  it.each([
    [
      'a density change on a hair count',
      { ...base, value: 10, unit: 'hairs-per-cm2' as const },
      100,
      'hair-count' as const,
    ],
    [
      'a standardised mean difference',
      { ...base, value: 1.27, unit: 'smd' as const },
      100,
      'hairs-per-cm2' as const,
    ],
    [
      'a share of responders',
      { ...base, value: 35, unit: 'percent-responders' as const },
      100,
      'hairs-per-cm2' as const,
    ],
    [
      'a zero baseline',
      { ...base, value: 10, unit: 'percent-change-hair-count' as const },
      0,
      'hair-count' as const,
    ],
  ])('is null for %s', (_n, effect, baseline, unit) => {
    expect(effectBand(effect, baseline, unit)).toBeNull();
  });
});
