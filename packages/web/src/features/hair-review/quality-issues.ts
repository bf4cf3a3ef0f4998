/**
 * Plain words beside the engine's quality codes (core hair-analysis `QualityIssue`). The code stays
 * visible: it is what the API returns and what support and the docs name. Codes this map does not
 * know (a newer engine) are shown as they are.
 */
const HINTS: Record<string, string> = {
  'uncertain-count': 'the count may be far off',
  'few-hairs': 'too few hairs in the field for a reliable density',
};

/** "code (hint)" for known codes, the bare code otherwise. */
export function describeQualityIssue(code: string): string {
  const hint = HINTS[code];
  return hint ? `${code} (${hint})` : code;
}
