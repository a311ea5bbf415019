// From exact classes to rows: classes with the same outcome and path are merged one field at a time (ports, source
// ports, ICMP types, addresses), as far as the truth allows; external addresses are summarised into CIDRs.
import { type Family } from '../net/ip.js';
import { isIcmp, MAX_PORT, protocolName } from '../net/protocol.js';
import { ownerId } from '../trace/engine.js';
import { formatBlock, rangeToBlocks } from '../cidr/block.js';
import { formatAddr } from '../net/ip.js';
import { type Range, type RangeSet, normalize, sameSet, setKey } from './sets.js';
import { addrOf } from './engine.js';
import type { CellEnd, Classified, ReachRow, RowEnd } from './types.js';

const FIELDS = ['ports', 'srcPorts', 'icmpTypes', 'icmpCodes', 'src', 'dst'] as const;
type Field = (typeof FIELDS)[number];

interface Group {
  family: Family;
  src: CellEnd;
  dst: CellEnd;
  protocols: RangeSet;
  path: string[];
  sets: Record<Field, RangeSet>;
  /** what every merge key starts with (family, ends, protocols, path), and each field's set, as numbers (see Keys) */
  base: number;
  keys: Record<Field, number>;
}

/**
 * Texts as small numbers, for one merge: a merge key is then a few numbers, cheap to write and to hash, however long
 * the path or the sets it stands for.
 */
class Keys {
  private readonly ids = new Map<string, number>();

  id(text: string): number {
    let n = this.ids.get(text);
    if (n === undefined) {
      n = this.ids.size;
      this.ids.set(text, n);
    }
    return n;
  }

  set(s: RangeSet): number {
    return this.id(keyOf(s));
  }
}

function endKey(e: CellEnd): string {
  return e.kind === 'interface' ? `i:${e.eni.id}` : `e:${e.network}`;
}

/** Set keys by set: classes share their sets, so each is written out once. */
const setKeys = new WeakMap<RangeSet, string>();

function keyOf(s: RangeSet): string {
  let k = setKeys.get(s);
  if (k === undefined) setKeys.set(s, (k = setKey(s)));
  return k;
}

function keyWithout(g: Group, skip: Field): string {
  let k = `${g.base}`;
  for (const f of FIELDS) k += f === skip ? '|*' : `|${g.keys[f]}`;
  return k;
}

/** Groups are made afresh by mergeClasses() for one call: merging writes into the first group of each key. */
function mergeField(groups: Group[], field: Field, keys: Keys): Group[] {
  const by = new Map<string, Group>();
  const out: Group[] = [];
  // the ranges of every group merged into one, joined once at the end (joining at each merge grew quadratically)
  const grown = new Map<Group, Range[]>();
  for (const g of groups) {
    const k = keyWithout(g, field);
    const have = by.get(k);
    if (have) {
      let ranges = grown.get(have);
      if (!ranges) {
        ranges = [...have.sets[field]];
        grown.set(have, ranges);
      }
      for (const r of g.sets[field]) ranges.push(r);
    } else {
      by.set(k, g);
      out.push(g);
    }
  }
  for (const [g, ranges] of grown) {
    g.sets[field] = normalize(ranges);
    g.keys[field] = keys.set(g.sets[field]);
  }
  return out;
}

