// Compiled forms of network ACLs and security groups for verdict-only tracing (batch runs).
// The explaining tracer walks the bound rule objects (src/trace/engine.ts); these flat indexes answer the same
// question, allow or deny, for IPv4 TCP and UDP packets, which make up batch traffic. Any other packet (IPv6,
// ICMP, other protocols) gets `undefined` and the caller walks the rule objects as the explaining tracer does.
// Both paths are compared on random topologies and flows by tests/property/compiled-equivalence.test.ts.
//
// The split of the port space into classes: every port range a rule of one protocol starts or ends makes a
// boundary, so within a class each rule either covers every port or none. A lookup is a binary search for the
// class, then a scan of that class's candidates (network ACLs, first match by rule number) or a binary search in
// its merged address intervals (security groups, any match).
import type * as M from '../bind/model.js';
import { MAX_PORT, PROTO } from '../net/protocol.js';
import type { Addr, Prefix } from '../net/ip.js';
import type { TraceIndex } from '../bind/model.js';

declare module '../bind/model.js' {
  interface TopologyDerived {
    /** compiled security-group tables per list of groups (interfaces with the same groups share them) */
    sgSlotsByGroups?: Map<string, (SgTable | undefined)[]>;
    /** a security-group rule peer's IPv4 address intervals, merged (rules share peer objects) */
    sgPeerPairs?: Map<M.SgPeer, number[]>;
    /** each interface's entry of sgSlotsByGroups, found without building its key again */
    sgSlotsByEni?: WeakMap<M.NetworkInterface, (SgTable | undefined)[]>;
    /** compiled ACL tables per ACL: [inbound tcp, inbound udp, outbound tcp, outbound udp], built on first use */
    aclTables?: WeakMap<M.NetworkAcl, (AclTable | null | undefined)[]>;
  }
}

/**
 * Beyond this many (class × candidate) entries, or numbers in a security-group table, an index is not built (or not
 * grown) and the rule objects are walked.
 */
const MAX_ENTRIES = 1 << 20;
const NOT_COMPILED = null;

// ---- port classes ---------------------------------------------------------------------------------------

/** Class starts for rules' port ranges (`undefined` = all ports): sorted, the first is 0. */
function portClasses(ranges: readonly { readonly ports?: M.PortRange }[]): Int32Array {
  // every boundary into one typed array, sorted as numbers, duplicates dropped in place
  const cuts = new Int32Array(2 * ranges.length + 1);
  let n = 1;
  for (let i = 0; i < ranges.length; i++) {
    const p = ranges[i]!.ports;
    if (!p) continue;
    cuts[n++] = p.from;
    if (p.to < MAX_PORT) cuts[n++] = p.to + 1;
  }
  return sortedCuts(cuts, n);
}

/** The first `n` cuts sorted as numbers, duplicates dropped, in a new array. */
function sortedCuts(cuts: Int32Array, n: number): Int32Array {
  const sorted = cuts.subarray(0, n);
  if (n > 32) sorted.sort();
  else
    for (let i = 1; i < n; i++) {
      const x = sorted[i]!;
      let j = i - 1;
      for (; j >= 0 && sorted[j]! > x; j--) sorted[j + 1] = sorted[j]!;
      sorted[j + 1] = x;
    }
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i]!;
  return sorted.slice(0, m);
}

function covers(ports: M.PortRange | undefined, from: number, to: number): boolean {
  return !ports || (ports.from <= from && to <= ports.to);
}

function classEnd(starts: Int32Array, k: number): number {
  return k + 1 < starts.length ? starts[k + 1]! - 1 : MAX_PORT;
}

// ---- network ACLs ---------------------------------------------------------------------------------------

/**
 * One direction of one ACL for one protocol, in one Int32Array so that a lookup touches a few adjacent cache lines:
 * [n, class starts × n, candidate offsets × (n+1), then per candidate (base, mask, allow)], candidates of each class
 * in rule-number order.
 */
type AclTable = Int32Array;

