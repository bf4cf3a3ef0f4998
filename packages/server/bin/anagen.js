#!/usr/bin/env node
// Runs the compiled CLI (`npm run build`, also done by `npm start`) when it is there; otherwise the
// TypeScript source through tsx, so a fresh checkout works before any build. ANAGEN_FROM_SOURCE=1
// forces the source (while editing the CLI, so a stale build is not run).
import fs from 'node:fs';

const compiled = new URL('../dist/cli.js', import.meta.url);
if (process.env.ANAGEN_FROM_SOURCE !== '1' && fs.existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
