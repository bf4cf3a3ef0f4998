// `npm run bench`: every bench/*.bench.ts in turn (never in parallel: they measure throughput on a
// 2-core machine), each in its own process, printing its own figures. Exits non-zero if any failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(dir, '..');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const failed: string[] = [];
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', file)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) failed.push(`${file} (exit ${res.status ?? res.signal})`);
}
console.log(`\n${files.length - failed.length} of ${files.length} benchmarks finished without failure.`);
if (failed.length) {
  console.log(`Not met or failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
