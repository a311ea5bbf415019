// The address lookups the tracer needs, built once when the topology is bound.
import type { Addr } from '../net/ip.js';
import type { Draft } from './context.js';
import type * as M from './model.js';

/** Per-VPC addresses, security-group member addresses and IPv6 owners, from the bound interfaces in binding order. */
export function addressIndexes(t: Draft): Omit<M.TraceIndex, 'derived'> {
  const vpcAddr = new Map<M.Vpc, Map<Addr, M.NetworkInterface>>();
  const sgMembers = new Map<M.SecurityGroup, Set<Addr>>();
  const ipv6Owner = new Map<bigint, M.NetworkInterface>();
  for (const vpc of t.vpcs) vpcAddr.set(vpc, new Map());
  for (const eni of t.interfaces) {
    const m = vpcAddr.get(eni.vpc)!;
    const sets: Set<Addr>[] = [];
    for (const sg of eni.securityGroups) {
      let s = sgMembers.get(sg);
      if (s === undefined) {
        s = new Set<Addr>();
        sgMembers.set(sg, s);
      }
      sets.push(s);
    }
    // privateIp, then the secondary and IPv6 addresses: the order the maps and sets have always been filled in
    if (eni.privateIp !== undefined) addAddress(m, sets, eni.privateIp, eni);
    for (const a of eni.secondaryPrivateIps) addAddress(m, sets, a, eni);
    for (const a of eni.ipv6Addresses) addAddress(m, sets, a, eni);
    for (const a of eni.ipv6Addresses) if (!ipv6Owner.has(a)) ipv6Owner.set(a, eni);
  }
  return { vpcAddr, sgMembers, ipv6Owner };
}

function addAddress(m: Map<Addr, M.NetworkInterface>, sets: Set<Addr>[], a: Addr, eni: M.NetworkInterface): void {
  if (!m.has(a)) m.set(a, eni);
  for (const s of sets) s.add(a);
}
