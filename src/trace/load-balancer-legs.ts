// Leg 2 of a load-balanced flow (a node to a target) and the joining of both legs into one trace result.
import type * as M from '../bind/model.js';
import { type Addr, formatAddr } from '../net/ip.js';
import { DEFAULT_SRC_PORT, PROTO, protocolName } from '../net/protocol.js';

const PROTO_TCP = PROTO.TCP;
import type { Endpoint } from './endpoints.js';
import { type Exit, newConnTrack, ownerId, Walk } from './engine.js';
import { checkForward, checkReply, expectForward, expectReply } from './identity.js';
import type { LoadBalancerLegs, LoadBalancerTargetResult } from './load-balancer-types.js';
import type { Packet, PathResult, TargetSecurityGroupHint, TraceResult } from './types.js';
import type { ListenerOf, ListenerRef, LoadBalancerRejectStep } from './steps-edges.js';
import { blockingOf } from './walk.js';
import { endpointAt } from './endpoints.js';
import { albAsAddress, isAlbTarget } from './load-balancer-alb.js';

/** The source port a node opens its connections from: a member of the ephemeral range, like the client default. */
const NODE_SRC_PORT = DEFAULT_SRC_PORT;

export interface LegSpec {
  srcPort?: number;
  return?: boolean;
  explain?: boolean;
  flowLogs?: boolean;
}

/** How the tracer starts a reply from where a forward walk ended (trace.ts owns it). */
export type StartReply = (w: Walk, exit: Exit) => void;

export interface LegTwo {
  verdict: 'ACCEPT' | 'REJECT';
  /** added to the explanation when the target's security group refused the load balancer's traffic */
  hint?: TargetSecurityGroupHint;
  /** the first packet of the connection */
  packet: Packet;
  fwd: Walk;
  ret: Walk | null;
  target: LoadBalancerTargetResult;
}

/** A target the file does not register behind this load balancer (named with --via): the trace rejects at the load balancer. */
export type Unregistered = M.Target & { unregistered: true };

const isUnregistered = (x: M.Target): x is Unregistered => (x as Unregistered).unregistered === true;

/** The name a target goes by in messages: its instance, or its address. */
export function targetName(x: M.Target): string {
  if (x.instance) return x.instance.id;
  if (x.eni) return ownerId(x.eni);
  return x.ip !== undefined ? formatAddr(x.ip) : (x.loadBalancer?.id ?? '?');
}

/**
 * The node's connection to one target. Application and classic load balancers are proxies: a new connection from the
 * node's private address (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html).
 * A network load balancer with client IP preservation forwards the client's packet with its source kept
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation).
 */
export function legTwo(
  t: M.Topology,
  spec: LegSpec,
  lb: M.LoadBalancer,
  listener: M.Listener,
  node: M.LoadBalancerNode,
  target: M.Target,
  client: Addr,
  transport: number,
  startReply: StartReply,
): LegTwo {
  return nodeConnection(t, spec, { lb, listener, node, target, client, transport, startReply });
}

export interface NodeFlow {
  lb: M.LoadBalancer;
  listener: M.Listener;
  node: M.LoadBalancerNode;
  target: M.Target;
  client: Addr;
  transport: number;
  startReply: StartReply;
  /** a health check: from the node's own address, to the health-check port, whatever client IP preservation says */
  healthCheck?: NodeHealthCheck;
}

/** The health check a node runs: a target group's, or a Classic load balancer's own (`healthCheck.target`). */
export interface NodeHealthCheck {
  /** the target group or Classic load balancer the check is configured on */
  of: { id: string; src: M.Src };
  protocol: string;
  /** the port the check connects to */
  port: number;
  /** the port as configured: a number, or `traffic-port` */
  configured: number | 'traffic-port';
  /** how the configuration reads: `HTTP:traffic-port`, `HTTP:8080/health` */
  label: string;
  src: M.Src;
}

