import { parentPort } from 'node:worker_threads';
import { analyzeHairDetailed, type HairAnalysisInput } from '@anagen/core/hair-analysis';

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
// No row helper thread (analyses/row-helper.ts): the per-row stages it can share are about 5 % of
// an analysis, and the thread's own heap cost ~32 MB of RSS (decision 062).
