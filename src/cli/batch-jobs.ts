// `trace --batch --jobs N`: flows on the compiled path are decided by N worker threads that share one compiled
// topology, its ACL tables and security-group rule lists made on this thread and all of it in shared memory
// (each worker builds its group tables from the lists; src/trace/compiled-shared.ts,
// src/cli/batch-worker.ts); the main thread meanwhile walks the flows the compiled
// path does not take, then the ones a worker gave back (BAIL). Chunks follow the locality order; the columns are
// indexed by input line, so the output order is the input's whatever order the chunks finish in.
import { Worker } from 'node:worker_threads';
import type { Topology } from '../bind/model.js';
import { ARGS, VerdictBatch } from '../trace/compiled-batch.js';
import { ACCEPT, BAIL } from '../trace/compiled-walk.js';
import { buildTables, sharedTopology } from '../trace/compiled-shared.js';
import { UsageError } from './exit.js';
import type { FlowTable } from './batch-flow.js';
import type { ChunkAnswer } from './batch-worker.js';
import { type BatchColumns, type CompiledArgs, compiledArgsOf, compiledOrder, localityOrder, newColumns, traceInto, V_ACCEPT, V_REJECT } from './batch-run.js';

export const MAX_JOBS = 64;
/** flows per message: large enough that posting costs little, small enough to balance the workers */
const CHUNK = 8192;

/** The value of --jobs: a whole number from 1 to MAX_JOBS; absent: 1. */
export function jobsOption(v: unknown): number {
  if (v === undefined) return 1;
  const s = String(v).trim();
  const n = /^\d+$/.test(s) ? Number(s) : Number.NaN;
  if (!(n >= 1 && n <= MAX_JOBS)) throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS} (worker threads), got '${String(v)}'`);
  return n;
}

interface Split {
  /** compiled arguments, ARGS per flow, in locality order */
  args: Int32Array;
  /** the input index of each row of args */
  rows: Uint32Array;
  count: number;
  /** input indexes of the flows the compiled walk does not take, in locality order */
  rest: Uint32Array;
}

/** The compiled flows in locality order (their arguments copied from `prepared`, in input order) and the rest. */
function split(prepared: CompiledArgs, order: Uint32Array): Split {
  const n = order.length;
  const args = new Int32Array(ARGS * n);
  const rows = new Uint32Array(n);
  const rest: number[] = [];
  let count = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (prepared.ok[i]) {
      args.set(prepared.args.subarray(ARGS * i, ARGS * i + ARGS), ARGS * count);
      rows[count++] = i;
    } else rest.push(i);
  }
  return { args, rows, count, rest: Uint32Array.from(rest) };
}

/** Sends chunks to `worker` until none is left; answers go into `out`, BAIL flows into `bails`. */
function drive(worker: Worker, s: Split, next: { at: number }, out: BatchColumns, bails: number[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const send = () => {
      if (next.at >= s.count) return resolve();
      const from = next.at;
      next.at = Math.min(s.count, from + CHUNK);
      worker.postMessage({ from, args: s.args.slice(ARGS * from, ARGS * next.at) });
    };
    worker.on('message', (m: ChunkAnswer) => {
      for (let j = 0; j < m.codes.length; j++) {
        const i = s.rows[m.from + j]!;
        const r = m.codes[j]!;
        if (r === BAIL) {
          bails.push(i);
          continue;
        }
        out.verdict[i] = r === ACCEPT ? V_ACCEPT : V_REJECT;
        out.port[i] = s.args[ARGS * (m.from + j) + 4]!;
        out.blockedBy[i] = m.blockedBy[j]!;
        out.reason[i] = m.reason[j]!;
      }
      send();
    });
    worker.on('error', reject);
    send();
  });
}

/** Every flow of the batch traced with `jobs` worker threads; the same columns as traceColumns. */
export async function traceColumnsJobs(t: Topology, flows: FlowTable, jobs: number): Promise<BatchColumns> {
  const out = newColumns(flows.count);
  const batch = new VerdictBatch(t);
  const c = batch.compiledForm;
  if (!c) {
    traceInto(batch, flows, localityOrder(t, flows), 0, flows.count, out);
    return out;
  }
  const prepared = compiledArgsOf(batch, flows);
  const s = split(prepared, compiledOrder(t, c, flows, prepared));
  // the ACL tables and group rule lists are made once, here, and shared with the workers
  buildTables(c, s.args, s.count);
  const topology = sharedTopology(c);
  const workers = Array.from(
    { length: Math.min(jobs, Math.ceil(s.count / CHUNK)) },
    () => new Worker(new URL('./batch-worker.js', import.meta.url), { workerData: topology }),
  );
  const bails: number[] = [];
  const next = { at: 0 };
  const done = Promise.all(workers.map((w) => drive(w, s, next, out, bails)));
  try {
    // the main thread's share, in slices so that the workers' answers are taken (and new chunks sent) between them
    for (let k = 0; k < s.rest.length; k += 1024) {
      traceInto(batch, flows, s.rest, k, Math.min(s.rest.length, k + 1024), out);
      await new Promise((r) => setImmediate(r));
    }
    await done;
  } finally {
    for (const w of workers) void w.terminate();
  }
  const back = Uint32Array.from(bails);
  traceInto(batch, flows, back, 0, back.length, out);
  return out;
}
