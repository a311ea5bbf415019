// A NAT gateway picks the translated source port itself (https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html
// — REMAP_EPHEMERAL_PORT, 1024-65535); the reply comes back to that port. If a filter the reply meets before the
// translation is reversed treats ports of 1024-65535 differently, the outcome depends on AWS's choice: the class is
// then reported as undetermined rather than guessed.
import type * as M from '../bind/model.js';
import { type Addr, contains, parseIp } from '../net/ip.js';
import { EPHEMERAL_PORTS, PROTO } from '../net/protocol.js';
import type { TraceResult } from '../trace/types.js';
import { type RangeSet, intersect, subtract } from './sets.js';

const NAT_PORTS: RangeSet = [[BigInt(EPHEMERAL_PORTS.from), BigInt(EPHEMERAL_PORTS.to)]];

export function natPortDependent(t: M.Topology, res: TraceResult, proto: number): boolean {
  if (proto !== PROTO.TCP && proto !== PROTO.UDP) return false;
  const natHop = res.forward.hops.find((h) => h.kind === 'nat-gateway' && h.decision === 'NAT');
  if (!natHop || !res.return) return false;
  const nat = t.byId.get(natHop.component);
  if (nat?.kind !== 'nat-gateway') return true;
  for (const h of res.return.hops) {
    if (h.kind === 'nat-gateway') break;
    const r = t.byId.get(h.component);
    if (h.kind === 'network-acl') {
      if (r?.kind !== 'network-acl') return true;
      const inbound = h.flow === 'ingress';
      // the peer address as this hop saw the reply: with NAT64 it is the IPv4 server, not the flow's 64:ff9b:: address
      // (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html)
      const peer = parseIp(inbound ? h.packet.src : h.packet.dst);
      if (!peer.ok || !aclUniform(inbound ? r.inbound : r.outbound, proto, peer.value)) return true;
    } else if (h.kind === 'security-group') {
      if (r?.kind !== 'security-group') return true;
      const dir = h.flow === 'ingress' ? 'inbound' : 'outbound';
      for (const g of t.securityGroups)
        if (g.vpc === r.vpc && g[dir].some((x) => (x.protocol === -1 || x.protocol === proto) && x.ports && splitsNatPorts(x.ports))) return true;
    }
  }
  return false;
}

function splitsNatPorts(p: M.PortRange): boolean {
  return (p.from > 1024 && p.from <= 65535) || (p.to >= 1024 && p.to < 65535);
}

/** Does the first matching rule give one action for every port of 1024-65535? */
function aclUniform(rules: readonly M.NetworkAclRule[], proto: number, peer: Addr): boolean {
  let left = NAT_PORTS;
  const actions = new Set<string>();
  for (const r of rules) {
    if (!left.length) break;
    if ((r.protocol !== -1 && r.protocol !== proto) || !contains(r.cidr, peer)) continue;
    const range: RangeSet = r.ports ? [[BigInt(r.ports.from), BigInt(r.ports.to)]] : NAT_PORTS;
    if (intersect(left, range).length) actions.add(r.action);
    left = subtract(left, range);
  }
  if (left.length) actions.add('deny');
  return actions.size <= 1;
}
