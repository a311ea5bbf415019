// The boundaries ("cuts") every decision in the model draws, grouped by where they live: one group per component a
// hop names (a security group's rules, a network ACL's, a route table's prefixes, …), one base group (special address
// ranges, AWS service ranges, VPN networks, public addresses) and one reply group (the ICMP types that have a reply).
// A packet class that no cut of the groups its path touches divides behaves as one packet there.
import type * as M from '../bind/model.js';
import { type Addr, type Prefix, lastAddr, mustCidr, NAT64_PREFIX, RFC1918, RFC6598 } from '../net/ip.js';
import { PROTO } from '../bind/rules.js';
import { listenerTransports } from '../trace/load-balancer.js';
import { replyIcmpType } from '../trace/trace.js';
import type { Range } from './sets.js';
import { NOT_EXTERNAL_V4, NOT_EXTERNAL_V6 } from '../net/ranges.js';

export interface Cuts {
  /** address cuts that hold for every protocol */
  addr4: Range[];
  addr6: Range[];
  /**
   * address cuts of rules for one protocol (network ACL and security-group rules): a rule matches only packets of its
   * protocol, so its CIDR divides only those (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html)
   */
  protoAddr: Map<number, { addr4: Range[]; addr6: Range[] }>;
  /** port cuts per protocol (6, 17) */
  ports: Map<number, Range[]>;
  /** per port cut: what it stands for. Cuts with one label split nothing between them (see split()). */
  portLabels: Map<number, string[]>;
  /** ICMP type and code cuts per protocol (1, 58) */
  icmpTypes: Map<number, Range[]>;
  icmpCodes: Map<number, Range[]>;
}

/** Read by components without such cuts (most of them): a component's own map is made on its first cut (see push). */
const NONE = new Map<number, never[]>();
const NONE_BY_PROTO = new Map<number, { addr4: Range[]; addr6: Range[] }>();

function emptyCuts(): Cuts {
  return { addr4: [], addr6: [], protoAddr: NONE_BY_PROTO, ports: NONE, portLabels: NONE, icmpTypes: NONE, icmpCodes: NONE };
}

export function big(a: Addr): bigint {
  return typeof a === 'number' ? BigInt(a) : a;
}

export function prefixRange(p: Prefix): Range {
  return [big(p.base), big(lastAddr(p))];
}

function addPrefix(c: Cuts, p: Prefix): void {
  (p.family === 4 ? c.addr4 : c.addr6).push(prefixRange(p));
}

/**
 * The prefix of a rule for `protocol` (-1: every protocol). A security-group rule, like an ACL rule, names one protocol
 * or all (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html).
 */
function addRulePrefix(c: Cuts, p: Prefix, protocol: number): void {
  if (protocol < 0) return addPrefix(c, p);
  if (c.protoAddr === NONE_BY_PROTO) c.protoAddr = new Map();
  let x = c.protoAddr.get(protocol);
  if (!x) {
    x = { addr4: [], addr6: [] };
    c.protoAddr.set(protocol, x);
  }
  (p.family === 4 ? x.addr4 : x.addr6).push(prefixRange(p));
}

function addAddr(c: Cuts, a: Addr): void {
  const b = big(a);
  (typeof a === 'number' ? c.addr4 : c.addr6).push([b, b]);
}

function push<T>(c: Cuts, field: 'ports' | 'portLabels' | 'icmpTypes' | 'icmpCodes', k: number, r: T): void {
  let m = c[field] as Map<number, T[]>;
  if (m === NONE) {
    m = new Map();
    (c as unknown as Record<typeof field, Map<number, T[]>>)[field] = m;
  }
  const l = m.get(k);
  if (l) l.push(r);
  else m.set(k, [r]);
}

let ruleSerial = 0;

/**
 * `label`: rules of a security group that share a peer are one label (their union is what matters: allow rules
 * only); every network ACL rule is its own label (first match decides).
 */