/** A target group's health check of one target (its port, or the target's own with `traffic-port`). */
export function targetGroupCheck(tg: M.TargetGroup, x: M.Target): NodeHealthCheck {
  const hc = tg.healthCheck;
  return {
    of: tg,
    protocol: hc.protocol,
    port: hc.port === 'traffic-port' ? x.port : hc.port,
    configured: hc.port,
    label: `${hc.protocol}:${hc.port}`,
    src: hc.src ?? tg.src,
  };
}

/** A connection a node opens (or a packet it passes on) to a target, forward and reply. */
export function nodeConnection(t: M.Topology, spec: LegSpec, f: NodeFlow): LegTwo {
  const { lb, listener, node, client, transport, startReply } = f;
  // an alb target is reached at the application load balancer's node (src/trace/load-balancer-chain.ts)
  const target = isAlbTarget(f.target) && !isUnregistered(f.target) ? albAsAddress(f.target, node) : f.target;
  const opts = { explain: spec.explain !== false, events: spec.flowLogs !== false };
  const ct = newConnTrack();
  const fwd = new Walk(t, 'forward', ct, opts);
  const tg = listener.targetGroup;
  // IPv4 clients only (vpcsim's nodes are IPv4): the target sees the client's IPv4 address when preservation is on
  // health checks come from the nodes' own addresses (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html)
  const preserve = !f.healthCheck && lb.type === 'network' && tg?.preserveClientIp === true && typeof client === 'number';
  const dst = target.ip ?? target.eni?.privateIp;
  const pkt: Packet = {
    protocol: transport,
    src: preserve ? client : node.eni.privateIp!,
    dst: dst ?? 0,
    srcPort: preserve ? (spec.srcPort ?? NODE_SRC_PORT) : NODE_SRC_PORT,
    dstPort: f.healthCheck?.port ?? target.port,
    icmpType: 0,
    icmpCode: 0,
  };
  const result = (): LoadBalancerTargetResult => {
    const blocker = fwd.verdict !== 'ACCEPT' ? fwd : ret && ret.verdict !== 'ACCEPT' ? ret : undefined;
    return {
      target: targetName(target),
      ip: dst !== undefined ? formatAddr(dst) : null,
      port: target.port,
      zone: target.eni?.subnet.az ?? null,
      verdict: blocker ? 'REJECT' : 'ACCEPT',
      blockedBy: blocker?.blockedBy ?? null,
      reason: blocker?.reason ?? null,
      sourceIp: formatAddr(pkt.src),
      clientIpPreserved: preserve,
    };
  };
  let ret: Walk | null = null;
  if (!admitted(fwd, lb, listener, node, target, pkt, f.healthCheck !== undefined, preserve))
    return { verdict: 'REJECT', packet: pkt, fwd, ret, target: result() };
  const health = f.healthCheck ? 'healthy' : targetHealth(t, f);
  if (typeof health === 'object') {
    rejectUnhealthy(fwd, f, target, pkt, health);
    return { verdict: 'REJECT', packet: pkt, fwd, ret, target: result() };
  }
  nodeForwardHop(fwd, f, target, pkt, { preserve, failOpen: health === 'fail-open', explain: opts.explain });
  const to = targetEndpoint(t, target);
  if (preserve && lb.securityGroups.length) fwd.throughGroups = lb.securityGroups;
  expectForward(fwd, to);
  fwd.fromInterface(node.eni, pkt, 'vpc');
  checkForward(fwd, to);
  if (fwd.verdict === 'ACCEPT' && fwd.exit && spec.return !== false) {
    ret = new Walk(t, 'return', ct, opts);
    const back: Endpoint = { type: 'interface', eni: node.eni, input: node.eni.id };
    expectReply(ret, back);
    if (preserve && fwd.exit.type === 'delivered') preservedReply(ret, fwd.exit, lb, node);
    else startReply(ret, fwd.exit);
    checkReply(ret, back);
  }
  const r = result();
  const hint = targetSgHint(fwd, lb, node, target, pkt, preserve);
  return { verdict: r.verdict, packet: pkt, fwd, ret, target: r, ...(hint ? { hint } : {}) };
}
/** The load balancer routes only to healthy targets: a target failing its check from this node while others pass gets nothing. */
function rejectUnhealthy(fwd: Walk, f: NodeFlow, target: M.Target, pkt: Packet, health: LegTwo): void {
  const { lb, listener, node } = f;
  const why = health.target;
  fwd.rejectStep(
    lb.id,
    'load-balancer',
    '-',
    'DROP',
    'LB_TARGET_UNHEALTHY',
    () => ({
      type: 'load-balancer',
      action: 'target-unhealthy',
      loadBalancer: lb.id,
      node: node.eni.id,
      target: targetName(target),
      port: health.packet.dstPort,
      blockedBy: String(why.blockedBy),
      blockedReason: String(why.reason),
      ...(listener.targetGroup ? { targetGroup: listener.targetGroup.id } : {}),
    }),
    pkt,
  );
}

