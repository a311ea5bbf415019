// What changed between two topologies, and which flows that can touch. Resources are matched by id and compared as
// written (an item that differs in any way counts as changed, which can only widen the scope).
// A component only decides packets that pass through it; the scope is the set of interfaces at least one of whose
// flows can pass through a changed component. Flows with neither end in the scope pass only through unchanged
// components on both sides, so their outcome is the same and they are not recomputed.
import type * as M from '../bind/model.js';
import { covers } from '../net/ip.js';
import { canStart } from '../reach/sides.js';
import type { DiffInput } from './types.js';

/** Top-level keys that describe the file, not the network. */
const NOT_NETWORK = new Set(['name', 'description', 'assertions', 'version']);

/** Equality of loaded JSON values (objects, arrays, strings, numbers, booleans, null). */
export function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x)) return Array.isArray(y) && x.length === y.length && x.every((v, i) => sameValue(v, y[i]));
  if (Array.isArray(y)) return false;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  return kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && sameValue((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
}

type Item = { id: string };
type Doc = Record<string, unknown>;

/** A loaded document's top level (an empty one when it is not a mapping). */
function doc(data: unknown): Doc {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Doc) : {};
}

/** A top-level value as items by id (every resource list), or undefined when it is not a list of resources. */
function items(v: unknown): Map<string, Item> | undefined {
  if (v === undefined) return new Map();
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string')) return undefined;
  return new Map(v.map((x: Item) => [x.id, x]));
}

/**
 * Ids of resources written differently on the two sides (or on one side only), from the loaded documents: every
 * bound resource is built from the items with its id (an instance's interface from the instance). `global` when
 * something that is not a list of resources changed (the region, the account).
 */
export function changedIds(beforeData: unknown, afterData: unknown): { ids: string[]; global: boolean } {
  const before = doc(beforeData);
  const after = doc(afterData);
  const ids = new Set<string>();
  let global = false;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (NOT_NETWORK.has(key)) continue;
    const b = items(before[key]);
    const a = items(after[key]);
    if (!b || !a) {
      if (!sameValue(before[key], after[key])) global = true;
      continue;
    }
    for (const [id, item] of b) if (!sameValue(item, a.get(id))) ids.add(id);
    for (const id of a.keys()) if (!b.has(id)) ids.add(id);
  }
  return { ids: [...ids].sort(), global };
}

export interface Scope {
  changed: string[];
  /** interface ids whose flows are compared; 'all' when a change can touch any flow */
  ends: Set<string> | 'all';
  /** ends whose flows need comparing in one direction only: 'in' as destination, 'out' as source */
  oneWay: Map<string, 'in' | 'out'>;
}

type Direction = 'in' | 'out' | 'both';

class Collector {
  readonly ends = new Set<string>();
  readonly oneWay = new Map<string, Set<'in' | 'out'>>();
  all = false;

  constructor(readonly t: M.Topology) {}

  /** An interface's own flows are the ones that pass its security groups. */
  eni(eni: M.NetworkInterface): void {
    this.add(eni);
    // groups whose rules name one of its groups admit its addresses: their members' flows change too
    for (const g of eni.securityGroups) for (const r of g.referencedBy) for (const m of r.members) this.add(m);
  }

  /**
   * A group's rules decide its members' flows. Groups whose rules name it change only when its membership does, and
   * a membership changes only with an instance or interface item, which eni() widens to them.
   */
  group(g: M.SecurityGroup, dir: Direction): void {
    for (const m of g.members) {
      if (!isEnd(m) || dir === 'both') this.add(m);
      else this.oneWay.set(m.id, (this.oneWay.get(m.id) ?? new Set()).add(dir));
    }
  }

  /** An interface that forwards for others (NAT, appliance, endpoint, attachment): every flow of its VPC. */
  private add(eni: M.NetworkInterface): void {
    if (isEnd(eni)) this.ends.add(eni.id);
    else this.vpc(eni.vpc);
  }

  subnet(s: M.Subnet): void {
    if (s.interfaces.every(isEnd)) for (const e of s.interfaces) this.eni(e);
    else this.vpc(s.vpc);
  }

