import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Under happy-dom import.meta.url is a page URL, so the folder comes from vitest's root (the repo).
const SRC = join(process.cwd(), 'packages/web/src');
const files = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
  .map((f) => ({ path: relative(SRC, join(SRC, f)), text: readFileSync(join(SRC, f), 'utf8') }));

describe('web shape', () => {
  it('formats dates only in lib/clinic-time.ts, so every page shows the same zone and locale', () => {
    // Numbers may use toLocaleString (prices); dates may not.
    const dateFormatting = /Intl\.DateTimeFormat|toLocale(Date|Time)String|Date\([^)]*\)\.toLocaleString/;
    const offenders = files
      .filter((f) => f.path !== 'lib/clinic-time.ts')
      .filter((f) => dateFormatting.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('has one scrolling-table component', () => {
    const definitions = files.filter((f) => /export function TableScroll\b/.test(f.text)).map((f) => f.path);
    expect(definitions).toEqual(['components/ui/table-scroll.tsx']);
  });

  it('sends every API request through the client’s request()', () => {
    const offenders = files
      .filter((f) => f.path !== 'lib/api-client.ts')
      .filter((f) => /\bfetch\(/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
