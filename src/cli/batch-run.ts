// Tracing a parsed batch: flows ordered for locality, verdicts kept in columns (no row object per flow), so that
// the output writer and worker threads (batch-jobs.ts) share one form of the results.
import type { Topology } from '../bind/model.js';
import { FlowError } from '../trace/trace.js';
import { FLOW_FLAGS } from '../trace/flow-error.js';
import { DEFAULT_SRC_PORT } from '../net/protocol.js';
import { ARGS, argsOf, VerdictBatch } from '../trace/compiled-batch.js';
import { ACCEPT, BAIL, compiledVerdict, lastBlockedBy, lastReason } from '../trace/compiled-walk.js';
import type { PortableTopology } from '../trace/compiled-topology.js';
import { ABSENT, type BatchFlow, flowAt, type FlowTable, flowTableOf } from './batch-flow.js';

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

/** vpcKey of each text of the table, -1 until asked for (each text is looked up once). */
function vpcKeys(t: Topology, flows: FlowTable): (text: number) => number {
  const vpcIndex = new Map<unknown, number>(t.vpcs.map((v, i) => [v, i + 1]));
  const keys = new Int32Array(flows.texts.length).fill(-1);
  return (text) => {
    let k = keys[text]!;
    if (k < 0) k = keys[text] = vpcKey(t, vpcIndex, flows.texts[text]!);
    return k;
  };
}

/** Indexes 0..len-1 ordered by key(i), stable: packed as key × len + i and sorted as numbers in a typed array. */
function orderBy(len: number, keyCount: number, key: (i: number) => number): Uint32Array {
  const order = new Uint32Array(len);
  if (keyCount * len > 2 ** 52) {
    const keys = Array.from({ length: len }, (_, i) => key(i));
    Array.from({ length: len }, (_, i) => i)
      .sort((a, b) => keys[a]! - keys[b]!)
      .forEach((i, k) => (order[k] = i));
    return order;
  }
  const packed = new Float64Array(len);
  for (let i = 0; i < len; i++) packed[i] = key(i) * len + i;
  packed.sort();
  for (let k = 0; k < len; k++) order[k] = packed[k]! % len;
  return order;
}

/**
 * The order to trace flows in: grouped by (source VPC, destination VPC), so that consecutive flows touch the same
 * route tables, ACLs and groups (in memory caches). Stable; each distinct endpoint text is looked up once.
 */
export function localityOrder(t: Topology, flows: FlowTable): Uint32Array {
  const key = vpcKeys(t, flows);
  const n = t.vpcs.length + 1;
  return orderBy(flows.count, n * n, (i) => key(flows.from[i]!) * n + key(flows.to[i]!));
}

/** Traces flow `order[k]` for k in [from, to) into `out`; FlowError becomes an ERROR verdict. */
export function traceInto(
  batch: VerdictBatch,
  flows: FlowTable,
  order: Uint32Array,
  from: number,
  to: number,
  out: BatchColumns,
  onProgress?: (done: number) => void,
): void {
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    const f = flowAt(flows, i);
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
 * The endpoint id (VerdictBatch.endpointId) of each text a flow names as its sender, and as its receiver when the
 * sender is a plain interface (what compiledArgs resolves); NaN for the others. Each distinct text is resolved once.
 */
function endpointIds(batch: VerdictBatch, flows: FlowTable): Float64Array {
  const ids = new Float64Array(flows.texts.length).fill(Number.NaN);
  const { from, to, texts, count } = flows;
  for (let i = 0; i < count; i++) {
    const f = from[i]!;
    if (Number.isNaN(ids[f]!)) ids[f] = batch.endpointId(texts[f]!);
  }
  for (let i = 0; i < count; i++) {
    const r = to[i]!;
    if (ids[from[i]!]! >= 0 && Number.isNaN(ids[r]!)) ids[r] = batch.endpointId(texts[r]!);
  }
  return ids;
}

/**
 * The compiled arguments of every flow (ARGS per flow, input order) and whether the compiled walk takes it: the
 * endpoint and protocol texts are resolved once each, then the flows are read as typed arrays only.
 */
export function compiledArgsOf(batch: VerdictBatch, flows: FlowTable): CompiledArgs {
  const n = flows.count;
  const args = new Int32Array(ARGS * n);
  const ok = new Uint8Array(n);
  const ends = endpointIds(batch, flows);
  const protocols = new Int32Array(flows.texts.length).fill(ABSENT);
  for (let i = 0; i < n; i++) {
    const p = flows.protocol[i]!;
    if (p !== ABSENT && protocols[p] === ABSENT) protocols[p] = batch.protocolNumber(flows.texts[p]);
  }
  const tcp = batch.protocolNumber(undefined);
  for (let i = 0; i < n; i++) {
    const from = ends[flows.from[i]!]!;
    if (!(from >= 0)) continue;
    const p = flows.protocol[i]!;
    const port = flows.port[i]!;
    const srcPort = flows.srcPort[i]!;
    const protocol = p === ABSENT ? tcp : protocols[p]!;
    if (argsOf(from, ends[flows.to[i]!]!, protocol, port === ABSENT ? 443 : port, srcPort === ABSENT ? DEFAULT_SRC_PORT : srcPort, args, ARGS * i)) ok[i] = 1;
  }
  return { args, ok };
}

/** localityOrder for flows whose compiled arguments are known: the VPCs come from the compiled interfaces. */
export function compiledOrder(t: Topology, c: PortableTopology, flows: FlowTable, { args, ok }: CompiledArgs): Uint32Array {
  const n = t.vpcs.length + 1;
  const len = flows.count;
  const key = vpcKeys(t, flows);
  if (n * n * len > 2 ** 52) return localityOrder(t, flows);
  // the compiled VPC ids follow t.vpcs, so that key v + 1 is localityOrder's for the same VPC; one loop, no callback
  const packed = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    let from = -1;
    let to = -1;
    if (ok[i]) {
      const a = args[ARGS * i]!;
      const b = args[ARGS * i + 1]!;
      from = a < 0 ? 0 : c.eniSubnet[a]! < 0 ? -1 : c.subnetVpc[c.eniSubnet[a]!]! + 1;
      to = b < 0 ? 0 : c.eniSubnet[b]! < 0 ? -1 : c.subnetVpc[c.eniSubnet[b]!]! + 1;
    }
    if (from < 0) from = key(flows.from[i]!);
    if (to < 0) to = key(flows.to[i]!);
    packed[i] = (from * n + to) * len + i;
  }
  packed.sort();
  const order = new Uint32Array(len);
  for (let k = 0; k < len; k++) order[k] = packed[k]! % len;
  return order;
}

/** Every flow of the batch traced on this thread, in locality order. */
export function traceColumns(t: Topology, flows: readonly BatchFlow[] | FlowTable, onProgress?: (done: number) => void): BatchColumns {
  const table = Array.isArray(flows) ? flowTableOf(flows) : (flows as FlowTable);
  const out = newColumns(table.count);
  const batch = new VerdictBatch(t);
  const c = batch.compiledForm;
  if (!c) {
    traceInto(batch, table, localityOrder(t, table), 0, table.count, out, onProgress);
    return out;
  }
  const prepared = compiledArgsOf(batch, table);
  const { args, ok } = prepared;
  const order = compiledOrder(t, c, table, prepared);
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
  traceInto(batch, table, Uint32Array.from(rest), 0, rest.length, out, onProgress && ((k) => onProgress(order.length - rest.length + k)));
  return out;
}