/** What compileAcl reads of a rule: a plain object (aclRuleList) crosses to a worker thread. */
export interface AclRuleFields {
  readonly protocol: number;
  readonly ports?: M.PortRange;
  readonly action: M.NetworkAclRule['action'];
  readonly cidr: { readonly family: number; readonly base: Addr; readonly mask: Addr };
}

/** The IPv4 rules of one direction as plain objects, in rule-number order. */
export function aclRuleList(rules: readonly M.NetworkAclRule[]): AclRuleFields[] {
  return rules
    .filter((r) => r.cidr.family === 4)
    .map((r) => ({ protocol: r.protocol, ports: r.ports, action: r.action, cidr: { family: 4, base: r.cidr.base, mask: r.cidr.mask } }));
}

export function compileAcl(rules: readonly AclRuleFields[], protocol: number): AclTable | null {
  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html — rules are evaluated in rule-number order (bind sorts them)
  const cand = rules.filter((r) => (r.protocol === PROTO.ALL || r.protocol === protocol) && r.cidr.family === 4);
  const starts = portClasses(cand);
  const n = starts.length;
  if (n * Math.max(1, cand.length) > MAX_ENTRIES) return NOT_COMPILED;
  // counted first, then written once into the table (no intermediate arrays)
  let count = 0;
  for (let k = 0; k < n; k++) {
    const from = starts[k]!;
    const to = classEnd(starts, k);
    for (let i = 0; i < cand.length; i++) if (covers(cand[i]!.ports, from, to)) count++;
  }
  const at = 2 + 2 * n;
  const t = new Int32Array(at + 3 * count);
  t[0] = n;
  t.set(starts, 1);
  let w = at;
  for (let k = 0; k < n; k++) {
    t[1 + n + k] = w;
    const from = starts[k]!;
    const to = classEnd(starts, k);
    for (let i = 0; i < cand.length; i++) {
      const r = cand[i]!;
      if (!covers(r.ports, from, to)) continue;
      t[w] = r.cidr.base as number;
      t[w + 1] = r.cidr.mask as number;
      t[w + 2] = r.action === 'allow' ? 1 : 0;
      w += 3;
    }
  }
  t[1 + 2 * n] = w;
  return t;
}

/** A slot of the compiled form's tables: per ACL (or group set) × [inbound tcp, inbound udp, outbound tcp, outbound udp]. */
function slotOf(owner: number, dir: 'inbound' | 'outbound', protocol: number): number {
  return owner * 4 + (dir === 'inbound' ? 0 : 2) + (protocol === PROTO.TCP ? 0 : 1);
}

function aclTable(acl: M.NetworkAcl, dir: 'inbound' | 'outbound', protocol: number, ix: TraceIndex): AclTable | null {
  // a subnet's ACL of a compiled topology: the table the compiled walk uses (the same rules give the same table)
  const c = ix.derived.compiled;
  const id = c?.aclIndex.get(acl);
  if (c && id !== undefined) {
    const slot = slotOf(id, dir, protocol);
    let t = c.aclTables[slot];
    if (t === undefined) t = c.aclTables[slot] = compileAcl(dir === 'inbound' ? acl.inbound : acl.outbound, protocol);
    return t;
  }
  if (!ix.derived.aclTables) ix.derived.aclTables = new WeakMap();
  const tables = ix.derived.aclTables;
  let slots = tables.get(acl);
  if (!slots) tables.set(acl, (slots = [undefined, undefined, undefined, undefined]));
  const i = (dir === 'inbound' ? 0 : 2) + (protocol === PROTO.TCP ? 0 : 1);
  let t = slots[i];
  if (t === undefined) t = slots[i] = compileAcl(dir === 'inbound' ? acl.inbound : acl.outbound, protocol);
  return t;
}

