// Tracing a parsed batch: flows ordered for locality, verdicts kept in columns (no row object per flow), so that
// the output writer and worker threads (batch-jobs.ts) share one form of the results.
import type { Topology } from '../bind/model.js';
import { FlowError } from '../trace/trace.js';
import { FLOW_FLAGS } from '../trace/flow-error.js';
import { ARGS, VerdictBatch } from '../trace/compiled-batch.js';
import { ACCEPT, BAIL, compiledVerdict, lastBlockedBy, lastReason } from '../trace/compiled-walk.js';
import type { PortableTopology } from '../trace/compiled-topology.js';
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

/** Compiled arguments, ARGS per flow in input order, and whether the compiled walk takes the flow (1) or not (0). */
export interface CompiledArgs {
  args: Int32Array;
  ok: Uint8Array;
}

/**
 * The compiled arguments of every flow (ARGS per flow, input order) and whether the compiled walk takes it, in one
 * pass over the flows in input order: the flow objects and endpoint texts are read once, in the order they were
 * parsed, and tracing in locality order then reads typed arrays only.
 */
export function compiledArgsOf(batch: VerdictBatch, flows: readonly BatchFlow[]): CompiledArgs {
  const n = flows.length;
  const args = new Int32Array(ARGS * n);
  const ok = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (batch.compiledArgs(flows[i]!, args, ARGS * i)) ok[i] = 1;
  return { args, ok };
}

/** localityOrder for flows whose compiled arguments are known: the VPCs come from the compiled interfaces. */
export function compiledOrder(t: Topology, c: PortableTopology, flows: readonly BatchFlow[], { args, ok }: CompiledArgs): Uint32Array {
  const len = flows.length;
  const n = t.vpcs.length + 1;
  if (n * n * len > 2 ** 52) return localityOrder(t, flows);
  const vpcIndex = new Map<unknown, number>(t.vpcs.map((v, i) => [v, i + 1]));
  // the compiled VPC ids follow t.vpcs, so that key v + 1 is localityOrder's for the same VPC
  const vpcOf = (eni: number): number => (eni < 0 ? 0 : c.eniSubnet[eni]! < 0 ? -1 : c.subnetVpc[c.eniSubnet[eni]!]! + 1);
  const packed = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const f = flows[i]!;
    let from = ok[i] ? vpcOf(args[ARGS * i]!) : -1;
    let to = ok[i] ? vpcOf(args[ARGS * i + 1]!) : -1;
    if (from < 0) from = vpcKey(t, vpcIndex, f.from);
    if (to < 0) to = vpcKey(t, vpcIndex, f.to);
    packed[i] = (from * n + to) * len + i;
  }
  packed.sort();
  const order = new Uint32Array(len);
  for (let k = 0; k < len; k++) order[k] = packed[k]! % len;
  return order;
}

/** Every flow of the batch traced on this thread, in locality order. */
export function traceColumns(t: Topology, flows: readonly BatchFlow[], onProgress?: (done: number) => void): BatchColumns {
  const out = newColumns(flows.length);
  const batch = new VerdictBatch(t);
  const c = batch.compiledForm;
  if (!c) {
    traceInto(batch, flows, localityOrder(t, flows), 0, flows.length, out, onProgress);
    return out;
  }
  const prepared = compiledArgsOf(batch, flows);
  const { args, ok } = prepared;
  const order = compiledOrder(t, c, flows, prepared);
  const rest: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const a = ARGS * i;
    const r = ok[i] ? compiledVerdict(c, args[a]!, args[a + 1]!, args[a + 2]!, args[a + 3]!, args[a + 4]!, args[a + 5]! >>> 0) : BAIL;
    if (r === BAIL) rest.push(i);
    else {
      batch.compiled++;
      out.port[i] = args[a + 4]!;
      out.verdict[i] = r === ACCEPT ? V_ACCEPT : V_REJECT;
      if (r !== ACCEPT) {
        out.blockedBy[i] = lastBlockedBy();
        out.reason[i] = lastReason();
      }
    }
    if (onProgress && (k & 1023) === 0) onProgress(k);
  }
  // the flows the compiled walk does not take, walked by the tracer (in locality order still)
  traceInto(batch, flows, Uint32Array.from(rest), 0, rest.length, out, onProgress && ((k) => onProgress(order.length - rest.length + k)));
  return out;
}
