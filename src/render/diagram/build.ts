// Builds the diagram graph from a bound topology: VPCs hold zones, zones hold subnets, subnets hold instances and
// NAT gateways; route tables, gateways, endpoints and attachments sit in their VPC; peering connections, transit
// gateways, VPN connections, the internet and AWS services sit outside. Edges are routes (labelled with their
// destinations) and attachments. Order follows the topology file, so output is deterministic.
import type * as M from '../../bind/model.js';
import { primaryAddress } from '../../bind/model.js';
import { formatAddr, formatPrefix } from '../../net/ip.js';
import type { Edge, EdgeKind, Element, ElementKind, Graph } from './model.js';
import { interfaceLines, routeLines, subnetLines, tgwRouteLines, vpcLines } from './details.js';

export type InstancesMode = 'all' | 'count' | 'none' | 'auto';

/** With --instances auto, a subnet with more instances than this shows a count instead. */
export const AUTO_INSTANCE_LIMIT = 6;
/** Route destinations written on one edge before "+N more" (the rest are in the hover text). */
const EDGE_LABEL_CIDRS = 2;

export interface BuildOptions {
  instances: InstancesMode;
}

/** An element whose hover text is computed on first read (a getter on the class, so creating one stays cheap). */
class DrawnElement implements Element {
  path?: Element['path'];
  private computed: string[] | undefined;
  constructor(
    readonly id: string,
    readonly kind: ElementKind,
    readonly label: string[],
    private readonly detailsOf: string[] | (() => string[]),
    readonly parent?: string,
  ) {}
  get details(): string[] {
    return (this.computed ??= typeof this.detailsOf === 'function' ? this.detailsOf() : this.detailsOf);
  }
}

export class GraphBuilder {
  readonly elements: Element[] = [];
  readonly edges: Edge[] = [];
  readonly byId = new Map<string, Element>();
  private readonly edgeKeys = new Set<string>();

  /** `details` may be a function: hover text is worked out only for what is drawn (a focus on a large estate). */
  add(id: string, kind: ElementKind, label: string[], details: string[] | (() => string[]), parent?: string): Element {
    const have = this.byId.get(id);
    if (have) return have;
    const e = new DrawnElement(id, kind, label, details, parent);
    this.elements.push(e);
    this.byId.set(id, e);
    return e;
  }

