// The shapes a reach answer is made of. Cells are the engine's exact classes of packets; rows are cells merged for
// people and scripts (the `--json` contract, documented in docs/reach.md).
import type * as M from '../bind/model.js';
import type { Family } from '../net/ip.js';
import type { RangeSet } from './sets.js';

// 'address': an address inside the topology that no interface answers (e.g. a peer VPC's Amazon DNS address)
export type Network = 'internet' | 'on-premises' | 'service' | 'link-local' | 'address';

export type CellEnd = { kind: 'interface'; eni: M.NetworkInterface; addrs: RangeSet } | { kind: 'external'; network: Network; addrs: RangeSet };

/** One class of packets: every packet in the product of these sets has the same round-trip outcome. */
export interface Cell {
  family: Family;
  src: RangeSet;
  dst: RangeSet;
  /** protocol numbers of the class (one named number, or every number no rule names) */
  protocols: RangeSet;
  ports: RangeSet;
  srcPorts: RangeSet;
  icmpTypes: RangeSet;
  icmpCodes: RangeSet;
}

export interface Outcome {
  verdict: 'ACCEPT' | 'REJECT';
  /** component ids of the forward path, in order */
  path: string[];
  blockedBy: string | null;
  reason: string | null;
  srcKind: Network | 'interface';
  dstKind: Network | 'interface';
  /** true when a NAT gateway's choice of source port decides the outcome (the class is not uniform) */
  natPortDependent: boolean;
  /** refused on the way out by a hop that decides by address alone, after hops that route by address or filter (protocol-blind.ts) */
  byAddress?: true;
}

export interface Classified {
  cell: Cell;
  src: CellEnd;
  dst: CellEnd;
  outcome: Outcome;
}

export type RowEnd =
  | { kind: 'interface'; id: string; addresses: string[] }
  /** `all`: the CIDRs are every address of that network (of one IP version) the query asked about */
  | { kind: 'external'; cidrs: string[]; network: Network; all?: true };

/** One merged row of the JSON contract. */
export interface ReachRow {
  source: RowEnd;
  destination: RowEnd;
  protocol: string | number;
  ports: [number, number][] | null;
  srcPorts: [number, number][] | null;
  icmpTypes: [number, number][] | null;
  /** only when a rule restricts ICMP codes */
  icmpCodes?: [number, number][];
  path: string[];
}

export interface ReachQuery {
  from: string;
  to: string;
  /** tcp | udp | icmp | icmpv6 | all | number */
  protocol: string;
  ports: [number, number][];
  srcPorts: [number, number][];
}

export interface ReachResult {
  query: ReachQuery;
  rows: ReachRow[];
  /** classes whose outcome depends on the port a NAT gateway picks (AWS does not say which): neither in rows nor proved rejected */
  undetermined: ReachRow[];
  /** the exact classes behind the rows (not serialised) */
  classes: Classified[];
  stats: { traces: number; classes: number };
}
