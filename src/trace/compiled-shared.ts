// The compiled topology as worker threads of `trace --batch --jobs N` share it: its typed arrays copied once into
// SharedArrayBuffers (a structured clone of them shares the memory instead of copying it), the network ACL tables
// the batch's flows meet compiled once, on the main thread, and the security-group rule lists they meet listed there
// (from the model), each packed into shared arrays. A worker builds its own security-group tables from those lists,
// a class at a time as its flows meet them (compiled-filters.ts). A table or list its flows need that the main
// thread did not make (a flow delivered somewhere else than its destination) answers BAIL there, and the main thread
// walks that flow.
import { PROTO } from '../bind/rules.js';
import { compileAcl } from './compiled-filters.js';
import { aclRulesOf, type CompiledTopology, type PortableTopology, sgRulesOf } from './compiled-topology.js';
import { ARGS, INTERNET } from './compiled-walk.js';

type Tables = 'sgTables' | 'aclTables' | 'sgRules' | 'aclRules';

/** What a worker receives: the compiled topology without rule lists, its tables packed. */
export interface SharedTopology extends Omit<PortableTopology, Tables> {
  /** per group set × [inbound, outbound]: [start, end) of its rule list in sgData; start -1: not listed */
  sgStart: Int32Array;
  sgEnd: Int32Array;
  sgData: Float64Array;
  aclStart: Int32Array;
  aclEnd: Int32Array;
  aclData: Int32Array;
}

const NOT_BUILT = -1;
const NOT_COMPILABLE = -2;

/** Slot of a table: per set (or ACL) × [inbound tcp, inbound udp, outbound tcp, outbound udp], as compiled-walk.ts. */
function slot(owner: number, inbound: boolean, protocol: number): number {
  return owner * 4 + (inbound ? 0 : 2) + (protocol === PROTO.TCP ? 0 : 1);
}

function aclTables(c: CompiledTopology, subnet: number, protocol: number): void {
  if (subnet < 0) return;
  const acl = c.subnetAcl[subnet]!;
  for (const inbound of [true, false]) {
    const s = slot(acl, inbound, protocol);
    if (c.aclTables[s] === undefined) c.aclTables[s] = compileAcl(aclRulesOf(c, acl, inbound), protocol);
  }
}

/**
 * Makes, on the main thread, what the compiled flows `args` (ARGS per flow, `count` flows) meet: the rule lists of
 * the sender's groups outbound and the receiver's inbound, and the tables of both directions of the ACLs of their subnets, of every transit gateway
 * attachment's subnet and of every NAT gateway's subnet (the replies pass the groups by connection tracking).
 */
export function buildTables(c: CompiledTopology, args: Int32Array, count: number): void {
  const protocols = new Set<number>();
  for (let k = 0; k < count; k++) {
    const at = ARGS * k;
    const from = args[at]!;
    const to = args[at + 1]!;
    const protocol = args[at + 2]!;
    protocols.add(protocol);
    const fromSet = c.eniSgSet[from]!;
    if (fromSet >= 0) sgRulesOf(c, fromSet, false);
    aclTables(c, c.eniSubnet[from]!, protocol);
    if (to === INTERNET) continue;
    const toSet = c.eniSgSet[to]!;
    if (toSet >= 0) sgRulesOf(c, toSet, true);
    aclTables(c, c.eniSubnet[to]!, protocol);
  }
  for (const protocol of protocols) {
    for (const eni of c.attAzEni) if (eni >= 0) aclTables(c, c.eniSubnet[eni]!, protocol);
    for (const subnet of c.natSubnet) aclTables(c, subnet, protocol);
  }
}

function shared<T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(a: T): T {
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

function pack<T extends Float64Array | Int32Array>(tables: readonly (T | null | undefined)[], make: (n: number) => T) {
  const start = new Int32Array(new SharedArrayBuffer(4 * tables.length));
  const end = new Int32Array(new SharedArrayBuffer(4 * tables.length));
  let n = 0;
  for (const t of tables) if (t) n += t.length;
  const data = make(n);
  n = 0;
  tables.forEach((t, i) => {
    start[i] = t === undefined ? NOT_BUILT : t === null ? NOT_COMPILABLE : n;
    if (t) data.set(t as never, n);
    n += t ? t.length : 0;
    end[i] = n;
  });
  return { start, end, data };
}

/** `c` without its model objects, every typed array shared, its ACL tables and group rule lists made so far packed. */
export function sharedTopology(c: CompiledTopology): SharedTopology {
  const { index: _i, enis: _e, eniId: _n, sgSets: _s, subnets: _u, acls: _a, aclIndex: _x, sgTables: _t, aclTables, sgRules, aclRules: _l, ...rest } = c;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) out[k] = ArrayBuffer.isView(v) ? shared(v as Int32Array) : v;
  const sg = pack(sgRules, (n) => new Float64Array(new SharedArrayBuffer(8 * n)));
  const acl = pack(aclTables, (n) => new Int32Array(new SharedArrayBuffer(4 * n)));
  return {
    ...(out as Omit<PortableTopology, Tables>),
    sgStart: sg.start,
    sgEnd: sg.end,
    sgData: sg.data,
    aclStart: acl.start,
    aclEnd: acl.end,
    aclData: acl.data,
  };
}

function unpack<T extends Float64Array | Int32Array>(start: Int32Array, end: Int32Array, data: T): (T | null | undefined)[] {
  const out = new Array<T | null | undefined>(start.length);
  for (let i = 0; i < start.length; i++) {
    const s = start[i]!;
    // what was not made is not made in the worker either: the flow goes back to the main thread
    out[i] = s === NOT_BUILT || s === NOT_COMPILABLE ? null : (data.subarray(s, end[i]!) as T);
  }
  return out;
}

/** In a worker: the compiled topology over the shared memory, its tables views into the packed arrays. */
export function fromShared(s: SharedTopology): PortableTopology {
  const { sgStart, sgEnd, sgData, aclStart, aclEnd, aclData, ...rest } = s;
  return {
    ...rest,
    sgTables: new Array(rest.sgSetIds.length * 4).fill(undefined),
    aclTables: unpack(aclStart, aclEnd, aclData),
    sgRules: unpack(sgStart, sgEnd, sgData),
    aclRules: [],
  };
}
