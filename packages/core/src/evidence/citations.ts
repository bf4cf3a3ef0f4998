/** A citation marker in prose: `[^tak2020]`. */
const MARKER = /\[\^([^\]\s]+)\]/g;

/** Citation keys in the order they appear in `text` (duplicates kept). */
export function extractCitationKeys(text: string): string[] {
  return [...text.matchAll(MARKER)].map((m) => m[1] ?? '');
}

export type TextSegment =
  | { type: 'text'; value: string }
  | { type: 'cite'; key: string; number: number | null };

/**
 * Splits prose into plain text and citation segments so a renderer can turn markers into numbered
 * footnote links. `numbers` maps a citation key to its footnote number on the page; keys missing from
 * it come back with `number: null`. Whitespace before a marker is dropped so footnotes hug the word.
 */
export function splitCitations(text: string, numbers: ReadonlyMap<string, number>): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(MARKER)) {
    const start = m.index ?? 0;
    const before = text.slice(last, start).replace(/\s+$/, '');
    if (before) segments.push({ type: 'text', value: before });
    const key = m[1] ?? '';
    segments.push({ type: 'cite', key, number: numbers.get(key) ?? null });
    last = start + m[0].length;
  }
  const rest = text.slice(last);
  if (rest) segments.push({ type: 'text', value: rest });
  return segments;
}

/** Prose without its citation markers, e.g. for meta descriptions or plain-text exports. */
export function stripCitations(text: string): string {
  return text
    .replace(MARKER, '')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();
}

/**
 * Words that sell rather than inform. Matching is case-insensitive on word boundaries, so
 * "improved" does not match "proven" but "not proven" does: say "not established" instead.
 */
export const MARKETING_TERMS = [
  'revolutionary',
  'proven',
  'guaranteed',
  'guarantee',
  'miracle',
  'breakthrough',
  'cutting-edge',
  'cutting edge',
  'groundbreaking',
  'game-changing',
  'game changer',
  'state-of-the-art',
  'world-class',
  'unparalleled',
  'unmatched',
  'transformative',
  'life-changing',
  'amazing',
  'incredible',
  'astonishing',
  'magic',
  'risk-free',
  'painless',
  'best',
  'ultimate',
  'instant results',
] as const;

const TERM_PATTERNS = MARKETING_TERMS.map(
  (term) => [term, new RegExp(`(^|[^a-z])${term.replace(/[-\s]/g, '[-\\s]')}([^a-z]|$)`, 'i')] as const,
);

/** The marketing terms found in `text`, lowercased. */
export function findMarketingTerms(text: string): string[] {
  return TERM_PATTERNS.filter(([, re]) => re.test(text)).map(([term]) => term);
}

/** Wording that tells the reader a statement is not yet confirmed. */
export const UNVERIFIED_WORDING = /unverified|not (yet )?(been )?(verified|confirmed|checked)/i;
