// Lint rules. Each rule has a stable id, a severity, a one-line description and a page in docs/rules/<ID>.md.
// Rules read the bound graph (src/bind/model.ts); the path-based ones (VPC012, VPC013) run the tracer.
import type { NetworkAcl, NetworkInterface, Route, RouteTable, SecurityGroupRule, Topology, Vpc } from '../bind/model.js';
import { primaryAddress } from '../bind/model.js';
import { PROTO } from '../bind/rules.js';
import { blockFromPrefix } from '../cidr/block.js';
import { freeRanges } from '../cidr/free.js';
import { type Prefix, contains, covers, formatAddr, formatIpv6, formatPrefix, overlaps, sizeOf } from '../net/ip.js';
import { FlowError } from '../trace/trace.js';
import type { TraceResult } from '../trace/types.js';
import type { TraceFn } from './assertions.js';
import { shadowedAclRules, shadowedRoutes } from './shadow.js';
import { LB_RULES } from './rules-lb.js';
import { INSPECTION_RULES } from './rules-inspection.js';
import { DX_RULES } from './rules-dx.js';
import { type Rule, type RuleContext, at, meta } from './rule-kit.js';
import type { Finding, RuleMeta } from './types.js';

export type { Rule, RuleContext } from './rule-kit.js';

const ADMIN_PORTS = [22, 3389];
const DB_PORTS = [1433, 1521, 3306, 5432, 6379, 27017];
const PORT_NAMES: Record<number, string> = {
  22: 'SSH',
  3389: 'RDP',
  1433: 'SQL Server',
  1521: 'Oracle',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  6379: 'Redis',
  27017: 'MongoDB',
};

const isWorld = (p: Prefix) => p.len === 0;
const coversPort = (r: { protocol: number; ports?: { from: number; to: number } }, port: number, proto = PROTO.TCP) =>
  (r.protocol === PROTO.ALL || r.protocol === proto) && (!r.ports || (r.ports.from <= port && port <= r.ports.to));
const portsLabel = (r: { protocol: number; ports?: { from: number; to: number } }) =>
  r.protocol === PROTO.ALL
    ? 'all traffic'
    : !r.ports
      ? 'all ports'
      : r.ports.from === r.ports.to
        ? `port ${r.ports.from}`
        : `ports ${r.ports.from}-${r.ports.to}`;

function routeTablesOf(t: Topology): RouteTable[] {
  return t.routeTables;
}

/** A route to an internet gateway, directly or through an inspection endpoint whose subnet routes to one
 *  (https://docs.aws.amazon.com/network-firewall/latest/developerguide/arch-two-zone-igw.html). */
function hasIgwRoute(rt: RouteTable, depth = 0): boolean {
  return rt.routes.some(
    (r) =>
      r.target.type === 'gateway' ||
      (depth < 2 && r.target.type === 'inspection' && r.target.endpoint.subnets.some((s) => hasIgwRoute(s.routeTable, depth + 1))),
  );
}

function peerOf(vpc: Vpc, r: Route): Vpc | undefined {
  if (r.target.type !== 'peering') return undefined;
  return r.target.peering.requester === vpc ? r.target.peering.accepter : r.target.peering.requester;
}

/** The forward path as its components, each once: 'internet -> igw-a -> sg-db -> db-1'. */
function pathText(r: TraceResult): string {
  return r.forward.hops
    .map((h) => h.component)
    .filter((c, i, a) => a.indexOf(c) === i)
    .join(' -> ');
}

function safeTrace(ctx: RuleContext, spec: Parameters<TraceFn>[1]): TraceResult | undefined {
  try {
    return ctx.traceFn(ctx.t, { ...spec, flowLogs: false });
  } catch (e) {
    if (e instanceof FlowError) return undefined;
    throw e;
  }
}

