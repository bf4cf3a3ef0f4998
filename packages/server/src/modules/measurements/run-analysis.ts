import type { Worker } from 'node:worker_threads';
import {
  analyzeHairDetailed,
  type HairAnalysisInput,
  type HairAnalysisResult,
  type HairTrace,
} from '@anagen/core/hair-analysis';
import { siblingWorkerUrl, spawnTsWorker } from '../../lib/ts-worker';

export interface AnalysisOutput {
  result: HairAnalysisResult;
  traces?: HairTrace[];
}

type Pending = { resolve: (v: AnalysisOutput) => void; reject: (e: Error) => void };

const WORKER_URL = siblingWorkerUrl('analysis.worker', import.meta.url);
const START_TIMEOUT_MS = 15_000;

let worker: Promise<Worker | null> | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
let mode: 'worker' | 'inline' | 'unknown' = 'unknown';

// The worker loads the TypeScript engine through tsx (as the server itself runs). If that is not
// possible here, analyses run inline on the main thread instead: slower to answer other requests,
// same results.
function startWorker(): Promise<Worker | null> {
  return new Promise((resolve) => {
    let w: Worker;
    try {
      w = spawnTsWorker(WORKER_URL);
    } catch {
      resolve(null);
      return;
    }
    const timer = setTimeout(() => {
      void w.terminate();
      resolve(null);
    }, START_TIMEOUT_MS);
    w.on(
      'message',
      (msg: {
        ready?: boolean;
        id?: number;
        result?: HairAnalysisResult;
        traces?: HairTrace[];
        error?: { name: string; message: string };
      }) => {
        if (msg.ready) {
          clearTimeout(timer);
          w.unref(); // never keeps the process alive on its own
          resolve(w);
          return;
        }
        const p = msg.id === undefined ? undefined : pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id!);
        if (msg.error) {
          const e =
            msg.error.name === 'RangeError'
              ? new RangeError(msg.error.message)
              : new Error(msg.error.message);
          p.reject(e);
        } else {
          p.resolve({ result: msg.result!, ...(msg.traces ? { traces: msg.traces } : {}) });
        }
      },
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      worker = null; // start afresh next time
      resolve(null);
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (code !== 0) fail(new Error(`analysis worker exited with code ${code}`));
    });
  });
}

/**
 * Runs the hair-analysis engine in a worker thread (falling back to the main thread), so a large
 * image does not stall every other request. Same inputs, same outputs as `analyzeHairDetailed`;
 * an invalid input rejects with the engine's RangeError.
 */
export async function runAnalysis(
  input: HairAnalysisInput,
  opts: { detailed?: boolean } = {},
): Promise<AnalysisOutput> {
  worker ??= startWorker();
  const w = await worker;
  if (!w) {
    mode = 'inline';
    const { result, traces } = analyzeHairDetailed(input);
    return opts.detailed ? { result, traces } : { result };
  }
  mode = 'worker';
  const id = nextId++;
  return new Promise<AnalysisOutput>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({
      id,
      detailed: Boolean(opts.detailed),
      pixels: input.pixels,
      width: input.width,
      height: input.height,
      channels: input.channels,
      umPerPx: input.umPerPx,
    });
  });
}

/** Where the last analysis ran, for tests and diagnostics. */
export const analysisMode = () => mode;
