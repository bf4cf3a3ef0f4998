import { mulberry32 as seededRng } from '@anagen/core/seeded-random';

/**
 * Junk requests for every operation of an OpenAPI document, from a seeded generator: the same seed
 * gives the same requests, so a failure found once is found again. Used by openapi-fuzz.test.ts.
 */

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
};

export interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  consumes?: string[];
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** A short description for a failure message. */
  label: string;
}

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) UTF-8 bytes. */
const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

const HUGE = 'ä'.repeat(70_000);

/** Values that have broken parsers, id lookups and SQL before. */
const JUNK_TEXT = [
  '',
  ' ',
  'x',
  '0',
  '-1',
  '1e400',
  '-0',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  "' OR 1=1 --",
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  '💇‍♀️',
  '2026-02-30',
  '2026-13-45T25:61:00Z',
  '9'.repeat(40),
  'a'.repeat(3000),
  'demo-patient-1',
  'demo-user-admin',
  '00000000-0000-0000-0000-000000000000',
];

const JUNK_PATH = [
  'x',
  '0',
  '-1',
  '%00',
  '%E0%A4%A',
  '%25',
  '..%2F..%2Fetc',
  'a'.repeat(3000),
  '9'.repeat(40),
  '%F0%9F%92%87',
  'null',
  'demo-patient-1',
  'demo-patient-2',
  '00000000-0000-0000-0000-000000000000',
  '%20',
];