// https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html — a default group's own rules
const allTraffic = (r: SecurityGroupRule) => r.protocol === PROTO.ALL;
const isDefaultInbound = (sg: { id: string }, r: SecurityGroupRule) => allTraffic(r) && r.peer.type === 'sg' && r.peer.group.id === sg.id;
const isDefaultOutbound = (r: SecurityGroupRule) => allTraffic(r) && r.peer.type === 'cidr' && isWorld(r.peer.prefix);
const peerLabel = (r: SecurityGroupRule) => (r.peer.type === 'cidr' ? r.peer.text : r.peer.type === 'sg' ? r.peer.group.id : r.peer.list.id);

/** VPC021 reports a VPC whose subnets cover less than this share of its IPv4 addresses (see docs/rules/VPC021.md). */
export const UNUSED_THRESHOLD = 0.25;

export const RULES: Rule[] = [
  // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — as checkov CKV_AWS_24 / CKV_AWS_25 / CKV_AWS_277
  meta('VPC001', 'sg-open-admin', 'error', 'Security group allows 0.0.0.0/0 or ::/0 on SSH (22), RDP (3389) or all ports', ({ t }, self) =>
    t.securityGroups.flatMap((sg) =>
      sg.inbound
        .filter((r) => r.peer.type === 'cidr' && isWorld(r.peer.prefix) && (r.protocol === PROTO.ALL || !r.ports || ADMIN_PORTS.some((p) => coversPort(r, p))))
        .map((r: SecurityGroupRule) =>
          at(
            t,
            r.src ?? sg.src,
            self,
            `security group '${sg.id}' allows ${portsLabel(r)} from ${r.peer.type === 'cidr' ? r.peer.text : ''}`,
            'allow only the address ranges that need it (an office or VPN range), or use AWS Systems Manager Session Manager instead of open SSH/RDP',
          ),
        ),
    ),
  ),
  // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html — as checkov CKV2_AWS_12
  // AWS's own rules (inbound all from the group itself, outbound all to 0.0.0.0/0 and ::/0) written out, as every import has them, are not a finding.
  meta('VPC002', 'default-sg-rules', 'warning', "Default security group has rules beyond AWS's defaults", ({ t }, self) =>
    t.securityGroups
      .filter((sg) => sg.isDefault && !sg.implicit)
      .flatMap((sg) => {
        const added = [
          ...sg.inbound.filter((r) => !r.implicit && !isDefaultInbound(sg, r)),
          ...sg.outbound.filter((r) => !r.implicit && !isDefaultOutbound(r)),
        ];
        if (!added.length) return [];
        return [
          at(
            t,
            added[0]!.src ?? sg.src,
            self,
            `default security group '${sg.id}' of VPC '${sg.vpc.id}' has ${added.length === 1 ? 'a rule' : `${added.length} rules`} beyond AWS's defaults (${portsLabel(added[0]!)} ${sg.inbound.includes(added[0]!) ? 'from' : 'to'} ${peerLabel(added[0]!)}); every interface launched without a group gets them`,
            'remove the added rules and attach purpose-made security groups instead',
          ),
        ];
      }),
  ),
  // https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-scenarios.html — a public NAT gateway's subnet routes 0.0.0.0/0 to an internet gateway
  meta('VPC003', 'nat-without-igw-route', 'error', 'Public NAT gateway in a subnet with no route to an internet gateway', ({ t }, self) =>
    t.natGateways
      .filter((n) => n.connectivity === 'public' && !hasIgwRoute(n.subnet.routeTable))
      .map((n) =>
        at(
          t,
          n.src,
          self,
          `public NAT gateway '${n.id}' is in subnet '${n.subnet.id}', whose route table '${n.subnet.routeTable.id}' has no route to an internet gateway`,
          `add 0.0.0.0/0 -> ${n.vpc.internetGateway?.id ?? 'an internet gateway'} to '${n.subnet.routeTable.id}', or move the NAT gateway to a public subnet`,
        ),
      ),
  ),
  // https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html — a blackhole route drops traffic; https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html
  meta('VPC004', 'blackhole-route', 'warning', 'Route that drops traffic (blackhole)', ({ t }, self) => [
    ...routeTablesOf(t).flatMap((rt) =>
      rt.routes
        .filter((r) => r.target.type === 'blackhole')
        .map((r) =>
          at(
            t,
            r.src ?? rt.src,
            self,
            `route ${formatPrefix(r.destination)} in '${rt.id}' is a blackhole: traffic to it is dropped`,
            'remove the route, or point it at a target that exists',
          ),
        ),
    ),
    ...t.tgwRouteTables.flatMap((rt) =>
      rt.routes
        .filter((r) => r.blackhole)
        .map((r) =>
          at(
            t,
            r.src ?? rt.src,
            self,
            `transit gateway route ${formatPrefix(r.destination)} in '${rt.id}' is a blackhole: traffic to it is dropped`,
            'if the drop is intended, suppress this finding with a reason',
          ),
        ),
    ),
  ]),
  // https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html — no transitive peering
  meta('VPC005', 'peering-transitive-route', 'warning', 'Route to a peering connection for addresses outside the peer VPC', ({ t }, self) =>
    routeTablesOf(t).flatMap((rt) =>
      rt.routes.flatMap((r) => {
        const peer = peerOf(rt.vpc, r);
        if (!peer) return [];
        const cidrs = [...peer.cidrs, ...peer.ipv6Cidrs];
        if (cidrs.some((c) => covers(c, r.destination))) return [];
        return [
          at(
            t,
            r.src ?? rt.src,
            self,
            `route ${formatPrefix(r.destination)} -> '${r.targetId}' in '${rt.id}' covers addresses outside peer VPC '${peer.id}' (${cidrs.map(formatPrefix).join(', ')}); peering is not transitive, so that traffic is dropped`,
            `narrow the destination to the peer VPC's CIDRs, or use a transit gateway for transitive routing`,
          ),
        ];
      }),
    ),
  ),
  // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html — overlapping CIDRs cannot be peered; https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html
  meta('VPC006', 'cidr-overlap-connected', 'error', 'VPC CIDRs overlap between connected networks (peering, transit gateway, VPN)', ({ t }, self) =>
    overlapFindings(t, self, true),
  ),
  meta('VPC007', 'cidr-overlap', 'warning', 'VPC CIDRs overlap (connecting them later will fail)', ({ t }, self) => overlapFindings(t, self, false)),
  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — create a NAT gateway in each AZ for zone-independent egress
  meta('VPC008', 'nat-cross-az', 'warning', 'Subnet routes to a NAT gateway in another Availability Zone', ({ t }, self) =>
    routeTablesOf(t).flatMap((rt) =>
      rt.routes.flatMap((r) => {
        if (r.target.type !== 'nat') return [];
        const nat = r.target.nat;
        const far = rt.subnets.filter((s) => s.az !== nat.subnet.az);
        if (far.length === 0) return [];
        return [
          at(
            t,
            r.src ?? rt.src,
            self,
            `${far.length > 1 ? 'subnets' : 'subnet'} ${far.map((s) => `'${s.id}' (${s.az})`).join(', ')} ${far.length > 1 ? 'reach' : 'reaches'} the internet through '${nat.id}' in ${nat.subnet.az}: an outage there takes their egress down, and cross-AZ traffic is billed`,
            `give each Availability Zone its own NAT gateway and route table`,
          ),
        ];
      }),
    ),
  ),
  meta('VPC009', 'unused-security-group', 'info', 'Security group attached to no interface', ({ t }, self) =>
    t.securityGroups
      .filter((sg) => !sg.isDefault && !sg.implicit && sg.members.length === 0)
      .map((sg) => at(t, sg.src, self, `security group '${sg.id}' is not attached to any interface`, 'delete it, or attach it where it is meant to apply')),
  ),
  meta('VPC010', 'unused-network-acl', 'info', 'Network ACL associated with no subnet', ({ t }, self) =>
    t.networkAcls
      .filter((a) => !a.isDefault && !a.implicit && a.subnets.length === 0)
      .map((a) =>
        at(t, a.src, self, `network ACL '${a.id}' is not associated with any subnet`, 'delete it, or set `networkAcl:` on the subnets it is meant for'),
      ),
  ),
  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html — rules are evaluated in ascending number, first match wins
  meta('VPC011', 'nacl-rule-shadowed', 'warning', 'Network ACL rule that can never match (an earlier rule covers it)', ({ t }, self) =>
    t.networkAcls.flatMap((acl) =>
      (['inbound', 'outbound'] as const).flatMap((dir) => {
        const rules = acl[dir];
        const out: Finding[] = [];
        const shadowedBy = shadowedAclRules(rules);
        rules.forEach((r, j) => {
          const by = shadowedBy[j];
          if (by && r.src)
            out.push(
              at(
                t,
                r.src,
                self,
                `${dir} rule ${r.number} of '${acl.id}' can never match: rule ${by.number} (${by.action}) covers all its traffic`,
                by.action === r.action ? 'remove the redundant rule' : `renumber rule ${r.number} below ${by.number} if it should win, or remove it`,
              ),
            );
        });
        return out;
      }),
    ),
  ),
  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html — NACLs are stateless: replies need the ephemeral ports
  meta('VPC012', 'nacl-ephemeral-missing', 'error', 'Custom network ACL blocks the replies (ephemeral ports) of traffic it allows', (ctx, self) =>
    ephemeralFindings(ctx, self),
  ),
  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-best-practices.html — keep admin and database ports off the internet
  meta('VPC013', 'internet-exposure', 'error', 'Interface reachable from the internet on an admin (22, 3389) or database port', (ctx, self) =>
    exposureFindings(ctx, self),
  ),
  meta('VPC014', 'cross-vpc-reference', 'error', 'Route or attachment refers to a resource in another VPC', () => []),
  // https://docs.aws.amazon.com/vpc/latest/userguide/how-route-tables-work.html#route-tables-priority — longest prefix match
  meta('VPC015', 'route-shadowed', 'warning', 'Route that can never be used (more specific routes cover all its addresses)', ({ t }, self) =>
    routeTablesOf(t).flatMap((rt) => {
      const shadow = shadowedRoutes(rt.routes);
      return rt.routes.flatMap((r, i) => {
        if (r.origin === 'local' || !r.src) return [];
        const s = shadow[i];
        const same = s?.by === 'same' ? s.winner : undefined;
        if (same)
          return [
            at(
              t,
              r.src,
              self,
              `route ${formatPrefix(r.destination)} -> '${r.targetId}' in '${rt.id}' is never used: route -> '${same.targetId}' has the same destination and wins`,
              'remove one of the two routes',
            ),
          ];
        if (s?.by === 'specific')
          return [
            at(
              t,
              r.src,
              self,
              `route ${formatPrefix(r.destination)} -> '${r.targetId}' in '${rt.id}' is never used: more specific routes cover all its addresses`,
              'remove it, or the more specific routes if it was meant to apply',
            ),
          ];
        return [];
      });
    }),
  ),
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html — an attachment is associated with exactly one route table
  meta('VPC016', 'tgw-attachment-unassociated', 'warning', 'Transit gateway attachment not associated with a route table', ({ t }, self) =>
    t.tgwAttachments
      .filter((a) => !a.routeTable)
      .map((a) =>
        at(
          t,
          a.src,
          self,
          `transit gateway attachment '${a.id}' has no route table association: traffic from it is dropped at the transit gateway`,
          'set `routeTable:` on the attachment',
        ),
      ),
  ),
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html — a VPC attachment reaches only AZs where it has a subnet
  meta('VPC017', 'tgw-attachment-missing-az', 'warning', 'VPC attachment has no subnet in an Availability Zone where the VPC has instances', ({ t }, self) =>
    t.tgwAttachments.flatMap((a) => {
      if (a.type !== 'vpc' || !a.vpc) return [];
      const azs = [...new Set(t.instances.filter((i) => i.subnet.vpc === a.vpc).map((i) => i.subnet.az))].filter((az) => !a.interfacesByAz.has(az)).sort();
      if (azs.length === 0) return [];
      return [
        at(
          t,
          a.src,
          self,
          `attachment '${a.id}' has no subnet in ${azs.join(', ')}, where VPC '${a.vpc.id}' has instances: they cannot reach the transit gateway`,
          `add one subnet in ${azs.join(', ')} to the attachment's subnets`,
        ),
      ];
    }),
  ),
  // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — a public IP needs a route to the internet gateway
  meta('VPC018', 'public-ip-without-igw-route', 'warning', 'Subnet has instances with public IPs but no route to an internet gateway', ({ t }, self) =>
    t.subnets.flatMap((s) => {
      // load balancer nodes: VPC026
      const pub = s.interfaces.filter((e) => e.publicIp !== undefined && e.owner.type !== 'nat-gateway' && e.owner.type !== 'load-balancer');
      if (pub.length === 0 || hasIgwRoute(s.routeTable)) return [];
      return [
        at(
          t,
          s.src,
          self,
          `subnet '${s.id}' has interfaces with public IPs (${pub.map((e) => (e.owner.type === 'instance' ? e.owner.instance.id : e.id)).join(', ')}) but its route table '${s.routeTable.id}' has no route to an internet gateway`,
          `add 0.0.0.0/0 -> an internet gateway to '${s.routeTable.id}', or drop the public IPs`,
        ),
      ];
    }),
  ),
  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
  meta('VPC019', 'nacl-open-admin', 'warning', 'Network ACL allows inbound SSH/RDP from 0.0.0.0/0 or ::/0', ({ t }, self) =>
    t.networkAcls.flatMap((acl) =>
      acl.inbound
        // A 1024-65535 style rule is the ephemeral-port rule replies need, not an admin opening: skipped.
        .filter(
          (r, j) =>
            r.action === 'allow' &&
            isWorld(r.cidr) &&
            !acl.isDefault &&
            !(r.ports && r.ports.from >= 1024 && r.ports.to === 65535) &&
            ADMIN_PORTS.some((p) => coversPort(r, p) && !acl.inbound.slice(0, j).some((e) => isWorld(e.cidr) && coversPort(e, p))),
        )
        .map((r) =>
          at(
            t,
            r.src ?? acl.src,
            self,
            `inbound rule ${r.number} of '${acl.id}' allows ${portsLabel(r)} from ${formatPrefix(r.cidr)}, including SSH/RDP`,
            'narrow the rule to the ranges that need admin access, or deny 22/3389 from 0.0.0.0/0 in an earlier rule',
          ),
        ),
    ),
  ),
  // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html — the virtual private gateway forwards only ranges a VPN connection routes
  meta('VPC020', 'vpn-route-uncovered', 'warning', 'Route to a VPN gateway for addresses no VPN connection routes', ({ t }, self) =>
    routeTablesOf(t).flatMap((rt) =>
      rt.routes.flatMap((r) => {
        if (r.target.type !== 'vpn' || r.origin !== 'static') return [];
        const cidrs = r.target.gateway.connections.flatMap((c) => c.onPremisesCidrs);
        if (cidrs.some((c) => covers(c, r.destination))) return [];
        return [
          at(
            t,
            r.src ?? rt.src,
            self,
            `route ${formatPrefix(r.destination)} -> '${r.targetId}' in '${rt.id}': no VPN connection of '${r.targetId}' routes ${formatPrefix(r.destination)} (${cidrs.map(formatPrefix).join(', ') || 'none'}), so the gateway drops it`,
            'add the range to a VPN connection (static route or BGP), or remove the route',
          ),
        ];
      }),
    ),
  ),
  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html — a VPC's IPv4 ranges are reserved for it (and cannot overlap what it connects to)
  meta('VPC021', 'vpc-addresses-unused', 'info', `Subnets of a VPC use less than ${UNUSED_THRESHOLD * 100}% of its IPv4 addresses`, ({ t }, self) =>
    t.vpcs.flatMap((vpc) => unusedFindings(t, vpc, self)),
  ),
  ...LB_RULES,
  ...INSPECTION_RULES,
  ...DX_RULES,
];

