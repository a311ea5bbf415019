// Exact shortcuts: a packet that no security-group rule of the sender (outbound) or of the receiver (inbound)
// admits is rejected there, whatever else holds, so such sources and destinations need no trace.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — allow rules only
import type * as M from '../bind/model.js';
import type { Family } from '../net/ip.js';
import { addressesOf, big, prefixRange } from './cuts.js';
import { type Range, type RangeSet, intersect, normalize } from './sets.js';
import { allAddresses } from './sides.js';

type PerFamily = Record<Family, RangeSet>;

const translatorCache = new WeakMap<M.Topology, PerFamily>();

/** Addresses a packet's source can be rewritten to on its way: NAT gateways and interfaces that forward (NAT instances). */
export function translators(t: M.Topology): PerFamily {
  let r = translatorCache.get(t);
  if (r) return r;
  const v4: Range[] = [];
  const v6: Range[] = [];
  const add = (a: number | bigint) => (typeof a === 'number' ? v4 : v6).push([big(a), big(a)]);
  for (const nat of t.natGateways) {
    add(nat.privateIp);
    if (nat.publicIp !== undefined) add(nat.publicIp);
  }
  for (const eni of t.interfaces) if (!eni.sourceDestCheck) for (const a of allAddresses(eni)) add(a);
  r = { 4: normalize(v4), 6: normalize(v6) };
  translatorCache.set(t, r);
  return r;
}

function peers(rules: readonly M.SecurityGroupRule[], v4: Range[], v6: Range[]): void {
  for (const r of rules) {
    const add = (rg: Range, family: Family) => (family === 4 ? v4 : v6).push(rg);
    if (r.peer.type === 'cidr') add(prefixRange(r.peer.prefix), r.peer.prefix.family);
    else if (r.peer.type === 'prefix-list') for (const p of r.peer.list.cidrs) add(prefixRange(p), p.family);
    else for (const m of r.peer.group.members) for (const a of addressesOf(m)) add([big(a), big(a)], typeof a === 'number' ? 4 : 6);
  }
}

const inCache = new WeakMap<M.NetworkInterface, PerFamily | null>();
const outCache = new WeakMap<M.NetworkInterface, PerFamily | null>();

function admitted(eni: M.NetworkInterface, dir: 'inbound' | 'outbound'): PerFamily | null {
  if (!eni.securityGroups.length) return null; // no groups: nothing filters here
  const v4: Range[] = [];
  const v6: Range[] = [];
  for (const g of eni.securityGroups) peers(dir === 'inbound' ? g.inbound : g.outbound, v4, v6);
  return { 4: normalize(v4), 6: normalize(v6) };
}

/**
 * Source addresses the receiver's groups admit, or undefined when that bound is not exact: no groups, or a
 * translating device's address is admitted (then the source it sees is not the sender's).
 */
export function admittedInbound(eni: M.NetworkInterface, nat: PerFamily): PerFamily | undefined {
  let r = inCache.get(eni);
  if (r === undefined) {
    r = admitted(eni, 'inbound');
    if (r && (intersect(r[4], nat[4]).length || intersect(r[6], nat[6]).length)) r = null;
    inCache.set(eni, r);
  }
  return r ?? undefined;
}

/** Destination addresses the sender's groups admit (undefined: no groups). */
export function admittedOutbound(eni: M.NetworkInterface): PerFamily | undefined {
  let r = outCache.get(eni);
  if (r === undefined) {
    r = admitted(eni, 'outbound');
    outCache.set(eni, r);
  }
  return r ?? undefined;
}
