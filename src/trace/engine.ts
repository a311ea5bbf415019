// The packet walk. One Walk follows one packet (the forward packet, or its reply) through security groups,
// network ACLs, route tables and gateways, recording a Hop at every component, until it is delivered,
// leaves the simulated network, or is dropped. Each rule cites the AWS page that defines it.
import type * as M from '../bind/model.js';
import { cite } from '../load/cite.js';
import { type Addr, contains, formatAddr, formatPrefix, isRfc1918, NAT64_PREFIX, RFC6598 } from '../net/ip.js';
import { isIcmp, portsText, protocolName, PROTO } from '../bind/rules.js';
import type { Decision, Hop, InterfaceEvent, Packet, PathResult, RouteStep, StepDetail } from './types.js';
import type { Misdirection } from './steps-edges.js';
import type { TraceIndex } from '../bind/model.js';
import { aclAllows, sgAllows } from './compiled-filters.js';
import { edgeIngress, toInspection } from './inspection.js';
import { fromVirtualInterface, tgwRouteStep, tgwToDirectConnect, vgwToOnPremises, vpnExit } from './direct-connect.js';

import { type ConnTrack, type Exit, matches, type NatEntry, type Origin, trafficOf, type WalkSteps } from './walk.js';

export { type ConnTrack, describe, type Exit, matches, type NatEntry, newConnTrack, type Origin, trafficOf } from './walk.js';

function natOf(ct: ConnTrack, eni: M.NetworkInterface): NatEntry | undefined {
  for (const e of ct.nat) if (e.eni === eni) return e;
  return undefined;
}

export interface WalkOptions {
  /** resolve rule positions and text for display (off in batch mode) */
  explain: boolean;
  /** record interface observations for flow logs (off in batch mode) */
  events?: boolean;
  /** only the verdict, blockedBy and reason: no hop records, compiled rule indexes (batch runs) */
  verdictOnly?: boolean;
  /** keep each hop's packet without explanations */
  packets?: boolean;
}

const MAX_STEPS = 128;

/** The `name` of a component (an imported Name tag, a security group's name) when it says more than its id. */
export function nameOf(t: M.Topology, id: string): string | undefined {
  const name = t.byId.get(id)?.name;
  return name && name !== id ? name : undefined;
}
declare module '../bind/model.js' {
  interface TopologyDerived {
    /** a rule's place in the file and its text as written, resolved once per rule, not once per trace */
    ruleRefs?: WeakMap<M.Src, NonNullable<Hop['rule']>>;
  }
}
/** The packet of a hop recorded without explanation (batch runs): addresses are not formatted. */
const NO_PACKET: Hop['packet'] = Object.freeze({ src: '', dst: '', srcPort: 0, dstPort: 0 });

/**
 * A hop whose step (or, for steps not typed yet, detail text) and packet text are built on first read, and serialised
 * by toJSON like a plain object. Every hop has one shape (absent fields undefined, which JSON leaves out).
 */
class HopRecord implements Hop {
  readonly rule: Hop['rule'];
  readonly name: string | undefined;
  readonly reason: string | undefined;
  readonly fix: string | undefined;
  readonly misdirected: Misdirection | undefined;
  private detailSource: string | (() => string) | undefined;
  private stepSource: StepDetail | (() => StepDetail) | undefined;
  private packetSource: Packet | undefined;
  private packetText: Hop['packet'] | undefined;

  constructor(
    readonly component: string,
    readonly kind: string,
    readonly direction: Hop['direction'],
    readonly flow: Hop['flow'],
    readonly decision: Decision,
    what: { detail?: string | (() => string); step?: StepDetail | (() => StepDetail) },
    pkt: Packet | undefined,
    extra: Partial<Hop> | undefined,
  ) {
    this.detailSource = what.detail;
    this.stepSource = what.step;
    this.packetSource = pkt;
    this.packetText = undefined;
    this.rule = extra?.rule;
    this.name = extra?.name;
    this.reason = extra?.reason;
    this.fix = extra?.fix;
    this.misdirected = extra?.misdirected;
  }

  get detail(): string | undefined {
    const d = this.detailSource;
    if (typeof d !== 'function') return d;
    const text = d();
    this.detailSource = text;
    return text;
  }

  get step(): StepDetail | undefined {
    const s = this.stepSource;
    if (typeof s !== 'function') return s;
    const step = s();
    this.stepSource = step;
    return step;
  }

  get packet(): Hop['packet'] {
    if (!this.packetText) {
      const p = this.packetSource;
      this.packetText = p ? { src: formatAddr(p.src), dst: formatAddr(p.dst), srcPort: p.srcPort, dstPort: p.dstPort } : NO_PACKET;
    }
    return this.packetText;
  }

  /** This hop, marked as the one that decided a REJECT it did not itself drop (a route that sent the packet elsewhere). */
  blamed(reason: string, misdirected: Misdirection | undefined): HopRecord {
    const h = new HopRecord(
      this.component,
      this.kind,
      this.direction,
      this.flow,
      this.decision,
      { detail: this.detailSource, step: this.stepSource },
      this.packetSource,
      { rule: this.rule, reason, ...(misdirected ? { misdirected } : {}), ...(this.name !== undefined ? { name: this.name } : {}) },
    );
    h.packetText = this.packetText;
    return h;
  }

  toJSON(): Hop {
    return {
      component: this.component,
      name: this.name,
      kind: this.kind,
      direction: this.direction,
      flow: this.flow,
      decision: this.decision,
      detail: this.detail,
      packet: this.packet,
      rule: this.rule,
      reason: this.reason,
      fix: this.fix,
      step: this.step,
    };
  }
}

export class Walk implements WalkSteps {
  readonly hops: Hop[] = [];
  readonly events: InterfaceEvent[] = [];
  verdict: 'ACCEPT' | 'REJECT' | undefined;
  exit: Exit | undefined;
  blockedBy: string | undefined;
  reason: string | undefined;
  blockedAt: number | undefined;
  /** the interface this walk must end at (the resource named in --to, or the reply's sender), when one is required */
  expect: { eni: M.NetworkInterface; reason: string; why: (reached: M.NetworkInterface, pkt: Packet) => Misdirection } | undefined;
  /** the security groups of a network load balancer that forwards this packet with the client's address kept: a target's
   *  inbound rule naming one of them admits it (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html) */
  throughGroups: M.SecurityGroup[] | undefined;
  /** the route-table hops that chose a way out of a VPC or transit gateway (not the local route), in order: destination identity blames the last */
  readonly steering: number[] = [];
  /** every route-table hop, in order */
  readonly routed: number[] = [];
  private steps = 0;
  /** (table, where, destination) visits, flat: [table, where, dst, …]; a walk sees few tables */
  private seen: unknown[] = [];
  readonly ix: TraceIndex;

  constructor(
    readonly t: M.Topology,
    readonly direction: 'forward' | 'return',
    readonly ct: ConnTrack,
    readonly opts: WalkOptions,
  ) {
    this.ix = t;
  }

  get isReply(): boolean {
    return this.direction === 'return';
  }

  result(): PathResult {
    return { verdict: this.verdict ?? 'REJECT', hops: this.hops, ...(this.blockedAt !== undefined ? { blockedAt: this.blockedAt } : {}) };
  }

  // ---- recording ------------------------------------------------------------------------------------

  /** Records a hop with its step as data, built on first read; runs without explanations keep no step. */
  step(component: string, kind: string, flow: Hop['flow'], decision: Decision, step: () => StepDetail, pkt: Packet, extra?: Partial<Hop>): Hop | undefined {
    if (this.opts.verdictOnly) return undefined;
    return this.record(component, kind, flow, decision, this.opts.explain ? { step } : {}, pkt, extra);
  }

  private record(
    component: string,
    kind: string,
    flow: Hop['flow'],
    decision: Decision,
    what: ConstructorParameters<typeof HopRecord>[5],
    pkt: Packet,
    extra: Partial<Hop> | undefined,
  ): Hop {
    const name = this.opts.explain ? nameOf(this.t, component) : undefined;
    const h = new HopRecord(
      component,
      kind,
      this.direction,
      flow,
      decision,
      what,
      this.opts.explain || this.opts.packets ? pkt : undefined,
      name !== undefined ? { ...extra, name } : extra,
    );
    this.hops.push(h);
    return h;
  }

  rule(src: M.Src | undefined, fallbackText: string | (() => string), owner?: string): Hop['rule'] {
    if (!this.opts.explain) return undefined;
    const fallback = typeof fallbackText === 'string' ? fallbackText : fallbackText();
    if (!src) return { text: fallback, ...(owner ? { owner } : {}) };
    // A rule's place in the file never changes: resolve it once per rule, not once per trace.
    if (!this.t.derived.ruleRefs) this.t.derived.ruleRefs = new WeakMap();
    const refs = this.t.derived.ruleRefs;
    const cached = refs.get(src);
    if (cached && cached.owner === owner) return cached;
    const ref = this.resolveRule(src, fallback, owner);
    refs.set(src, ref);
    return ref;
  }

  private resolveRule(src: M.Src, fallback: string, owner: string | undefined): NonNullable<Hop['rule']> {
    const { file, line, col, at } = cite(this.t, src.path);
    // The rule as written, whatever the layout (flow, block, one-line resource, JSON), on one line.
    const text = this.t.source.nodeText(src.path) || fallback;
    return { text, file, ...(line > 0 ? { line, col } : {}), ...(at ? { at } : {}), ...(owner ? { owner } : {}) };
  }

  /** A verdict-only run stopped the packet: no hop is recorded, only who stopped it and why. */
  stopVerdict(component: string, reason: string): false {
    this.verdict = 'REJECT';
    this.blockedBy = component;
    this.reason = reason;
    return false;
  }

