// `vpcsim show`: a topology summary, or one resource with everything bound to it. Each view is built once
// as plain data (what --json prints) and the text form is rendered from it with cli-table3, colour via c().
import { dxResourceView } from './show-direct-connect.js';
import { printable, printableLine } from './printable.js';
import { inspectionView } from './show-inspection.js';
import Table from 'cli-table3';
import { closest, distance } from 'fastest-levenshtein';
import { type AwsKind, KIND_BOUND_LIST, KIND_PLURAL } from '../aws/kinds.js';
import { kindLabel } from '../bind/bind.js';
import type * as M from '../bind/model.js';
import { formatPrefix } from '../net/ip.js';
import { c } from './color.js';
import { DEFAULT_WIDTH, fitWidths, splitColumns, visibleLength, wrapCell, wrapRows } from './fit-table.js';
import { lbResourceView, lbSummaryView, renderLbResource, renderLbSummary } from './show-lb.js';
import { type AclRuleView, type InterfaceView, type Json, type RouteView, type SgRuleView, instancesIn, resourceAt } from './show-parts.js';
import { instanceView, networkInterfaceView } from './show-compute.js';
import { internetGatewayView, natGatewayView, peeringView, vpcEndpointView, vpnConnectionView, vpnGatewayView } from './show-gateways.js';
import { transitGatewayView, tgwAttachmentView, tgwRouteTableView } from './show-tgw.js';
import { networkAclView, prefixListView, routeTableView, securityGroupView, subnetView, vpcView } from './show-vpc.js';

export type { AclRuleView, InterfaceView, RouteView, SgRuleView } from './show-parts.js';
export { routeViews } from './show-parts.js';

// --------------------------------------------------------------------------------------------- summary

// The kinds the summary counts, in its order: a VPC's own resources, then gateways and connections, then load
// balancing. Each count is keyed by the bound topology's list and labelled by the kind's plural (src/aws/kinds.ts).
const COUNTED: [keyof M.Topology, string][] = (
  [
    'vpc',
    'subnet',
    'route-table',
    'network-acl',
    'security-group',
    'instance',
    'network-interface',
    'internet-gateway',
    'egress-only-internet-gateway',
    'nat-gateway',
    'vpn-gateway',
    'vpn-connection',
    'peering-connection',
    'vpc-endpoint',
    'transit-gateway',
    'tgw-attachment',
    'tgw-route-table',
    'prefix-list',
    'load-balancer',
    'listener',
    'target-group',
  ] as const satisfies readonly AwsKind[]
).map((k) => [KIND_BOUND_LIST[k] as keyof M.Topology, KIND_PLURAL[k]]);

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

type KindView<K extends M.ResourceKind> = (t: M.Topology, r: Extract<M.Resource, { kind: K }>, head: Json) => Json;

// One view per resource kind; the type makes a new kind in the model fail to compile until it has a view here.
const KIND_VIEWS: { [K in M.ResourceKind]: KindView<K> } = {
  vpc: vpcView,
  subnet: subnetView,
  'route-table': routeTableView,
  'network-acl': networkAclView,
  'security-group': securityGroupView,
  instance: instanceView,
  'network-interface': networkInterfaceView,
  'internet-gateway': internetGatewayView,
  'egress-only-internet-gateway': internetGatewayView,
  'nat-gateway': natGatewayView,
  'vpn-gateway': vpnGatewayView,
  'vpn-connection': vpnConnectionView,
  'peering-connection': peeringView,
  'vpc-endpoint': vpcEndpointView,
  'transit-gateway': transitGatewayView,
  'tgw-attachment': tgwAttachmentView,
  'tgw-route-table': tgwRouteTableView,
  'prefix-list': prefixListView,
  'load-balancer': lbResourceView,
  listener: lbResourceView,
  'target-group': lbResourceView,
  'gateway-load-balancer': inspectionView,
  'network-firewall': inspectionView,
  'firewall-policy': inspectionView,
  'firewall-rule-group': inspectionView,
  'dx-gateway': (_t, r, head) => dxResourceView(r, head),
  'virtual-interface': (_t, r, head) => dxResourceView(r, head),
};

export function resourceView(t: M.Topology, r: M.Resource): Json {
  const head: Json = { kind: r.kind, id: r.id, ...(r.name ? { name: r.name } : {}), ...(resourceAt(t, r) ? { at: resourceAt(t, r) } : {}) };
  const view = KIND_VIEWS[r.kind] as KindView<M.ResourceKind>;
  return view(t, r as never, head);
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
  if (groups)
    return groups
      .map((g) =>
        table(
          g.map((k) => head[k]!),
          rows.map((r) => g.map((k) => r[k] ?? '')),
          width,
        ),
      )
      .join('\n');
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
    routes.map((r) => [
      r.prefixListCidrs ? `${r.destination} (${r.prefixListCidrs} CIDR${r.prefixListCidrs > 1 ? 's' : ''})` : r.destination,
      r.target === 'blackhole' ? c().red(r.target) : r.target,
      r.origin,
      line(r.at) ?? c().dim('implicit'),
    ]),
    w,
  );
}

