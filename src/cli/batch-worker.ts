// A worker thread of `trace --batch --jobs N`: it receives the compiled topology once, in shared memory (typed arrays,
// ids, the ACL tables and security-group rule lists the main thread made: no model objects, no load or bind; it
// builds its own security-group tables from those lists), and answers
// chunks of flows given as compiled arguments [from, to, protocol, srcPort, dstPort, internet address]
// (src/trace/compiled-batch.ts) with ACCEPT, REJECT (and why) or BAIL (the main thread walks those).
import { parentPort, workerData } from 'node:worker_threads';
import { fromShared, type SharedTopology } from '../trace/compiled-shared.js';
import { ARGS, compiledVerdict, lastBlockedBy, lastReason, REJECT } from '../trace/compiled-walk.js';

export interface ChunkRequest {
  from: number;
  args: Int32Array;
}

export interface ChunkAnswer {
  from: number;
  codes: Int8Array;
  /** per flow: blockedBy and reason of a REJECT, null otherwise */
  blockedBy: (string | null)[];
  reason: (string | null)[];
}

const topology = fromShared(workerData as SharedTopology);

function answer(m: ChunkRequest): ChunkAnswer {
  const a = m.args;
  const n = a.length / ARGS;
  const codes = new Int8Array(n);
  const blockedBy: (string | null)[] = new Array(n).fill(null);
  const reason: (string | null)[] = new Array(n).fill(null);
  for (let j = 0; j < n; j++) {
    const k = ARGS * j;
    const r = compiledVerdict(topology, a[k]!, a[k + 1]!, a[k + 2]!, a[k + 3]!, a[k + 4]!, a[k + 5]! >>> 0);
    codes[j] = r;
    if (r === REJECT) {
      blockedBy[j] = lastBlockedBy();
      reason[j] = lastReason();
    }
  }
  return { from: m.from, codes, blockedBy, reason };
}

parentPort?.on('message', (m: ChunkRequest) => parentPort!.postMessage(answer(m)));
