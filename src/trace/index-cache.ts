// Per-topology lookup tables the tracer needs, built once on first use and cached beside the graph.
import type { NetworkInterface, SecurityGroup, Topology, Vpc } from '../bind/model.js';
import type { Addr } from '../net/ip.js';

export interface TraceIndex {
  /** private IPv4/IPv6 address → interface, per VPC (VPCs that are not connected may overlap) */
  vpcAddr: Map<Vpc, Map<Addr, NetworkInterface>>;
  /** every private address of a group's members, for security-group references */
  sgMembers: Map<SecurityGroup, Set<Addr>>;
  /** IPv6 address → interface across VPCs, for traffic arriving from the internet (IPv6 needs no translation) */
  ipv6Owner: Map<bigint, NetworkInterface>;
}

const cache = new WeakMap<Topology, TraceIndex>();

export function traceIndex(t: Topology): TraceIndex {
  let ix = cache.get(t);
  if (ix) return ix;
  const vpcAddr = new Map<Vpc, Map<Addr, NetworkInterface>>();
  const sgMembers = new Map<SecurityGroup, Set<Addr>>();
  const ipv6Owner = new Map<bigint, NetworkInterface>();
  for (const vpc of t.vpcs) vpcAddr.set(vpc, new Map());
  for (const eni of t.interfaces) {
    const m = vpcAddr.get(eni.vpc)!;
    const addrs: Addr[] = [...(eni.privateIp !== undefined ? [eni.privateIp] : []), ...eni.secondaryPrivateIps, ...eni.ipv6Addresses];
    for (const a of addrs) if (!m.has(a)) m.set(a, eni);
    for (const a of eni.ipv6Addresses) if (!ipv6Owner.has(a)) ipv6Owner.set(a, eni);
    for (const sg of eni.securityGroups) {
      let s = sgMembers.get(sg);
      if (!s) sgMembers.set(sg, (s = new Set()));
      for (const a of addrs) s.add(a);
    }
  }
  ix = { vpcAddr, sgMembers, ipv6Owner };
  cache.set(t, ix);
  return ix;
}