  /** Records the hop that stopped the packet with what it did as data: render/trace-detail.ts writes its detail and fix. */
  rejectStep(
    component: string,
    kind: string,
    flow: Hop['flow'],
    decision: Decision,
    reason: string,
    step: () => StepDetail,
    pkt: Packet,
    extra: Partial<Hop> = {},
  ): false {
    if (!this.opts.verdictOnly) this.step(component, kind, flow, decision, step, pkt, { reason, ...extra });
    this.verdict = 'REJECT';
    this.blockedBy = component;
    this.reason = reason;
    if (!this.opts.verdictOnly) this.blockedAt = this.hops.length - 1;
    return false;
  }

  /**
   * The packet was carried somewhere other than the destination asked for: REJECT, blaming the last route table that
   * chose a way out (a non-local route), else the last route table, else the last hop; the blamed hop keeps `what`
   * (where the packet went instead) as data, which render/ writes as the explanation and the fix.
   */
  misdirected(reason: string, what: () => Misdirection): void {
    const route = this.steering.at(-1) ?? this.routed.at(-1);
    const at = route ?? this.hops.length - 1;
    const h = this.hops[at];
    if (h instanceof HopRecord) this.hops[at] = h.blamed(reason, this.opts.explain ? { ...what(), routed: route !== undefined } : undefined);
    this.verdict = 'REJECT';
    this.blockedBy = h?.component ?? 'unknown';
    this.reason = reason;
    this.blockedAt = at;
  }

  accept(exit: Exit): true {
    this.verdict = 'ACCEPT';
    this.exit = exit;
    return true;
  }

  event(eni: M.NetworkInterface, flowDirection: 'ingress' | 'egress', packet: Packet, action: 'ACCEPT' | 'REJECT', trafficPath?: number): void {
    if (this.opts.events === false) return;
    this.events.push({ eni, flowDirection, packet: { ...packet }, action, direction: this.direction, ...(trafficPath ? { trafficPath } : {}) });
  }

  /** Guards against routing loops: the same table seeing the same packet twice is a loop. */
  private loopCheck(table: object, where: object, component: string, kind: string, pkt: Packet): boolean {
    this.steps++;
    const seen = this.seen;
    let again = false;
    // Keyed on the destination only: a route lookup depends on nothing else, so whatever a NAT rewrote on the way
    // (source address, source port), the same table deciding for the same destination again is a loop.
    for (let i = 0; i < seen.length; i += 3) {
      if (seen[i] === table && seen[i + 1] === where && seen[i + 2] === pkt.dst) {
        again = true;
        break;
      }
    }
    if (this.steps > MAX_STEPS || again) {
      // the hops met before this one, read when the step is built (after the walk has stopped)
      const met = this.hops.length;
      const loop = (): StepDetail => ({
        type: 'routing-loop',
        routeTable: component,
        path: this.hops
          .slice(0, met)
          .map((h) => h.component)
          .filter((c, i, a) => a.indexOf(c) === i),
      });
      this.rejectStep(component, kind, '-', 'DROP', 'ROUTING_LOOP', loop, pkt);
      return false;
    }
    seen.push(table, where, pkt.dst);
    return true;
  }

  // ---- filters ----------------------------------------------------------------------------------------

