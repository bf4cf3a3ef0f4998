// Validation errors as people read them: each names its field (`field`, the body or query key,
// without "body."/"querystring." prefixes) and says what to do in plain words. The path stays in
// `path` for programs that read it; it never reaches the message or the problem's `detail`.

export interface FieldError {
  /** Where in the request, e.g. `body.patient.email` (kept for existing clients). */
  path: string;
  /** The form field, e.g. `patient.email`, `from`, `followUpAt`. */
  field: string;
  /** A sentence a person can act on, shown next to the field. */
  message: string;
}

const CONTEXTS = new Set(['body', 'querystring', 'params', 'headers']);

/** Labels for field names whose plain reading is not their camelCase split. */
const LABELS: Record<string, string> = {
  email: 'Email address',
  phone: 'Phone number',
  from: 'Start date',
  to: 'End date',
  start: 'Start time',
  end: 'End time',
  followUpAt: 'Follow-up date',
  onsetAt: 'When it started',
  takenAt: 'Date taken',
  umPerPx: 'Scale (µm per pixel)',
  providerId: 'Provider',
  sessionId: 'Session',
  patientId: 'Patient',
  type: 'Appointment type',
  q: 'Search',
};

/** "patient.email" → "Email address"; "birthDate" → "Birth date". */
export function fieldLabel(field: string): string {
  const last =
    field
      .split('.')
      .filter((s) => !/^\d+$/.test(s))
      .at(-1) ?? '';
  if (!last) return 'This form';
  if (LABELS[last]) return LABELS[last];
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Rewrites a validator's stock message (zod, JSON schema) into plain words; messages written for
 * people in the schemas (e.g. "Choose at least one symptom") are kept as they are.
 */
function plainMessage(message: string, field: string): string {
  const lower = fieldLabel(field).toLowerCase();
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(message);
    if (m) return say(lower, m);
  }
  return message.charAt(0).toUpperCase() + message.slice(1);
}

type Rule = [RegExp, (label: string, m: RegExpExecArray) => string];
/** Stock messages of zod and Fastify's JSON-schema checks, first match wins. */
const RULES: Rule[] = [
  [/received undefined|^required$|^is required|must have required property/i, (l) => `Enter the ${l}`],
  [/invalid email/i, () => 'Enter an email address, like name@example.com'],
  [
    /expected string to have >=(\d+) characters?/i,
    (l, m) => (m[1] === '1' ? `Enter the ${l}` : `The ${l} needs at least ${m[1]} characters`),
  ],
  [
    /expected string to have <=(\d+) characters?/i,
    (l, m) => `The ${l} can be at most ${m[1]} characters long`,
  ],
  [/expected number to be >=?(-?[\d.]+)/i, (l, m) => `The ${l} must be at least ${m[1]}`],
  [/expected number to be <=?(-?[\d.]+)/i, (l, m) => `The ${l} must be at most ${m[1]}`],
  [
    /expected array to have >=(\d+) items?/i,
    (l, m) => (m[1] === '1' ? `Choose at least one ${l}` : `Choose at least ${m[1]} for ${l}`),
  ],
  [/expected (int|integer)/i, (l) => `The ${l} must be a whole number`],
  [/expected number/i, (l) => `The ${l} must be a number`],
  [/expected boolean/i, (l) => `Choose yes or no for ${l}`],
  [/invalid option|expected one of/i, (l) => `Choose one of the offered options for ${l}`],
  [/unrecognized keys?: (.+)/i, (_l, m) => `Not a field this form accepts: ${m[1]!.replace(/"/g, '')}`],
  [/^invalid (input|string|date|iso)/i, (l) => `The ${l} is not valid`],
];

/** One entry from a path given as segments (the first may be the request part, e.g. `body`). */
export function toFieldError(segments: readonly (string | number)[], message: string): FieldError {
  const parts = segments.map(String).filter((s) => s !== '');
  const field = (CONTEXTS.has(parts[0] ?? '') ? parts.slice(1) : parts).join('.');
  return { path: parts.join('.'), field, message: plainMessage(message, field) };
}

/** The problem's `detail`: the messages with their fields' labels, no paths. */
export function describeFieldErrors(errors: readonly FieldError[]): string {
  if (errors.length === 0) return 'Some of what was sent is not valid.';
  const parts = errors.slice(0, 5).map((e) => (e.field ? `${fieldLabel(e.field)}: ${e.message}` : e.message));
  const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
  return `${parts.join('. ')}${more}.`;
}
