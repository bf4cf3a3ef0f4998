// Compiles the server and the CLI once to JavaScript (dist/), so production neither ships nor runs
// a TypeScript compiler at start-up. esbuild, not tsc: the sources use extensionless imports and
// @anagen/core is consumed as TypeScript source, which tsc's emit cannot turn into runnable ESM.
// Dependencies stay external (resolved from node_modules at run time); our own code is bundled.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = (p) => JSON.parse(fs.readFileSync(path.join(here, p), 'utf8'));
const external = [
  ...Object.keys(pkg('package.json').dependencies ?? {}),
  ...Object.keys(pkg('../core/package.json').dependencies ?? {}),
];
const outdir = path.join(here, 'dist');
fs.rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
await build({
  entryPoints: {
    main: 'src/main.ts',
    cli: 'src/cli/main.ts',
    'analysis.worker': 'src/modules/measurements/analysis.worker.ts',
    'row-helper.worker': 'src/modules/analyses/row-helper.worker.ts',
  },
  absWorkingDir: here,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  chunkNames: 'chunk-[hash]',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies bundled into ESM may call require(): give them one.
  banner: {
    js: "import { createRequire as __anagenRequire } from 'node:module'; const require = __anagenRequire(import.meta.url);",
  },
});
console.log(
  `server + CLI compiled to ${path.relative(process.cwd(), outdir)} in ${Math.round(performance.now() - started)} ms`,
);