/** The node's hop: a health check it sends, or the listener's traffic it forwards (failing open when every target fails). */
function nodeForwardHop(fwd: Walk, f: NodeFlow, target: M.Target, pkt: Packet, o: { preserve: boolean; failOpen: boolean; explain: boolean }): void {
  const { lb, listener, node } = f;
  const hc = f.healthCheck;
  const ends = { node: node.eni.id, source: formatAddr(pkt.src), target: targetName(target), address: formatAddr(pkt.dst), targetPort: pkt.dstPort };
  if (hc)
    fwd.step(
      lb.id,
      'load-balancer',
      '-',
      'FORWARD',
      () => ({ type: 'load-balancer', action: 'health-check', of: hc.of.id, protocol: hc.protocol, port: hc.configured, ...ends }),
      pkt,
      o.explain ? { rule: fwd.rule(hc.src, `health check ${hc.label}`, hc.of.id) } : undefined,
    );
  else
    fwd.step(
      lb.id,
      'load-balancer',
      '-',
      'FORWARD',
      () => ({
        type: 'load-balancer',
        action: 'forward',
        listener: listener.id,
        listenerProtocol: listener.protocol,
        listenerPort: listener.port,
        ...(listener.targetGroup ? { targetGroup: listener.targetGroup.id } : { instancePort: listener.instancePort }),
        protocol: pkt.protocol,
        ...ends,
        clientIpPreserved: o.preserve,
        failOpen: o.failOpen,
      }),
      pkt,
      o.explain ? { rule: fwd.rule(listener.src, `${listener.protocol}:${listener.port}`, listener.id) } : undefined,
    );
}

/**
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html — targets admit the load
 * balancer by its security group; https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html — so do
 * targets of a network load balancer with security groups, even with client IP preservation.
 */
function targetSgHint(
  fwd: Walk,
  lb: M.LoadBalancer,
  node: M.LoadBalancerNode,
  target: M.Target,
  pkt: Packet,
  preserve: boolean,
): TargetSecurityGroupHint | undefined {
  if (fwd.reason !== 'ENI_SG_RULES_MISMATCH' || !target.eni?.securityGroups.some((g) => g.id === fwd.blockedBy)) return undefined;
  const sg = lb.securityGroups[0]?.id;
  return {
    kind: preserve ? 'client-ip-preserved' : 'node-address',
    target: targetName(target),
    source: formatAddr(pkt.src),
    node: node.eni.id,
    loadBalancer: lb.id,
    ...(sg ? { securityGroup: sg } : {}),
  };
}

/**
 * Whether the node routes to the target: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html —
 * "Each load balancer node routes requests only to the healthy targets" … "If a target group contains only unhealthy registered targets,
 * the load balancer routes requests to all those targets" (fails open); the same for network load balancers
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html). vpcsim takes a target's health as the
 * result of this node's health check of it. Classic load balancers: health checks are not modelled.
 */
