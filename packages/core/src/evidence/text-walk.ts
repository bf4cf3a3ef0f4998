/** A piece of prose inside a content document, with the JSON path it came from. */
export interface TextAt {
  path: string;
  text: string;
}

/**
 * Keys whose string values are identifiers, enums, URLs or dates rather than prose; they are not
 * checked for citations or marketing language.
 */
const NON_PROSE_KEYS = new Set([
  'id',
  'slug',
  'slugs',
  'doi',
  'url',
  'sourceUrl',
  'code',
  'unit',
  'type',
  'status',
  'category',
  'per',
  'confidence',
  'asOf',
  'updated',
  'grade',
  'severity',
  'comparison',
  'tone',
  'mode',
  'conditions',
  'sexes',
  'studyIds',
]);

/** Every prose string in `value`, depth-first in document order. */
export function collectProse(value: unknown, path = ''): TextAt[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => collectProse(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      NON_PROSE_KEYS.has(k) ? [] : collectProse(v, path ? `${path}.${k}` : k),
    );
  }
  return [];
}

/** The last key of a JSON path: `sections[0].blocks[1].text` → `text`. */
export function lastKey(path: string): string {
  const m = /([A-Za-z]+)(\[\d+\])*$/.exec(path);
  return m?.[1] ?? '';
}