  /** https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html — lowest number first, first match wins, then `*` deny */
  nacl(subnet: M.Subnet, dir: 'inbound' | 'outbound', pkt: Packet, eni?: M.NetworkInterface): boolean {
    const acl = subnet.networkAcl;
    const peer = dir === 'inbound' ? pkt.src : pkt.dst;
    if (this.opts.verdictOnly) {
      const allowed = aclAllows(acl, dir, pkt.protocol, pkt.dstPort, peer, this.ix);
      if (allowed !== undefined) return allowed || this.stopVerdict(acl.id, 'SUBNET_ACL_RESTRICTION');
    }
    const rules = dir === 'inbound' ? acl.inbound : acl.outbound;
    let hit: M.NetworkAclRule | undefined;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      if (contains(r.cidr, peer) && matches(r, pkt)) {
        hit = r;
        break;
      }
    }
    const flow = dir === 'inbound' ? 'ingress' : 'egress';
    if (hit && hit.action === 'allow') {
      const h = hit;
      this.step(
        acl.id,
        'network-acl',
        flow,
        'ALLOW',
        () => ({ type: 'network-acl', acl: acl.id, direction: dir, ruleNumber: h.number, traffic: trafficOf(pkt), peer: formatAddr(peer) }),
        pkt,
        this.opts.explain ? { rule: this.rule(hit.src, () => aclRuleText(h), acl.id) } : undefined,
      );
      return true;
    }
    if (eni) this.event(eni, flow, pkt, 'REJECT');
    const ruleText = () => (hit ? aclRuleText(hit) : '* (implicit deny of every network ACL)');
    return this.rejectStep(
      acl.id,
      'network-acl',
      flow,
      'DENY',
      'SUBNET_ACL_RESTRICTION',
      () => ({
        type: 'network-acl',
        action: 'deny',
        acl: acl.id,
        direction: dir,
        ...(hit ? { ruleNumber: hit.number } : {}),
        traffic: trafficOf(pkt),
        peer: formatAddr(peer),
        reply: this.isReply,
      }),
      pkt,
      this.opts.explain ? { rule: hit ? this.rule(hit.src, ruleText, acl.id) : { text: ruleText(), owner: acl.id } } : {},
    );
  }

  /** https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — allow rules only; all groups' rules aggregated */
  sg(eni: M.NetworkInterface, dir: 'inbound' | 'outbound', pkt: Packet): boolean {
    const flow = dir === 'inbound' ? 'ingress' : 'egress';
    const first = eni.securityGroups[0];
    if (!first) return true;
    // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_SecurityGroups.html — stateful: responses to allowed traffic are allowed
    if (this.isReply && this.ct.sgAllowed.includes(eni)) {
      this.step(
        first.id,
        'security-group',
        flow,
        'ALLOW',
        () => ({ type: 'security-group', by: 'connection-tracking', groups: eni.securityGroups.map((g) => g.id), direction: dir }),
        pkt,
      );
      return true;
    }
    const peer = dir === 'inbound' ? pkt.src : pkt.dst;
    if (this.opts.verdictOnly) {
      const allowed = sgAllows(eni, dir, pkt.protocol, pkt.dstPort, peer, this.ix);
      if (allowed === false) return this.stopVerdict(first.id, 'ENI_SG_RULES_MISMATCH');
      if (allowed && !this.isReply && !this.ct.sgAllowed.includes(eni)) this.ct.sgAllowed.push(eni);
      if (allowed) return true;
    }
    for (const g of eni.securityGroups) {
      const rules = dir === 'inbound' ? g.inbound : g.outbound;
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i]!;
        if (
          matches(r, pkt) &&
          (this.peerMatches(r.peer, peer) || (dir === 'inbound' && r.peer.type === 'sg' && this.throughGroups?.includes(r.peer.group) === true))
        ) {
          if (!this.isReply && !this.ct.sgAllowed.includes(eni)) this.ct.sgAllowed.push(eni);
          this.step(
            g.id,
            'security-group',
            flow,
            'ALLOW',
            () => ({ type: 'security-group', by: 'rule', group: g.id, direction: dir, traffic: trafficOf(pkt), peer: formatAddr(peer) }),
            pkt,
            this.opts.explain ? { rule: this.rule(r.src, () => sgRuleText(r, dir), g.id) } : undefined,
          );
          return true;
        }
      }
    }
    this.event(eni, flow, pkt, 'REJECT');
    return this.rejectStep(
      first.id,
      'security-group',
      flow,
      'DENY',
      'ENI_SG_RULES_MISMATCH',
      () => ({
        type: 'security-group',
        by: 'no-rule',
        groups: eni.securityGroups.map((g) => g.id),
        owner: eni.owner.type === 'instance' ? eni.owner.instance.id : eni.id,
        direction: dir,
        traffic: trafficOf(pkt),
        peer: formatAddr(peer),
      }),
      pkt,
    );
  }

  peerMatches(peer: M.SgPeer, a: Addr): boolean {
    switch (peer.type) {
      case 'cidr':
        return contains(peer.prefix, a);
      case 'prefix-list':
        return peer.list.cidrs.some((c) => contains(c, a));
      case 'sg':
        // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-referencing — the private IPs of the group's members
        return this.ix.sgMembers.get(peer.group)?.has(a) ?? false;
    }
  }

  // ---- moving between subnets --------------------------------------------------------------------------

  /**
   * NACLs apply when a packet leaves one subnet and enters another, not within a subnet. With `trafficPath`, the
   * sending interface's egress record is written once the packet has left its subnet, before the next subnet judges it.
   */
  cross(
    from: M.Subnet | undefined,
    to: M.Subnet | undefined,
    pkt: Packet,
    fromEni?: M.NetworkInterface,
    toEni?: M.NetworkInterface,
    trafficPath?: number,
  ): boolean {
    // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-basics.html — rules are evaluated when traffic enters and leaves the subnet, not within it
    const sent = () => {
      if (fromEni && trafficPath !== undefined) this.event(fromEni, 'egress', pkt, 'ACCEPT', trafficPath);
    };
    if (from && to && from === to) {
      sent();
      return true;
    }
    if (from && !this.nacl(from, 'outbound', pkt, fromEni)) return false;
    sent();
    if (to && !this.nacl(to, 'inbound', pkt, toEni)) return false;
    return true;
  }

  // ---- starting points ----------------------------------------------------------------------------------

  /** A packet leaves an interface: its security groups (egress), then its subnet's route table. */
  fromInterface(eni: M.NetworkInterface, pkt: Packet, origin: Origin): boolean {
    if (!this.sg(eni, 'outbound', pkt)) return false;
    return this.route(eni.subnet, pkt, eni, origin);
  }

  // ---- routing ----------------------------------------------------------------------------------------

  route(subnet: M.Subnet, pkt: Packet, fromEni: M.NetworkInterface | undefined, origin: Origin): boolean {
    const rt = subnet.routeTable;
    if (!this.loopCheck(rt, subnet, rt.id, 'route-table', pkt)) return false;
    // https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html — longest prefix match, IPv4 and IPv6 independently
    // (propagated routes inside the local route are left out of the lookups when the table is bound)
    const r = typeof pkt.dst === 'number' ? rt.lookup4.lookup(pkt.dst) : rt.lookup6.lookup(pkt.dst);
    if (!r) {
      if (fromEni) this.event(fromEni, 'egress', pkt, 'REJECT');
      return this.rejectStep(
        rt.id,
        'route-table',
        '-',
        'DROP',
        'NO_ROUTE_TO_DESTINATION',
        () => ({
          type: 'route',
          action: 'no-route',
          routeTable: rt.id,
          address: formatAddr(pkt.dst),
          subnet: subnet.id,
          ...(subnet.implicitRouteTable ? { mainOf: subnet.vpc.id } : {}),
          implicit: rt.implicit === true,
          ...this.missingRoute(subnet, rt, pkt.dst),
        }),
        pkt,
      );
    }
    const route = r;
    const dest = () => (route.prefixList ? `${route.prefixList.id} (${formatPrefix(route.destination)})` : formatPrefix(route.destination));
    const ruleRef = !this.opts.explain
      ? undefined
      : r.origin === 'static'
        ? this.rule(r.src, `${dest()} → ${r.targetId}`, rt.id)
        : { text: `${dest()} → ${r.targetId} (${r.origin})`, owner: rt.id };
    if (r.target.type === 'blackhole') {
      if (fromEni) this.event(fromEni, 'egress', pkt, 'REJECT');
      const blackhole = (): StepDetail => ({
        type: 'route',
        action: 'blackhole',
        routeTable: rt.id,
        address: formatAddr(pkt.dst),
        destination: formatPrefix(route.destination),
        ...(route.prefixList ? { prefixList: route.prefixList.id } : {}),
        target: route.targetId,
      });
      return this.rejectStep(rt.id, 'route-table', '-', 'DROP', 'BLACKHOLE_ROUTE', blackhole, pkt, ruleRef ? { rule: ruleRef } : {});
    }
    const routeStep = (): StepDetail => ({
      type: 'route',
      routeTable: rt.id,
      address: formatAddr(pkt.dst),
      destination: formatPrefix(route.destination),
      ...(route.prefixList ? { prefixList: route.prefixList.id } : {}),
      target: route.targetId,
      origin: route.origin,
    });
    this.step(rt.id, 'route-table', '-', 'ROUTE', routeStep, pkt, ruleRef ? { rule: ruleRef } : undefined);
    this.routed.push(this.hops.length - 1);
    if (r.target.type !== 'local') this.steering.push(this.hops.length - 1);
    return this.toTarget(r.target, subnet, pkt, fromEni, origin);
  }

  /** The packet goes where the chosen route points. */
  private toTarget(
    target: Exclude<M.RouteTarget, { type: 'blackhole' }>,
    subnet: M.Subnet,
    pkt: Packet,
    fromEni: M.NetworkInterface | undefined,
    origin: Origin,
  ): boolean {
    switch (target.type) {
      case 'local':
        return this.local(subnet, pkt, fromEni, origin);
      case 'gateway':
        return this.toIgw(target.gateway, subnet, pkt, fromEni, origin);
      case 'egress-only':
        return this.toEgressOnly(target.gateway, subnet, pkt, fromEni, origin);
      case 'nat':
        return this.toNatGateway(target.nat, subnet, pkt, fromEni, origin);
      case 'vpn':
        return this.toVgw(target.gateway, subnet, pkt, fromEni, origin);
      case 'peering':
        return this.toPeering(target.peering, subnet, pkt, fromEni, origin);
      case 'tgw':
        return this.toTgw(target.tgw, subnet, pkt, fromEni, origin);
      case 'endpoint':
        return this.toGatewayEndpoint(target.endpoint, subnet, pkt, fromEni, origin);
      case 'eni':
        return this.toApplianceEni(target.eni, subnet, pkt, fromEni, origin);
      case 'inspection':
        return toInspection(this, target.endpoint, subnet, pkt, fromEni, origin);
    }
  }

  /** What would add the missing route: a gateway endpoint for the destination's service, or a peering connection to it. */
  private missingRoute(subnet: M.Subnet, rt: M.RouteTable, dst: Addr): { missing?: Extract<RouteStep, { action: 'no-route' }>['missing'] } {
    const vpc = subnet.vpc;
    // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html — a gateway endpoint serves the subnets whose route tables are associated with it
    for (const ep of this.t.vpcEndpoints) {
      if (ep.vpc !== vpc || ep.type !== 'gateway' || ep.routeTables.includes(rt)) continue;
      const ranges = ep.prefixList?.cidrs.length ? ep.prefixList.cidrs : (this.t.serviceRanges.get(ep.service) ?? []);
      if (ranges.some((c) => contains(c, dst))) return { missing: { by: 'gateway-endpoint', endpoint: ep.id, service: ep.service, vpc: vpc.id } };
    }
    // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html — each side needs a route to the other's CIDR through the peering connection
    for (const pcx of this.t.peeringConnections) {
      const peer = pcx.requester === vpc ? pcx.accepter : pcx.accepter === vpc ? pcx.requester : undefined;
      const cidr = peer && [...peer.cidrs, ...peer.ipv6Cidrs].find((c) => contains(c, dst));
      if (cidr) return { missing: { by: 'peering', connection: pcx.id, peerVpc: peer.id, cidr: formatPrefix(cidr) } };
    }
    return {};
  }

  /** A gateway endpoint of `vpc` whose service ranges hold `dst`. */
  private gatewayEndpointFor(vpc: M.Vpc, dst: Addr): M.VpcEndpoint | undefined {
    return this.t.vpcEndpoints.find(
      (ep) =>
        ep.vpc === vpc &&
        ep.type === 'gateway' &&
        (ep.prefixList?.cidrs.length ? ep.prefixList.cidrs : (this.t.serviceRanges.get(ep.service) ?? [])).some((c) => contains(c, dst)),
    );
  }

  /** The local route: deliver to the interface that has the destination address. */
  local(subnet: M.Subnet, pkt: Packet, fromEni: M.NetworkInterface | undefined, origin: Origin): boolean {
    const eni = this.ix.vpcAddr.get(subnet.vpc)?.get(pkt.dst);
    if (!eni) {
      if (fromEni) this.event(fromEni, 'egress', pkt, 'REJECT');
      return this.rejectStep(
        subnet.vpc.id,
        'vpc',
        '-',
        'DROP',
        'NO_INTERFACE_FOR_DESTINATION',
        () => ({ type: 'vpc', action: 'unassigned-address', vpc: subnet.vpc.id, address: formatAddr(pkt.dst) }),
        pkt,
      );
    }
    if (!this.cross(subnet, eni.subnet, pkt, fromEni, eni, 1)) return false;
    return this.arrive(eni, pkt, origin);
  }

  /** A packet reaches an interface: as its destination, as a NAT gateway's reply, or as a next hop (appliance). */
  arrive(eni: M.NetworkInterface, pkt: Packet, origin: Origin): boolean {
    const own = eni.privateIp === pkt.dst || eni.secondaryPrivateIps.includes(pkt.dst as number) || eni.ipv6Addresses.includes(pkt.dst as bigint);
    const natState = this.isReply ? natOf(this.ct, eni) : undefined;
    if (own && natState && natState.translated === pkt.dst && natState.port === pkt.dstPort) return this.reverseNat(eni, natState, pkt);
    if (eni.owner.type === 'nat-gateway' && !own) return this.natGateway(eni.owner.nat, pkt, origin);
    if (own && this.expect && !sameResource(eni, this.expect.eni)) return this.wrongHost(eni, pkt);
    if (own) {
      if (eni.owner.type === 'nat-gateway' && !this.isReply) {
        return this.natGatewayNoInbound(eni, eni.owner.nat, pkt, origin);
      }
      if (!this.sg(eni, 'inbound', pkt)) return false;
      this.event(eni, 'ingress', pkt, 'ACCEPT');
      this.step(ownerId(eni), ownerKind(eni), 'ingress', 'DELIVER', () => ({ type: 'deliver', target: ownerId(eni), address: formatAddr(pkt.dst) }), pkt);
      return this.accept({ type: 'delivered', eni, packet: pkt });
    }
    return this.forwardAsRouteTarget(eni, pkt);
  }

  /** A NAT gateway only returns replies: nothing may open a connection to it, whatever it comes through. */
  private natGatewayNoInbound(eni: M.NetworkInterface, nat: M.NatGateway, pkt: Packet, origin: Origin): false {
    // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — external services cannot initiate a connection through a
    // public NAT gateway, and a private NAT gateway "can't receive unsolicited inbound connections from the other VPCs": a NAT gateway
    // only returns replies, whatever the connection comes through.
    this.event(eni, 'ingress', pkt, 'REJECT');
    return this.rejectStep(
      nat.id,
      'nat-gateway',
      'ingress',
      'DROP',
      'NGW_NO_INBOUND',
      () => ({ type: 'nat-gateway', action: 'no-inbound', natGateway: nat.id, connectivity: nat.connectivity, vpc: eni.vpc.id, origin }),
      pkt,
    );
  }

  /** A next hop that is not the destination: an instance or interface used as a route target forwards the packet. */
  private forwardAsRouteTarget(eni: M.NetworkInterface, pkt: Packet): boolean {
    if (!this.sg(eni, 'inbound', pkt)) return false;
    // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html#EIP_Disable_SrcDestCheck — forwarding needs the check disabled
    if (eni.sourceDestCheck) {
      this.event(eni, 'ingress', pkt, 'REJECT');
      return this.rejectStep(
        ownerId(eni),
        ownerKind(eni),
        'ingress',
        'DROP',
        'ENI_SOURCE_DEST_CHECK_RESTRICTION',
        () => ({ type: 'network-interface', action: 'source-dest-check', interface: eni.id, owner: ownerId(eni) }),
        pkt,
      );
    }
    this.event(eni, 'ingress', pkt, 'ACCEPT');
    // A NAT instance rewrites the source to its own address (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html);
    // a middlebox appliance (sourceNat: false) keeps it (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html).
    const out: Packet = eni.sourceNat ? { ...pkt, src: typeof pkt.dst === 'number' ? (eni.privateIp ?? pkt.src) : (eni.ipv6Addresses[0] ?? pkt.src) } : pkt;
    if (out.src !== pkt.src) {
      this.ct.nat.push({ eni, translated: out.src, port: out.srcPort, original: pkt.src, originalPort: pkt.srcPort });
      this.step(ownerId(eni), ownerKind(eni), '-', 'NAT', () => addressNat('nat-instance', 'source', pkt.src, out.src), out);
    } else
      this.step(
        ownerId(eni),
        ownerKind(eni),
        '-',
        'FORWARD',
        () => ({ type: 'network-interface', action: 'forward', interface: eni.id, owner: ownerId(eni) }),
        out,
      );
    if (!this.sg(eni, 'outbound', out)) return false;
    return this.route(eni.subnet, out, eni, 'vpc');
  }

  /** Destination identity: the packet reached a host with the destination address that is not the one required. */
  private wrongHost(eni: M.NetworkInterface, pkt: Packet): false {
    const exp = this.expect!;
    this.step(
      ownerId(eni),
      ownerKind(eni),
      'ingress',
      'DROP',
      () => ({ type: 'deliver', action: 'wrong-host', target: ownerId(eni), address: formatAddr(pkt.dst), vpc: eni.vpc.id, reply: this.isReply }),
      pkt,
    );
    this.misdirected(exp.reason, () => exp.why(eni, pkt));
    return false;
  }

  reverseNat(eni: M.NetworkInterface, st: NatEntry, pkt: Packet): boolean {
    this.event(eni, 'ingress', pkt, 'ACCEPT');
    const src = st.nat64 && typeof pkt.src === 'number' ? (NAT64_PREFIX.base as bigint) + BigInt(pkt.src) : pkt.src;
    const out: Packet = { ...pkt, src, dst: st.original, dstPort: st.originalPort };
    const six = src !== pkt.src;
    this.step(
      ownerId(eni),
      ownerKind(eni),
      '-',
      'NAT',
      () => ({
        type: 'nat',
        translation: 'reply',
        field: six ? 'both' : 'destination',
        translatedFrom: { ...(six ? { source: { address: formatAddr(pkt.src) } } : {}), destination: { address: formatAddr(pkt.dst), port: pkt.dstPort } },
        translatedTo: { ...(six ? { source: { address: formatAddr(src) } } : {}), destination: { address: formatAddr(st.original), port: st.originalPort } },
      }),
      out,
    );
    return this.route(eni.subnet, out, eni, 'vpc');
  }

  // ---- NAT gateway ------------------------------------------------------------------------------------

  toNatGateway(nat: M.NatGateway, subnet: M.Subnet, pkt: Packet, fromEni: M.NetworkInterface | undefined, origin: Origin): boolean {
    if (!this.cross(subnet, nat.subnet, pkt, fromEni, nat.eni, 1)) return false;
    return this.natGateway(nat, pkt, origin);
  }

  natGateway(nat: M.NatGateway, pkt: Packet, origin: Origin): boolean {
    const eni = nat.eni;
    // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — not usable through peering, VPN or Direct Connect;
    // transit gateways are supported (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-nat-igw.html)
    if (origin === 'peering' || origin === 'vpn' || origin === 'direct-connect' || origin === 'internet') {
      this.event(eni, 'ingress', pkt, 'REJECT');
      return this.rejectStep(
        nat.id,
        'nat-gateway',
        'ingress',
        'DROP',
        'NGW_REQUIRES_SOURCE_IN_VPC',
        () => ({ type: 'nat-gateway', action: 'source-outside-vpc', natGateway: nat.id, vpc: nat.vpc.id, origin }),
        pkt,
      );
    }
    // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — "Instances in the private subnet can't communicate with the internet over the internet gateway, even if they have public IP addresses"
    if (this.isReply) {
      return this.rejectStep(
        nat.id,
        'nat-gateway',
        'ingress',
        'DROP',
        'ASYMMETRIC_ROUTING',
        () => {
          const from = this.ix.vpcAddr.get(nat.vpc)?.get(pkt.src);
          return {
            type: 'nat-gateway',
            action: 'reply-translated',
            natGateway: nat.id,
            address: formatAddr(pkt.dst),
            ...(from ? { sender: { subnet: from.subnet.id, routeTable: from.subnet.routeTable.id } } : {}),
          };
        },
        pkt,
      );
    }
    // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — "A NAT gateway supports the following protocols: TCP, UDP, and ICMP."
    if (typeof pkt.src !== 'number') return this.nat64(nat, pkt);
    if (pkt.protocol !== PROTO.TCP && pkt.protocol !== PROTO.UDP && pkt.protocol !== PROTO.ICMP) {
      this.event(eni, 'ingress', pkt, 'REJECT');
      return this.rejectStep(
        nat.id,
        'nat-gateway',
        'ingress',
        'DROP',
        'PROTOCOL_RESTRICTION',
        () => ({ type: 'nat-gateway', action: 'unsupported-protocol', natGateway: nat.id, protocol: pkt.protocol }),
        pkt,
      );
    }
    this.event(eni, 'ingress', pkt, 'ACCEPT');
    // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — REMAP_EPHEMERAL_PORT: source port remapped into 1024–65535
    const port = isIcmp(pkt.protocol) ? pkt.srcPort : 1024 + (((pkt.srcPort * 7919 + (pkt.src as number)) >>> 0) % 64512);
    const out: Packet = { ...pkt, src: nat.privateIp, srcPort: port };
    this.ct.nat.push({ eni, translated: nat.privateIp, port, original: pkt.src, originalPort: pkt.srcPort });
    this.step(
      nat.id,
      'nat-gateway',
      '-',
      'NAT',
      () => ({
        type: 'nat',
        translation: 'nat-gateway',
        field: 'source',
        translatedFrom: { source: { address: formatAddr(pkt.src), port: pkt.srcPort } },
        translatedTo: { source: { address: formatAddr(nat.privateIp), port } },
        ...natGatewayIp(nat),
      }),
      out,
    );
    return this.afterNat(nat, out);
  }

  /**
   * NAT64 (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html): an IPv6 packet for 64:ff9b::/96
   * is translated to IPv4 — source the NAT gateway's private IPv4 address (a public NAT gateway's then becomes its Elastic IP
   * at the internet gateway), destination the IPv4 address in the last 32 bits — and goes on like any translated packet.
   */
  nat64(nat: M.NatGateway, pkt: Packet): boolean {
    const eni = nat.eni;
    if (!contains(NAT64_PREFIX, pkt.dst)) {
      this.event(eni, 'ingress', pkt, 'REJECT');
      return this.rejectStep(
        nat.id,
        'nat-gateway',
        'ingress',
        'DROP',
        'NGW_NAT64_PREFIX_REQUIRED',
        () => ({ type: 'nat-gateway', action: 'outside-nat64-prefix', natGateway: nat.id, address: formatAddr(pkt.dst), prefix: formatPrefix(NAT64_PREFIX) }),
        pkt,
      );
    }
    if (pkt.protocol !== PROTO.TCP && pkt.protocol !== PROTO.UDP) {
      this.event(eni, 'ingress', pkt, 'REJECT');
      return this.rejectStep(
        nat.id,
        'nat-gateway',
        'ingress',
        'DROP',
        'PROTOCOL_RESTRICTION',
        () => ({ type: 'nat-gateway', action: 'nat64-not-simulated', natGateway: nat.id, traffic: trafficOf(pkt) }),
        pkt,
      );
    }
    this.event(eni, 'ingress', pkt, 'ACCEPT');
    const v4 = Number((pkt.dst as bigint) & 0xffffffffn);
    const port = 1024 + (((pkt.srcPort * 7919 + v4) >>> 0) % 64512);
    const out: Packet = { ...pkt, src: nat.privateIp, dst: v4, srcPort: port };
    this.ct.nat.push({ eni, translated: nat.privateIp, port, original: pkt.src, originalPort: pkt.srcPort, nat64: true });
    this.step(
      nat.id,
      'nat-gateway',
      '-',
      'NAT',
      () => ({
        type: 'nat',
        translation: 'nat64',
        field: 'both',
        translatedFrom: { source: { address: formatAddr(pkt.src), port: pkt.srcPort }, destination: { address: formatAddr(pkt.dst) } },
        translatedTo: { source: { address: formatAddr(nat.privateIp), port }, destination: { address: formatAddr(v4) } },
        ...natGatewayIp(nat),
      }),
      out,
    );
    return this.afterNat(nat, out);
  }

  /** A translated packet leaves the NAT gateway by its own subnet's route table. */
  private afterNat(nat: M.NatGateway, out: Packet): boolean {
    const eni = nat.eni;
    const own = nat.subnet.routeTable;
    const back = typeof out.dst === 'number' ? own.lookup4.lookup(out.dst) : own.lookup6.lookup(out.dst);
    if (back?.target.type === 'nat' && back.target.nat === nat) {
      // The NAT gateway's own subnet sends its translated traffic straight back to it (what `check` reports as VPC003).
      this.event(eni, 'egress', out, 'REJECT');
      const ruleRef = this.opts.explain && back.origin === 'static' ? this.rule(back.src, `${formatPrefix(back.destination)} → ${nat.id}`, own.id) : undefined;
      return this.rejectStep(
        own.id,
        'route-table',
        '-',
        'DROP',
        'ROUTING_LOOP',
        () => ({
          type: 'route',
          action: 'nat-gateway-loop',
          routeTable: own.id,
          natGateway: nat.id,
          subnet: nat.subnet.id,
          destination: formatPrefix(back.destination),
          connectivity: nat.connectivity,
          ...(nat.vpc.internetGateway ? { internetGateway: nat.vpc.internetGateway.id } : {}),
        }),
        out,
        ruleRef ? { rule: ruleRef } : {},
      );
    }
    // The NAT gateway's own subnet route table takes it on: an internet gateway for the internet, or a transit or
    // virtual private gateway (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — "you can use a
    // public NAT gateway to connect to other VPCs or your on-premises network"). No route at all: say what is missing.
    if (nat.connectivity === 'public' && !isPrivateDestination(out.dst)) {
      const r = nat.subnet.routeTable.lookup4.lookup(out.dst as number);
      if (!r) {
        this.event(eni, 'egress', out, 'REJECT');
        const rt = nat.subnet.routeTable;
        return this.rejectStep(
          rt.id,
          'route-table',
          '-',
          'DROP',
          'NO_ROUTE_TO_DESTINATION',
          () => ({
            type: 'route',
            action: 'nat-gateway-no-route',
            routeTable: rt.id,
            natGateway: nat.id,
            subnet: nat.subnet.id,
            address: formatAddr(out.dst),
            vpc: nat.vpc.id,
            ...(nat.vpc.internetGateway ? { internetGateway: nat.vpc.internetGateway.id } : {}),
          }),
          out,
        );
      }
    }
    return this.route(nat.subnet, out, eni, 'vpc');
  }

  // ---- internet gateways ------------------------------------------------------------------------------

  toIgw(igw: M.InternetGateway, subnet: M.Subnet, pkt: Packet, fromEni: M.NetworkInterface | undefined, origin: Origin): boolean {
    if (!this.cross(subnet, undefined, pkt, fromEni)) return false;
    const vpc = igw.vpc;
    let out = pkt;
    if (typeof pkt.src === 'number') {
      const src = this.ix.vpcAddr.get(vpc)?.get(pkt.src);
      const publicIp = src ? publicFor(src, pkt.src as number) : undefined;
      // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS
      if (!src || publicIp === undefined || origin !== 'vpc') {
        if (fromEni) this.event(fromEni, 'egress', pkt, 'ACCEPT', 2);
        // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html — a private NAT gateway has no Elastic IP; the internet gateway drops its traffic
        const natGateway = src?.owner.type === 'nat-gateway';
        return this.rejectStep(
          igw.id,
          'internet-gateway',
          'egress',
          'DROP',
          'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS',
          () =>
            src && origin === 'vpc'
              ? { type: 'internet-gateway', action: 'no-public-ip', gateway: igw.id, direction: 'egress', source: ownerId(src), natGateway }
              : {
                  type: 'internet-gateway',
                  action: 'source-outside-vpc',
                  gateway: igw.id,
                  direction: 'egress',
                  vpc: vpc.id,
                  address: formatAddr(pkt.src),
                  ipv6: false,
                  ...(src && natGateway ? { natGateway: ownerId(src) } : {}),
                },
          pkt,
        );
      }
      // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS / _RFC6598_EGRESS
      if (isRfc1918(pkt.dst) || contains(RFC6598, pkt.dst)) {
        if (fromEni) this.event(fromEni, 'egress', pkt, 'ACCEPT', 2);
        const code = isRfc1918(pkt.dst) ? 'IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS' : 'IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS';
        const range = isRfc1918(pkt.dst) ? 'rfc1918' : 'rfc6598';
        const step = (): StepDetail => ({
          type: 'internet-gateway',
          action: 'private-destination',
          gateway: igw.id,
          direction: 'egress',
          address: formatAddr(pkt.dst),
          range,
        });
        return this.rejectStep(igw.id, 'internet-gateway', 'egress', 'DROP', code, step, pkt);
      }
      if (fromEni) this.event(fromEni, 'egress', pkt, 'ACCEPT', 2);
      // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — one-to-one NAT to the public IPv4 address
      out = { ...pkt, src: publicIp };
      this.step(igw.id, 'internet-gateway', 'egress', 'NAT', () => addressNat('public-ip', 'source', pkt.src, publicIp), out);
    } else {
      const src = this.ix.vpcAddr.get(vpc)?.get(pkt.src);
      if (!src) {
        if (fromEni) this.event(fromEni, 'egress', pkt, 'ACCEPT', 2);
        return this.rejectStep(
          igw.id,
          'internet-gateway',
          'egress',
          'DROP',
          'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS',
          () => ({
            type: 'internet-gateway',
            action: 'source-outside-vpc',
            gateway: igw.id,
            direction: 'egress',
            vpc: vpc.id,
            address: formatAddr(pkt.src),
            ipv6: true,
          }),
          pkt,
        );
      }
      if (fromEni) this.event(fromEni, 'egress', pkt, 'ACCEPT', 2);
      this.step(igw.id, 'internet-gateway', 'egress', 'FORWARD', () => ({ type: 'internet-gateway', gateway: igw.id, direction: 'egress' }), pkt);
    }
    return this.internet(igw, out);
  }

  /**
   * 64:ff9b::/96 names an IPv4 host for a NAT64 translator (RFC 6052); routed to an internet gateway instead of a NAT
   * gateway it leaves untranslated and never reaches that host. AWS documents the route to the NAT gateway
   * (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html), not what the internet does
   * with the untranslated packet; the text says so.
   */
  untranslatedNat64(gw: M.InternetGateway | M.EgressOnlyInternetGateway, pkt: Packet): false {
    return this.rejectStep(
      gw.id,
      gw.kind,
      'egress',
      'DROP',
      'NAT64_PREFIX_NOT_TRANSLATED',
      () => ({
        type: gw.kind,
        action: 'nat64-untranslated',
        gateway: gw.id,
        direction: 'egress',
        address: formatAddr(pkt.dst),
        ipv4: formatAddr(Number((pkt.dst as bigint) - (NAT64_PREFIX.base as bigint))),
      }),
      pkt,
    );
  }

  /**
   * Past an internet gateway: the internet, unless the destination is a public address of this topology, which the
   * packet then reaches through that address's own internet gateway like any internet traffic
   * (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — a public IP is reached from the internet).
   */
  internet(gw: M.InternetGateway | M.EgressOnlyInternetGateway, pkt: Packet): boolean {
    const target = typeof pkt.dst === 'number' ? this.t.interfaceByPublicIp.get(pkt.dst) : this.ix.ipv6Owner.get(pkt.dst);
    if (target && !this.isReply) {
      this.step(
        'internet',
        'internet',
        '-',
        'FORWARD',
        () => ({ type: 'internet', action: 'cross', address: formatAddr(pkt.dst), owner: ownerId(target) }),
        pkt,
      );
      return this.fromInternet(target, pkt);
    }
    if (this.isReply && target) return this.fromInternet(target, pkt);
    if (!this.isReply && typeof pkt.dst === 'bigint' && contains(NAT64_PREFIX, pkt.dst)) return this.untranslatedNat64(gw, pkt);
    this.step('internet', 'internet', '-', 'EXIT', () => ({ type: 'internet', action: 'exit', vpc: gw.vpc.id }), pkt);
    return this.accept({ type: 'internet', gateway: gw, packet: pkt });
  }

  /** Arriving from the internet at a public IPv4 address or an IPv6 address of `eni`. */
  fromInternet(eni: M.NetworkInterface, pkt: Packet): boolean {
    if (typeof pkt.dst === 'number') return this.fromInternetIpv4(eni, pkt, pkt.dst);
    return this.fromInternetIpv6(eni, pkt);
  }

  /** IPv4 from the internet: through the internet gateway, which translates the public address to the private one. */
  private fromInternetIpv4(eni: M.NetworkInterface, pkt: Packet, dst: number): boolean {
    const vpc = eni.vpc;
    const igw = vpc.internetGateway;
    if (!igw)
      return this.rejectStep(
        vpc.id,
        'vpc',
        'ingress',
        'DROP',
        'NO_ROUTE_TO_DESTINATION',
        () => ({ type: 'vpc', action: 'no-internet-gateway', vpc: vpc.id, address: formatAddr(pkt.dst), ipv6: false }),
        pkt,
      );
    // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS / _RFC6598_INGRESS
    if (isRfc1918(pkt.src) || contains(RFC6598, pkt.src)) {
      const code = isRfc1918(pkt.src) ? 'IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS' : 'IGW_SOURCE_ADDRESS_NOT_IN_RFC6598_INGRESS';
      const range = isRfc1918(pkt.src) ? 'rfc1918' : 'rfc6598';
      return this.rejectStep(
        igw.id,
        'internet-gateway',
        'ingress',
        'DROP',
        code,
        () => ({
          type: 'internet-gateway',
          action: 'private-source',
          gateway: igw.id,
          direction: 'ingress',
          address: formatAddr(pkt.src),
          destination: formatAddr(pkt.dst),
          range,
        }),
        pkt,
      );
    }
    const priv = privateFor(eni, dst);
    const out = { ...pkt, dst: priv };
    // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — traffic to the public address is translated to the private one
    this.step(igw.id, 'internet-gateway', 'ingress', 'NAT', () => addressNat('public-ip', 'destination', pkt.dst, priv), out);
    return edgeIngress(this, igw, out, 'internet', () => this.cross(undefined, eni.subnet, out, undefined, eni) && this.arrive(eni, out, 'internet'));
  }

  /** IPv6 from the internet: through the internet gateway, or an egress-only gateway for replies. */
  private fromInternetIpv6(eni: M.NetworkInterface, pkt: Packet): boolean {
    const vpc = eni.vpc;
    const igw = vpc.internetGateway;
    // IPv6: no translation; an egress-only gateway admits replies only, and a reply comes back the way its request left.
    const eigwBack =
      this.isReply && vpc.egressOnlyInternetGateway && this.ct.egressOnly.includes(vpc.egressOnlyInternetGateway) ? vpc.egressOnlyInternetGateway : undefined;
    if (eigwBack) {
      this.step(
        eigwBack.id,
        'egress-only-internet-gateway',
        'ingress',
        'FORWARD',
        () => ({ type: 'egress-only-internet-gateway', gateway: eigwBack.id, direction: 'ingress' }),
        pkt,
      );
    } else if (igw) {
      this.step(igw.id, 'internet-gateway', 'ingress', 'FORWARD', () => ({ type: 'internet-gateway', gateway: igw.id, direction: 'ingress' }), pkt);
      if (igw.edgeRouteTable)
        return edgeIngress(this, igw, pkt, 'internet', () => this.cross(undefined, eni.subnet, pkt, undefined, eni) && this.arrive(eni, pkt, 'internet'));
    } else {
      const eigw = vpc.egressOnlyInternetGateway;
      if (!eigw) {
        const step = (): StepDetail => ({ type: 'vpc', action: 'no-internet-gateway', vpc: vpc.id, address: formatAddr(pkt.dst), ipv6: true });
        return this.rejectStep(vpc.id, 'vpc', 'ingress', 'DROP', 'NO_ROUTE_TO_DESTINATION', step, pkt);
      }
      // https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html — prevents the internet from initiating an IPv6 connection
      if (!this.isReply || !this.ct.egressOnly.includes(eigw)) {
        return this.rejectStep(
          eigw.id,
          'egress-only-internet-gateway',
          'ingress',
          'DROP',
          'EIGW_NO_INBOUND',
          () => ({
            type: 'egress-only-internet-gateway',
            action: 'no-inbound',
            gateway: eigw.id,
            direction: 'ingress',
            address: formatAddr(pkt.dst),
            vpc: vpc.id,
            subnet: eni.subnet.id,
            owner: ownerId(eni),
          }),
          pkt,
        );
      }
      this.step(
        eigw.id,
        'egress-only-internet-gateway',
        'ingress',
        'FORWARD',
        () => ({ type: 'egress-only-internet-gateway', gateway: eigw.id, direction: 'ingress' }),
        pkt,
      );
    }
    if (!this.cross(undefined, eni.subnet, pkt, undefined, eni)) return false;
    return this.arrive(eni, pkt, 'internet');
  }

  toEgressOnly(eigw: M.EgressOnlyInternetGateway, subnet: M.Subnet, pkt: Packet, fromEni: M.NetworkInterface | undefined, origin: Origin): boolean {
    if (!this.cross(subnet, undefined, pkt, fromEni)) return false;
    if (fromEni) this.event(fromEni, 'egress', pkt, 'ACCEPT', 2);
    if (origin !== 'vpc')
      return this.rejectStep(
        eigw.id,
        'egress-only-internet-gateway',
        'egress',
        'DROP',
        'EDGE_TO_EDGE_ROUTING',
        () => ({ type: 'egress-only-internet-gateway', action: 'edge-to-edge', gateway: eigw.id, direction: 'egress', vpc: eigw.vpc.id, origin }),
        pkt,
      );
    // A reply to a connection that came in through the internet gateway: the egress-only gateway never saw it start.
    // AWS does not document this case; vpcsim assumes a stateful gateway drops a reply to a connection it did not see.
    if (this.isReply && !this.ct.egressOnly.includes(eigw)) {
      const igw = eigw.vpc.internetGateway;
      return this.rejectStep(
        eigw.id,
        'egress-only-internet-gateway',
        'egress',
        'DROP',
        'EIGW_NO_INBOUND',
        () => ({
          type: 'egress-only-internet-gateway',
          action: 'reply-not-tracked',
          gateway: eigw.id,
          direction: 'egress',
          ...(igw ? { internetGateway: igw.id } : {}),
        }),
        pkt,
      );
    }
    if (!this.isReply) this.ct.egressOnly.push(eigw);
    this.step(
      eigw.id,
      'egress-only-internet-gateway',
      'egress',
      'FORWARD',
      () => ({ type: 'egress-only-internet-gateway', gateway: eigw.id, direction: 'egress' }),
      pkt,
    );
    return this.internet(eigw, pkt);
  }

  // ---- VPN --------------------------------------------------------------------------------------------

  toVgw(vgw: M.VpnGateway, subnet: M.Subnet, pkt: Packet, fromEni: M.NetworkInterface | undefined, origin: Origin): boolean {
    if (!this.cross(subnet, undefined, pkt, fromEni)) return false;
    if (fromEni) this.event(fromEni, 'egress', pkt, 'ACCEPT', 3);
    // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS
    if (origin !== 'vpc' && !this.isReply) {
      return this.rejectStep(
        vgw.id,
        'vpn-gateway',
        'egress',
        'DROP',
        'VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS',
        () => ({ type: 'vpn-gateway', action: 'edge-to-edge', gateway: vgw.id, enteredBy: origin }),
        pkt,
      );
    }
    // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html — only prefixes known to the gateway receive traffic;
    // which link wins follows the route priority (src/trace/direct-connect.ts)
    return vgwToOnPremises(this, vgw, pkt);
  }

  fromOnPremises(conn: M.VpnConnection | M.VirtualInterface, pkt: Packet): boolean {
    if (conn.kind === 'virtual-interface') return fromVirtualInterface(this, conn, pkt);
    this.step(conn.id, 'vpn-connection', 'ingress', 'FORWARD', () => ({ type: 'vpn-connection', connection: conn.id, action: 'from-on-premises' }), pkt);
    if (conn.vpnGateway) return this.intoVpcFromVgw(conn.vpnGateway, pkt, [conn.id], 'vpn');
    const att = conn.tgwAttachment;
    if (!att)
      return this.rejectStep(
        conn.id,
        'vpn-connection',
        'ingress',
        'DROP',
        'BAD_STATE_VPN',
        () => ({ type: 'vpn-connection', action: 'no-attachment', connection: conn.id }),
        pkt,
      );
    return this.tgwRoute(att, pkt, undefined);
  }

  /** From on-premises through a virtual private gateway (over a VPN connection or Direct Connect: the `links` crossed) into its VPC. */
  intoVpcFromVgw(vgw: M.VpnGateway, pkt: Packet, links: string[], origin: Origin): boolean {
    const vpc = vgw.vpc;
    if (!vpc)
      return this.rejectStep(
        vgw.id,
        'vpn-gateway',
        'ingress',
        'DROP',
        'BAD_STATE_ATTACHMENT',
        () => ({ type: 'vpn-gateway', action: 'detached', gateway: vgw.id }),
        pkt,
      );
    const eni = this.ix.vpcAddr.get(vpc)?.get(pkt.dst);
    const gwEp = eni ? undefined : this.gatewayEndpointFor(vpc, pkt.dst);
    if (gwEp) {
      // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html — "Endpoint connections cannot be extended out of a VPC.
      // Resources on the other side of a VPN connection ... in your VPC cannot use a gateway endpoint to communicate with resources in the endpoint service."
      this.step(vgw.id, 'vpn-gateway', 'ingress', 'FORWARD', () => ({ type: 'vpn-gateway', gateway: vgw.id, vpc: vpc.id }), pkt);
      return this.rejectStep(
        gwEp.id,
        'vpc-endpoint',
        'ingress',
        'DROP',
        'EDGE_TO_EDGE_ROUTING',
        () => ({ type: 'gateway-endpoint', action: 'from-on-premises', endpoint: gwEp.id, service: gwEp.service, vpc: vpc.id, links }),
        pkt,
      );
    }
    // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS
    if (!eni) {
      return this.rejectStep(
        vgw.id,
        'vpn-gateway',
        'ingress',
        'DROP',
        'VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS',
        () => ({
          type: 'vpn-gateway',
          action: 'not-in-vpc',
          gateway: vgw.id,
          vpc: vpc.id,
          address: formatAddr(pkt.dst),
          vpcCidrs: vpc.cidrs.map(formatPrefix),
        }),
        pkt,
      );
    }
    this.step(vgw.id, 'vpn-gateway', 'ingress', 'FORWARD', () => ({ type: 'vpn-gateway', gateway: vgw.id, vpc: vpc.id }), pkt);
    return edgeIngress(this, vgw, pkt, origin, () => this.cross(undefined, eni.subnet, pkt, undefined, eni) && this.arrive(eni, pkt, origin));
  }

  // ---- peering ----------------------------------------------------------------------------------------

  toPeering(pcx: M.PeeringConnection, subnet: M.Subnet, pkt: Packet, fromEni: M.NetworkInterface | undefined, origin: Origin): boolean {
    if (!this.cross(subnet, undefined, pkt, fromEni)) return false;
    if (fromEni) this.event(fromEni, 'egress', pkt, 'ACCEPT', pcx.interRegion ? 5 : 4);
    // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html — traffic flows only over an active connection
    if (pcx.status !== 'active') {
      const inactive = (): StepDetail => ({ type: 'peering-connection', action: 'inactive', connection: pcx.id, status: pcx.status });
      return this.rejectStep(pcx.id, 'peering-connection', '-', 'DROP', 'BAD_STATE', inactive, pkt);
    }
    const here = subnet.vpc;
    const peer = pcx.requester === here ? pcx.accepter : pcx.requester;
    // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html — no transitive peering, no edge-to-edge routing
    if (origin !== 'vpc' && !this.isReply) {
      return this.rejectStep(
        pcx.id,
        'peering-connection',
        '-',
        'DROP',
        'EDGE_TO_EDGE_ROUTING',
        () => ({ type: 'peering-connection', action: 'edge-to-edge', connection: pcx.id, vpc: here.id, enteredBy: origin }),
        pkt,
      );
    }
    if (!peer.cidrs.some((c) => contains(c, pkt.dst)) && !peer.ipv6Cidrs.some((c) => contains(c, pkt.dst))) {
      return this.rejectStep(
        pcx.id,
        'peering-connection',
        '-',
        'DROP',
        'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR',
        () => ({
          type: 'peering-connection',
          action: 'not-in-peer-vpc',
          connection: pcx.id,
          vpc: here.id,
          peerVpc: peer.id,
          address: formatAddr(pkt.dst),
          peerCidrs: peer.cidrs.map(formatPrefix),
        }),
        pkt,
      );
    }
    this.step(pcx.id, 'peering-connection', '-', 'FORWARD', () => ({ type: 'peering-connection', connection: pcx.id, fromVpc: here.id, toVpc: peer.id }), pkt);
    const eni = this.ix.vpcAddr.get(peer)?.get(pkt.dst);
    if (!eni)
      return this.rejectStep(
        peer.id,
        'vpc',
        'ingress',
        'DROP',
        'NO_INTERFACE_FOR_DESTINATION',
        () => ({ type: 'vpc', action: 'no-interface', vpc: peer.id, address: formatAddr(pkt.dst), enteredBy: 'peering', through: pcx.id }),
        pkt,
      );
    if (!this.cross(undefined, eni.subnet, pkt, undefined, eni)) return false;
    return this.arrive(eni, pkt, 'peering');
  }

  // ---- transit gateway --------------------------------------------------------------------------------

  toTgw(tgw: M.TransitGateway, subnet: M.Subnet, pkt: Packet, fromEni: M.NetworkInterface | undefined, origin: Origin): boolean {
    const vpc = subnet.vpc;
    const att = vpc.tgwAttachments.find((a) => a.transitGateway === tgw);
    if (!att) {
      if (fromEni) this.event(fromEni, 'egress', pkt, 'REJECT');
      const none = (): StepDetail => ({ type: 'transit-gateway', action: 'no-attachment', transitGateway: tgw.id, vpc: vpc.id });
      return this.rejectStep(tgw.id, 'transit-gateway', '-', 'DROP', 'NO_TGW_ATTACHMENT', none, pkt);
    }
    if (!this.ipv6Through(att, pkt, 'ingress')) {
      if (fromEni) this.event(fromEni, 'egress', pkt, 'REJECT');
      return false;
    }
    const attEni = att.interfacesByAz.get(subnet.az);
    // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — TGW_ROUTE_AZ_RESTRICTION
    if (!attEni) {
      if (fromEni) this.event(fromEni, 'egress', pkt, 'REJECT');
      return this.rejectStep(
        att.id,
        'tgw-attachment',
        'ingress',
        'DROP',
        'TGW_ROUTE_AZ_RESTRICTION',
        () => ({ type: 'tgw-attachment', action: 'no-subnet-in-zone', attachment: att.id, zone: subnet.az }),
        pkt,
      );
    }
    // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html — toward the transit gateway: the source subnet's outbound and the
    // attachment subnet's inbound rules apply (both of the one subnet when they share it); the attachment subnet's outbound does not.
    if (subnet === attEni.subnet) {
      if (!this.nacl(subnet, 'outbound', pkt, fromEni)) return false;
      if (fromEni) this.event(fromEni, 'egress', pkt, 'ACCEPT', 1);
      if (!this.nacl(subnet, 'inbound', pkt, attEni)) return false;
    } else if (!this.cross(subnet, attEni.subnet, pkt, fromEni, attEni, 1)) return false;
    this.event(attEni, 'ingress', pkt, 'ACCEPT');
    this.step(
      att.id,
      'tgw-attachment',
      'ingress',
      'FORWARD',
      () => ({
        type: 'tgw-attachment',
        attachment: att.id,
        action: 'from-vpc',
        transitGateway: tgw.id,
        vpc: vpc.id,
        zone: subnet.az,
        subnet: attEni.subnet.id,
      }),
      pkt,
    );
    return this.tgwRoute(att, pkt, subnet.az);
  }

  /**
   * Over a transit gateway peering attachment. When the peer transit gateway is in the file, its side of the peering
   * (an attachment of the peer with peerTransitGateway pointing back) routes the packet on, with its own route table
   * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering.html — static routes point at the peering attachment); else the packet leaves the topology.
   */
  toPeerTgw(att: M.TransitGatewayAttachment, pkt: Packet): boolean {
    const peer = att.peerTransitGateway !== undefined ? this.t.byId.get(att.peerTransitGateway) : undefined;
    const back =
      peer?.kind === 'transit-gateway' ? peer.attachments.find((a) => a.type === 'peering' && a.peerTransitGateway === att.transitGateway.id) : undefined;
    if (!back) {
      this.step(
        att.id,
        'tgw-attachment',
        'egress',
        'EXIT',
        () => ({
          type: 'tgw-attachment',
          attachment: att.id,
          action: 'leave-to-peer',
          transitGateway: att.transitGateway.id,
          ...(att.peerTransitGateway !== undefined ? { peerTransitGateway: att.peerTransitGateway } : {}),
          peerInTopology: peer !== undefined,
        }),
        pkt,
      );
      return this.accept({ type: 'peer-tgw', attachment: att, packet: pkt });
    }
    const into = back.transitGateway.id;
    this.step(
      att.id,
      'tgw-attachment',
      'egress',
      'FORWARD',
      () => ({ type: 'tgw-attachment', attachment: att.id, action: 'to-peer', peerTransitGateway: into }),
      pkt,
    );
    this.step(
      back.id,
      'tgw-attachment',
      'ingress',
      'FORWARD',
      () => ({ type: 'tgw-attachment', attachment: back.id, action: 'from-peer', transitGateway: into, peerTransitGateway: att.transitGateway.id }),
      pkt,
    );
    return this.tgwRoute(back, pkt, undefined);
  }

  /**
   * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html — "IPv6 support: Select to enable IPv6 support for the
   * attachment" (disabled by default): a VPC attachment with `ipv6Support: false` does not carry IPv6. Absent, it is not checked.
   */
  private ipv6Through(att: M.TransitGatewayAttachment, pkt: Packet, flow: 'ingress' | 'egress'): boolean {
    if (typeof pkt.dst === 'number' || att.ipv6Support !== false) return true;
    return this.rejectStep(
      att.id,
      'tgw-attachment',
      flow,
      'DROP',
      'TGW_ATTACH_IPV6_NOT_SUPPORTED',
      () => ({ type: 'tgw-attachment', action: 'ipv6-not-supported', attachment: att.id, source: formatAddr(pkt.src), destination: formatAddr(pkt.dst) }),
      pkt,
    );
  }

  tgwRoute(att: M.TransitGatewayAttachment, pkt: Packet, az: string | undefined): boolean {
    const tgw = att.transitGateway;
    const rt = att.routeTable;
    // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION
    if (!rt)
      return this.rejectStep(
        att.id,
        'tgw-attachment',
        '-',
        'DROP',
        'TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION',
        () => ({ type: 'tgw-attachment', action: 'no-route-table', attachment: att.id, transitGateway: tgw.id }),
        pkt,
      );
    if (!this.loopCheck(rt, att, rt.id, 'tgw-route-table', pkt)) return false;
    // https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html — the transit gateway is a path component; its route table decides
    this.step(
      tgw.id,
      'transit-gateway',
      '-',
      'FORWARD',
      () => ({ type: 'transit-gateway', transitGateway: tgw.id, attachment: att.id, routeTable: rt.id }),
      pkt,
    );
    // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html — longest prefix; static beats propagated for equal prefixes
    const r = typeof pkt.dst === 'number' ? rt.lookup4.lookup(pkt.dst) : rt.lookup6.lookup(pkt.dst);
    if (!r)
      return this.rejectStep(
        rt.id,
        'tgw-route-table',
        '-',
        'DROP',
        'NO_ROUTE_TO_DESTINATION',
        () => ({ type: 'transit-gateway-route', action: 'no-route', routeTable: rt.id, address: formatAddr(pkt.dst) }),
        pkt,
      );
    const ruleRef = !this.opts.explain
      ? undefined
      : r.origin === 'static'
        ? this.rule(r.src, `${formatPrefix(r.destination)} → ${r.attachment?.id ?? 'blackhole'}`, rt.id)
        : { text: `${formatPrefix(r.destination)} → ${r.attachment!.id} (propagated)`, owner: rt.id };
    if (r.blackhole || !r.attachment) {
      const blackhole = (): StepDetail => ({
        type: 'transit-gateway-route',
        action: 'blackhole',
        routeTable: rt.id,
        address: formatAddr(pkt.dst),
        destination: formatPrefix(r.destination),
      });
      return this.rejectStep(rt.id, 'tgw-route-table', '-', 'DROP', 'BLACKHOLE_ROUTE', blackhole, pkt, { rule: ruleRef });
    }
    const next = r.attachment;
    this.step(rt.id, 'tgw-route-table', '-', 'ROUTE', () => tgwRouteStep(rt, r, formatAddr(pkt.dst)), pkt, ruleRef ? { rule: ruleRef } : undefined);
    this.routed.push(this.hops.length - 1);
    this.steering.push(this.hops.length - 1);
    if (next.type === 'vpn') return this.tgwToVpn(next, pkt);
    if (next.type === 'peering') return this.toPeerTgw(next, pkt);
    if (next.type === 'direct-connect') return tgwToDirectConnect(this, next, pkt);
    return this.tgwToVpc(next, pkt, az);
  }

  /** Out of the transit gateway over a VPN attachment, to the on-premises network. */
  private tgwToVpn(next: M.TransitGatewayAttachment, pkt: Packet): boolean {
    const conn = next.vpnConnection!;
    this.step(
      next.id,
      'tgw-attachment',
      'egress',
      'FORWARD',
      () => ({ type: 'tgw-attachment', attachment: next.id, action: 'to-vpn', vpnConnection: conn.id }),
      pkt,
    );
    vpnExit(this, conn, pkt);
    return this.accept({ type: 'on-premises-tgw', attachment: next, packet: pkt });
  }

  /** Out of the transit gateway into a VPC, through the attachment's interface in one Availability Zone. */
  private tgwToVpc(next: M.TransitGatewayAttachment, pkt: Packet, az: string | undefined): boolean {
    // Into a VPC: through the attachment's interface in the source's Availability Zone when there is one
    // (https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — TGW_ATTACH_VPC_AZ_RESTRICTION: traffic
    // is forwarded to the attachment's interface in the AZ it comes from). For traffic from outside any AZ (a VPN, a peer transit gateway) AWS does
    // not document the zone; vpcsim uses the destination's and says so on the hop.
    if (!this.ipv6Through(next, pkt, 'egress')) return false;
    const guessedZone = az === undefined;
    const zone = az ?? this.ix.vpcAddr.get(next.vpc!)?.get(pkt.dst)?.subnet.az;
    // https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html — with appliance mode the transit gateway
    // "continues to use the same Availability Zone for the VPC attachment over the lifetime of a flow": the reply enters by the forward's interface.
    const kept = next.applianceMode ? this.ct.appliance.find((e) => e.att === next)?.eni : undefined;
    const attEni = kept ?? ((zone && next.interfacesByAz.get(zone)) || next.interfacesByAz.values().next().value);
    if (!attEni)
      return this.rejectStep(
        next.id,
        'tgw-attachment',
        'egress',
        'DROP',
        'NO_ROUTE_TO_DESTINATION',
        () => ({ type: 'tgw-attachment', action: 'no-subnet', attachment: next.id }),
        pkt,
      );
    if (next.applianceMode && !kept && !this.isReply) this.ct.appliance.push({ att: next, eni: attEni });
    this.event(attEni, 'egress', pkt, 'ACCEPT');
    const appliance = kept && this.isReply ? 'reply-kept' : next.applianceMode ? 'flow' : undefined;
    this.step(
      next.id,
      'tgw-attachment',
      'egress',
      'FORWARD',
      () => ({
        type: 'tgw-attachment',
        attachment: next.id,
        action: 'to-vpc',
        vpc: next.vpc!.id,
        subnet: attEni.subnet.id,
        zone: attEni.subnet.az,
        ...(appliance ? { applianceMode: appliance } : {}),
        zoneFromDestination: guessedZone && !kept,
      }),
      pkt,
    );
    // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html — from the transit gateway: the attachment subnet's inbound rules are not evaluated;
    // its outbound rules and the destination subnet's inbound rules are (route() → cross()).
    return this.route(attEni.subnet, pkt, undefined, 'tgw');
  }

  // ---- gateway endpoints ------------------------------------------------------------------------------

  toGatewayEndpoint(ep: M.VpcEndpoint, subnet: M.Subnet, pkt: Packet, fromEni: M.NetworkInterface | undefined, origin: Origin): boolean {
    if (!this.cross(subnet, undefined, pkt, fromEni)) return false;
    if (fromEni) this.event(fromEni, 'egress', pkt, 'ACCEPT', 7);
    // https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-ddb.html — endpoint connections cannot be extended out of a VPC
    if (origin !== 'vpc') {
      return this.rejectStep(
        ep.id,
        'vpc-endpoint',
        'egress',
        'DROP',
        'EDGE_TO_EDGE_ROUTING',
        () => ({ type: 'gateway-endpoint', action: 'edge-to-edge', endpoint: ep.id, service: ep.service, vpc: ep.vpc.id, enteredBy: origin }),
        pkt,
      );
    }
    // https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html — VPCE_GATEWAY_PROTOCOL_RESTRICTION: TCP or ICMP echo only
    if (!(pkt.protocol === PROTO.TCP || (pkt.protocol === PROTO.ICMP && pkt.icmpType === 8))) {
      return this.rejectStep(
        ep.id,
        'vpc-endpoint',
        'egress',
        'DROP',
        'VPCE_GATEWAY_PROTOCOL_RESTRICTION',
        () => ({ type: 'gateway-endpoint', action: 'protocol', endpoint: ep.id, traffic: trafficOf(pkt) }),
        pkt,
      );
    }
    this.step(ep.id, 'vpc-endpoint', 'egress', 'EXIT', () => ({ type: 'gateway-endpoint', endpoint: ep.id, service: ep.service, direction: 'egress' }), pkt);
    return this.accept({ type: 'service', endpoint: ep, packet: pkt });
  }

  /** A reply from the service comes back in through the endpoint, to the interface that asked. */
  fromGatewayEndpoint(ep: M.VpcEndpoint, pkt: Packet): boolean {
    this.step(
      ep.id,
      'vpc-endpoint',
      'ingress',
      'FORWARD',
      () => ({ type: 'gateway-endpoint', endpoint: ep.id, service: ep.service, direction: 'ingress' }),
      pkt,
    );
    const eni = this.ix.vpcAddr.get(ep.vpc)?.get(pkt.dst);
    if (!eni)
      return this.rejectStep(
        ep.vpc.id,
        'vpc',
        'ingress',
        'DROP',
        'NO_INTERFACE_FOR_DESTINATION',
        () => ({ type: 'vpc', action: 'no-interface', vpc: ep.vpc.id, address: formatAddr(pkt.dst), enteredBy: 'service', through: ep.id }),
        pkt,
      );
    if (!this.cross(undefined, eni.subnet, pkt, undefined, eni)) return false;
    return this.arrive(eni, pkt, 'service');
  }

  // ---- appliances -------------------------------------------------------------------------------------

  toApplianceEni(eni: M.NetworkInterface, subnet: M.Subnet, pkt: Packet, fromEni: M.NetworkInterface | undefined, origin: Origin): boolean {
    if (!this.cross(subnet, eni.subnet, pkt, fromEni, eni, 1)) return false;
    return this.arrive(eni, pkt, origin);
  }
}

