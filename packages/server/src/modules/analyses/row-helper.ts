import { MessageChannel, type Worker } from 'node:worker_threads';
import { type RowHelper, type RowJob, setRowHelper } from '@anagen/core/hair-analysis';
import { siblingWorkerUrl, spawnTsWorker } from '../../lib/ts-worker';
import { CONTROL_SLOTS, DONE, FAILED, POSTED } from './row-helper-control';

const HELPER_URL = siblingWorkerUrl('row-helper.worker', import.meta.url);
const START_TIMEOUT_MS = 15_000;
/** A helper that has not let go of a job after this long is taken to have failed. */
const STALL_MS = 2_000;

let current: { worker: Worker; helper: RowHelper } | null = null;
/** The thread being started or running, so that stopRowHelper can end either. */
let thread: Worker | null = null;

/**
 * Starts a helper thread that takes part in the analysis's per-row pixel stages (illumination
 * flattening, smoothing and thresholding) of every analysis run afterwards on this thread. Results
 * are identical with and without it; on a machine with a second free core the analysis is faster.
 * Resolves to false (and analyses stay single-threaded) if the thread cannot be started.
 */
export function startRowHelper(): Promise<boolean> {
  if (current) return Promise.resolve(true);
  if (thread) return Promise.resolve(false); // already starting
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS));
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = spawnTsWorker(HELPER_URL, { workerData: { control, port: port2 }, transferList: [port2] });
    } catch {
      resolve(false);
      return;
    }
    thread = worker;
    let seq = 0;
    const stop = () => {
      if (current?.worker === worker) {
        current = null;
        setRowHelper(null);
      }
      if (thread === worker) thread = null;
      void worker.terminate();
    };
    const helper: RowHelper = {
      begin(job: RowJob) {
        seq++;
        port1.postMessage({ ...job, seq });
        Atomics.store(control, POSTED, seq);
        Atomics.notify(control, POSTED);
      },
      end() {
        const deadline = performance.now() + STALL_MS;
        for (;;) {
          const done = Atomics.load(control, DONE);
          if (done === seq) break;
          const left = deadline - performance.now();
          if (left <= 0 || Atomics.wait(control, DONE, done, left) === 'timed-out') {
            stop();
            return false;
          }
        }
        if (Atomics.load(control, FAILED) === seq) {
          stop();
          return false;
        }
        return true;
      },
    };
    const timer = setTimeout(() => {
      stop();
      resolve(false);
    }, START_TIMEOUT_MS);
    worker.once('message', () => {
      clearTimeout(timer);
      worker.unref(); // never keeps the process alive on its own
      current = { worker, helper };
      setRowHelper(helper);
      resolve(true);
    });
    worker.on('error', () => {
      clearTimeout(timer);
      stop();
      resolve(false);
    });
    worker.on('exit', () => {
      clearTimeout(timer);
      stop();
      resolve(false);
    });
  });
}

/** Stops the helper thread; later analyses run on the calling thread alone. */
export async function stopRowHelper(): Promise<void> {
  const w = thread;
  if (current) setRowHelper(null);
  current = null;
  thread = null;
  if (w) await w.terminate();
}
