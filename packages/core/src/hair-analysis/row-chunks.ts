/**
 * Splits a per-row pixel stage into chunks of rows that the calling thread and, when one is
 * registered, a helper thread claim from a shared counter. Dynamic claiming balances the load when
 * one core is busier than the other (the benchmark VM's cores are shared and noisy).
 *
 * The result never depends on who ran which chunk: a kernel writes each output element from inputs
 * that no kernel of the same job writes, so the same arithmetic gives the same bits on either
 * thread. Kernels are also idempotent (running a chunk twice gives the same output), which lets the
 * caller redo the chunks of a helper that failed or stalled. Pure: no Node APIs here; the helper
 * thread itself is started in `threads/`.
 */

/** A row kernel: processes rows `from` ≤ y < `to` of the stage described by `args`. */
export type RowKernel<A> = (args: A, from: number, to: number) => void;

/** A job as the helper receives it: the kernel's registered name and its arguments. */
export interface RowJob {
  kernel: string;
  args: object;
  rows: number;
  chunkRows: number;
  /** Shared: [0] the next unclaimed chunk, [1 + k] set to 1 once chunk k is done. */
  claims: Int32Array;
}

/** The caller's handle on a helper thread (see threads/index.ts). */
export interface RowHelper {
  /** Hands `job` to the helper, which claims chunks until none is left. */
  begin(job: RowJob): void;
  /**
   * Waits until the helper has let go of the job. False if it failed or stalled: its claimed but
   * unfinished chunks must then be redone by the caller, and the helper is not used again.
   */
  end(): boolean;
}

let helper: RowHelper | null = null;

/** Registers (or with null, removes) the helper thread used by every analysis in this thread. */
export function setRowHelper(h: RowHelper | null): void {
  helper = h;
}

export const hasRowHelper = () => helper !== null;

/** Runs `fn` on the calling thread alone, leaving the helper registered for later calls. */
export function withoutRowHelper<T>(fn: () => T): T {
  const h = helper;
  helper = null;
  try {
    return fn();
  } finally {
    // Unless the helper failed meanwhile and was removed (it is not put back then).
    if (helper === null) helper = h;
  }
}

/** Rows per chunk: a multiple of the illumination blocks (8 rows), so a chunk owns whole blocks. */
export const CHUNK_ROWS = 32;

/**
 * Runs `kernel` over rows 0…`rows`−1 in chunks of CHUNK_ROWS, sharing the chunks with the helper
 * thread when there is one and every typed array in `args` lives in shared memory (a copy would be
 * written in vain).
 * `name` is the kernel's key in row-kernels.ts, where the helper looks it up.
 */
export function runRows<A extends object>(name: string, kernel: RowKernel<A>, args: A, rows: number): void {
  const chunkRows = CHUNK_ROWS;
  const chunks = Math.ceil(rows / chunkRows);
  const h = helper;
  if (!h || chunks < 2 || !allShared(args)) {
    kernel(args, 0, rows);
    return;
  }
  const claims = new Int32Array(new SharedArrayBuffer(4 * (chunks + 1)));
  h.begin({ kernel: name, args, rows, chunkRows, claims });
  runClaimedChunks(kernel, args, rows, chunkRows, claims);
  if (!h.end()) {
    if (helper === h) helper = null;
    for (let k = 0; k < chunks; k++) {
      if (Atomics.load(claims, 1 + k) === 0) kernel(args, k * chunkRows, Math.min(rows, (k + 1) * chunkRows));
    }
  }
}

/**
 * Runs `kernel` over rows 0…`rows`−1 as one piece of work that the helper thread may take while
 * the caller runs `beside` (which must not touch the kernel's outputs); whatever the helper has
 * not taken by then, the caller runs afterwards. Returns what `beside` returns.
 */
export function runBeside<A extends object, T>(
  name: string,
  kernel: RowKernel<A>,
  args: A,
  rows: number,
  beside: () => T,
): T {
  const h = helper;
  if (!h || !allShared(args)) {
    kernel(args, 0, rows);
    return beside();
  }
  const claims = new Int32Array(new SharedArrayBuffer(8));
  h.begin({ kernel: name, args, rows, chunkRows: rows, claims });
  let ok = false;
  try {
    const result = beside();
    runClaimedChunks(kernel, args, rows, rows, claims);
    ok = true;
    return result;
  } finally {
    if (!h.end()) {
      if (helper === h) helper = null;
      if (ok && Atomics.load(claims, 1) === 0) kernel(args, 0, rows);
    }
  }
}

/** Claims chunks of a job until none is left; run by the caller and by the helper alike. */
export function runClaimedChunks<A>(
  kernel: RowKernel<A>,
  args: A,
  rows: number,
  chunkRows: number,
  claims: Int32Array,
): void {
  const chunks = Math.ceil(rows / chunkRows);
  for (;;) {
    const k = Atomics.add(claims, 0, 1);
    if (k >= chunks) return;
    kernel(args, k * chunkRows, Math.min(rows, (k + 1) * chunkRows));
    Atomics.store(claims, 1 + k, 1);
  }
}

function allShared(args: object): boolean {
  for (const v of Object.values(args)) {
    if (ArrayBuffer.isView(v) && !(v.buffer instanceof SharedArrayBuffer)) return false;
  }
  return true;
}

const canShare = typeof SharedArrayBuffer === 'function';

/** Typed arrays in shared memory when the platform has it (then a helper thread can use them). */
export const sharedFloat32 = (n: number) =>
  new Float32Array(canShare ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n));
export const sharedFloat64 = (n: number) =>
  new Float64Array(canShare ? new SharedArrayBuffer(8 * n) : new ArrayBuffer(8 * n));
export const sharedBytes = (n: number) =>
  new Uint8Array(canShare ? new SharedArrayBuffer(n) : new ArrayBuffer(n));
export const sharedInt32 = (n: number) =>
  new Int32Array(canShare ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n));