const count = (n: bigint) => n.toLocaleString('en-US');

function percent(used: bigint, total: bigint): string {
  // to one decimal, but never shown as the threshold itself (24.96% prints 24.9%), and never 0.0% for a used range
  const tenths = Math.min(Number((used * 2000n + total) / (2n * total)), UNUSED_THRESHOLD * 1000 - 1);
  return used > 0n && tenths === 0 ? '<0.1%' : `${(tenths / 10).toFixed(1)}%`;
}

/** Addresses of `parts` inside `whole`, counting an address covered twice once. */
/** How many addresses of `whole` the `parts` cover, each address once. */
function coveredCount(whole: Prefix, parts: Prefix[]): bigint {
  const free = freeRanges(blockFromPrefix(whole), parts.filter((p) => p.family === whole.family).map(blockFromPrefix));
  return free.reduce((n, r) => n - (r.hi - r.lo + 1n), sizeOf(whole));
}

function unusedFindings(t: Topology, vpc: Vpc, self: RuleMeta): Finding[] {
  const v4 = vpc.cidrs.filter((c) => c.family === 4);
  // A VPC without subnets has nothing deployed to size against (a peer or hub stub); it is not reported.
  if (v4.length === 0 || vpc.subnets.length === 0) return [];
  const subnets = vpc.subnets.flatMap((s) => (s.cidr ? [s.cidr] : []));
  const total = v4.reduce((n, c) => n + sizeOf(c), 0n);
  const used = v4.reduce((n, c) => n + coveredCount(c, subnets), 0n);
  if (Number(used) >= UNUSED_THRESHOLD * Number(total)) return [];
  const anchor = [...vpc.src.path, 'cidr'];
  return [
    at(
      t,
      anchor,
      self,
      `subnets use ${count(used)} of ${count(total)} addresses (${percent(used, total)}) of ${vpc.id} ${v4.map(formatPrefix).join(', ')}`,
      `if the room is not headroom for growth, give the VPC a smaller CIDR (plan it with \`vpcsim cidr plan\`) so the range stays free for networks it may connect to; else suppress this note with the reason`,
    ),
  ];
}

