// Port and ICMP-type cuts of network ACLs and security groups, rule by rule with the addresses each rule's peer
// covers. A rule matches a packet only when its CIDR (or group, or prefix list) holds the packet's peer address
// (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html,
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html), so a class none of whose addresses
// — at any hop — lies in a rule's peer need not be divided at that rule's ports. The cuts mirror componentCuts()
// of cuts.ts for these two kinds of component (same ranges, same labels).
import type * as M from '../bind/model.js';
import { PROTO } from '../bind/rules.js';
import type { Family, Prefix } from '../net/ip.js';
import { peerAddresses } from './admit.js';
import { prefixRange, sgRuleLabel } from './cuts.js';
import { type Range, type RangeSet, normalize } from './sets.js';

type PerFamily = Record<Family, RangeSet>;

export interface RuleCut {
  range: Range;
  label: string;
  /** the addresses the rule can match; null: any (a load balancer's group) */
  peer: PerFamily | null;
}

/** Per protocol: port cuts (TCP/UDP) and ICMP type cuts. */
export interface RuleCuts {
  ports: Map<number, RuleCut[]>;
  icmpTypes: Map<number, RuleCut[]>;
}

const one = (a: Range[], b: Range[]): PerFamily => ({ 4: normalize(a), 6: normalize(b) });

function prefixPeer(p: Prefix): PerFamily {
  return p.family === 4 ? one([prefixRange(p)], []) : one([], [prefixRange(p)]);
}

let serial = 0;

function add(c: RuleCuts, m: M.Match, label: string, peer: PerFamily | null): void {
  const push = (map: Map<number, RuleCut[]>, cut: RuleCut) => (map.get(m.protocol) ?? map.set(m.protocol, []).get(m.protocol)!).push(cut);
  if (m.ports && (m.protocol === PROTO.TCP || m.protocol === PROTO.UDP)) push(c.ports, { range: [BigInt(m.ports.from), BigInt(m.ports.to)], label, peer });
  if ((m.protocol === PROTO.ICMP || m.protocol === PROTO.ICMPV6) && m.icmpType !== -1)
    push(c.icmpTypes, { range: [BigInt(m.icmpType), BigInt(m.icmpType)], label, peer });
}

/** The rule cuts of one hop's component, or undefined when it is neither a network ACL nor a security group. */
export function ruleCuts(r: M.Resource | undefined, flow: string): RuleCuts | undefined {
  if (r?.kind !== 'network-acl' && r?.kind !== 'security-group') return undefined;
  const c: RuleCuts = { ports: new Map(), icmpTypes: new Map() };
  if (r.kind === 'network-acl') {
    // first match decides: every rule is its own label
    for (const x of [...(flow !== 'egress' ? r.inbound : []), ...(flow !== 'ingress' ? r.outbound : [])]) add(c, x, `#${serial++}`, prefixPeer(x.cidr));
    return c;
  }
  // the hop names one group of the interface; every group of an interface that has it may have decided
  const groups = new Set<M.SecurityGroup>([r]);
  for (const m of r.members) for (const x of m.securityGroups) groups.add(x);
  for (const x of groups) {
    const rules = (list: readonly M.SecurityGroupRule[], dir: 'in' | 'out') => {
      for (const y of list) add(c, y, sgRuleLabel(x, dir, y), peerAddresses(y.peer));
    };
    if (flow !== 'egress') rules(x.inbound, 'in');
    if (flow !== 'ingress') rules(x.outbound, 'out');
  }
  return c;
}