function addMatch(c: Cuts, m: M.Match, label = `#${ruleSerial++}`): void {
  if (m.ports && (m.protocol === PROTO.TCP || m.protocol === PROTO.UDP)) {
    push(c, 'ports', m.protocol, [BigInt(m.ports.from), BigInt(m.ports.to)]);
    push(c, 'portLabels', m.protocol, label);
  }
  if (m.protocol === PROTO.ICMP || m.protocol === PROTO.ICMPV6) {
    if (m.icmpType !== -1) push(c, 'icmpTypes', m.protocol, [BigInt(m.icmpType), BigInt(m.icmpType)]);
    if (m.icmpCode !== -1) push(c, 'icmpCodes', m.protocol, [BigInt(m.icmpCode), BigInt(m.icmpCode)]);
  }
}

const sgLabels = new WeakMap<M.SecurityGroupRule, string>();

/**
 * A security-group rule's label: its group, direction, protocol and peer. Rules that share one are alike (their union
 * is what matters); made once per rule (every hop of a group's members draws them).
 */
export function sgRuleLabel(group: M.SecurityGroup, dir: 'in' | 'out', r: M.SecurityGroupRule): string {
  let l = sgLabels.get(r);
  if (l === undefined) {
    const peer = r.peer.type === 'cidr' ? r.peer.text : r.peer.type === 'sg' ? r.peer.group.id : r.peer.list.id;
    l = `${group.id}|${dir}|${r.protocol}|${peer}`;
    sgLabels.set(r, l);
  }
  return l;
}

function addSgRule(c: Cuts, r: M.SecurityGroupRule, members: (g: M.SecurityGroup) => M.NetworkInterface[], label: string): void {
  addMatch(c, r, label);
  if (r.peer.type === 'cidr') addRulePrefix(c, r.peer.prefix, r.protocol);
  else if (r.peer.type === 'prefix-list') for (const p of r.peer.list.cidrs) addRulePrefix(c, p, r.protocol);
  // A group reference matches the members' own addresses: identities, not ranges. External address sets never hold
  // them, and interfaces are grouped only with interfaces of the same groups, which match such a rule alike.
  else void members;
}

export function addressesOf(eni: M.NetworkInterface): Addr[] {
  return [...(eni.privateIp !== undefined ? [eni.privateIp] : []), ...eni.secondaryPrivateIps, ...eni.ipv6Addresses];
}

function vpcAddresses(c: Cuts, vpc: M.Vpc | undefined): void {
  if (!vpc) return;
  for (const p of [...vpc.cidrs, ...vpc.ipv6Cidrs]) addPrefix(c, p);
  // The addresses of the interfaces are identities (the local route delivers to the owner), not cuts: see addSgRule.
}

function routeCuts(c: Cuts, rt: M.RouteTable): void {
  for (const r of rt.routes) addPrefix(c, r.destination);
  vpcAddresses(c, rt.vpc);
}

type Flow = 'ingress' | 'egress' | '-';

function sgCuts(c: Cuts, g: M.SecurityGroup, flow: Flow): void {
  // the hop names one group of the interface; every group of an interface that has it may have decided
  const groups = new Set<M.SecurityGroup>([g]);
  for (const m of g.members) for (const x of m.securityGroups) groups.add(x);
  const members = (x: M.SecurityGroup) => x.members;
  for (const x of groups) {
    if (flow !== 'egress') for (const r of x.inbound) addSgRule(c, r, members, sgRuleLabel(x, 'in', r));
    if (flow !== 'ingress') for (const r of x.outbound) addSgRule(c, r, members, sgRuleLabel(x, 'out', r));
  }
}

/**
 * A node accepts a connection only on a listener's protocol and port, and opens the target leg to the target's port
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html): each
 * listener port is its own label (one listener decides), each target port the label of its target group.
 */