function connected(t: Topology): Set<string> {
  const s = new Set<string>();
  const key = (a: Vpc, b: Vpc) => (a.id < b.id ? `${a.id}\0${b.id}` : `${b.id}\0${a.id}`);
  for (const p of t.peeringConnections) s.add(key(p.requester, p.accepter));
  for (const tgw of t.transitGateways) {
    const vpcs = tgw.attachments.map((a) => a.vpc).filter((v): v is Vpc => !!v);
    for (const a of vpcs) for (const b of vpcs) if (a !== b) s.add(key(a, b));
  }
  return s;
}

function overlapFindings(t: Topology, self: RuleMeta, wantConnected: boolean): Finding[] {
  const conn = connected(t);
  const out: Finding[] = [];
  for (let i = 0; i < t.vpcs.length; i++)
    for (let j = i + 1; j < t.vpcs.length; j++) {
      const a = t.vpcs[i]!;
      const b = t.vpcs[j]!;
      const pairs = [...a.cidrs, ...a.ipv6Cidrs].flatMap((x) => [...b.cidrs, ...b.ipv6Cidrs].filter((y) => overlaps(x, y)).map((y) => [x, y] as const));
      if (pairs.length === 0) continue;
      const isConn = conn.has(a.id < b.id ? `${a.id}\0${b.id}` : `${b.id}\0${a.id}`);
      if (isConn !== wantConnected) continue;
      const what = pairs.map(([x, y]) => `${formatPrefix(x)} / ${formatPrefix(y)}`).join(', ');
      out.push(
        at(
          t,
          b.src,
          self,
          `VPC '${b.id}' overlaps VPC '${a.id}' (${what})${isConn ? ', and they are connected: traffic between the overlapping ranges cannot be routed' : ''}`,
          'give every VPC a unique range (plan them with `vpcsim cidr plan`)',
        ),
      );
    }
  // A VPN's on-premises ranges overlapping its VPC.
  if (wantConnected)
    for (const conn of t.vpnConnections) {
      const vpc = conn.vpnGateway?.vpc;
      if (!vpc) continue;
      const hit = conn.onPremisesCidrs.filter((p) => [...vpc.cidrs, ...vpc.ipv6Cidrs].some((c) => overlaps(c, p)));
      if (hit.length)
        out.push(
          at(
            t,
            conn.src,
            self,
            `VPN connection '${conn.id}' routes on-premises ${hit.map(formatPrefix).join(', ')}, which overlaps VPC '${vpc.id}'`,
            'renumber the on-premises range or the VPC',
          ),
        );
    }
  return out;
}

