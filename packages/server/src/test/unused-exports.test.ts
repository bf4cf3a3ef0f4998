import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// An export nobody imports is a door nobody uses: it widens what a reader must keep in mind and hides
// dead code from the compiler. knip follows the real import graph of every workspace (knip.json names
// the entry points), so this fails on the first unused export or exported type.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const KNIP = path.join(ROOT, 'node_modules/knip/bin/knip.js');

interface KnipIssue {
  file: string;
  exports?: { name: string }[];
  types?: { name: string }[];
}

describe('exports', () => {
  it('every exported name is imported somewhere', () => {
    let out: string;
    try {
      out = execFileSync(
        process.execPath,
        [KNIP, '--include', 'exports,types', '--reporter', 'json', '--no-progress'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          maxBuffer: 16 * 1024 * 1024,
        },
      );
    } catch (e) {
      // knip exits 1 when it finds issues; its report is still on stdout.
      out = (e as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(out) as { issues: KnipIssue[] };
    const unused = report.issues.flatMap((i) =>
      [...(i.exports ?? []), ...(i.types ?? [])].map((x) => `${i.file}: ${x.name}`),
    );
    expect(unused).toEqual([]);
  }, 120_000);
});