function listenerCuts(c: Cuts, l: M.Listener): void {
  for (const proto of listenerTransports(l.protocol)) {
    addMatch(c, { protocol: proto, ports: { from: l.port, to: l.port }, icmpType: -1, icmpCode: -1 }, `listener|${l.id}`);
    const targets = l.targetGroup?.targets.map((x) => x.port) ?? (l.instancePort !== undefined ? [l.instancePort] : []);
    for (const port of targets)
      addMatch(c, { protocol: proto, ports: { from: port, to: port }, icmpType: -1, icmpCode: -1 }, `target|${l.targetGroup?.id ?? l.loadBalancer.id}|${port}`);
  }
}

/** The cuts of what one component decides, as trace() decides it (src/trace/engine.ts). */
function componentCuts(t: M.Topology, r: M.Resource, flow: Flow): Cuts {
  const c = emptyCuts();
  if (!vpcComponentCuts(c, r, flow) && !edgeComponentCuts(c, t, r) && !serviceComponentCuts(c, r)) vpcAddresses(c, (r as { vpc?: M.Vpc }).vpc);
  return c;
}

/** Filters and routing inside a VPC; false when r is not one of them. */
function vpcComponentCuts(c: Cuts, r: M.Resource, flow: Flow): boolean {
  switch (r.kind) {
    case 'network-acl':
      for (const x of [...(flow !== 'egress' ? r.inbound : []), ...(flow !== 'ingress' ? r.outbound : [])]) {
        addMatch(c, x);
        addRulePrefix(c, x.cidr, x.protocol);
      }
      return true;
    case 'security-group':
      sgCuts(c, r, flow);
      return true;
    case 'route-table':
      routeCuts(c, r);
      return true;
    case 'nat-gateway':
      routeCuts(c, r.subnet.routeTable);
      return true;
    case 'vpc':
      vpcAddresses(c, r);
      for (const pcx of r.peerings) for (const v of [pcx.requester, pcx.accepter]) vpcAddresses(c, v);
      return true;
    case 'instance':
      vpcAddresses(c, r.subnet.vpc);
      return true;
    case 'prefix-list':
      for (const p of r.cidrs) addPrefix(c, p);
      return true;
    default:
      return false;
  }
}

/** What connects a VPC to others and to on-premises: peering, VPN, transit gateways, Direct Connect. */
function edgeComponentCuts(c: Cuts, t: M.Topology, r: M.Resource): boolean {
  switch (r.kind) {
    case 'peering-connection':
      vpcAddresses(c, r.requester);
      vpcAddresses(c, r.accepter);
      return true;
    case 'vpn-gateway':
      for (const conn of r.connections) for (const p of conn.onPremisesCidrs) addPrefix(c, p);
      // the prefixes it learns over Direct Connect decide too (route priority, src/trace/direct-connect.ts)
      for (const v of t.virtualInterfaces)
        if (v.directConnectGateway.associations.some((a) => a.gateway === r)) for (const p of v.onPremisesCidrs) addPrefix(c, p);
      vpcAddresses(c, r.vpc);
      return true;
    case 'vpn-connection':
      for (const p of r.onPremisesCidrs) addPrefix(c, p);
      for (const conn of r.vpnGateway?.connections ?? []) for (const p of conn.onPremisesCidrs) addPrefix(c, p);
      vpcAddresses(c, r.vpnGateway?.vpc);
      return true;
    case 'tgw-route-table':
      for (const x of r.routes) addPrefix(c, x.destination);
      return true;
    case 'tgw-attachment':
      // its route table's prefixes are the cuts of the route table's own hop, which every lookup records (trace: tgwRoute)
      for (const p of [...r.peerCidrs, ...(r.vpnConnection?.onPremisesCidrs ?? [])]) addPrefix(c, p);
      vpcAddresses(c, r.vpc);
      return true;
    case 'transit-gateway':
      for (const rt of r.routeTables) for (const x of rt.routes) addPrefix(c, x.destination);
      return true;
    case 'dx-gateway':
    case 'virtual-interface': {
      // what it decides: the on-premises prefixes of its virtual interfaces and the allowed prefixes of its associations
      const g = r.kind === 'dx-gateway' ? r : r.directConnectGateway;
      for (const v of g.virtualInterfaces) for (const p of v.onPremisesCidrs) addPrefix(c, p);
      for (const a of g.associations) {
        for (const p of a.allowedPrefixes ?? []) addPrefix(c, p);
        if (a.gateway.kind === 'vpn-gateway') vpcAddresses(c, a.gateway.vpc);
      }
      return true;
    }
    default:
      return false;
  }
}