/** Internet-facing addresses of an interface: its public IPv4 and its IPv6 addresses. */
function publicAddresses(e: NetworkInterface): string[] {
  return [...(e.publicIp !== undefined ? [formatAddr(e.publicIp)] : []), ...e.ipv6Addresses.map(formatIpv6)];
}

function exposureFindings(ctx: RuleContext, self: RuleMeta): Finding[] {
  const { t } = ctx;
  const out: Finding[] = [];
  for (const e of t.interfaces) {
    if (e.owner.type === 'nat-gateway' || e.owner.type === 'tgw-attachment') continue;
    const open: number[] = [];
    let evidence: TraceResult | undefined;
    for (const addr of publicAddresses(e))
      for (const port of [...ADMIN_PORTS, ...DB_PORTS]) {
        if (open.includes(port)) continue;
        const r = safeTrace(ctx, { from: 'internet', to: addr, protocol: 'tcp', port });
        if (r && r.forward.verdict === 'ACCEPT') {
          open.push(port);
          evidence ??= r;
        }
      }
    if (!open.length || !evidence) continue;
    const owner = e.owner.type === 'instance' ? e.owner.instance : e;
    const ports = open
      .sort((a, b) => a - b)
      .map((p) => `${p} (${PORT_NAMES[p]})`)
      .join(', ');
    const path = pathText(evidence);
    out.push(
      at(
        t,
        owner.src,
        self,
        `'${owner.id}' is reachable from the internet on ${ports}: ${path}`,
        'restrict the security group and network ACL rules on this path to known source ranges, or remove the public address',
        path,
      ),
    );
  }
  return out;
}