function aclTable(rules: AclRuleView[], peer: string, w: number): string {
  return table(
    ['Rule', 'Protocol', 'Ports', peer, 'Action', 'Line'],
    rules.map((r) => [
      String(r.rule),
      r.protocol,
      r.ports,
      r.cidr,
      r.action === 'allow' ? c().green('allow') : c().red('deny'),
      line(r.at) ?? c().dim('implicit'),
    ]),
    w,
  );
}

function sgTable(rules: SgRuleView[], peer: string, w: number): string {
  if (rules.length === 0) return none('rules: nothing allowed');
  return table(
    ['Protocol', 'Ports', peer, 'Description', 'Line'],
    rules.map((r) => [
      r.protocol,
      r.ports,
      r.peerKind === 'cidr' ? r.peer : c().cyan(r.peer),
      printable(r.description ?? ''),
      line(r.at) ?? c().dim(r.implicit ? 'default' : ''),
    ]),
    w,
  );
}

function interfacesTable(list: InterfaceView[], w: number): string {
  if (list.length === 0) return none('interfaces');
  return table(
    ['Interface', 'Owner', 'Private IP', 'Other IPs', 'Public IP', 'Security groups'],
    list.map((e) => [
      e.id,
      e.owner,
      e.privateIp ?? c().dim('(IPv6-only)'),
      [...e.secondaryPrivateIps, ...e.ipv6Addresses].join('\n'),
      e.publicIp ?? '',
      e.securityGroups.join(', ') + (e.sourceDestCheck ? '' : c().dim('\n(source/dest check off)')),
    ]),
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
          vpcs.map((x) => [
            c().cyan(String(x.id)),
            [...(x.cidrs as string[]), ...(x.ipv6Cidrs as string[])].join('\n'),
            String(x.subnets),
            String(x.mainRouteTable),
            String(x.internetGateway ?? ''),
          ]),
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
  const item = (y: unknown) =>
    typeof y !== 'object' || !y
      ? String(y)
      : (y as Json).id !== undefined
        ? String((y as Json).id)
        : Object.entries(y as Json)
            .map(([k, x]) => `${label(k)} ${Array.isArray(x) ? x.join(' ') || '-' : String(x)}`)
            .join('; ');
  out.push(
    kv(
      Object.entries(v)
        .filter(([k]) => !skip.has(k))
        .map(([k, x]) => [label(k), Array.isArray(x) ? x.map(item) : typeof x === 'boolean' ? (x ? 'yes' : 'no') : x]),
      w,
    ),
  );
  if (Array.isArray(v.routes)) {
    out.push(heading('Routes'));
    out.push(
      table(
        ['Destination', 'Target', 'Origin', 'Line'],
        (v.routes as Json[]).map((r) => [
          String(r.destination),
          String(r.target),
          String(r.origin),
          r.at === undefined ? c().dim('-') : String(line(String(r.at))),
        ]),
        w,
      ),
    );
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
  const text = RESOURCE_TEXT[kind] ?? otherResource;
  out.push(...text(v, w));
  // a second guard behind the escaped values: nothing but colour codes reaches the terminal raw
  return `${out.map(printableLine).join('\n')}\n`;
}

const lbText = (v: Json, w: number) => renderLbResource({ table, kv }, v, w);

/** The text of one resource, by kind; kinds not listed are written by otherResource. */
const RESOURCE_TEXT: Partial<Record<M.ResourceKind, (v: Json, w: number) => string[]>> = {
  vpc: vpcText,
  subnet: subnetText,
  'route-table': routeTableText,
  'network-acl': networkAclText,
  'security-group': securityGroupText,
  instance: instanceText,
  'load-balancer': lbText,
  listener: lbText,
  'target-group': lbText,
};

function vpcText(v: Json, w: number): string[] {
  const out: string[] = [];
  out.push(
    kv(
      [
        ['CIDRs', v.cidrs],
        ['IPv6 CIDRs', v.ipv6Cidrs],
        ['main route table', v.mainRouteTable],
        ['default network ACL', v.defaultNetworkAcl],
        ['default security group', v.defaultSecurityGroup],
        ['internet gateway', v.internetGateway],
        ['egress-only gateway', v.egressOnlyInternetGateway],
        ['VPN gateway', v.vpnGateway],
        ['route tables', v.routeTables],
        ['network ACLs', v.networkAcls],
        ['security groups', v.securityGroups],
        ['endpoints', v.endpoints],
        ['TGW attachments', v.transitGatewayAttachments],
      ],
      w,
    ),
  );
  const peerings = v.peerings as Json[];
  if (peerings.length) {
    out.push(heading('Peering connections'));
    out.push(
      table(
        ['Peering', 'Peer VPC', 'Status'],
        peerings.map((p) => [String(p.id), String(p.peer), String(p.status)]),
        w,
      ),
    );
  }
  const subnets = v.subnets as Json[];
  out.push(heading('Subnets'));
  out.push(
    subnets.length
      ? table(
          ['Subnet', 'CIDR', 'AZ', 'Route table', 'Network ACL', 'Instances'],
          subnets.map((s) => [
            c().cyan(String(s.id)),
            [s.cidr, s.ipv6Cidr].filter(Boolean).join('\n'),
            String(s.az),
            String(s.routeTable),
            String(s.networkAcl),
            String(s.instances),
          ]),
          w,
        )
      : none('subnets'),
  );
  return out;
}

function subnetText(v: Json, w: number): string[] {
  const out: string[] = [];
  const rt = v.routeTable as { id: string; association: string; routes: RouteView[] };
  const acl = v.networkAcl as { id: string; default: boolean; inbound: AclRuleView[]; outbound: AclRuleView[] };
  out.push(
    kv(
      [
        ['VPC', v.vpc],
        ['CIDR', v.cidr],
        ['IPv6 CIDR', v.ipv6Cidr],
        ['AZ', v.az],
        ['AZ id', v.azId],
        ['instances', v.instances],
      ],
      w,
    ),
  );
  out.push(
    heading(`Route table ${c().cyan(rt.id)}${c().dim(rt.association === 'main' ? '  (main route table, implicit association)' : '  (explicit association)')}`),
  );
  out.push(routesTable(rt.routes, w));
  out.push(heading(`Network ACL ${c().cyan(acl.id)}${acl.default ? c().dim('  (default)') : ''}`));
  out.push('  inbound');
  out.push(aclTable(acl.inbound, 'Source', w));
  out.push('  outbound');
  out.push(aclTable(acl.outbound, 'Destination', w));
  out.push(heading('Interfaces'));
  out.push(interfacesTable(v.interfaces as InterfaceView[], w));
  return out;
}

function routeTableText(v: Json, w: number): string[] {
  const out: string[] = [];
  const subnets = v.subnets as { id: string; association: string }[];
  out.push(
    kv(
      [
        ['VPC', v.vpc],
        ['main', v.main ? `yes${v.implicit ? ' (implicit: the VPC declares no main route table)' : ''}` : 'no'],
        ['gateway endpoints', v.gatewayEndpoints],
      ],
      w,
    ),
  );
  out.push(heading('Routes'));
  out.push(routesTable(v.routes as RouteView[], w));
  out.push(heading('Subnets'));
  out.push(
    subnets.length
      ? table(
          ['Subnet', 'Association'],
          subnets.map((s) => [c().cyan(s.id), s.association === 'main' ? 'main (implicit)' : 'explicit']),
          w,
        )
      : none('subnets'),
  );
  return out;
}

function networkAclText(v: Json, w: number): string[] {
  const out: string[] = [];
  out.push(
    kv(
      [
        ['VPC', v.vpc],
        ['default', v.default ? `yes${v.implicit ? ' (implicit: allows all traffic)' : ''}` : 'no'],
        ['subnets', v.subnets],
      ],
      w,
    ),
  );
  out.push(heading('Inbound rules'));
  out.push(aclTable(v.inbound as AclRuleView[], 'Source', w));
  out.push(heading('Outbound rules'));
  out.push(aclTable(v.outbound as AclRuleView[], 'Destination', w));
  return out;
}

function securityGroupText(v: Json, w: number): string[] {
  const out: string[] = [];
  const members = v.members as Json[];
  out.push(
    kv(
      [
        ['VPC', v.vpc],
        ['default', v.default ? `yes${v.implicit ? ' (implicit)' : ''}` : 'no'],
        ['referenced by', v.referencedBy],
      ],
      w,
    ),
  );
  out.push(heading('Inbound rules'));
  out.push(sgTable(v.inbound as SgRuleView[], 'Source', w));
  out.push(heading('Outbound rules'));
  out.push(sgTable(v.outbound as SgRuleView[], 'Destination', w));
  out.push(heading('Members'));
  out.push(
    members.length
      ? table(
          ['Interface', 'Owner', 'Private IP', 'Subnet'],
          members.map((m) => [
            String(m.interface),
            String(m.owner),
            String(m.privateIp ?? (m.ipv6Addresses as string[] | undefined)?.join(', ') ?? ''),
            String(m.subnet),
          ]),
          w,
        )
      : none('members'),
  );
  return out;
}

function instanceText(v: Json, w: number): string[] {
  const out: string[] = [];
  out.push(
    kv(
      [
        ['subnet', v.subnet],
        ['VPC', v.vpc],
        ['AZ', v.az],
        ['route table', v.routeTable],
        ['network ACL', v.networkAcl],
        ['security groups', v.securityGroups],
      ],
      w,
    ),
  );
  out.push(heading('Interfaces'));
  out.push(interfacesTable(v.interfaces as InterfaceView[], w));
  return out;
}