/** Endpoints, load balancers and inspection. */
function serviceComponentCuts(c: Cuts, r: M.Resource): boolean {
  switch (r.kind) {
    case 'vpc-endpoint':
      for (const p of r.prefixList?.cidrs ?? []) addPrefix(c, p);
      // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — VPCE_GATEWAY_PROTOCOL_RESTRICTION: TCP or ICMP echo only
      push(c, 'icmpTypes', PROTO.ICMP, [8n, 8n]);
      vpcAddresses(c, r.vpc);
      return true;
    case 'listener':
      vpcAddresses(c, r.loadBalancer.vpc);
      listenerCuts(c, r);
      return true;
    case 'load-balancer':
      vpcAddresses(c, r.vpc);
      for (const l of r.listeners) listenerCuts(c, l);
      return true;
    case 'network-firewall':
      vpcAddresses(c, r.vpc);
      policyCuts(c, r.policy);
      return true;
    case 'firewall-policy':
      policyCuts(c, r);
      return true;
    case 'firewall-rule-group':
      for (const x of [...r.statelessRules, ...r.statefulRules]) tupleCuts(c, x);
      return true;
    case 'gateway-load-balancer':
      vpcAddresses(c, r.vpc);
      for (const a of [r.action, ...r.appliances.map((x) => x.action)]) if (a?.type === 'rules') for (const x of a.rules) tupleCuts(c, x);
      return true;
    default:
      return false;
  }
}

/** A firewall or appliance 5-tuple rule: its prefixes and its protocol and destination ports (source ports are not cut; docs/inspection.md). */
function tupleCuts(c: Cuts, r: M.FiveTupleRule<string>): void {
  if (r.source) addPrefix(c, r.source);
  if (r.destination) addPrefix(c, r.destination);
  addMatch(c, r);
}

function policyCuts(c: Cuts, p: M.FirewallPolicy): void {
  for (const g of [...p.statelessGroups, ...p.statefulGroups]) for (const x of [...g.group.statelessRules, ...g.group.statefulRules]) tupleCuts(c, x);
}

/** Every component's cuts at once: for a component trace() names but the model does not know. */
function everything(t: M.Topology): Cuts {
  const c = emptyCuts();
  for (const r of t.byId.values()) {
    const x = componentCuts(t, r, '-');
    for (const y of [x, ...x.protoAddr.values()]) {
      c.addr4.push(...y.addr4);
      c.addr6.push(...y.addr6);
    }
    for (const k of ['ports', 'icmpTypes', 'icmpCodes', 'portLabels'] as const) for (const [p, l] of x[k]) for (const v of l) push(c, k, p, v);
  }
  return c;
}

// Where trace() resolves or special-cases an address: see src/trace/endpoints.ts and src/trace/engine.ts.
const SPECIAL = [...NOT_EXTERNAL_V4, ...NOT_EXTERNAL_V6];
/** ICMP types with a reply (trace.ts, replyIcmpType): one-way types travel without a reply. */
const ICMP_REQUEST_TYPES: Record<number, number[]> = { [PROTO.ICMP]: [8, 13, 15, 17], [PROTO.ICMPV6]: [128] };