export function makeFuzzer(seed: number) {
  const rng = seededRng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const chance = (p: number) => rng() < p;

  function junkValue(depth = 0): unknown {
    switch (Math.floor(rng() * 11)) {
      case 0:
        return pick(JUNK_TEXT);
      case 1:
        return pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, -1e-308, 4294967296]);
      case 2:
        return chance(0.5);
      case 3:
        return null;
      case 4:
        return depth > 3 ? [] : [junkValue(depth + 1), junkValue(depth + 1)];
      case 5:
        return depth > 3 ? {} : { [pick(['a', '__proto__', 'constructor', 'id'])]: junkValue(depth + 1) };
      case 6:
        return chance(0.2) ? HUGE : 'b'.repeat(Math.floor(rng() * 600));
      case 7: {
        // deep nesting
        let v: unknown = 1;
        for (let i = 0; i < 200; i++) v = [v];
        return v;
      }
      default:
        return pick(JUNK_TEXT);
    }
  }

  /** A value that mostly fits `schema` (types, enums, formats), so requests reach deeper code. */
  function sample(schema: Schema | undefined, depth = 0): unknown {
    if (!schema || depth > 6) return junkValue(depth);
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return pick(schema.enum);
    const alts = schema.anyOf ?? schema.oneOf;
    if (alts?.length) return sample(pick(alts), depth + 1);
    if (schema.allOf?.length) return sample(schema.allOf[0], depth + 1);
    const type = Array.isArray(schema.type) ? pick(schema.type) : schema.type;
    switch (type) {
      case 'string':
        return sampleString(schema);
      case 'integer':
      case 'number': {
        const lo = schema.minimum ?? -1000;
        const hi = schema.maximum ?? lo + 2_000_000_000_000;
        const v = lo + rng() * Math.min(hi - lo, 1e13);
        return type === 'integer' ? Math.round(v) : v;
      }
      case 'boolean':
        return chance(0.5);
      case 'null':
        return null;
      case 'array': {
        const n = Math.floor(rng() * 4);
        return Array.from({ length: n }, () => sample(schema.items, depth + 1));
      }
      case 'object':
      case undefined: {
        if (!schema.properties) return type === 'object' ? {} : junkValue(depth);
        const out: Record<string, unknown> = {};
        for (const [k, s] of Object.entries(schema.properties)) {
          if (schema.required?.includes(k) || chance(0.6)) out[k] = sample(s, depth + 1);
        }
        return out;
      }
      default:
        return junkValue(depth);
    }
  }

  function sampleString(s: Schema): string {
    switch (s.format) {
      case 'date-time':
        return new Date(
          Date.UTC(2026, 10, 20 + Math.floor(rng() * 40), Math.floor(rng() * 24)),
        ).toISOString();
      case 'date':
        return `2026-${pick(['11', '12', '02'])}-${pick(['01', '15', '28', '29', '30', '31'])}`;
      case 'email':
        return `${pick(['patient', 'admin', 'x', 'new'])}${Math.floor(rng() * 100)}@example.com`;
      case 'uri':
        return pick(['https://example.com/', 'javascript:alert(1)', 'http://127.0.0.1:1/']);
      case 'uuid':
        return '00000000-0000-4000-8000-000000000000';
      default:
        break;
    }
    if (chance(0.3)) return pick(JUNK_TEXT);
    const len = Math.max(s.minLength ?? 1, Math.min(s.maxLength ?? 12, 12));
    return 'abcdefghijklmnopqrstuvwxyz'.repeat(2).slice(0, len);
  }

  /** Replaces one leaf (or the whole) of a sampled value with junk. */
  function mutate(v: unknown, depth = 0): unknown {
    if (v && typeof v === 'object' && !Array.isArray(v) && depth < 4 && chance(0.8)) {
      const keys = Object.keys(v);
      const out = { ...(v as Record<string, unknown>) };
      if (keys.length && chance(0.8)) {
        const k = pick(keys);
        if (chance(0.2)) delete out[k];
        else out[k] = mutate(out[k], depth + 1);
      } else {
        out[pick(['extra', 'id', '__proto__'])] = junkValue();
      }
      return out;
    }
    if (Array.isArray(v) && v.length && chance(0.5)) {
      const copy = [...v];
      const i = Math.floor(rng() * copy.length);
      copy[i] = mutate(copy[i], depth + 1);
      return copy;
    }
    return junkValue(depth);
  }

  function fillPath(path: string, op: Operation): string {
    return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const p = op.parameters?.find((x) => x.in === 'path' && x.name === name);
      return chance(0.4) && p?.schema ? enc(String(sample(p.schema))) : pick(JUNK_PATH);
    });
  }

  function query(op: Operation): string {
    const pairs: string[] = [];
    for (const p of op.parameters ?? []) {
      if (p.in !== 'query' || !chance(0.7)) continue;
      const v = chance(0.5) ? String(sample(p.schema)) : String(pick(JUNK_TEXT));
      pairs.push(`${enc(p.name)}=${enc(v)}`);
      if (chance(0.15)) pairs.push(`${enc(p.name)}=${enc(pick(JUNK_TEXT))}`);
    }
    if (chance(0.2))
      pairs.push(`${pick(['junk', 'limit', 'from', 'to', '__proto__'])}=${pick(['%', '%zz', 'x'])}`);
    return pairs.length ? `?${pairs.join('&')}` : '';
  }

  const PNG_1PX = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
    'base64',
  );

  function multipart(): { payload: Buffer; contentType: string } {
    const boundary = `fuzz${Math.floor(rng() * 1e9)}`;
    const parts: Buffer[] = [];
    const field = (name: string, value: string) =>
      parts.push(
        Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    const names = [
      'view',
      'takenAt',
      'site',
      'umPerPx',
      'patientId',
      'photoId',
      'store',
      'title',
      'kind',
      'x',
    ];
    for (let i = Math.floor(rng() * 5); i > 0; i--)
      field(pick(names), String(pick([...JUNK_TEXT, 'vertex', '5', 'true'])));
    if (chance(0.7)) {
      const file = pick([PNG_1PX, Buffer.from('not an image'), Buffer.alloc(0), PNG_1PX.subarray(0, 30)]);
      parts.push(
        Buffer.from(
          `--${boundary}\r\ncontent-disposition: form-data; name="${pick(['image', 'file', 'other'])}"; filename="${pick(['a.png', '../../x', '', 'ä.jpg'])}"\r\ncontent-type: ${pick(['image/png', 'application/pdf', 'text/plain'])}\r\n\r\n`,
        ),
        file,
        Buffer.from('\r\n'),
      );
    }
    if (!chance(0.15)) parts.push(Buffer.from(`--${boundary}--\r\n`)); // else: truncated
    const contentType = chance(0.1) ? 'multipart/form-data' : `multipart/form-data; boundary=${boundary}`;
    return { payload: Buffer.concat(parts), contentType };
  }

  /** One junk request for `method path`; `k` walks through the kinds of junk in turn. */
  return function junkRequest(method: string, path: string, op: Operation, k: number): FuzzRequest {
    const url = fillPath(path, op) + query(op);
    const m = method.toUpperCase();
    const headers: Record<string, string> = {};
    const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
    const isMultipart = op.consumes?.includes('multipart/form-data') ?? false;
    if (m === 'GET' || m === 'HEAD' || (m === 'DELETE' && !jsonSchema && chance(0.7))) {
      return { method: m, url, headers, label: `${m} ${url.slice(0, 200)}` };
    }
    let payload: string | Buffer;
    let label: string;
    const kind = k % 6;
    if (isMultipart && kind < 4) {
      const mp = multipart();
      headers['content-type'] = mp.contentType;
      payload = mp.payload;
      label = `multipart ${payload.subarray(0, 200).toString('latin1')}`;
    } else if (kind === 0) {
      headers['content-type'] = 'application/json';
      payload = pick(['{"a":', '{', '[1,,2]', '\u0000', '{"email": "x"}}', 'nul', '"\\ud800"']);
      label = `malformed JSON ${payload}`;
    } else if (kind === 1) {
      headers['content-type'] = pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml']);
      payload = 'a=1&b=2';
      label = `content-type ${headers['content-type']}`;
    } else {
      headers['content-type'] = 'application/json';
      const value = kind === 2 ? junkValue() : kind === 3 ? sample(jsonSchema) : mutate(sample(jsonSchema));
      payload = JSON.stringify(value) ?? 'null';
      label = `JSON ${payload.slice(0, 300)}`;
    }
    return { method: m, url, headers, payload, label: `${m} ${url.slice(0, 200)} ${label}` };
  };
}