// ---- helpers --------------------------------------------------------------------------------------------

/** The public IPv4 the internet gateway maps a private address of `eni` to, if any. */
function publicFor(eni: M.NetworkInterface, priv: number): number | undefined {
  if (priv === eni.privateIp) return eni.publicIp;
  return eni.secondaryPublicIps?.find((x) => x.privateIp === priv)?.publicIp;
}

/** The private address behind a public IPv4 of `eni`. */
function privateFor(eni: M.NetworkInterface, pub: number): number {
  // only an interface with a private IPv4 can hold a public IPv4 (the binder refuses one in an IPv6-only subnet)
  if (pub === eni.publicIp) return eni.privateIp!;
  return eni.secondaryPublicIps?.find((x) => x.publicIp === pub)?.privateIp ?? eni.privateIp!;
}

function isPrivateDestination(a: Addr): boolean {
  return isRfc1918(a) || contains(RFC6598, a);
}

/** A NAT gateway's connectivity and, for a public one, its Elastic IP, for a step. */
function natGatewayIp(nat: M.NatGateway): { connectivity: 'public' | 'private'; elasticIp?: string } {
  return { connectivity: nat.connectivity, ...(nat.publicIp !== undefined ? { elasticIp: formatAddr(nat.publicIp) } : {}) };
}