function baseCuts(t: M.Topology): Cuts {
  const c = emptyCuts();
  // the NAT64 prefix: gateways refuse it untranslated (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html)
  for (const p of [...RFC1918, RFC6598, ...SPECIAL.map(mustCidr), NAT64_PREFIX]) addPrefix(c, p);
  for (const conn of [...t.vpnConnections, ...t.virtualInterfaces]) for (const p of conn.onPremisesCidrs) addPrefix(c, p);
  for (const pl of t.prefixLists) for (const p of pl.cidrs) addPrefix(c, p);
  for (const service of ['s3', 'dynamodb']) for (const p of t.serviceRanges.get(service) ?? []) addPrefix(c, p);
  // one cut per public address and per VPC of the estate: no intermediate arrays (this runs cold, on the first query)
  for (const pub of t.interfaceByPublicIp.keys()) {
    const b = BigInt(pub);
    c.addr4.push([b, b]);
  }
  for (const v of t.vpcs) {
    for (let i = 0; i < v.cidrs.length; i++) addPrefix(c, v.cidrs[i]!);
    for (let i = 0; i < v.ipv6Cidrs.length; i++) addPrefix(c, v.ipv6Cidrs[i]!);
    if (v.cidrs[0]) addAddr(c, (v.cidrs[0].base as number) + 2);
  }
  return c;
}

/**
 * Whether a request has a reply depends on its ICMP type (trace.ts, replyIcmpType): it matters once the request got
 * through. The types with a reply are one class (the engine labels them alike); what the reply's type is, the cuts of
 * the hops on the way back say, drawn over the requests' types (requestTypes).
 */
function replyCuts(): Cuts {
  const c = emptyCuts();
  for (const [proto, types] of Object.entries(ICMP_REQUEST_TYPES)) for (const ty of types) push(c, 'icmpTypes', Number(proto), [BigInt(ty), BigInt(ty)]);
  return c;
}

/** The request types whose reply has a type in `r`: where a cut a hop on the way back draws falls among requests. */
export function requestTypes(proto: number, r: Range): Range[] {
  const out: Range[] = [];
  for (const q of ICMP_REQUEST_TYPES[proto] ?? []) {
    const reply = replyIcmpType(proto, q);
    if (reply !== undefined && BigInt(reply) >= r[0] && BigInt(reply) <= r[1]) out.push([BigInt(q), BigInt(q)]);
  }
  return out;
}

export const BASE = 'base';

/** Hops that only allow or deny: they never change where a packet goes or what it becomes. */
export function isFilterKind(kind: string | undefined): boolean {
  return kind === 'security-group' || kind === 'network-acl';
}

/**
 * The parts of a component's cut group (`F@ingress@acl-1`, see groups(); `C@` for the cuts it shares, see canonical());
 * undefined for base, reply and everything.
 */
export function groupParts(group: string): { flow: Flow; component: string } | undefined {
  // `D@flow@component`, where the component id may itself hold '@'
  const d = group.charCodeAt(0);
  if (group.charCodeAt(1) !== 64 /* @ */ || (d !== 70 /* F */ && d !== 82 /* R */ && d !== 67) /* C */) return undefined;
  const at = group.indexOf('@', 2);
  return at < 0 ? { flow: group.slice(2) as Flow, component: '' } : { flow: group.slice(2, at) as Flow, component: group.slice(at + 1) };
}
/** The cut group of a request's reply: the ICMP types that have one (see replyCuts). */
export const REPLY = 'reply';

/** Cuts per component, computed on first use. */
export class CutIndex {
  private cache = new Map<string, Cuts>();
  private canonicals = new Map<string, string>();
  private readonly names = new Map<string, string[]>();
  private readonly partsByGroup = new Map<string, ReturnType<typeof groupParts>>();

