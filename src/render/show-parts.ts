// The pieces every `vpcsim show` view is built from: route, ACL, security group and interface rows, and the
// source position of what the file declares.
import type * as M from '../bind/model.js';
import { portsText, protocolName } from '../bind/rules.js';
import { cite, citationText } from '../load/cite.js';
import { formatAddr, formatPrefix } from '../net/ip.js';

export type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------- views

export interface RouteView {
  destination: string;
  /** set when the destination is a prefix list: how many CIDRs it stands for */
  prefixListCidrs?: number;
  target: string;
  targetKind: string;
  origin: M.RouteOrigin;
  at?: string;
}

export interface AclRuleView {
  rule: number | '*';
  protocol: string;
  ports: string;
  cidr: string;
  action: 'allow' | 'deny';
  /** the final '*' rule every network ACL ends with */
  implicit: boolean;
  at?: string;
}

export interface SgRuleView {
  protocol: string;
  ports: string;
  peer: string;
  peerKind: 'cidr' | 'security-group' | 'prefix-list';
  description?: string;
  /** a default rule (default group, or an omitted outbound list) */
  implicit: boolean;
  at?: string;
}

export interface InterfaceView {
  id: string;
  owner: string;
  subnet: string;
  /** absent in an IPv6-only subnet */
  privateIp?: string;
  secondaryPrivateIps: string[];
  ipv6Addresses: string[];
  publicIp?: string;
  securityGroups: string[];
  sourceDestCheck: boolean;
}

export function at(t: M.Topology, src: M.Src | undefined): string | undefined {
  if (!src) return undefined;
  const w = cite(t, src.path);
  return w.line > 0 || w.at ? citationText(w) : undefined;
}

/** The position of a resource the file declares; implicit ones (AWS defaults) have none. */
export function resourceAt(t: M.Topology, r: M.Resource): string | undefined {
  if ('implicit' in r && r.implicit) return undefined;
  if (r.kind === 'network-interface' && !r.explicit && r.owner.type !== 'instance') return undefined;
  return at(t, r.src);
}

export function matchPorts(m: M.Match): string {
  if (m.protocol === 1 || m.protocol === 58) {
    if (m.icmpType === -1) return 'all';
    return `type ${m.icmpType}${m.icmpCode === -1 ? '' : ` code ${m.icmpCode}`}`;
  }
  if (m.protocol === 6 || m.protocol === 17) return portsText(m.ports);
  return 'all';
}

export function targetKind(rt: M.RouteTarget): string {
  switch (rt.type) {
    case 'local':
      return 'local';
    case 'blackhole':
      return 'blackhole';
    case 'gateway':
      return 'internet-gateway';
    case 'egress-only':
      return 'egress-only-internet-gateway';
    case 'nat':
      return 'nat-gateway';
    case 'vpn':
      return 'vpn-gateway';
    case 'peering':
      return 'peering-connection';
    case 'tgw':
      return 'transit-gateway';
    case 'endpoint':
      return 'vpc-endpoint';
    case 'eni':
      return 'network-interface';
    case 'inspection':
      return rt.endpoint.type === 'networkFirewall' ? 'network-firewall-endpoint' : 'gwlb-endpoint';
  }
}

/** Routes as written: the CIDRs of one prefix-list route (a gateway endpoint's, or `destination: pl-…`) are one row. */
export function routeViews(t: M.Topology, routes: readonly M.Route[]): RouteView[] {
  const out: RouteView[] = [];
  const grouped = new Map<string, RouteView>();
  for (const r of routes) {
    if (r.prefixList) {
      const key = `${r.prefixList.id}\u0000${r.targetId}\u0000${r.origin}`;
      const g = grouped.get(key);
      if (g) {
        g.prefixListCidrs = (g.prefixListCidrs ?? 0) + 1;
        continue;
      }
      const v: RouteView = {
        destination: r.prefixList.id,
        prefixListCidrs: 1,
        target: r.targetId,
        targetKind: targetKind(r.target),
        origin: r.origin,
        at: at(t, r.src),
      };
      grouped.set(key, v);
      out.push(v);
    } else {
      out.push({
        destination: formatPrefix(r.destination),
        target: r.targetId,
        targetKind: targetKind(r.target),
        origin: r.origin,
        at: r.origin === 'local' ? undefined : at(t, r.src),
      });
    }
  }
  return out.map((v) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as unknown as RouteView);
}