/** The class of `port` in a table whose n class starts sit at [from, from + n): the last start at or below it. */
function classIn(t: Int32Array | Float64Array, from: number, n: number, port: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t[from + mid]! <= port) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Does the ACL allow the packet in this direction? `peer` is the remote address (the source inbound, the
 * destination outbound). `undefined` when the packet is not one the index covers.
 */
export function aclAllows(acl: M.NetworkAcl, dir: 'inbound' | 'outbound', protocol: number, port: number, peer: Addr, ix: TraceIndex): boolean | undefined {
  if (typeof peer !== 'number' || (protocol !== PROTO.TCP && protocol !== PROTO.UDP)) return undefined;
  const t = aclTable(acl, dir, protocol, ix);
  if (!t) return undefined;
  return aclTableAllows(t, port, peer);
}

/** The first rule of the port's class that matches `peer` decides; none: denied. */
export function aclTableAllows(t: AclTable, port: number, peer: number): boolean {
  const n = t[0]!;
  const k = classIn(t, 1, n, port);
  const end = t[1 + n + k + 1]!;
  for (let j = t[1 + n + k]!; j < end; j += 3) {
    if (((peer ^ t[j]!) & t[j + 1]!) === 0) return t[j + 2] === 1;
  }
  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html — the final `*` rule denies what no rule matched
  return false;
}

// ---- security groups ------------------------------------------------------------------------------------

/**
 * The allowed peers of a set of groups, one direction, one protocol: the port classes of its rules, and per class the
 * merged (lo, hi) address pairs of the rules covering it, sorted (unsigned 32-bit addresses compare as numbers). A
 * class's pairs are merged on its first lookup, and appended to the table's `data`: a batch meets few of a table's
 * classes (on the large estate's 100,000 flows, 16,391 of 136,809).
 */
export interface SgTable {
  readonly list: SgRuleList;
  /** offsets in `list` of the rules of this protocol */
  readonly rules: Int32Array;
  /** [n, class starts × n, then per class (first, end) of its pairs in `data`]; first UNMERGED or NOT_INDEXED */
  readonly index: Int32Array;
  /** the pairs of the classes merged so far, `used` numbers of it */
  data: Float64Array;
  used: number;
  /** a class was refused for the table's size: later ones are not merged either */
  full: boolean;
}

/** `first` of a class not merged yet, and of one with too many pairs to index (its packets walk the rules) */
const UNMERGED = -1;
const NOT_INDEXED = -2;

/** The IPv4 address intervals a rule's peer stands for. */
function peerIntervals(peer: M.SgPeer, ix: TraceIndex, out: number[]): void {
  const addPrefix = (p: Prefix) => {
    if (p.family !== 4) return;
    const base = p.base as number;
    out.push(base, base + (2 ** (32 - p.len) - 1));
  };
  switch (peer.type) {
    case 'cidr':
      addPrefix(peer.prefix);
      return;
    case 'prefix-list':
      for (const c of peer.list.cidrs) addPrefix(c);
      return;
    case 'sg':
      // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-referencing — the private IPs of the group's members
      for (const a of ix.sgMembers.get(peer.group) ?? []) if (typeof a === 'number') out.push(a, a);
  }
}

/**
 * Sorts [lo, hi] pairs and merges those that overlap or touch. The sort is on lo alone (ties merge to the same
 * result in any order), as numbers `lo × 2^21 + pair` in a typed array rather than through a comparator.
 */