  edge(from: string, to: string, kind: EdgeKind, label?: string): void {
    const key = `${from}\u0000${to}\u0000${kind}\u0000${label ?? ''}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push({ from, to, kind, ...(label !== undefined ? { label } : {}) });
  }

  /** Moves edge ends to another element, dropping edges whose end maps to nothing. */
  rewriteEdges(map: (id: string) => string | undefined): void {
    const edges = this.edges.splice(0, this.edges.length);
    this.edgeKeys.clear();
    for (const e of edges) {
      const from = map(e.from);
      const to = map(e.to);
      if (from !== undefined && to !== undefined) this.edge(from, to, e.kind, e.label);
    }
  }

  graph(title: string): Graph {
    return { title, elements: this.elements, edges: this.edges };
  }
}

const zoneId = (s: M.Subnet) => `${s.vpc.id}/${s.az}`;

/** The element a resource is drawn as (an interface is drawn as its owner). */
export function elementIdOf(r: M.Resource | M.NetworkInterface): string {
  if (r.kind === 'network-interface') {
    const o = r.owner;
    if (o.type === 'instance') return o.instance.id;
    if (o.type === 'nat-gateway') return o.nat.id;
    if (o.type === 'vpc-endpoint') return o.endpoint.id;
    if (o.type === 'tgw-attachment') return o.attachment.id;
  }
  return r.id;
}

function addVpc(b: GraphBuilder, v: M.Vpc): void {
  b.add(v.id, 'vpc', [v.id, ...v.cidrs.map(formatPrefix), ...v.ipv6Cidrs.map(formatPrefix)], () => vpcLines(v));
  for (const s of v.subnets) {
    b.add(zoneId(s), 'zone', [s.az], [`Availability Zone ${s.az}${s.azId ? ` (${s.azId})` : ''}`], v.id);
    b.add(
      s.id,
      'subnet',
      [s.id, ...(s.cidr ? [formatPrefix(s.cidr)] : []), ...(s.ipv6Cidr ? [formatPrefix(s.ipv6Cidr)] : [])],
      () => subnetLines(s),
      zoneId(s),
    );
  }
}

function addInstances(b: GraphBuilder, t: M.Topology, mode: InstancesMode): void {
  if (mode === 'none') return;
  const bySubnet = new Map<M.Subnet, M.Instance[]>();
  for (const i of t.instances) {
    const l = bySubnet.get(i.subnet);
    if (l) l.push(i);
    else bySubnet.set(i.subnet, [i]);
  }
  for (const s of t.subnets) {
    const list = bySubnet.get(s) ?? [];
    const counted = mode === 'count' || (mode === 'auto' && list.length > AUTO_INSTANCE_LIMIT);
    if (counted && list.length) {
      const details = list.map(
        (i) => `${i.id} ${formatAddr(primaryAddress(i.primary))}${i.primary.publicIp !== undefined ? ` public ${formatAddr(i.primary.publicIp)}` : ''}`,
      );
      b.add(countedId(s), 'instances', [`${list.length} instance${list.length === 1 ? '' : 's'}`], details, s.id);
      continue;
    }
    for (const i of list) b.add(i.id, 'instance', [i.id, formatAddr(primaryAddress(i.primary))], () => interfaceLines(i.primary), s.id);
  }
  // interfaces the file declares that no instance owns (appliances, route targets)
  for (const e of t.interfaces) {
    if (e.explicit && e.owner.type === 'none') b.add(e.id, 'network-interface', [e.id, formatAddr(primaryAddress(e))], () => interfaceLines(e), e.subnet.id);
  }
}

export const countedId = (s: M.Subnet) => `${s.id}/instances`;

function addGateways(b: GraphBuilder, t: M.Topology): void {
  for (const g of t.internetGateways) {
    b.add('internet', 'internet', ['internet'], ['the public internet']);
    b.add(g.id, 'internet-gateway', [g.id], [`attached to ${g.vpc.id}`], g.vpc.id);
    b.edge(g.id, 'internet', 'attachment');
  }
  for (const g of t.egressOnlyInternetGateways) {
    b.add('internet', 'internet', ['internet'], ['the public internet']);
    b.add(g.id, 'egress-only-internet-gateway', [g.id], [`attached to ${g.vpc.id}`, 'IPv6, connections started from inside only'], g.vpc.id);
    b.edge(g.id, 'internet', 'attachment');
  }
  for (const n of t.natGateways) {
    const lines = [
      `${n.connectivity} NAT gateway in ${n.subnet.id}`,
      `private IP ${formatAddr(n.privateIp)}`,
      ...(n.publicIp !== undefined ? [`Elastic IP ${formatAddr(n.publicIp)}`] : []),
    ];
    b.add(n.id, 'nat-gateway', [n.id, ...(n.publicIp !== undefined ? [formatAddr(n.publicIp)] : [n.connectivity])], lines, n.subnet.id);
  }
  for (const g of t.vpnGateways) b.add(g.id, 'vpn-gateway', [g.id], [g.vpc ? `attached to ${g.vpc.id}` : 'not attached to a VPC'], g.vpc?.id);
  for (const c of t.vpnConnections) {
    const cidrs = c.onPremisesCidrs.map(formatPrefix);
    b.add(
      c.id,
      'vpn-connection',
      [c.id, ...cidrs.slice(0, EDGE_LABEL_CIDRS), ...(cidrs.length > EDGE_LABEL_CIDRS ? [`+${cidrs.length - EDGE_LABEL_CIDRS} more`] : [])],
      [
        `on-premises ${cidrs.join(', ') || '(no CIDRs)'}`,
        ...(c.customerGatewayIp !== undefined ? [`customer gateway ${formatAddr(c.customerGatewayIp)}`] : []),
      ],
    );
    if (c.vpnGateway) b.edge(c.vpnGateway.id, c.id, 'attachment');
  }
  for (const g of t.directConnectGateways) {
    b.add(
      g.id,
      'dx-gateway',
      [g.id],
      [
        `Direct Connect gateway${g.amazonSideAsn !== undefined ? ` (ASN ${g.amazonSideAsn})` : ''}`,
        ...g.associations.map(
          (a) => `associated with ${a.gateway.id}${a.allowedPrefixes ? ` (allowed ${a.allowedPrefixes.map(formatPrefix).join(', ')})` : ''}`,
        ),
      ],
    );
    for (const a of g.associations) if (a.gateway.kind === 'vpn-gateway') b.edge(a.gateway.id, g.id, 'attachment');
  }
  for (const v of t.virtualInterfaces) {
    const cidrs = v.onPremisesCidrs.map(formatPrefix);
    b.add(
      v.id,
      'virtual-interface',
      [v.id, ...cidrs.slice(0, EDGE_LABEL_CIDRS), ...(cidrs.length > EDGE_LABEL_CIDRS ? [`+${cidrs.length - EDGE_LABEL_CIDRS} more`] : [])],
      [`${v.type} virtual interface`, `on-premises ${cidrs.join(', ') || '(no CIDRs)'}`, ...(v.vlan !== undefined ? [`VLAN ${v.vlan}`] : [])],
    );
    b.edge(v.directConnectGateway.id, v.id, 'attachment');
  }
  for (const p of t.peeringConnections) {
    const status = p.status === 'active' ? [] : [p.status];
    b.add(
      p.id,
      'peering-connection',
      [p.id, ...status],
      [`requester ${p.requester.id}`, `accepter ${p.accepter.id}`, `status ${p.status}`, ...(p.interRegion ? ['inter-region'] : [])],
    );
    b.edge(p.id, p.requester.id, 'attachment');
    b.edge(p.id, p.accepter.id, 'attachment');
  }
}

function addEndpoints(b: GraphBuilder, t: M.Topology): void {
  for (const e of t.vpcEndpoints) {
    // An inspection endpoint's far side is its Gateway Load Balancer or firewall, not an AWS service.
    const behind = e.gatewayLoadBalancer ? `Gateway Load Balancer ${e.gatewayLoadBalancer.id}` : e.firewall ? `network firewall ${e.firewall.id}` : undefined;
    const service = `service:${behind ?? e.service}`;
    b.add(service, 'service', [behind ?? e.service], [behind ?? `AWS service ${e.service}`]);
    const where =
      e.type !== 'gateway'
        ? [`subnets ${e.subnets.map((s) => s.id).join(', ')}`, ...e.interfaces.map((i) => `${i.subnet.id} ${formatAddr(primaryAddress(i))}`)]
        : [`route tables ${e.routeTables.map((r) => r.id).join(', ')}`];
    b.add(e.id, 'vpc-endpoint', [e.id, e.type], [`${e.type} endpoint for ${e.service}`, ...where], e.vpc.id);
    b.edge(e.id, service, 'attachment');
  }
}

function addTransitGateways(b: GraphBuilder, t: M.Topology): void {
  for (const g of t.transitGateways) {
    b.add(g.id, 'transit-gateway', [g.id], [`attachments ${g.attachments.map((a) => a.id).join(', ') || '(none)'}`]);
    for (const rt of g.routeTables) {
      b.add(rt.id, 'tgw-route-table', [rt.id], () => tgwRouteLines(rt));
      b.edge(g.id, rt.id, 'attachment');
    }
  }
  for (const a of t.tgwAttachments) {
    const what =
      a.type === 'vpc'
        ? `subnets ${a.subnets.map((s) => s.id).join(', ')}`
        : a.type === 'vpn'
          ? `VPN ${a.vpnConnection?.id ?? '?'}`
          : a.type === 'direct-connect'
            ? `Direct Connect gateway ${a.directConnectGateway?.id ?? '?'}`
            : `peer ${a.peerTransitGateway ?? '?'}`;
    b.add(
      a.id,
      'tgw-attachment',
      [a.id],
      [`${a.type} attachment to ${a.transitGateway.id}`, what, `route table ${a.routeTable?.id ?? '(none)'}`, ...(a.applianceMode ? ['appliance mode'] : [])],
      a.vpc?.id,
    );
    if (a.vpnConnection) b.edge(a.vpnConnection.id, a.id, 'attachment');
    if (a.directConnectGateway) b.edge(a.directConnectGateway.id, a.id, 'attachment');
    b.edge(a.id, a.routeTable?.id ?? a.transitGateway.id, 'association');
  }
  for (const rt of t.tgwRouteTables) {
    const byTarget = new Map<string, string[]>();
    for (const r of rt.routes) {
      const to = r.blackhole ? blackholeOf(b, rt.id) : r.attachment?.id;
      if (!to) continue;
      const list = byTarget.get(to) ?? [];
      list.push(formatPrefix(r.destination));
      byTarget.set(to, list);
    }
    for (const [to, dests] of byTarget) b.edge(rt.id, to, 'route', shortList(dests));
  }
}

/** One blackhole per VPC (inside it) or per transit gateway route table (beside it). */
function blackholeOf(b: GraphBuilder, owner: string, parent?: string): string {
  const id = `${owner}/blackhole`;
  b.add(id, 'blackhole', ['blackhole'], ['routes to a blackhole drop the packet'], parent);
  return id;
}

function shortList(items: string[]): string {
  const shown = items.slice(0, EDGE_LABEL_CIDRS).join(', ');
  return items.length > EDGE_LABEL_CIDRS ? `${shown} +${items.length - EDGE_LABEL_CIDRS}` : shown;
}

function routeTargetId(b: GraphBuilder, rt: M.RouteTable, target: M.RouteTarget): string | undefined {
  switch (target.type) {
    case 'local':
      return undefined;
    case 'blackhole':
      return blackholeOf(b, rt.vpc.id, rt.vpc.id);
    case 'gateway':
    case 'egress-only':
    case 'vpn':
      return target.gateway.id;
    case 'nat':
      return target.nat.id;
    case 'peering':
      return target.peering.id;
    case 'tgw':
      return target.tgw.id;
    case 'endpoint':
    case 'inspection':
      return target.endpoint.id;
    case 'eni':
      return elementIdOf(target.eni);
  }
}

function addRouteTables(b: GraphBuilder, t: M.Topology): void {
  for (const rt of t.routeTables) {
    const routes = rt.routes.filter((r) => r.origin !== 'local');
    if (rt.implicit && !rt.subnets.length && !routes.length) continue;
    b.add(rt.id, 'route-table', [rt.id, ...(rt.main ? ['main'] : [])], () => routeLines(rt.routes), rt.vpc.id);
    for (const s of rt.subnets) b.edge(rt.id, s.id, 'association');
    // a gateway route table's edge association (https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html)
    for (const g of rt.gateways ?? []) b.edge(rt.id, g.id, 'association');
    const byTarget = new Map<string, string[]>();
    for (const r of routes) {
      const to = routeTargetId(b, rt, r.target);
      if (!to) continue;
      // a gateway endpoint's routes are its service's prefix list: the endpoint node already says which
      const dest = r.origin === 'endpoint' ? '' : r.prefixList ? r.prefixList.id : formatPrefix(r.destination);
      const list = byTarget.get(to) ?? [];
      if (dest && !list.includes(dest)) list.push(dest);
      byTarget.set(to, list);
    }
    for (const [to, dests] of byTarget) b.edge(rt.id, to, 'route', dests.length ? shortList(dests) : undefined);
  }
}

/** Every element and edge of the topology; filters (focus, VPC) are applied afterwards. */
export function buildGraph(t: M.Topology, opts: BuildOptions): GraphBuilder {
  const b = new GraphBuilder();
  for (const v of t.vpcs) addVpc(b, v);
  addTransitGateways(b, t);
  addGateways(b, t);
  addEndpoints(b, t);
  addInstances(b, t, opts.instances);
  addRouteTables(b, t);
  // an instance that is counted is reached through its subnet's count; one not drawn (--instances none) not at all
  const drawn = (id: string): string | undefined => {
    if (b.byId.has(id)) return id;
    const r = t.byId.get(id);
    return r?.kind === 'instance' && b.byId.has(countedId(r.subnet)) ? countedId(r.subnet) : undefined;
  };
  b.rewriteEdges(drawn);
  return b;
}