export function aclRuleViews(t: M.Topology, acl: M.NetworkAcl, dir: 'inbound' | 'outbound'): AclRuleView[] {
  const rules: AclRuleView[] = acl[dir].map((r) => ({
    rule: r.number,
    protocol: protocolName(r.protocol),
    ports: matchPorts(r),
    cidr: formatPrefix(r.cidr),
    action: r.action,
    implicit: false,
    ...(acl.implicit ? {} : { at: at(t, r.src) }),
  }));
  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html — every ACL ends in a '*' rule that denies what no rule matched
  rules.push({ rule: '*', protocol: 'all', ports: 'all', cidr: '0.0.0.0/0', action: 'deny', implicit: true });
  if (acl.vpc.ipv6Cidrs.length) rules.push({ rule: '*', protocol: 'all', ports: 'all', cidr: '::/0', action: 'deny', implicit: true });
  return rules.map((r) => Object.fromEntries(Object.entries(r).filter(([, x]) => x !== undefined)) as unknown as AclRuleView);
}

export function sgPeer(p: M.SgPeer): { peer: string; peerKind: SgRuleView['peerKind'] } {
  if (p.type === 'cidr') return { peer: p.text, peerKind: 'cidr' };
  if (p.type === 'sg') return { peer: p.group.id, peerKind: 'security-group' };
  return { peer: p.list.id, peerKind: 'prefix-list' };
}

export function sgRuleViews(t: M.Topology, rules: readonly M.SecurityGroupRule[]): SgRuleView[] {
  return rules.map((r) => ({
    protocol: protocolName(r.protocol),
    ports: matchPorts(r),
    ...sgPeer(r.peer),
    ...(r.description ? { description: r.description } : {}),
    implicit: r.implicit,
    ...(r.implicit ? {} : { at: at(t, r.src) }),
  }));
}

export function ownerText(o: M.InterfaceOwner): string {
  switch (o.type) {
    case 'instance':
      return `instance ${o.instance.id}`;
    case 'nat-gateway':
      return `NAT gateway ${o.nat.id}`;
    case 'vpc-endpoint':
      return `VPC endpoint ${o.endpoint.id}`;
    case 'tgw-attachment':
      return `transit gateway attachment ${o.attachment.id}`;
    case 'load-balancer':
      return `load balancer ${o.loadBalancer.id}`;
    case 'none':
      return '-';
  }
}

export function interfaceView(e: M.NetworkInterface): InterfaceView {
  return {
    id: e.id,
    owner: ownerText(e.owner),
    subnet: e.subnet.id,
    ...(e.privateIp !== undefined ? { privateIp: formatAddr(e.privateIp) } : {}),
    secondaryPrivateIps: e.secondaryPrivateIps.map(formatAddr),
    ipv6Addresses: e.ipv6Addresses.map(formatAddr),
    ...(e.publicIp !== undefined ? { publicIp: formatAddr(e.publicIp) } : {}),
    securityGroups: e.securityGroups.map((g) => g.id),
    sourceDestCheck: e.sourceDestCheck,
  };
}

export function instancesIn(t: M.Topology, s: M.Subnet): M.Instance[] {
  return t.instances.filter((i) => i.subnet === s);
}

/** Route tables (VPC and transit gateway) whose routes point at this id. */
export function routesTo(t: M.Topology, id: string): string[] {
  const out = new Set<string>();
  for (const rt of t.routeTables) if (rt.routes.some((r) => r.targetId === id && r.origin !== 'propagated')) out.add(rt.id);
  for (const rt of t.tgwRouteTables) if (rt.routes.some((r) => r.attachment?.id === id)) out.add(rt.id);
  return [...out];
}