/** Flows the security groups mean to allow into each interface: one per inbound rule and source. */
function candidateFlows(t: Topology, limit: number): { from: string; to: string; protocol: string; port: number }[] {
  const flows: { from: string; to: string; protocol: string; port: number }[] = [];
  const name = (e: NetworkInterface) => formatAddr(primaryAddress(e));
  // Up to three interfaces inside a CIDR, found through the subnets that overlap it (not by scanning every interface).
  const within = (p: Prefix, dst: NetworkInterface): NetworkInterface[] => {
    const out: NetworkInterface[] = [];
    if (p.family !== 4) return out;
    for (const s of t.subnets) {
      if (!s.cidr || !overlaps(s.cidr, p)) continue;
      for (const m of s.interfaces) {
        if (m === dst || m.owner.type === 'tgw-attachment' || m.owner.type === 'nat-gateway' || m.privateIp === undefined || !contains(p, m.privateIp))
          continue;
        out.push(m);
        if (out.length === 3) return out;
      }
    }
    return out;
  };
  for (const dst of t.interfaces) {
    if (flows.length >= limit) break;
    if (dst.owner.type !== 'instance' && dst.owner.type !== 'none') continue;
    for (const sg of dst.securityGroups)
      for (const r of sg.inbound) {
        if (r.implicit) continue;
        const protocol = r.protocol === PROTO.UDP ? 'udp' : 'tcp';
        if (r.protocol !== PROTO.TCP && r.protocol !== PROTO.UDP && r.protocol !== PROTO.ALL) continue;
        const port = r.ports?.from ?? 443;
        let sources: string[] = [];
        if (r.peer.type === 'sg')
          sources = r.peer.group.members
            .filter((m) => m !== dst && m.owner.type !== 'tgw-attachment')
            .slice(0, 3)
            .map(name);
        else if (r.peer.type === 'cidr') {
          const p = r.peer.prefix;
          sources = within(p, dst).map(name);
          if (p.family === 4 && dst.publicIp !== undefined && !t.vpcs.some((v) => v.cidrs.some((c) => covers(c, p)))) {
            const addr = p.len === 0 ? 'internet' : formatAddr(p.len >= 31 ? p.base : (p.base as number) + 1);
            flows.push({ from: addr, to: formatAddr(dst.publicIp), protocol, port });
          }
        }
        for (const s of sources) flows.push({ from: s, to: name(dst), protocol, port });
      }
  }
  return flows;
}