export function mergeClasses(classes: Classified[]): Group[] {
  const paths = new Map<string[], string>();
  const pathKey = (p: string[]) => paths.get(p) ?? paths.set(p, p.join('>')).get(p)!;
  const k = new Keys();
  let groups: Group[] = classes.map((c) => {
    const sets = { ports: c.cell.ports, srcPorts: c.cell.srcPorts, icmpTypes: c.cell.icmpTypes, icmpCodes: c.cell.icmpCodes, src: c.cell.src, dst: c.cell.dst };
    const keys = {
      ports: k.set(sets.ports),
      srcPorts: k.set(sets.srcPorts),
      icmpTypes: k.set(sets.icmpTypes),
      icmpCodes: k.set(sets.icmpCodes),
      src: k.set(sets.src),
      dst: k.set(sets.dst),
    };
    const base = k.id(`${c.cell.family}|${endKey(c.src)}|${endKey(c.dst)}|${keyOf(c.cell.protocols)}|${pathKey(c.outcome.path)}`);
    return { family: c.cell.family, src: c.src, dst: c.dst, protocols: c.cell.protocols, path: c.outcome.path, sets, base, keys };
  });
  for (let pass = 0; pass < 2; pass++) for (const f of FIELDS) if (varies(groups, f)) groups = mergeField(groups, f, k);
  return groups;
}

/**
 * Does the field's set differ between groups? Classes are disjoint, so groups that agree on one field differ in
 * another: merging along a field every group holds alike joins nothing.
 */
function varies(groups: Group[], f: Field): boolean {
  if (groups.length < 2) return false;
  const k = groups[0]!.keys[f];
  for (let i = 1; i < groups.length; i++) if (groups[i]!.keys[f] !== k) return true;
  return false;
}

const FULL8: RangeSet = [[0n, 255n]];
const FULL_PORTS: RangeSet = [[0n, BigInt(MAX_PORT)]];

/** Rows for people and scripts. `srcPorts` is shown only where it is narrower than what was asked. */
/** `whole(family, network)`: every address of that network, to mark rows that cover all of it. */
export function toRows(classes: Classified[], askedSrcPorts: RangeSet, whole?: (family: Family, network: string) => RangeSet): ReachRow[] {
  const groups = mergeAllProtocols(mergeClasses(classes), askedSrcPorts);
  const rows = groups.map((g) => rowOf(g, askedSrcPorts, whole));
  return rows.sort(compareRows);
}

/** A source and destination that every protocol reaches on every port by the same path: one `all` row. */
function mergeAllProtocols(groups: Group[], asked: RangeSet): (Group & { all?: true })[] {
  const by = new Map<string, Group[]>();
  for (const g of groups) {
    const k = [g.family, endKey(g.src), endKey(g.dst), g.keys.src, g.keys.dst, g.path.join('>')].join('|');
    const l = by.get(k);
    if (l) l.push(g);
    else by.set(k, [g]);
  }
  const out: (Group & { all?: true })[] = [];
  for (const l of by.values()) {
    const protos = normalize(l.flatMap((g) => g.protocols));
    if (sameSet(protos, FULL8) && l.every((g) => fullyOpen(g, asked))) out.push({ ...l[0]!, protocols: FULL8, all: true });
    else out.push(...l);
  }
  return out;
}

/** Every packet of the group's protocol passes: all ports (TCP/UDP), all ICMP types and codes. */
function fullyOpen(g: Group, asked: RangeSet): boolean {
  const p = Number(g.protocols[0]![0]);
  if (g.protocols.length === 1 && g.protocols[0]![0] === g.protocols[0]![1] && (p === 6 || p === 17))
    return sameSet(g.sets.ports, FULL_PORTS) && sameSet(g.sets.srcPorts, asked);
  if (g.protocols.length === 1 && g.protocols[0]![0] === g.protocols[0]![1] && isIcmp(p))
    return sameSet(g.sets.icmpTypes, FULL8) && sameSet(g.sets.icmpCodes, FULL8);
  return true;
}

function ranges(s: RangeSet): [number, number][] {
  return s.map(([lo, hi]) => [Number(lo), Number(hi)]);
}

export function protocolLabel(protocols: RangeSet): string | number {
  if (protocols.length === 1 && protocols[0]![0] === protocols[0]![1]) {
    const n = Number(protocols[0]![0]);
    const name = protocolName(n);
    return name === String(n) ? n : name;
  }
  return sameSet(protocols, FULL8) ? 'all' : 'other';
}