  /** Every interface of the VPC; every flow when a transit gateway sends it traffic for addresses outside it. */
  vpc(v: M.Vpc | undefined): void {
    if (!v || this.all) return;
    for (const s of v.subnets) for (const e of s.interfaces) this.ends.add(e.id);
    for (const att of v.tgwAttachments) {
      for (const rt of att.transitGateway.routeTables) {
        if (rt.routes.some((r) => r.attachment === att && !v.cidrs.concat(v.ipv6Cidrs).some((c) => covers(c, r.destination)))) this.all = true;
      }
    }
  }

  resource(r: M.Resource, dir: Direction): void {
    switch (r.kind) {
      case 'security-group':
        return this.group(r, dir);
      case 'network-interface':
        return this.eni(r);
      case 'instance':
        return r.interfaces.forEach((e) => this.eni(e));
      case 'subnet':
        return this.subnet(r);
      case 'network-acl':
      case 'route-table':
        if (!r.subnets.length) return this.vpc(r.vpc);
        return r.subnets.forEach((s) => this.subnet(s));
      case 'peering-connection':
        this.vpc(r.requester);
        return this.vpc(r.accepter);
      case 'vpn-gateway':
        if (r.connections.some((c) => c.transitGateway)) this.all = true;
        return this.vpc(r.vpc);
      case 'vpn-connection':
        if (r.transitGateway) this.all = true;
        return this.vpc(r.vpnGateway?.vpc);
      case 'vpc':
        return this.vpc(r);
      case 'internet-gateway':
      case 'egress-only-internet-gateway':
      case 'nat-gateway':
      case 'vpc-endpoint':
        return this.vpc(r.vpc);
      default:
        // transit gateways and their tables and attachments, prefix lists: referenced across the estate
        this.all = true;
    }
  }
}

/** Interfaces that start and end flows and forward nothing: instances' and plain interfaces with the source/destination check on. */
function isEnd(eni: M.NetworkInterface): boolean {
  return canStart(eni) && eni.sourceDestCheck;
}

/**
 * Security groups are stateful: inbound rules decide only connections made to a member, outbound rules only those a
 * member makes (replies pass either way). A group whose only change is in one list changes one direction's flows.
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
 */
function groupDirection(beforeData: unknown, afterData: unknown, id: string): Direction {
  const item = (data: unknown) => {
    const groups = doc(data).securityGroups;
    return Array.isArray(groups) ? (groups as Doc[]).find((g) => g?.id === id) : undefined;
  };
  const b = item(beforeData);
  const a = item(afterData);
  if (!b || !a) return 'both';
  const rest = (g: Doc) => ({ ...g, inbound: undefined, outbound: undefined });
  if (!sameValue(rest(b), rest(a))) return 'both';
  const inbound = !sameValue(b.inbound, a.inbound);
  const outbound = !sameValue(b.outbound, a.outbound);
  return inbound && outbound ? 'both' : inbound ? 'in' : 'out';
}

export function changeScope(beforeSide: DiffInput, afterSide: DiffInput): Scope {
  const before = beforeSide.topology;
  const after = afterSide.topology;
  const { ids: changed, global } = changedIds(beforeSide.data, afterSide.data);
  const oneWay = new Map<string, 'in' | 'out'>();
  if (global || before.region !== after.region) return { changed, ends: 'all', oneWay };
  const ends = new Set<string>();
  const dirs = new Map<string, Set<'in' | 'out'>>();
  for (const t of [before, after]) {
    const c = new Collector(t);
    for (const id of changed) {
      const r = t.byId.get(id);
      if (r) c.resource(r, r.kind === 'security-group' ? groupDirection(beforeSide.data, afterSide.data, id) : 'both');
      if (c.all) return { changed, ends: 'all', oneWay };
    }
    for (const e of c.ends) ends.add(e);
    for (const [id, ds] of c.oneWay) for (const d of ds) dirs.set(id, (dirs.get(id) ?? new Set()).add(d));
  }
  // an end that some change needs both ways, or one inbound and another outbound, is compared both ways
  for (const [id, ds] of dirs) {
    if (!ends.has(id) && ds.size === 1) oneWay.set(id, [...ds][0]!);
    ends.add(id);
  }
  return { changed, ends, oneWay };
}