function ephemeralFindings(ctx: RuleContext, self: RuleMeta): Finding[] {
  const { t } = ctx;
  const seen = new Map<string, Finding>();
  const flows = candidateFlows(t, 2000).slice(0, 2000);
  for (const f of flows) {
    const r = safeTrace(ctx, f);
    if (!r || r.forward.verdict !== 'ACCEPT' || !r.return || r.return.verdict !== 'REJECT') continue;
    const idx = r.return.blockedAt ?? r.return.hops.length - 1;
    const hop = r.return.hops[idx];
    if (!hop || hop.kind !== 'network-acl') continue;
    const acl = t.byId.get(hop.component) as NetworkAcl | undefined;
    if (!acl || acl.kind !== 'network-acl' || acl.isDefault) continue;
    const key = `${acl.id}\0${hop.flow}`;
    if (seen.has(key)) continue;
    const dir = hop.flow === 'egress' ? 'outbound' : 'inbound';
    seen.set(
      key,
      at(
        t,
        acl.src,
        self,
        `network ACL '${acl.id}' has no ${dir} rule for the replies of ${f.protocol}/${f.port} from ${f.from} to ${f.to}: the request is allowed, the reply to port ${hop.packet.dstPort} (${hop.packet.src} -> ${hop.packet.dst}) is denied`,
        `add an ${dir} allow rule for ${f.protocol} 1024-65535 ${dir === 'outbound' ? 'to' : 'from'} ${dir === 'outbound' ? hop.packet.dst : hop.packet.src} (or its subnet/range)`,
        pathText(r),
      ),
    );
  }
  return [...seen.values()];
}

export const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** Loader/binder diagnostic codes that are reported under a lint rule id. */
export const DIAGNOSTIC_RULE: Record<string, string> = { CROSS_VPC_REFERENCE: 'VPC014', PEERING_CIDR_OVERLAP: 'VPC006' };

export function ruleMeta(id: string): RuleMeta | undefined {
  const r = RULE_BY_ID.get(id);
  return r ? { id: r.id, name: r.name, severity: r.severity, description: r.description } : undefined;
}
