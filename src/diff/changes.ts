// What changed between two topologies, and which flows that can touch. Resources are matched by id and compared by
// a fingerprint of their bound form (references written as ids), so a change is found wherever it was written.
// A component only decides packets that pass through it; the scope is the set of interfaces at least one of whose
// flows can pass through a changed component. Flows with neither end in the scope pass only through unchanged
// components on both sides, so their outcome is the same and they are not recomputed.
import type * as M from '../bind/model.js';
import { covers } from '../net/ip.js';
import { canStart } from '../reach/sides.js';

/** A resource's configuration as text: nested resources by id, source positions and lookup indexes left out. */
export function fingerprint(r: M.Resource): string {
  return JSON.stringify(r, function (key, value: unknown) {
    if (key === 'src' || key === 'lookup4' || key === 'lookup6') return undefined;
    if (typeof value === 'bigint') return `${value}n`;
    if (value instanceof Map) return [...value.entries()];
    if (key !== '' && isResource(value)) return `${value.kind}:${value.id}`;
    return value;
  });
}

function isResource(v: unknown): v is M.Resource {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { kind?: unknown }).kind === 'string';
}

/** Ids whose resource differs, or exists on one side only. */
export function changedIds(before: M.Topology, after: M.Topology): string[] {
  const out: string[] = [];
  const ids = new Set([...before.byId.keys(), ...after.byId.keys()]);
  for (const id of ids) {
    const b = before.byId.get(id);
    const a = after.byId.get(id);
    if (!b || !a || b.kind !== a.kind || fingerprint(b) !== fingerprint(a)) out.push(id);
  }
  return out.sort();
}

export interface Scope {
  changed: string[];
  /** interface ids whose flows are compared; 'all' when a change can touch any flow */
  ends: Set<string> | 'all';
}

class Collector {
  readonly ends = new Set<string>();
  all = false;

  constructor(readonly t: M.Topology) {}

  /** An interface's own flows are the ones that pass its security groups. */
  eni(eni: M.NetworkInterface): void {
    this.add(eni);
    // groups whose rules name one of its groups admit its addresses: their members' flows change too
    for (const g of eni.securityGroups) for (const r of g.referencedBy) for (const m of r.members) this.add(m);
  }

  group(g: M.SecurityGroup): void {
    for (const m of g.members) this.eni(m);
    for (const r of g.referencedBy) for (const m of r.members) this.add(m);
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

  resource(r: M.Resource): void {
    switch (r.kind) {
      case 'security-group':
        return this.group(r);
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

export function changeScope(before: M.Topology, after: M.Topology): Scope {
  const changed = changedIds(before, after);
  if (before.region !== after.region) return { changed, ends: 'all' };
  const ends = new Set<string>();
  for (const t of [before, after]) {
    const c = new Collector(t);
    for (const id of changed) {
      const r = t.byId.get(id);
      if (r) c.resource(r);
      if (c.all) return { changed, ends: 'all' };
    }
    for (const e of c.ends) ends.add(e);
  }
  return { changed, ends };
}