function targetHealth(t: M.Topology, f: NodeFlow): 'healthy' | 'fail-open' | LegTwo {
  const tg = f.listener.targetGroup;
  if (!tg || f.lb.type === 'classic') return 'healthy';
  const spec = { explain: false, flowLogs: false };
  const check = (x: M.Target) =>
    nodeConnection(t, spec, { ...f, target: x, client: f.node.eni.privateIp!, transport: PROTO_TCP, healthCheck: targetGroupCheck(tg, x) });
  const own = check(f.target);
  if (own.verdict === 'ACCEPT') return 'healthy';
  // the targets this node could route to: enabled zones, and its own zone only when cross-zone load balancing is off
  const zones = new Set(f.lb.subnets.map((s) => s.az));
  const peers = tg.targets.filter(
    (x) => x !== f.target && (!x.eni || x.eni.vpc !== f.lb.vpc || (zones.has(x.eni.subnet.az) && (f.lb.crossZone || x.eni.subnet.az === f.node.subnet.az))),
  );
  return peers.some((x) => check(x).verdict === 'ACCEPT') ? own : 'fail-open';
}

/** What the load balancer itself refuses before any packet leaves the node: an unregistered target, a zone it does not serve. */
function admitted(
  fwd: Walk,
  lb: M.LoadBalancer,
  listener: M.Listener,
  node: M.LoadBalancerNode,
  target: M.Target,
  pkt: Packet,
  healthCheck: boolean,
  preserve: boolean,
): boolean {
  const name = targetName(target);
  if (isUnregistered(target)) {
    return fwd.rejectStep(
      lb.id,
      'load-balancer',
      '-',
      'DROP',
      'LB_TARGET_NOT_REGISTERED',
      () => ({ type: 'load-balancer', action: 'target-not-registered', loadBalancer: lb.id, target: name, ...listenerOf(listener) }),
      pkt,
    );
  }
  const zone = target.eni?.vpc === lb.vpc ? target.eni.subnet.az : undefined;
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html — "If you register targets in an
  // Availability Zone but do not enable the Availability Zone, these registered targets do not receive traffic from the load balancer"
  if (zone && !lb.subnets.some((s) => s.az === zone)) {
    return fwd.rejectStep(
      lb.id,
      'load-balancer',
      '-',
      'DROP',
      'LB_TARGET_ZONE_NOT_ENABLED',
      () => ({ type: 'load-balancer', action: 'zone-not-enabled', loadBalancer: lb.id, target: name, zone, zones: lb.subnets.map((s) => s.az) }),
      pkt,
    );
  }
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing — off: a node
  // distributes traffic only to the targets of its own zone
  if (zone && !lb.crossZone && zone !== node.subnet.az && !healthCheck) {
    return fwd.rejectStep(
      lb.id,
      'load-balancer',
      '-',
      'DROP',
      'LB_CROSS_ZONE_DISABLED',
      () => ({ type: 'load-balancer', action: 'cross-zone-disabled', loadBalancer: lb.id, node: node.eni.id, nodeZone: node.subnet.az, target: name, zone }),
      pkt,
    );
  }
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html#loopback-timeout — with the client address
  // kept, a target that is its own client gets a packet from and to itself, which its operating system drops: the connection times out
  if (preserve && target.eni && (target.eni.privateIp === pkt.src || target.eni.secondaryPrivateIps.includes(pkt.src as number))) {
    return fwd.rejectStep(
      name,
      target.eni.owner.type === 'instance' ? 'instance' : 'network-interface',
      'ingress',
      'DROP',
      'LB_LOOPBACK_CLIENT_IP_PRESERVED',
      () => ({
        type: 'load-balancer',
        action: 'loopback',
        loadBalancer: lb.id,
        target: name,
        address: formatAddr(pkt.src),
        ...(listener.targetGroup ? { targetGroup: listener.targetGroup.id } : {}),
      }),
      pkt,
    );
  }
  return true;
}