/** The same resource: the same interface, or two interfaces of one instance. */
export function sameResource(a: M.NetworkInterface, b: M.NetworkInterface): boolean {
  if (a === b) return true;
  return a.owner.type === 'instance' && b.owner.type === 'instance' && a.owner.instance === b.owner.instance;
}

export function ownerId(eni: M.NetworkInterface): string {
  switch (eni.owner.type) {
    case 'instance':
      return eni.owner.instance.primary === eni ? eni.owner.instance.id : eni.id;
    case 'nat-gateway':
      return eni.owner.nat.id;
    case 'vpc-endpoint':
      return eni.owner.endpoint.id;
    case 'tgw-attachment':
      return eni.owner.attachment.id;
    case 'load-balancer':
      return eni.owner.loadBalancer.id;
    default:
      return eni.id;
  }
}

export function ownerKind(eni: M.NetworkInterface): string {
  switch (eni.owner.type) {
    case 'instance':
      return eni.owner.instance.primary === eni ? 'instance' : 'network-interface';
    case 'nat-gateway':
      return 'nat-gateway';
    case 'vpc-endpoint':
      return 'vpc-endpoint';
    case 'tgw-attachment':
      return 'tgw-attachment';
    case 'load-balancer':
      return 'load-balancer';
    default:
      return 'network-interface';
  }
}

