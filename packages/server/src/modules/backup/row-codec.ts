import type { Row } from './backup.repository';

/** Rows travel as JSON lines; binary values are tagged so they come back as bytes. */
export function encodeRows(rows: Row[]): Buffer {
  const lines = rows.map((row) =>
    JSON.stringify(row, (_k, v) => {
      if (
        v &&
        typeof v === 'object' &&
        (v as { type?: string }).type === 'Buffer' &&
        Array.isArray((v as { data?: unknown }).data)
      ) {
        return { $base64: Buffer.from((v as { data: number[] }).data).toString('base64') };
      }
      return typeof v === 'bigint' ? Number(v) : v;
    }),
  );
  return Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8');
}

export function decodeRows(data: Buffer): Row[] {
  const text = data.toString('utf8');
  if (!text) return [];
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) =>
      JSON.parse(line, (_k, v) =>
        v && typeof v === 'object' && typeof (v as { $base64?: unknown }).$base64 === 'string'
          ? Buffer.from((v as { $base64: string }).$base64, 'base64')
          : v,
      ),
    );
}