function targetEndpoint(t: M.Topology, target: M.Target): Endpoint {
  if (target.eni) return { type: 'interface', eni: target.eni, input: targetName(target) };
  return endpointAt(t, target.ip!);
}

function reply(p: Packet): Packet {
  return { protocol: p.protocol, src: p.dst, dst: p.src, srcPort: p.dstPort, dstPort: p.srcPort, icmpType: p.icmpType, icmpCode: p.icmpCode };
}

/**
 * With client IP preservation the target answers the client's address, and the load balancer carries the reply back
 * (it tracks the flow), so the target's security group (stateful) and the network ACLs of both subnets, toward the
 * client's address, decide; the target's route table does not.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-register-targets.html#target-security-groups and #network-acls
 * (the ACLs of the target and load balancer subnets must allow the traffic; how AWS carries the reply is not described: this is vpcsim's reading)
 */
function preservedReply(ret: Walk, exit: Extract<Exit, { type: 'delivered' }>, lb: M.LoadBalancer, node: M.LoadBalancerNode): void {
  const p = reply(exit.packet);
  if (!ret.sg(exit.eni, 'outbound', p)) return;
  if (!ret.cross(exit.eni.subnet, node.subnet, p, exit.eni, node.eni, 1)) return;
  if (!ret.sg(node.eni, 'inbound', p)) return;
  ret.event(node.eni, 'ingress', p, 'ACCEPT');
  ret.step(lb.id, 'load-balancer', 'ingress', 'FORWARD', () => ({ type: 'load-balancer', action: 'reply', node: node.eni.id, client: formatAddr(p.dst) }), p);
  ret.accept({ type: 'delivered', eni: node.eni, packet: p });
}

// ---- joining the legs ------------------------------------------------------------------------------------------------

function joined(first: PathResult, second: Walk): PathResult {
  const r = second.result();
  return { verdict: r.verdict, hops: [...first.hops, ...r.hops], ...(r.blockedAt !== undefined ? { blockedAt: first.hops.length + r.blockedAt } : {}) };
}

/** Leg 1's result with leg 2 appended: forward is leg 1 then leg 2; the reply comes back from the target, then to the client. */
export function combine(t: M.Topology, spec: LegSpec, base: TraceResult, leg: LegTwo): TraceResult {
  const { fwd, ret } = leg;
  const forward = joined(base.forward, fwd);
  const back =
    ret && base.return
      ? ret.verdict === 'ACCEPT'
        ? {
            verdict: base.return.verdict,
            hops: [...ret.hops, ...base.return.hops],
            ...(base.return.blockedAt !== undefined ? { blockedAt: ret.hops.length + base.return.blockedAt } : {}),
          }
        : ret.result()
      : null;
  const blocker = fwd.verdict !== 'ACCEPT' ? fwd : ret && ret.verdict !== 'ACCEPT' ? ret : undefined;
  // leg 1's reply: a proxy answers the client itself; a network load balancer passes on the target's reply only when there is one
  const leg1Reply = leg.verdict === 'ACCEPT' || base.loadBalancer?.type !== 'network' ? base.events.filter((e) => e.direction === 'return') : [];
  const events = [...base.events.filter((e) => e.direction === 'forward'), ...fwd.events, ...(ret?.events ?? []), ...leg1Reply];
  const lbInfo = base.loadBalancer!;
  return {
    ...base,
    verdict: blocker ? 'REJECT' : base.verdict,
    forward,
    return: fwd.verdict === 'ACCEPT' ? back : null,
    blockedBy: blocker?.blockedBy ?? base.blockedBy,
    reason: blocker?.reason ?? base.reason,
    explanation: null,
    blocking: blocker ? { ...blockingOf(blocker === ret), ...(leg.hint ? { hint: leg.hint } : {}) } : base.blocking,
    flowLogs: [],
    events,
    loadBalancer: {
      ...lbInfo,
      legs: [...lbInfo.legs, { leg: 'listener-to-target', verdict: leg.verdict, blockedBy: leg.target.blockedBy, reason: leg.target.reason }],
      targets: [leg.target],
    },
  };
}

