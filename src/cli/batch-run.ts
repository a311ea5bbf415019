// Tracing a parsed batch: flows ordered for locality, verdicts kept in columns (no row object per flow), so that
// the output writer and worker threads (batch-jobs.ts) share one form of the results.
import type { Topology } from '../bind/model.js';
import { FlowError } from '../trace/trace.js';
import { FLOW_FLAGS } from '../trace/flow-error.js';
import { VerdictBatch } from '../trace/compiled-batch.js';
import type { BatchFlow } from './batch-flow.js';

export const V_ACCEPT = 0;
export const V_REJECT = 1;
export const V_ERROR = 2;
export const VERDICTS = ['ACCEPT', 'REJECT', 'ERROR'] as const;

/** The verdicts of a batch, one column per field, indexed like the flows (input order). */
export interface BatchColumns {
  verdict: Uint8Array;
  port: Int32Array;
  blockedBy: (string | null)[];
  reason: (string | null)[];
  error: (string | undefined)[];
}

export function newColumns(n: number): BatchColumns {
  return {
    verdict: new Uint8Array(n),
    port: new Int32Array(n),
    blockedBy: new Array(n).fill(null),
    reason: new Array(n).fill(null),
    error: new Array(n).fill(undefined),
  };
}

/** The VPC an endpoint id names (an instance or interface), for grouping; 0 for anything else. */
function vpcKey(t: Topology, vpcIndex: Map<unknown, number>, id: string): number {
  const r = t.byId.get(id);
  const vpc = r?.kind === 'instance' ? r.subnet.vpc : r?.kind === 'network-interface' ? r.vpc : undefined;
  return vpc ? (vpcIndex.get(vpc) ?? 0) : 0;
}

/**
 * The order to trace flows in: grouped by (source VPC, destination VPC), so that consecutive flows touch the same
 * route tables, ACLs and groups (in memory caches). Stable; each distinct endpoint text is looked up once, and the
 * keys are sorted as numbers (key × flows + index) in a typed array rather than through a comparator.
 */
export function localityOrder(t: Topology, flows: readonly BatchFlow[]): Uint32Array {
  const vpcIndex = new Map<unknown, number>(t.vpcs.map((v, i) => [v, i + 1]));
  const known = new Map<string, number>();
  const key = (id: string): number => {
    let k = known.get(id);
    if (k === undefined) {
      k = vpcKey(t, vpcIndex, id);
      known.set(id, k);
    }
    return k;
  };
  const n = t.vpcs.length + 1;
  const len = flows.length;
  const order = new Uint32Array(len);
  if (n * n * len > 2 ** 52) {
    const keys = flows.map((f) => key(f.from) * n + key(f.to));
    Array.from({ length: len }, (_, i) => i)
      .sort((a, b) => keys[a]! - keys[b]!)
      .forEach((i, k) => (order[k] = i));
    return order;
  }
  const packed = new Float64Array(len);
  for (let i = 0; i < len; i++) packed[i] = (key(flows[i]!.from) * n + key(flows[i]!.to)) * len + i;
  packed.sort();
  for (let k = 0; k < len; k++) order[k] = packed[k]! % len;
  return order;
}

/** Traces `flows[order[k]]` for k in [from, to) into `out`; FlowError becomes an ERROR verdict. */
export function traceInto(
  batch: VerdictBatch,
  flows: readonly BatchFlow[],
  order: Uint32Array,
  from: number,
  to: number,
  out: BatchColumns,
  onProgress?: (done: number) => void,
): void {
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    const f = flows[i]!;
    try {
      const r = batch.verdictOf(f);
      out.port[i] = r.dstPort;
      out.verdict[i] = r.verdict === 'ACCEPT' ? V_ACCEPT : V_REJECT;
      out.blockedBy[i] = r.blockedBy;
      out.reason[i] = r.reason;
    } catch (e) {
      if (!(e instanceof FlowError)) throw e;
      out.port[i] = f.port ?? 443;
      out.verdict[i] = V_ERROR;
      out.error[i] = e.describe(FLOW_FLAGS);
    }
    if (onProgress && (k & 1023) === 0) onProgress(k);
  }
}

/** Every flow of the batch traced on this thread, in locality order. */
export function traceColumns(t: Topology, flows: readonly BatchFlow[], onProgress?: (done: number) => void): BatchColumns {
  const out = newColumns(flows.length);
  traceInto(new VerdictBatch(t), flows, localityOrder(t, flows), 0, flows.length, out, onProgress);
  return out;
}