export function aclRuleText(r: M.NetworkAclRule): string {
  const icmp = isIcmp(r.protocol) ? `${r.icmpType === -1 ? '' : ` type ${r.icmpType}`}${r.icmpCode === -1 ? '' : ` code ${r.icmpCode}`}` : '';
  return `${r.number} ${r.action} ${protocolName(r.protocol)}${r.ports ? ` ${portsText(r.ports)}` : ''}${icmp} ${formatPrefix(r.cidr)}`;
}

export function sgRuleText(r: M.SecurityGroupRule, dir: 'inbound' | 'outbound'): string {
  const peer = r.peer.type === 'cidr' ? r.peer.text : r.peer.type === 'sg' ? r.peer.group.id : r.peer.list.id;
  return `${dir} ${protocolName(r.protocol)}${r.ports ? ` ${portsText(r.ports)}` : ''} ${dir === 'inbound' ? 'from' : 'to'} ${peer}${r.description ? ` (${r.description})` : ''}`;
}

/** The step of a translation that rewrites one address and keeps the ports (a public IP, a NAT instance). */
function addressNat(translation: 'nat-instance' | 'public-ip', field: 'source' | 'destination', before: Addr, after: Addr): StepDetail {
  return {
    type: 'nat',
    translation,
    field,
    translatedFrom: { [field]: { address: formatAddr(before) } },
    translatedTo: { [field]: { address: formatAddr(after) } },
  };
}
