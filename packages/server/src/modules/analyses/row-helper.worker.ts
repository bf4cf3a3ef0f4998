import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { ROW_KERNELS, type RowJob, runClaimedChunks } from '@anagen/core/hair-analysis';
import { DONE, FAILED, POSTED } from './row-helper-control';

const { control, port } = workerData as { control: Int32Array; port: MessagePort };

/**
 * Sleeps on the control word until a job is posted, fetches it synchronously from the port (this
 * thread never returns to its event loop), claims chunks until none is left, and reports it done.
 */
function serve(): never {
  let seen = 0;
  for (;;) {
    Atomics.wait(control, POSTED, seen);
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const job = m.message as RowJob & { seq: number };
      try {
        const kernel = ROW_KERNELS[job.kernel];
        if (!kernel) throw new Error(`unknown row kernel ${job.kernel}`);
        runClaimedChunks(kernel, job.args, job.rows, job.chunkRows, job.claims);
      } catch {
        Atomics.store(control, FAILED, job.seq);
      }
      seen = job.seq;
      Atomics.store(control, DONE, job.seq);
      Atomics.notify(control, DONE);
    }
  }
}

parentPort?.postMessage('ready');
// After this module has finished loading, so that the loader that imported it is not left waiting.
setImmediate(serve);
