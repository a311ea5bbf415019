// `vpcsim show`: a topology summary, or one resource with everything bound to it. Each view is built once
// as plain data (what --json prints) and the text form is rendered from it with cli-table3, colour via c().
import { dxResourceView } from './show-direct-connect.js';
import { printable, printableLine } from './printable.js';
import { inspectionView } from './show-inspection.js';
import Table from 'cli-table3';
import { closest, distance } from 'fastest-levenshtein';
import { kindLabel } from '../bind/bind.js';
import type * as M from '../bind/model.js';
import { cite, citationText } from '../load/cite.js';
import { portsText, protocolName } from '../bind/rules.js';
import { formatAddr, formatPrefix } from '../net/ip.js';
import { c } from './color.js';
import { DEFAULT_WIDTH, fitWidths, splitColumns, visibleLength, wrapCell, wrapRows } from './fit-table.js';
import { lbResourceView, lbSummaryView, renderLbResource, renderLbSummary } from './show-lb.js';

type Json = Record<string, unknown>;

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

function at(t: M.Topology, src: M.Src | undefined): string | undefined {
  if (!src) return undefined;
  const w = cite(t, src.path);
  return w.line > 0 || w.at ? citationText(w) : undefined;
}

/** The position of a resource the file declares; implicit ones (AWS defaults) have none. */
function resourceAt(t: M.Topology, r: M.Resource): string | undefined {
  if ('implicit' in r && r.implicit) return undefined;
  if (r.kind === 'network-interface' && !r.explicit && r.owner.type !== 'instance') return undefined;
  return at(t, r.src);
}

function matchPorts(m: M.Match): string {
  if (m.protocol === 1 || m.protocol === 58) {
    if (m.icmpType === -1) return 'all';
    return `type ${m.icmpType}${m.icmpCode === -1 ? '' : ` code ${m.icmpCode}`}`;
  }
  if (m.protocol === 6 || m.protocol === 17) return portsText(m.ports);
  return 'all';
}

function targetKind(rt: M.RouteTarget): string {
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
      const v: RouteView = { destination: r.prefixList.id, prefixListCidrs: 1, target: r.targetId, targetKind: targetKind(r.target), origin: r.origin, at: at(t, r.src) };
      grouped.set(key, v);
      out.push(v);
    } else {
      out.push({ destination: formatPrefix(r.destination), target: r.targetId, targetKind: targetKind(r.target), origin: r.origin, at: r.origin === 'local' ? undefined : at(t, r.src) });
    }
  }
  return out.map((v) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as unknown as RouteView);
}

