import { Worker, type WorkerOptions } from 'node:worker_threads';

// Resolved from this file, so the worker finds tsx whatever the working directory.
const TSX_API = (() => {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return null;
  }
})();

/**
 * Starts a worker thread on a TypeScript module. Anagen runs its TypeScript through tsx, but a
 * worker does not inherit a loader registered in-process (e.g. under the test runner), so the
 * worker imports the module through tsx's API; without tsx, the module URL is loaded as it is.
 */
export function spawnTsWorker(moduleUrl: string, options: WorkerOptions = {}): Worker {
  // The compiled build (`npm run build`) ships workers as plain JavaScript: no loader needed.
  if (!TSX_API || moduleUrl.endsWith('.js')) return new Worker(new URL(moduleUrl), options);
  const code = `import(${JSON.stringify(TSX_API)}).then(({ tsImport }) => tsImport(${JSON.stringify(moduleUrl)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(code, { ...options, eval: true });
}

/**
 * The URL of worker module `name` beside the calling module: `name.ts` when running from source
 * (tsx), `name.js` in the compiled build, where every entry and chunk sits in one `dist/` folder.
 */
export function siblingWorkerUrl(name: string, callerUrl: string): string {
  return new URL(`./${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl).href;
}