function merge(pairs: number[]): number[] {
  const m = pairs.length / 2;
  const out: number[] = [];
  if (m === 0) return out;
  const keys = new Float64Array(m);
  if (m < 2 ** 21) for (let i = 0; i < m; i++) keys[i] = pairs[2 * i]! * 2 ** 21 + i;
  if (m < 2 ** 21) keys.sort();
  for (let k = 0; k < m; k++) {
    const i = m < 2 ** 21 ? keys[k]! % 2 ** 21 : k;
    const lo = pairs[2 * i]!;
    const hi = pairs[2 * i + 1]!;
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return m < 2 ** 21 ? out : mergeSlow(pairs);
}

function mergeSlow(pairs: number[]): number[] {
  const idx = Array.from({ length: pairs.length / 2 }, (_, i) => i).sort((a, b) => pairs[2 * a]! - pairs[2 * b]!);
  const out: number[] = [];
  for (const i of idx) {
    const lo = pairs[2 * i]!;
    const hi = pairs[2 * i + 1]!;
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

/**
 * The rules of a set of groups in one direction, packed in one Float64Array (no object per rule; it crosses to a
 * worker thread as it is): per rule [protocol, first port, last port, pair count, then its peer's merged (lo, hi)
 * address pairs]. A rule without ports covers 0-65535.
 */
export type SgRuleList = Float64Array;

/** per rule of an SgRuleList: protocol, first port, last port, pair count */
const RULE_HEAD = 4;

/** The merged address intervals of a peer, listed once per peer object (rules share their peers: bind). */
function peerPairs(peer: M.SgPeer, ix: TraceIndex): number[] {
  const memo = (ix.derived.sgPeerPairs ??= new Map());
  let pairs = memo.get(peer);
  if (pairs === undefined) {
    const raw: number[] = [];
    peerIntervals(peer, ix, raw);
    pairs = raw.length <= 2 ? raw : merge(raw);
    memo.set(peer, pairs);
  }
  return pairs;
}

let listed: Float64Array = new Float64Array(1 << 12);

/** The rules of a set of groups in one direction, peers resolved to address intervals (members, prefix lists). */
export function sgRuleList(groups: readonly M.SecurityGroup[], dir: 'inbound' | 'outbound', ix: TraceIndex): SgRuleList {
  let w = 0;
  for (const g of groups) {
    for (const r of dir === 'inbound' ? g.inbound : g.outbound) {
      // merged once per peer: a class covered by this rule alone copies them as they are
      const pairs = peerPairs(r.peer, ix);
      if (!pairs.length) continue;
      listed = ensure(listed, w + RULE_HEAD + pairs.length);
      listed[w] = r.protocol;
      listed[w + 1] = r.ports ? r.ports.from : 0;
      listed[w + 2] = r.ports ? r.ports.to : MAX_PORT;
      listed[w + 3] = pairs.length;
      for (let j = 0; j < pairs.length; j++) listed[w + RULE_HEAD + j] = pairs[j]!;
      w += RULE_HEAD + pairs.length;
    }
  }
  return listed.slice(0, w);
}

export function compileSg(groups: readonly M.SecurityGroup[], dir: 'inbound' | 'outbound', protocol: number, ix: TraceIndex): SgTable {
  return compileSgRules(sgRuleList(groups, dir, ix), protocol);
}

/** Scratch space of table building, reused: tables are built one at a time. */
let body: Float64Array = new Float64Array(1 << 12);
let gathered: Float64Array = new Float64Array(1 << 12);
let sortKeys: Float64Array = new Float64Array(1 << 11);

function ensure(a: Float64Array, n: number): Float64Array {
  if (a.length >= n) return a;
  const b = new Float64Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

/**
 * merge() of the `m` pairs in `gathered`, written into `body` from `at`: its new length. Sorted on lo as numbers
 * `lo × 2^21 + pair` in a typed array, as merge() does.
 */
function mergeGathered(m: number, at: number): number {
  if (m >= 2 ** 21) {
    const out = mergeSlow(Array.from(gathered.subarray(0, 2 * m)));
    body = ensure(body, at + out.length);
    body.set(out, at);
    return at + out.length;
  }
  sortKeys = ensure(sortKeys, m);
  const keys = sortKeys.subarray(0, m);
  for (let i = 0; i < m; i++) keys[i] = gathered[2 * i]! * 2 ** 21 + i;
  keys.sort();
  body = ensure(body, at + 2 * m);
  let w = at;
  for (let k = 0; k < m; k++) {
    const i = keys[k]! % 2 ** 21;
    const lo = gathered[2 * i]!;
    const hi = gathered[2 * i + 1]!;
    if (w > at && lo <= body[w - 1]! + 1) body[w - 1] = Math.max(body[w - 1]!, hi);
    else {
      body[w] = lo;
      body[w + 1] = hi;
      w += 2;
    }
  }
  return w;
}

/**
 * The merged intervals of the class [from, to] of the `m` rules of `list` at offsets `at[0..m)`, written into `body`
 * from `w`: its new length.
 */
function classPairs(list: SgRuleList, at: Int32Array, m: number, from: number, to: number, w: number): number {
  let only = -1;
  let count = 0;
  let total = 0;
  for (let i = 0; i < m; i++) {
    const o = at[i]!;
    if (list[o + 1]! > from || to > list[o + 2]!) continue;
    only = o;
    count++;
    total += list[o + 3]!;
  }
  if (count === 0) return w;
  if (count === 1) {
    // a class covered by one rule copies its peer's intervals as they are (merged once per peer)
    const n = list[only + 3]!;
    body = ensure(body, w + n);
    for (let j = 0; j < n; j++) body[w + j] = list[only + RULE_HEAD + j]!;
    return w + n;
  }
  gathered = ensure(gathered, total);
  let g = 0;
  for (let i = 0; i < m; i++) {
    const o = at[i]!;
    if (list[o + 1]! > from || to > list[o + 2]!) continue;
    const n = list[o + 3]!;
    for (let j = 0; j < n; j++) gathered[g++] = list[o + RULE_HEAD + j]!;
  }
  return mergeGathered(g / 2, w);
}

function ensureInt(a: Int32Array, n: number): Int32Array {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

let ruleAt: Int32Array = new Int32Array(1 << 10);
let cutScratch: Int32Array = new Int32Array(1 << 11);

/** The table of `list`'s rules of `protocol`: their port classes; each class's pairs are merged on first use. */
export function compileSgRules(list: SgRuleList, protocol: number): SgTable {
  // the offsets of the rules of this protocol, and their port boundaries
  let m = 0;
  let cuts = 1;
  for (let o = 0; o < list.length; o += RULE_HEAD + list[o + 3]!) {
    const p = list[o]!;
    if (p !== PROTO.ALL && p !== protocol) continue;
    ruleAt = ensureInt(ruleAt, m + 1);
    ruleAt[m++] = o;
    cutScratch = ensureInt(cutScratch, cuts + 2);
    cutScratch[cuts++] = list[o + 1]!;
    if (list[o + 2]! < MAX_PORT) cutScratch[cuts++] = list[o + 2]! + 1;
  }
  cutScratch[0] = 0;
  const starts = sortedCuts(cutScratch, cuts);
  const n = starts.length;
  const index = new Int32Array(1 + 3 * n).fill(UNMERGED);
  index[0] = n;
  index.set(starts, 1);
  return { list, rules: ruleAt.slice(0, m), index, data: new Float64Array(16), used: 0, full: false };
}

/**
 * Merges class `k`'s pairs into the table's data: the offset of its first pair. NOT_INDEXED when the table would hold
 * more than MAX_ENTRIES numbers: its memory stays bounded however many classes of wide peers a batch meets.
 */
function mergeClass(t: SgTable, k: number): number {
  const ix = t.index;
  const n = ix[0]!;
  if (t.full) return (ix[1 + n + 2 * k] = NOT_INDEXED);
  const to = k + 1 < n ? ix[2 + k]! - 1 : MAX_PORT;
  const len = classPairs(t.list, t.rules, t.rules.length, ix[1 + k]!, to, 0);
  if (t.used + len > MAX_ENTRIES) {
    t.full = true;
    return (ix[1 + n + 2 * k] = NOT_INDEXED);
  }
  t.data = ensure(t.data, t.used + len);
  t.data.set(body.subarray(0, len), t.used);
  ix[1 + n + 2 * k] = t.used;
  ix[2 + n + 2 * k] = t.used + len;
  t.used += len;
  return ix[1 + n + 2 * k]!;
}

/** Per interface's list of groups (interfaces with the same groups share it): [in tcp, in udp, out tcp, out udp]. */
type SgSlots = (SgTable | undefined)[];

function sgSlots(eni: M.NetworkInterface, ix: TraceIndex): SgSlots {
  const byGroups = (ix.derived.sgSlotsByGroups ??= new Map());
  const key = eni.securityGroups.map((g) => g.id).join('\n');
  let slots = byGroups.get(key);
  if (!slots) byGroups.set(key, (slots = [undefined, undefined, undefined, undefined]));
  if (!ix.derived.sgSlotsByEni) ix.derived.sgSlotsByEni = new WeakMap();
  ix.derived.sgSlotsByEni.set(eni, slots);
  return slots;
}

/** The compiled walk's table of the interface's group set, built here if the walk has not (undefined: no compiled form). */
function compiledSgTable(eni: M.NetworkInterface, dir: 'inbound' | 'outbound', protocol: number, ix: TraceIndex): SgTable | undefined {
  const c = ix.derived.compiled;
  const id = c?.eniId.get(eni);
  const set = c && id !== undefined ? c.eniSgSet[id]! : -1;
  if (!c || set < 0) return undefined;
  const slot = slotOf(set, dir, protocol);
  // on the main thread a slot is never null (only a worker lacks rule lists)
  let t = c.sgTables[slot] ?? undefined;
  if (t === undefined) {
    // as sgRulesOf lists them
    const r = set * 2 + (dir === 'inbound' ? 0 : 1);
    let rules = c.sgRules[r];
    if (!rules) rules = c.sgRules[r] = sgRuleList(c.sgSets[set]!, dir, ix);
    t = c.sgTables[slot] = compileSgRules(rules, protocol);
  }
  return t;
}

function sgTable(eni: M.NetworkInterface, dir: 'inbound' | 'outbound', protocol: number, ix: TraceIndex): SgTable {
  const shared = compiledSgTable(eni, dir, protocol, ix);
  if (shared !== undefined) return shared;
  const slots = ix.derived.sgSlotsByEni?.get(eni) ?? sgSlots(eni, ix);
  const i = (dir === 'inbound' ? 0 : 2) + (protocol === PROTO.TCP ? 0 : 1);
  let t = slots[i];
  if (t === undefined) t = slots[i] = compileSg(eni.securityGroups, dir, protocol, ix);
  return t;
}

/**
 * Do the interface's security groups allow the packet in this direction (any rule of any group)? `undefined`
 * when the packet is not one the index covers. The stateful reply rule is the caller's.
 */
export function sgAllows(
  eni: M.NetworkInterface,
  dir: 'inbound' | 'outbound',
  protocol: number,
  port: number,
  peer: Addr,
  ix: TraceIndex,
): boolean | undefined {
  if (typeof peer !== 'number' || (protocol !== PROTO.TCP && protocol !== PROTO.UDP)) return undefined;
  return sgTableAllows(sgTable(eni, dir, protocol, ix), port, peer);
}

/** Is `peer` in one of the merged intervals of the port's class? undefined when that class is not indexed. */
export function sgTableAllows(t: SgTable, port: number, peer: number): boolean | undefined {
  const ix = t.index;
  const n = ix[0]!;
  const k = classIn(ix, 1, n, port);
  let first = ix[1 + n + 2 * k]!;
  if (first === UNMERGED) first = mergeClass(t, k);
  if (first === NOT_INDEXED) return undefined;
  const end = ix[2 + n + 2 * k]!;
  if (first === end) return false;
  const d = t.data;
  // the last interval starting at or below the address
  let a = 0;
  let b = (end - first) / 2 - 1;
  while (a < b) {
    const mid = (a + b + 1) >> 1;
    if (d[first + 2 * mid]! <= peer) a = mid;
    else b = mid - 1;
  }
  return d[first + 2 * a]! <= peer && peer <= d[first + 2 * a + 1]!;
}
