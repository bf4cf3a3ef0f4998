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
  if (!TSX_API) return new Worker(new URL(moduleUrl), options);
  const code = `import(${JSON.stringify(TSX_API)}).then(({ tsImport }) => tsImport(${JSON.stringify(moduleUrl)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(code, { ...options, eval: true });
}
