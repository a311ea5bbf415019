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
    const addrs: Addr[] = [...(eni.privateIp !== undefined ? [eni.privateIp] : []), ...eni.secondaryPrivateIps, ...eni.ipv6Addresses];
    for (const a of addrs) if (!m.has(a)) m.set(a, eni);
    for (const a of eni.ipv6Addresses) if (!ipv6Owner.has(a)) ipv6Owner.set(a, eni);
    for (const sg of eni.securityGroups) {
      const s = sgMembers.get(sg) ?? new Set<Addr>();
      sgMembers.set(sg, s);
      for (const a of addrs) s.add(a);
    }
  }
  return { vpcAddr, sgMembers, ipv6Owner };
}