/** The load balancer refuses the connection at the node: no listener, no targets (`step`: which, as data). */
export function rejectAtLb(
  t: M.Topology,
  spec: LegSpec,
  base: TraceResult,
  sent: Packet,
  lb: M.LoadBalancer,
  reason: string,
  step: () => LoadBalancerRejectStep,
): TraceResult {
  const events = base.events.filter((e) => e.direction === 'forward');
  const last = [...events].reverse().find((e) => e.eni.owner.type === 'load-balancer');
  // the packet as it reached the node; without recorded events, the client's packet as sent
  const pkt: Packet = last?.packet ?? sent;
  const w = new Walk(t, 'forward', newConnTrack(), { explain: spec.explain !== false, events: false });
  w.rejectStep(lb.id, 'load-balancer', 'ingress', 'DROP', reason, step, pkt);
  const lbInfo = base.loadBalancer!;
  return {
    ...base,
    verdict: 'REJECT',
    forward: joined(base.forward, w),
    return: null,
    blockedBy: lb.id,
    reason,
    explanation: null,
    blocking: { path: 'forward' },
    flowLogs: [],
    events,
    loadBalancer: { ...lbInfo, legs: [{ ...lbInfo.legs[0]!, verdict: 'REJECT', blockedBy: lb.id, reason }] },
  };
}

/** https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html — a load balancer accepts connections only on its listeners' ports */
export function noListener(t: M.Topology, spec: LegSpec, base: TraceResult, sent: Packet, lb: M.LoadBalancer, port: number, transport: number): TraceResult {
  return rejectAtLb(t, spec, base, sent, lb, 'LB_NO_LISTENER', () => ({
    type: 'load-balancer',
    action: 'no-listener',
    loadBalancer: lb.id,
    protocol: transport,
    port,
    listeners: listenerRefs(lb),
  }));
}

/** A load balancer's listeners as steps name them. */
export function listenerRefs(lb: M.LoadBalancer): ListenerRef[] {
  return lb.listeners.map((l) => ({ protocol: l.protocol, port: l.port }));
}

/** The listener a refusal is about, as its step names it. */
export function listenerOf(l: M.Listener): ListenerOf {
  return { listener: l.id, listenerProtocol: l.protocol, listenerPort: l.port, ...(l.targetGroup ? { targetGroup: l.targetGroup.id } : {}) };
}

/** A health check as a trace result of its own: from the node to the target. */
export function combineHealthCheck(t: M.Topology, spec: LegSpec, leg: LegTwo, node: M.LoadBalancerNode, info: LoadBalancerLegs): TraceResult {
  const { fwd, ret, packet: p } = leg;
  const blocker = fwd.verdict !== 'ACCEPT' ? fwd : ret && ret.verdict !== 'ACCEPT' ? ret : undefined;
  const events = [...fwd.events, ...(ret?.events ?? [])];
  return {
    verdict: leg.verdict,
    flow: {
      protocol: protocolName(p.protocol),
      protocolNumber: p.protocol,
      srcIp: formatAddr(p.src),
      srcPort: p.srcPort,
      dstIp: formatAddr(p.dst),
      dstPort: p.dstPort,
    },
    from: { input: node.eni.id, kind: 'interface', id: node.eni.id, ip: formatAddr(p.src) },
    to: { input: leg.target.target, kind: 'interface', id: leg.target.target, ip: formatAddr(p.dst) },
    forward: fwd.result(),
    return: ret ? ret.result() : null,
    blockedBy: blocker?.blockedBy ?? null,
    reason: blocker?.reason ?? null,
    explanation: null,
    ...(blocker && blocker.blockedAt !== undefined ? { blocking: blockingOf(blocker === ret) } : {}),
    flowLogs: [],
    events,
    loadBalancer: info,
  };
}