function rowEnd(e: CellEnd, set: RangeSet, family: Family, whole?: (family: Family, network: string) => RangeSet): RowEnd {
  if (e.kind === 'interface')
    return {
      kind: 'interface',
      id: ownerId(e.eni),
      addresses: set.flatMap(([lo, hi]) =>
        hi - lo < 64n ? Array.from({ length: Number(hi - lo) + 1 }, (_, i) => formatAddr(addrOf(family, lo + BigInt(i)))) : [],
      ),
    };
  const all = whole && sameSet(set, whole(family, e.network));
  return { kind: 'external', cidrs: cidrsOf(set, family), network: e.network, ...(all ? { all: true } : {}) };
}

/** Summaries already made, by family and set: exposure asks for the same external sets once per interface (rows share them, read only). */
const summaries = new Map<string, string[]>();

/** One string per CIDR text: the summaries of an estate's external sets share most of their blocks (0.0.0.0/5, …). */
const cidrTexts = new Map<string, string>();

function interned(text: string): string {
  const have = cidrTexts.get(text);
  if (have !== undefined) return have;
  if (cidrTexts.size > 200_000) cidrTexts.clear();
  cidrTexts.set(text, text);
  return text;
}

/**
 * The fewest CIDRs covering exactly the set. A set's ranges neither overlap nor touch, so no block of one range
 * merges with a block of another: the summary is each range's blocks in turn (as summarizeBlocks would give), and
 * the ranges that many sets share (the internet's pieces between the estate's addresses) are written out once.
 */
export function cidrsOf(set: RangeSet, family: Family): string[] {
  const k = `${family}:${setKey(set)}`;
  let r = summaries.get(k);
  if (!r) {
    r = [];
    for (const [lo, hi] of normalize(set)) for (const text of rangeCidrs(family, lo, hi)) r.push(text);
    if (summaries.size > 4096) summaries.clear();
    summaries.set(k, r);
  }
  return r;
}

const byRange = new Map<string, string[]>();

function rangeCidrs(family: Family, lo: bigint, hi: bigint): string[] {
  const k = `${family}:${lo}-${hi}`;
  let r = byRange.get(k);
  if (!r) {
    r = rangeToBlocks(family, lo, hi).map((b) => interned(formatBlock(b)));
    if (byRange.size > 100_000) byRange.clear();
    byRange.set(k, r);
  }
  return r;
}

function rowOf(g: Group & { all?: true }, askedSrcPorts: RangeSet, whole?: (family: Family, network: string) => RangeSet): ReachRow {
  const p = Number(g.protocols[0]![0]);
  const single = g.protocols.length === 1 && g.protocols[0]![0] === g.protocols[0]![1];
  const hasPorts = single && (p === 6 || p === 17) && !g.all;
  const icmp = single && isIcmp(p) && !g.all;
  return {
    source: rowEnd(g.src, g.sets.src, g.family, whole),
    destination: rowEnd(g.dst, g.sets.dst, g.family, whole),
    protocol: g.all ? 'all' : protocolLabel(g.protocols),
    ports: hasPorts ? ranges(g.sets.ports) : null,
    srcPorts: hasPorts && !sameSet(g.sets.srcPorts, askedSrcPorts) ? ranges(g.sets.srcPorts) : null,
    icmpTypes: icmp ? ranges(g.sets.icmpTypes) : null,
    ...(icmp && !sameSet(g.sets.icmpCodes, FULL8) ? { icmpCodes: ranges(g.sets.icmpCodes) } : {}),
    path: g.path,
  };
}

function compareRows(a: ReachRow, b: ReachRow): number {
  const k = (r: ReachRow) =>
    `${r.source.kind === 'interface' ? '0' + r.source.id : '1' + r.source.network}|${r.destination.kind === 'interface' ? '0' + r.destination.id : '1' + r.destination.network}|${String(r.protocol)}`;
  return k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0;
}