  /** Drops the cuts of components, keeping the groups every part of the estate meets unless `all` (see Engine.trimCaches). */
  forgetComponents(all = false): void {
    for (const k of this.cache.keys()) if (!this.kept(k, !all)) this.cache.delete(k);
    for (const k of this.canonicals.keys()) if (!this.kept(k, !all)) this.canonicals.delete(k);
    this.names.clear();
    this.partsByGroup.clear();
  }

  /**
   * Groups kept when the caches are trimmed: the base, reply and everything groups, and components that connect VPCs
   * (transit gateways and their route tables, prefix lists, Direct Connect): queries from every VPC meet them.
   */
  kept(group: string, shared = true): boolean {
    if (group === BASE || group === REPLY || group === EVERYTHING) return true;
    if (!shared) return false;
    const g = groupParts(unwrapNat64(group));
    const kind = g && this.t.byId.get(g.component)?.kind;
    return kind !== undefined && SHARED_KINDS.has(kind);
  }

  constructor(readonly t: M.Topology) {}

  /**
   * The group whose cuts a group shares: a component draws the same cuts for the request and the reply, and only
   * security groups and network ACLs read a different rule list per flow (componentCuts).
   */
  canonical(group: string): string {
    let k = this.canonicals.get(group);
    if (k === undefined) {
      const g = groupParts(group);
      const kind = g && this.t.byId.get(g.component)?.kind;
      k = g ? `C@${isFilterKind(kind) ? g.flow : '-'}@${g.component}` : group;
      this.canonicals.set(group, k);
    }
    return k;
  }

  cuts(group: string): Cuts {
    const key = this.canonical(group);
    let c = this.cache.get(key);
    if (c) return c;
    if (key === BASE) c = baseCuts(this.t);
    else if (key === REPLY) c = replyCuts();
    else if (key === EVERYTHING) c = everything(this.t);
    else {
      const g = groupParts(key);
      const r = g && this.t.byId.get(g.component);
      c = r && g ? componentCuts(this.t, r, g.flow) : emptyCuts();
    }
    this.cache.set(key, c);
    return c;
  }

  /**
   * The cut group of one hop: the component, which of its rule lists it read (flow), and whether the packet was the
   * request (its ports are the destination ports) or the reply (its destination port is the request's source port).
   * An id the model does not know widens to everything.
   */
  groups(component: string, flow: Flow, direction: 'forward' | 'return'): string {
    // one string per group, made once: every trace names the same few groups, which key the engine's maps
    let names = this.names.get(component);
    if (!names) {
      names = [];
      this.names.set(component, names);
    }
    const i = (direction === 'forward' ? 0 : 3) + (flow === 'ingress' ? 0 : flow === 'egress' ? 1 : 2);
    let name = names[i];
    if (name === undefined) {
      name = this.groupName(component, flow, direction);
      names[i] = name;
    }
    return name;
  }

  private groupName(component: string, flow: Flow, direction: 'forward' | 'return'): string {
    if (this.t.byId.has(component)) return `${direction === 'forward' ? 'F' : 'R'}@${flow}@${component}`;
    if (component === 'internet' || component === 'link-local') return BASE;
    return EVERYTHING;
  }

  /** groupParts(), remembered per group. */
  parts(group: string): ReturnType<typeof groupParts> {
    let p = this.partsByGroup.get(group);
    if (p === undefined && !this.partsByGroup.has(group)) {
      p = groupParts(group);
      this.partsByGroup.set(group, p);
    }
    return p;
  }
}

export const EVERYTHING = '*';

const SHARED_KINDS = new Set(['transit-gateway', 'tgw-route-table', 'prefix-list', 'dx-gateway', 'virtual-interface']);

/** Marks the cut group of a hop that saw an IPv6 class's packet as IPv4, translated by NAT64 (engine.ts). */
export const NAT64_GROUP = '64|';

/** The cut group without its NAT64 mark. */
export function unwrapNat64(group: string): string {
  return group.startsWith(NAT64_GROUP) ? group.slice(NAT64_GROUP.length) : group;
}
