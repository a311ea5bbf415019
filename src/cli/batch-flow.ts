// One flow of a batch as parsed from the input, and a whole batch in columns: a leaf module, so that the parser
// (batch-cmd.ts, batch-io.ts) and the tracing of the batch (batch-run.ts, batch-jobs.ts) share the types without
// importing each other.

export interface BatchFlow {
  from: string;
  to: string;
  protocol?: string;
  port?: number;
  srcPort?: number;
  expect?: 'accept' | 'reject';
  line: number;
}

/** `expect` in a FlowTable */
export const EXPECT_NONE = 0;
export const EXPECT_ACCEPT = 1;
export const EXPECT_REJECT = 2;
/** an absent protocol, port or source port in a FlowTable */
export const ABSENT = -1;

/**
 * A batch in columns, indexed by flow (input order): endpoints and protocols as ids into `texts`, which holds each
 * distinct text once, so that an endpoint is resolved, and its JSON text made, once per text rather than per flow.
 */
export interface FlowTable {
  count: number;
  texts: string[];
  from: Int32Array;
  to: Int32Array;
  /** a text id, ABSENT: not given (tcp) */
  protocol: Int32Array;
  /** ABSENT: not given */
  port: Int32Array;
  srcPort: Int32Array;
  expect: Uint8Array;
  line: Int32Array;
  /** the flows a table was made from (flowTableOf): the tracer takes them as they are */
  objects?: readonly BatchFlow[];
}

export function newFlowTable(n: number): FlowTable {
  return {
    count: 0,
    texts: [],
    from: new Int32Array(n),
    to: new Int32Array(n),
    protocol: new Int32Array(n),
    port: new Int32Array(n),
    srcPort: new Int32Array(n),
    expect: new Uint8Array(n),
    line: new Int32Array(n),
  };
}

/** a port given that is not one (a table made from objects: the tracer reports it) */
const NOT_A_PORT = -2;

function portCell(p: number | undefined): number {
  if (p === undefined) return ABSENT;
  return Number.isInteger(p) && p >= 0 && p <= 65535 ? p : NOT_A_PORT;
}

/** The id of `s` in `texts`, added when new. */
function textId(ids: Map<string, number>, texts: string[], s: string): number {
  const k = ids.get(s);
  if (k !== undefined) return k;
  ids.set(s, texts.length);
  texts.push(s);
  return texts.length - 1;
}

/** The flows as a FlowTable, each distinct text interned once. */
export function flowTableOf(flows: readonly BatchFlow[]): FlowTable {
  const n = flows.length;
  const t = newFlowTable(n);
  const ids = new Map<string, number>();
  const texts = t.texts;
  for (let i = 0; i < n; i++) {
    const f = flows[i]!;
    t.from[i] = textId(ids, texts, f.from);
    t.to[i] = textId(ids, texts, f.to);
    const p = f.protocol;
    t.protocol[i] = p === undefined ? ABSENT : textId(ids, texts, p);
    t.port[i] = portCell(f.port);
    t.srcPort[i] = portCell(f.srcPort);
    const e = f.expect;
    t.expect[i] = e === undefined ? EXPECT_NONE : e === 'accept' ? EXPECT_ACCEPT : e === 'reject' ? EXPECT_REJECT : EXPECT_NONE;
    t.line[i] = f.line;
  }
  t.count = n;
  t.objects = flows;
  return t;
}

/** Flow `i` of a table as the tracer takes it. */
export function flowAt(t: FlowTable, i: number): BatchFlow {
  const o = t.objects?.[i];
  if (o) return o;
  const p = t.protocol[i]!;
  const e = t.expect[i]!;
  return {
    from: t.texts[t.from[i]!]!,
    to: t.texts[t.to[i]!]!,
    protocol: p === ABSENT ? undefined : t.texts[p],
    port: t.port[i] === ABSENT ? undefined : t.port[i],
    srcPort: t.srcPort[i] === ABSENT ? undefined : t.srcPort[i],
    expect: e === EXPECT_ACCEPT ? 'accept' : e === EXPECT_REJECT ? 'reject' : undefined,
    line: t.line[i]!,
  };
}