function aclRuleViews(t: M.Topology, acl: M.NetworkAcl, dir: 'inbound' | 'outbound'): AclRuleView[] {
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

function sgPeer(p: M.SgPeer): { peer: string; peerKind: SgRuleView['peerKind'] } {
  if (p.type === 'cidr') return { peer: p.text, peerKind: 'cidr' };
  if (p.type === 'sg') return { peer: p.group.id, peerKind: 'security-group' };
  return { peer: p.list.id, peerKind: 'prefix-list' };
}

function sgRuleViews(t: M.Topology, rules: readonly M.SecurityGroupRule[]): SgRuleView[] {
  return rules.map((r) => ({
    protocol: protocolName(r.protocol),
    ports: matchPorts(r),
    ...sgPeer(r.peer),
    ...(r.description ? { description: r.description } : {}),
    implicit: r.implicit,
    ...(r.implicit ? {} : { at: at(t, r.src) }),
  }));
}

function ownerText(o: M.InterfaceOwner): string {
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

function interfaceView(e: M.NetworkInterface): InterfaceView {
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

const instancesIn = (t: M.Topology, s: M.Subnet): M.Instance[] => t.instances.filter((i) => i.subnet === s);

/** Route tables (VPC and transit gateway) whose routes point at this id. */
function routesTo(t: M.Topology, id: string): string[] {
  const out = new Set<string>();
  for (const rt of t.routeTables) if (rt.routes.some((r) => r.targetId === id && r.origin !== 'propagated')) out.add(rt.id);
  for (const rt of t.tgwRouteTables) if (rt.routes.some((r) => r.attachment?.id === id)) out.add(rt.id);
  return [...out];
}

// --------------------------------------------------------------------------------------------- summary

const COUNTED: [keyof M.Topology, string][] = [
  ['vpcs', 'VPCs'],
  ['subnets', 'subnets'],
  ['routeTables', 'route tables'],
  ['networkAcls', 'network ACLs'],
  ['securityGroups', 'security groups'],
  ['instances', 'instances'],
  ['interfaces', 'network interfaces'],
  ['internetGateways', 'internet gateways'],
  ['egressOnlyInternetGateways', 'egress-only internet gateways'],
  ['natGateways', 'NAT gateways'],
  ['vpnGateways', 'VPN gateways'],
  ['vpnConnections', 'VPN connections'],
  ['peeringConnections', 'peering connections'],
  ['vpcEndpoints', 'VPC endpoints'],
  ['transitGateways', 'transit gateways'],
  ['tgwAttachments', 'transit gateway attachments'],
  ['tgwRouteTables', 'transit gateway route tables'],
  ['prefixLists', 'prefix lists'],
  ['loadBalancers', 'load balancers'],
  ['listeners', 'listeners'],
  ['targetGroups', 'target groups'],
];

function isImplicit(r: M.Resource): boolean {
  if (r.kind === 'network-interface') return !r.explicit;
  return 'implicit' in r && r.implicit === true;
}

export function summaryView(t: M.Topology): Json {
  const counts: Json = {};
  for (const [key] of COUNTED) {
    const list = t[key] as M.Resource[];
    const implicit = list.filter(isImplicit).length;
    counts[key] = { inFile: list.length - implicit, implicit };
  }
  return {
    name: t.name,
    file: t.file,
    region: t.region,
    account: t.account,
    counts,
    vpcs: t.vpcs.map((v) => ({
      id: v.id,
      cidrs: v.cidrs.map(formatPrefix),
      ipv6Cidrs: v.ipv6Cidrs.map(formatPrefix),
      subnets: v.subnets.length,
      mainRouteTable: v.mainRouteTable.id,
      ...(v.internetGateway ? { internetGateway: v.internetGateway.id } : {}),
    })),
    subnets: t.subnets.map((s) => ({
      id: s.id,
      vpc: s.vpc.id,
      ...(s.cidr ? { cidr: formatPrefix(s.cidr) } : {}),
      ...(s.ipv6Cidr ? { ipv6Cidr: formatPrefix(s.ipv6Cidr) } : {}),
      az: s.az,
      routeTable: s.routeTable.id,
      routeTableAssociation: s.implicitRouteTable ? 'main' : 'explicit',
      networkAcl: s.networkAcl.id,
      instances: instancesIn(t, s).length,
      interfaces: s.interfaces.length,
    })),
    ...(lbSummaryView(t) ? { loadBalancers: lbSummaryView(t) } : {}),
  };
}

// -------------------------------------------------------------------------------------- one resource

export function resourceView(t: M.Topology, r: M.Resource): Json {
  const head: Json = { kind: r.kind, id: r.id, ...(r.name ? { name: r.name } : {}), ...(resourceAt(t, r) ? { at: resourceAt(t, r) } : {}) };
  switch (r.kind) {
    case 'vpc':
      return {
        ...head,
        cidrs: r.cidrs.map(formatPrefix),
        ipv6Cidrs: r.ipv6Cidrs.map(formatPrefix),
        mainRouteTable: r.mainRouteTable.id,
        defaultNetworkAcl: r.defaultNetworkAcl.id,
        defaultSecurityGroup: r.defaultSecurityGroup.id,
        ...(r.internetGateway ? { internetGateway: r.internetGateway.id } : {}),
        ...(r.egressOnlyInternetGateway ? { egressOnlyInternetGateway: r.egressOnlyInternetGateway.id } : {}),
        ...(r.vpnGateway ? { vpnGateway: r.vpnGateway.id } : {}),
        peerings: r.peerings.map((p) => ({ id: p.id, peer: (p.requester === r ? p.accepter : p.requester).id, status: p.status })),
        subnets: r.subnets.map((s) => ({ id: s.id, ...(s.cidr ? { cidr: formatPrefix(s.cidr) } : {}), ...(s.ipv6Cidr ? { ipv6Cidr: formatPrefix(s.ipv6Cidr) } : {}), az: s.az, routeTable: s.routeTable.id, networkAcl: s.networkAcl.id, instances: instancesIn(t, s).length })),
        routeTables: t.routeTables.filter((x) => x.vpc === r).map((x) => x.id),
        networkAcls: t.networkAcls.filter((x) => x.vpc === r).map((x) => x.id),
        securityGroups: t.securityGroups.filter((x) => x.vpc === r).map((x) => x.id),
        endpoints: t.vpcEndpoints.filter((x) => x.vpc === r).map((x) => x.id),
        transitGatewayAttachments: r.tgwAttachments.map((a) => a.id),
      };
    case 'subnet':
      return {
        ...head,
        vpc: r.vpc.id,
        ...(r.cidr ? { cidr: formatPrefix(r.cidr) } : {}),
        ...(r.ipv6Cidr ? { ipv6Cidr: formatPrefix(r.ipv6Cidr) } : {}),
        az: r.az,
        ...(r.azId ? { azId: r.azId } : {}),
        routeTable: { id: r.routeTable.id, association: r.implicitRouteTable ? 'main' : 'explicit', routes: routeViews(t, r.routeTable.routes) },
        networkAcl: { id: r.networkAcl.id, default: r.networkAcl.isDefault, inbound: aclRuleViews(t, r.networkAcl, 'inbound'), outbound: aclRuleViews(t, r.networkAcl, 'outbound') },
        instances: instancesIn(t, r).map((i) => i.id),
        interfaces: r.interfaces.map(interfaceView),
      };
    case 'route-table':
      return {
        ...head,
        vpc: r.vpc.id,
        main: r.main,
        implicit: r.implicit,
        routes: routeViews(t, r.routes),
        subnets: r.subnets.map((s) => ({ id: s.id, association: s.implicitRouteTable ? 'main' : 'explicit' })),
        gatewayEndpoints: t.vpcEndpoints.filter((e) => e.routeTables.includes(r)).map((e) => e.id),
        ...(r.gateways?.length ? { edgeAssociations: r.gateways.map((g) => g.id) } : {}),
      };
    case 'network-acl':
      return {
        ...head,
        vpc: r.vpc.id,
        default: r.isDefault,
        implicit: r.implicit,
        inbound: aclRuleViews(t, r, 'inbound'),
        outbound: aclRuleViews(t, r, 'outbound'),
        subnets: r.subnets.map((s) => s.id),
      };
    case 'security-group':
      return {
        ...head,
        vpc: r.vpc.id,
        default: r.isDefault,
        implicit: r.implicit,
        inbound: sgRuleViews(t, r.inbound),
        outbound: sgRuleViews(t, r.outbound),
        members: r.members.map((e) => ({ interface: e.id, owner: ownerText(e.owner), ...(e.privateIp !== undefined ? { privateIp: formatAddr(e.privateIp) } : {}), ...(e.privateIp === undefined ? { ipv6Addresses: e.ipv6Addresses.map(formatAddr) } : {}), subnet: e.subnet.id })),
        referencedBy: r.referencedBy.filter((g) => g !== r).map((g) => g.id),
      };
    case 'instance': {
      const sgs = [...new Set(r.interfaces.flatMap((e) => e.securityGroups.map((g) => g.id)))];
      return {
        ...head,
        subnet: r.subnet.id,
        vpc: r.subnet.vpc.id,
        az: r.subnet.az,
        routeTable: r.subnet.routeTable.id,
        networkAcl: r.subnet.networkAcl.id,
        securityGroups: sgs,
        interfaces: r.interfaces.map(interfaceView),
      };
    }
    case 'network-interface':
      return { ...head, ...interfaceView(r), vpc: r.vpc.id, az: r.subnet.az, routeTable: r.subnet.routeTable.id, networkAcl: r.subnet.networkAcl.id, routedBy: routesTo(t, r.id) };
    case 'internet-gateway':
    case 'egress-only-internet-gateway':
      return { ...head, vpc: r.vpc.id, routedBy: routesTo(t, r.id) };
    case 'nat-gateway':
      return {
        ...head,
        subnet: r.subnet.id,
        vpc: r.vpc.id,
        connectivity: r.connectivity,
        privateIp: formatAddr(r.privateIp),
        ...(r.publicIp !== undefined ? { publicIp: formatAddr(r.publicIp) } : {}),
        interface: r.eni.id,
        routedBy: routesTo(t, r.id),
      };
    case 'vpn-gateway':
      return {
        ...head,
        ...(r.vpc ? { vpc: r.vpc.id } : {}),
        connections: r.connections.map((x) => x.id),
        propagatesTo: t.routeTables.filter((rt) => rt.routes.some((x) => x.origin === 'propagated' && x.targetId === r.id)).map((rt) => rt.id),
        routedBy: routesTo(t, r.id),
      };
    case 'vpn-connection':
      return {
        ...head,
        ...(r.vpnGateway ? { vpnGateway: r.vpnGateway.id } : {}),
        ...(r.transitGateway ? { transitGateway: r.transitGateway.id } : {}),
        ...(r.customerGatewayIp !== undefined ? { customerGatewayIp: formatAddr(r.customerGatewayIp) } : {}),
        onPremisesCidrs: r.onPremisesCidrs.map(formatPrefix),
        staticRoutesOnly: r.staticRoutesOnly,
        ...(r.tgwAttachment ? { transitGatewayAttachment: r.tgwAttachment.id } : {}),
      };
    case 'peering-connection':
      return { ...head, requesterVpc: r.requester.id, accepterVpc: r.accepter.id, status: r.status, interRegion: r.interRegion, routedBy: routesTo(t, r.id) };
    case 'vpc-endpoint':
      return {
        ...head,
        vpc: r.vpc.id,
        type: r.type,
        service: r.service,
        ...(r.prefixList ? { prefixList: r.prefixList.id, prefixListCidrs: r.prefixList.cidrs.map(formatPrefix) } : {}),
        routeTables: r.routeTables.map((x) => x.id),
        subnets: r.subnets.map((x) => x.id),
        ...(r.gatewayLoadBalancer ? { gatewayLoadBalancer: r.gatewayLoadBalancer.id } : {}),
        ...(r.firewall ? { firewall: r.firewall.id } : {}),
        ...(r.type === 'gatewayLoadBalancer' || r.type === 'networkFirewall' ? { routedBy: routesTo(t, r.id) } : {}),
        interfaces: r.interfaces.map(interfaceView),
      };
    case 'transit-gateway':
      return {
        ...head,
        ...(r.securityGroupReferencingSupport !== undefined ? { securityGroupReferencingSupport: r.securityGroupReferencingSupport } : {}),
        attachments: r.attachments.map((a) => ({ id: a.id, type: a.type, ...(a.routeTable ? { routeTable: a.routeTable.id } : {}) })),
        routeTables: r.routeTables.map((x) => x.id),
        routedBy: routesTo(t, r.id),
      };
    case 'tgw-attachment':
      return {
        ...head,
        transitGateway: r.transitGateway.id,
        type: r.type,
        ...(r.vpc ? { vpc: r.vpc.id, subnets: r.subnets.map((s) => s.id) } : {}),
        ...(r.vpnConnection ? { vpnConnection: r.vpnConnection.id } : {}),
        ...(r.directConnectGateway ? { directConnectGateway: r.directConnectGateway.id } : {}),
        ...(r.peerTransitGateway ? { peerTransitGateway: r.peerTransitGateway, peerCidrs: r.peerCidrs.map(formatPrefix) } : {}),
        ...(r.routeTable ? { routeTable: r.routeTable.id } : {}),
        applianceMode: r.applianceMode,
        ...(r.ipv6Support !== undefined ? { ipv6Support: r.ipv6Support } : {}),
        ...(r.dnsSupport !== undefined ? { dnsSupport: r.dnsSupport } : {}),
        ...(r.securityGroupReferencingSupport !== undefined ? { securityGroupReferencingSupport: r.securityGroupReferencingSupport } : {}),
        propagatesTo: t.tgwRouteTables.filter((x) => x.propagations.includes(r)).map((x) => x.id),
      };
    case 'tgw-route-table':
      return {
        ...head,
        transitGateway: r.transitGateway.id,
        routes: r.routes.map((x) => ({
          destination: formatPrefix(x.destination),
          target: x.blackhole ? 'blackhole' : (x.attachment?.id ?? '-'),
          origin: x.origin,
          ...(at(t, x.src) && x.origin === 'static' ? { at: at(t, x.src) } : {}),
        })),
        associations: t.tgwAttachments.filter((a) => a.routeTable === r).map((a) => a.id),
        propagations: r.propagations.map((a) => a.id),
      };
    case 'prefix-list':
      return {
        ...head,
        ...(r.service ? { service: r.service } : {}),
        implicit: r.implicit,
        cidrs: r.cidrs.map(formatPrefix),
        usedByRouteTables: t.routeTables.filter((rt) => rt.routes.some((x) => x.prefixList === r)).map((rt) => rt.id),
        usedBySecurityGroups: t.securityGroups.filter((g) => [...g.inbound, ...g.outbound].some((x) => x.peer.type === 'prefix-list' && x.peer.list === r)).map((g) => g.id),
      };
    case 'load-balancer':
    case 'listener':
    case 'target-group':
      return lbResourceView(t, r, head);
    case 'gateway-load-balancer':
    case 'network-firewall':
    case 'firewall-policy':
    case 'firewall-rule-group':
      return inspectionView(t, r, head);
    case 'dx-gateway':
    case 'virtual-interface':
      return dxResourceView(r, head);
  }
}

/** A resource by id, including the AWS-managed prefix lists vpcsim supplies (com.amazonaws.<region>.s3). */
export function findResource(t: M.Topology, id: string): M.Resource | undefined {
  return t.byId.get(id) ?? t.prefixLists.find((p) => p.id === id);
}

/** The ids closest to a mistyped one, closest first. */
export function closestIds(t: M.Topology, id: string, n = 3): string[] {
  const ids = [...new Set([...t.byId.keys(), ...t.prefixLists.map((p) => p.id)])];
  if (!ids.length) return [];
  const best = closest(id, ids);
  return [best, ...ids.filter((x) => x !== best).sort((a, b) => distance(id, a) - distance(id, b) || (a < b ? -1 : 1))].slice(0, n);
}

// ----------------------------------------------------------------------------------------------- text

/** Text rendering options. `width`: the columns the output fits (default 80); the CLI passes the terminal's. */
export interface ShowTextOptions {
  width?: number;
}

/** A table that fits `width` columns: too wide, its columns shrink and their text wraps (fit-table.ts). */
function table(head: string[], rows: string[][], width: number): string {
  // too wide to wrap between words: the columns are split over several tables, each led by the key column
  const groups = splitColumns(head, rows, width);
  if (groups) return groups.map((g) => table(g.map((k) => head[k]!), rows.map((r) => g.map((k) => r[k] ?? '')), width)).join('\n');
  const fit = fitWidths(head, rows, width);
  const [h, ...body] = fit ? wrapRows([head, ...rows], fit) : [head, ...rows];
  const t = new Table({
    head: h!.map((x) => c().bold(x)),
    style: { head: [], border: [], compact: true },
    ...(fit ? { colWidths: fit, wordWrap: true } : {}),
  });
  for (const r of body) t.push(r);
  return t.toString();
}

function kv(pairs: [string, unknown][], width: number): string {
  const shown = pairs.filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  const w = Math.max(0, ...shown.map(([k]) => k.length));
  const indent = ' '.repeat(w + 4);
  // values come from the file (names, descriptions): escaped, see printable.ts; long ones wrap under themselves
  const value = (v: unknown) => wrapCell(printable(Array.isArray(v) ? v.join(', ') : String(v)), width - indent.length).replace(/\n/g, `\n${indent}`);
  return shown.map(([k, v]) => `  ${c().dim(k.padEnd(w))}  ${value(v)}`).join('\n');
}

/** routedBy → routed by, requesterVpc → requester VPC: a JSON key as a text label. */
function label(key: string): string {
  return key
    .replace(/[A-Z]/g, (m) => ` ${m.toLowerCase()}`)
    .replace(/\bvpc\b/g, 'VPC')
    .replace(/\bip\b/g, 'IP')
    .replace(/\bvpn\b/g, 'VPN')
    .replace(/\bcidrs\b/g, 'CIDRs');
}

/** `file:line` → `line`: every position in a view is in the topology's own file, which the title names. */
const line = (at: string | undefined) => (at === undefined ? undefined : at.slice(at.lastIndexOf(':') + 1));

const title = (kind: string, id: string, where?: unknown) => `${c().bold(kind)} ${c().cyan(id)}${where ? c().dim(`  (${String(where)})`) : ''}`;
const heading = (s: string) => `\n${c().bold(s)}`;
const none = (what: string) => c().dim(`  (no ${what})`);

function routesTable(routes: RouteView[], w: number): string {
  return table(
    ['Destination', 'Target', 'Origin', 'Line'],
    routes.map((r) => [r.prefixListCidrs ? `${r.destination} (${r.prefixListCidrs} CIDR${r.prefixListCidrs > 1 ? 's' : ''})` : r.destination, r.target === 'blackhole' ? c().red(r.target) : r.target, r.origin, line(r.at) ?? c().dim('implicit')]),
    w,
  );
}

function aclTable(rules: AclRuleView[], peer: string, w: number): string {
  return table(
    ['Rule', 'Protocol', 'Ports', peer, 'Action', 'Line'],
    rules.map((r) => [String(r.rule), r.protocol, r.ports, r.cidr, r.action === 'allow' ? c().green('allow') : c().red('deny'), line(r.at) ?? c().dim('implicit')]),
    w,
  );
}

function sgTable(rules: SgRuleView[], peer: string, w: number): string {
  if (rules.length === 0) return none('rules: nothing allowed');
  return table(
    ['Protocol', 'Ports', peer, 'Description', 'Line'],
    rules.map((r) => [r.protocol, r.ports, r.peerKind === 'cidr' ? r.peer : c().cyan(r.peer), printable(r.description ?? ''), line(r.at) ?? c().dim(r.implicit ? 'default' : '')]),
    w,
  );
}

function interfacesTable(list: InterfaceView[], w: number): string {
  if (list.length === 0) return none('interfaces');
  return table(
    ['Interface', 'Owner', 'Private IP', 'Other IPs', 'Public IP', 'Security groups'],
    list.map((e) => [e.id, e.owner, e.privateIp ?? c().dim('(IPv6-only)'), [...e.secondaryPrivateIps, ...e.ipv6Addresses].join('\n'), e.publicIp ?? '', e.securityGroups.join(', ') + (e.sourceDestCheck ? '' : c().dim('\n(source/dest check off)'))]),
    w,
  );
}

const countsLabel = new Map(COUNTED);

export function renderSummary(v: Json, opts: ShowTextOptions = {}): string {
  const w = opts.width ?? DEFAULT_WIDTH;
  const counts = v.counts as Record<string, { inFile: number; implicit: number }>;
  const out: string[] = [];
  const name = printable(String(v.name));
  const about = `${printable(String(v.file))}, region ${printable(String(v.region))}, account ${printable(String(v.account))}`;
  out.push(visibleLength(`${name}  ${about}`) <= w ? `${c().bold(name)}  ${c().dim(about)}` : `${c().bold(name)}\n${c().dim(wrapCell(about, w))}`);
  out.push('');
  out.push(
    table(
      ['Resources', 'In file', 'Implicit'],
      Object.entries(counts)
        .filter(([, n]) => n.inFile + n.implicit > 0)
        .map(([k, n]) => [countsLabel.get(k as keyof M.Topology) ?? k, String(n.inFile), n.implicit ? String(n.implicit) : '']),
      w,
    ),
  );
  const vpcs = v.vpcs as Json[];
  out.push(heading('VPCs'));
  out.push(
    vpcs.length
      ? table(
          ['VPC', 'CIDRs', 'Subnets', 'Main route table', 'Internet gateway'],
          vpcs.map((x) => [c().cyan(String(x.id)), [...(x.cidrs as string[]), ...(x.ipv6Cidrs as string[])].join('\n'), String(x.subnets), String(x.mainRouteTable), String(x.internetGateway ?? '')]),
          w,
        )
      : none('VPCs'),
  );
  const subnets = v.subnets as Json[];
  // one VPC: its column would repeat the VPCs table above, so it is left out to fit narrow terminals
  const oneVpc = vpcs.length <= 1;
  out.push(heading('Subnets'));
  out.push(
    subnets.length
      ? table(
          ['Subnet', ...(oneVpc ? [] : ['VPC']), 'CIDR', 'AZ', 'Route table', 'Network ACL', 'Inst', 'ENIs'],
          subnets.map((x) => [
            c().cyan(String(x.id)),
            ...(oneVpc ? [] : [String(x.vpc)]),
            [x.cidr, x.ipv6Cidr].filter(Boolean).join('\n'),
            String(x.az),
            `${String(x.routeTable)}${x.routeTableAssociation === 'main' ? c().dim(' (main)') : ''}`,
            String(x.networkAcl),
            String(x.instances),
            String(x.interfaces),
          ]),
          w,
        )
      : none('subnets'),
  );
  out.push(...renderLbSummary({ table, kv }, v, w));
  // a second guard behind the escaped values: nothing but colour codes reaches the terminal raw
  return `${out.map(printableLine).join('\n')}\n`;
}

/** Gateways, endpoints, transit gateway parts, prefix lists: their keys as label/value lines, routes, interfaces. */
function otherResource(v: Json, w: number): string[] {
  const out: string[] = [];
  const skip = new Set(['kind', 'id', 'name', 'at', 'interfaces', 'routes']);
  // an object without an id (a Direct Connect association) is written as its fields
  const item = (y: unknown) => (typeof y !== 'object' || !y ? String(y) : (y as Json).id !== undefined ? String((y as Json).id) : Object.entries(y as Json).map(([k, x]) => `${label(k)} ${Array.isArray(x) ? x.join(' ') || '-' : String(x)}`).join('; '));
  out.push(kv(Object.entries(v).filter(([k]) => !skip.has(k)).map(([k, x]) => [label(k), Array.isArray(x) ? x.map(item) : typeof x === 'boolean' ? (x ? 'yes' : 'no') : x]), w));
  if (Array.isArray(v.routes)) {
    out.push(heading('Routes'));
    out.push(table(['Destination', 'Target', 'Origin', 'Line'], (v.routes as Json[]).map((r) => [String(r.destination), String(r.target), String(r.origin), r.at === undefined ? c().dim('-') : String(line(String(r.at)))]), w));
  }
  if (Array.isArray(v.interfaces) && v.interfaces.length) {
    out.push(heading('Interfaces'));
    out.push(interfacesTable(v.interfaces as InterfaceView[], w));
  }
  return out;
}

export function renderResource(v: Json, opts: ShowTextOptions = {}): string {
  const w = opts.width ?? DEFAULT_WIDTH;
  const kind = v.kind as M.ResourceKind;
  const out: string[] = [title(kindLabel(kind), String(v.id), v.at)];
  if (v.name) out.push(kv([['name', v.name]], w));
  switch (kind) {
    case 'vpc': {
      out.push(kv([['CIDRs', v.cidrs], ['IPv6 CIDRs', v.ipv6Cidrs], ['main route table', v.mainRouteTable], ['default network ACL', v.defaultNetworkAcl], ['default security group', v.defaultSecurityGroup], ['internet gateway', v.internetGateway], ['egress-only gateway', v.egressOnlyInternetGateway], ['VPN gateway', v.vpnGateway], ['route tables', v.routeTables], ['network ACLs', v.networkAcls], ['security groups', v.securityGroups], ['endpoints', v.endpoints], ['TGW attachments', v.transitGatewayAttachments]], w));
      const peerings = v.peerings as Json[];
      if (peerings.length) {
        out.push(heading('Peering connections'));
        out.push(table(['Peering', 'Peer VPC', 'Status'], peerings.map((p) => [String(p.id), String(p.peer), String(p.status)]), w));
      }
      const subnets = v.subnets as Json[];
      out.push(heading('Subnets'));
      out.push(subnets.length ? table(['Subnet', 'CIDR', 'AZ', 'Route table', 'Network ACL', 'Instances'], subnets.map((s) => [c().cyan(String(s.id)), [s.cidr, s.ipv6Cidr].filter(Boolean).join('\n'), String(s.az), String(s.routeTable), String(s.networkAcl), String(s.instances)]), w) : none('subnets'));
      break;
    }
    case 'subnet': {
      const rt = v.routeTable as { id: string; association: string; routes: RouteView[] };
      const acl = v.networkAcl as { id: string; default: boolean; inbound: AclRuleView[]; outbound: AclRuleView[] };
      out.push(kv([['VPC', v.vpc], ['CIDR', v.cidr], ['IPv6 CIDR', v.ipv6Cidr], ['AZ', v.az], ['AZ id', v.azId], ['instances', v.instances]], w));
      out.push(heading(`Route table ${c().cyan(rt.id)}${c().dim(rt.association === 'main' ? '  (main route table, implicit association)' : '  (explicit association)')}`));
      out.push(routesTable(rt.routes, w));
      out.push(heading(`Network ACL ${c().cyan(acl.id)}${acl.default ? c().dim('  (default)') : ''}`));
      out.push('  inbound');
      out.push(aclTable(acl.inbound, 'Source', w));
      out.push('  outbound');
      out.push(aclTable(acl.outbound, 'Destination', w));
      out.push(heading('Interfaces'));
      out.push(interfacesTable(v.interfaces as InterfaceView[], w));
      break;
    }
    case 'route-table': {
      const subnets = v.subnets as { id: string; association: string }[];
      out.push(kv([['VPC', v.vpc], ['main', v.main ? `yes${v.implicit ? ' (implicit: the VPC declares no main route table)' : ''}` : 'no'], ['gateway endpoints', v.gatewayEndpoints]], w));
      out.push(heading('Routes'));
      out.push(routesTable(v.routes as RouteView[], w));
      out.push(heading('Subnets'));
      out.push(subnets.length ? table(['Subnet', 'Association'], subnets.map((s) => [c().cyan(s.id), s.association === 'main' ? 'main (implicit)' : 'explicit']), w) : none('subnets'));
      break;
    }
    case 'network-acl':
      out.push(kv([['VPC', v.vpc], ['default', v.default ? `yes${v.implicit ? ' (implicit: allows all traffic)' : ''}` : 'no'], ['subnets', v.subnets]], w));
      out.push(heading('Inbound rules'));
      out.push(aclTable(v.inbound as AclRuleView[], 'Source', w));
      out.push(heading('Outbound rules'));
      out.push(aclTable(v.outbound as AclRuleView[], 'Destination', w));
      break;
    case 'security-group': {
      const members = v.members as Json[];
      out.push(kv([['VPC', v.vpc], ['default', v.default ? `yes${v.implicit ? ' (implicit)' : ''}` : 'no'], ['referenced by', v.referencedBy]], w));
      out.push(heading('Inbound rules'));
      out.push(sgTable(v.inbound as SgRuleView[], 'Source', w));
      out.push(heading('Outbound rules'));
      out.push(sgTable(v.outbound as SgRuleView[], 'Destination', w));
      out.push(heading('Members'));
      out.push(members.length ? table(['Interface', 'Owner', 'Private IP', 'Subnet'], members.map((m) => [String(m.interface), String(m.owner), String(m.privateIp ?? (m.ipv6Addresses as string[] | undefined)?.join(', ') ?? ''), String(m.subnet)]), w) : none('members'));
      break;
    }
    case 'instance':
      out.push(kv([['subnet', v.subnet], ['VPC', v.vpc], ['AZ', v.az], ['route table', v.routeTable], ['network ACL', v.networkAcl], ['security groups', v.securityGroups]], w));
      out.push(heading('Interfaces'));
      out.push(interfacesTable(v.interfaces as InterfaceView[], w));
      break;
    case 'load-balancer':
    case 'listener':
    case 'target-group':
      out.push(...renderLbResource({ table, kv }, v, w));
      break;
    default:
      out.push(...otherResource(v, w));
  }
  // a second guard behind the escaped values: nothing but colour codes reaches the terminal raw
  return `${out.map(printableLine).join('\n')}\n`;
}
