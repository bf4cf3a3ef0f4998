import { availableParallelism } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { analyzeHairDetailed, type HairAnalysisInput } from '@anagen/core/hair-analysis';
import { startRowHelper } from '../analyses/row-helper';

export interface AnalysisRequest extends HairAnalysisInput {
  id: number;
  detailed: boolean;
}

// Runs the (synchronous, CPU-heavy) engine off the server's event loop.
parentPort?.on('message', (msg: AnalysisRequest) => {
  try {
    const { result, traces } = analyzeHairDetailed(msg);
    parentPort?.postMessage({ id: msg.id, result, traces: msg.detailed ? traces : undefined });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort?.postMessage({ id: msg.id, error: { name: e.name, message: e.message } });
  }
});
parentPort?.postMessage({ ready: true });
// A helper thread for the per-row pixel stages, once it is up (until then, and if it cannot start,
// analyses run on this thread alone; the results are the same).
if (availableParallelism() > 1) void startRowHelper();
