// Traffic through Elastic Load Balancing: two legs. Leg 1, the client to a listener, is an ordinary trace to a load
// balancer node (the node's security groups and subnet ACL decide, then the listener must match). Leg 2, the node to
// a target, is a new connection from the node's private address (application and classic load balancers are
// proxies), or the client's packet with its source kept (network load balancers with client IP preservation).
// https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html
import type * as M from '../bind/model.js';
import { idByName } from '../bind/names.js';
import { isIcmp, PROTO } from '../bind/rules.js';
import { type Addr, formatAddr, parseIp } from '../net/ip.js';
import { type Endpoint, EndpointError, endpointAt, resolveEndpoint } from './endpoints.js';
import { FlowError } from './flow-error.js';
import type { EndpointSummary, InterfaceEvent, Packet, TraceResult } from './types.js';
import type { LoadBalancerLegs } from './load-balancer-types.js';
import { type AlbTarget, albTargets, isAlbTarget } from './load-balancer-alb.js';
import { albLeg } from './load-balancer-chain.js';
import { combine, legTwo, listenerOf, listenerRefs, noListener, rejectAtLb, type StartReply, targetName, type Unregistered } from './load-balancer-legs.js';

/** What trace() needs of a flow spec here (a subset of FlowSpec, to keep the modules apart). */
export interface LbSpec {
  from: string;
  to: string;
  via?: string;
  protocol?: string | number;
  port?: number;
  srcPort?: number;
  return?: boolean;
  explain?: boolean;
  flowLogs?: boolean;
}

export class LbFlowError extends FlowError {}

/** The flow through a load balancer that a spec asks for, resolved. */
export interface LbRequest {
  lb: M.LoadBalancer;
  /** the listener port the client connects to */
  port: number;
  /** the target named in --to; 'all' for `<lb>:<port>` (every target); undefined: to the listener only */
  target: { target: M.Target; input: string } | 'all' | undefined;
  /** a node named directly (--to its interface or address) */
  node?: M.LoadBalancerNode;
  /** the node address --to gave as written (else: the public address of an internet-facing node, the private one of an internal node) */
  address?: string;
  /** a node interface --to named by id: its private address (the load balancer's DNS name gives the public one) */
  nodeIp?: Addr;
}

/** The tracer's own trace, to `to` when given (a bound endpoint), else to the endpoint `spec.to` names. */
type DirectTrace = (t: M.Topology, spec: LbSpec, to?: Endpoint) => { result: TraceResult; packet: Packet };

/** The load balancer named by id or name, if `text` is one. */
function lbNamed(t: M.Topology, text: string): M.LoadBalancer | undefined {
  const found = idByName(t, text, ['load-balancer']);
  const r = found && 'id' in found ? t.byId.get(found.id) : undefined;
  return r?.kind === 'load-balancer' ? r : undefined;
}

function nodeOf(eni: M.NetworkInterface): M.LoadBalancerNode | undefined {
  if (eni.owner.type !== 'load-balancer') return undefined;
  return eni.owner.loadBalancer.nodes.find((n) => n.eni === eni);
}

/**
 * Whether the flow involves a load balancer, and how: `--to <lb>`, `--to <lb>:<port>`, `--to <target> --via <lb>`, or
 * an address or interface of a node. Undefined for every other flow (traced as before).
 */
export function loadBalancerRequest(t: M.Topology, spec: LbSpec): LbRequest | undefined {
  if (t.loadBalancers.length === 0) {
    if (spec.via !== undefined) throw new LbFlowError(`{via} takes a load balancer; the topology has none`);
    return undefined;
  }
  const fromEni = endpointEni(t, spec.from);
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html — nodes answer clients and open connections to targets only
  if (fromEni?.owner.type === 'load-balancer')
    throw new LbFlowError(
      `${spec.from} is a node of load balancer ${fromEni.owner.loadBalancer.id}, which opens connections only to its targets; trace its health checks with {healthCheck} <target group>`,
    );
  if (spec.via !== undefined) {
    const lb = lbNamed(t, spec.via);
    if (!lb)
      throw new LbFlowError(
        `{via} ${spec.via}: not a load balancer${t.loadBalancers.length ? ` (load balancers: ${t.loadBalancers.map((l) => l.id).join(', ')})` : ''}`,
      );
    return { lb, port: spec.port ?? 443, target: { target: findTarget(t, spec.to), input: spec.to } };
  }
  const m = /^(.+):(\d{1,5})$/.exec(spec.to);
  const lbWithPort = m ? lbNamed(t, m[1]!) : undefined;
  if (m && lbWithPort) {
    const port = Number(m[2]);
    if (spec.port !== undefined && spec.port !== port) throw new LbFlowError(`{to} ${spec.to} names port ${port} but {port} is ${spec.port}`);
    if (port < 1 || port > 65535) throw new LbFlowError(`{to} ${spec.to}: port must be 1-65535`);
    return { lb: lbWithPort, port, target: 'all' };
  }
  const lb = lbNamed(t, spec.to);
  if (lb) return { lb, port: spec.port ?? 443, target: undefined };
  const toEni = endpointEni(t, spec.to);
  if (toEni?.owner.type === 'load-balancer') {
    const node = nodeOf(toEni);
    // an address as written; a node interface by id: its private address (the load balancer's DNS name gives the public one)
    const at = parseIp(spec.to.trim()).ok ? { address: spec.to.trim() } : toEni.privateIp !== undefined ? { nodeIp: toEni.privateIp } : {};
    return { lb: toEni.owner.loadBalancer, port: spec.port ?? 443, target: undefined, ...(node ? { node } : {}), ...at };
  }
  return undefined;
}

/** The interface an endpoint text stands for, if it resolves to one (errors are left to the tracer). */
function endpointEni(t: M.Topology, text: string): M.NetworkInterface | undefined {
  try {
    const e = resolveEndpoint(t, text);
    return e.type === 'interface' ? e.eni : undefined;
  } catch (e) {
    if (e instanceof EndpointError) return undefined;
    throw e;
  }
}

/** The target `text` names (an instance id or name, an interface, or an address); registration is checked per listener. */
function findTarget(t: M.Topology, text: string): M.Target {
  const lb = lbNamed(t, text);
  if (lb) return { type: 'alb', loadBalancer: lb, port: 0, src: { path: [] } };
  const ip = parseIp(text);
  const eni = ip.ok ? t.interfaceByIp.get(ip.value) : endpointEni(t, text);
  if (!ip.ok && !eni) throw new LbFlowError(`{to} ${text}: not an instance, interface or address in the topology`);
  const src = { path: [] };
  if (eni) return { type: 'instance', eni, ...(eni.owner.type === 'instance' ? { instance: eni.owner.instance } : {}), port: 0, src };
  return { type: 'ip', ip: (ip as { value: Addr }).value, port: 0, src };
}

/** A trace through (or to) a load balancer, as one TraceResult with both legs. */
export function traceLoadBalancer(t: M.Topology, spec: LbSpec, req: LbRequest, direct: DirectTrace, startReply: StartReply): TraceResult {
  const { lb } = req;
  const transport = transportOf(spec.protocol);
  const listener = lb.listeners.find((l) => l.port === req.port && listenerTransports(l.protocol).includes(transport ?? -1));
  if (req.target !== undefined && transport === undefined)
    throw new LbFlowError(
      `load balancers forward TCP and UDP only; ${String(spec.protocol)} reaches the nodes (trace {to} ${lb.id}) but is not forwarded to targets`,
    );
  const node = req.node ?? pickNode(t, lb, spec, req, listener);
  // a dualstack load balancer's name resolves to IPv6 addresses too (AAAA): an IPv6 client gets the node's IPv6 address
  // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-ip-address-type.html)
  const v6 = node.eni.ipv6Addresses[0] !== undefined && isIpv6Client(t, spec.from) ? node.eni.ipv6Addresses[0] : undefined;
  const nodeAddr = v6 ?? (lb.scheme === 'internet-facing' ? (node.eni.publicIp ?? node.eni.privateIp!) : node.eni.privateIp!);
  // leg 1 ends at the node's bound address: no text to write and resolve again (an address --to wrote is resolved as written)
  const bound = req.address === undefined ? endpointAt(t, req.nodeIp ?? nodeAddr) : undefined;
  const { result: leg1, packet: sent } = direct(
    t,
    { ...spec, to: req.address ?? bound!.input, via: undefined, port: transport === undefined ? undefined : req.port },
    bound,
  );
  const summary: LoadBalancerLegs = {
    id: lb.id,
    type: lb.type,
    scheme: lb.scheme,
    node: {
      interfaceId: node.eni.id,
      subnet: node.subnet.id,
      az: node.subnet.az,
      privateIp: formatAddr(node.eni.privateIp!),
      ...(node.eni.publicIp !== undefined ? { publicIp: formatAddr(node.eni.publicIp) } : {}),
      ...(node.eni.ipv6Addresses[0] !== undefined ? { ipv6: formatAddr(node.eni.ipv6Addresses[0]) } : {}),
    },
    listener: listener ? { id: listener.id, protocol: listener.protocol, port: listener.port } : null,
    legs: [{ leg: 'client-to-listener', verdict: leg1.verdict, blockedBy: leg1.blockedBy, reason: leg1.reason }],
  };
  const base: TraceResult = { ...leg1, to: toSummary(spec, req, leg1), loadBalancer: summary };
  if (leg1.verdict !== 'ACCEPT') return base;
  // ICMP to the nodes is answered by the load balancer itself, never forwarded (load-balancer-update-security-groups.html);
  // any other protocol finds no listener (listeners take TCP or UDP)
  if (transport === undefined)
    return isIcmp(leg1.flow.protocolNumber)
      ? base
      : rejectAtLb(t, spec, base, sent, lb, 'LB_NO_LISTENER', () => ({
          type: 'load-balancer',
          action: 'no-listener',
          loadBalancer: lb.id,
          protocol: leg1.flow.protocolNumber,
          listeners: listenerRefs(lb),
        }));
  if (!listener) return noListener(t, spec, base, sent, lb, req.port, transport);
  if (req.target === undefined) return base;
  if (req.target === 'all') return throughAll(t, spec, req, base, sent, listener, direct, startReply);
  const client = clientAddress(leg1.events, node.eni) ?? sent.src;
  const target = behind(listener, req.target.target);
  const leg = legTwo(t, spec, lb, listener, node, target, client, transport, startReply);
  const both = combine(t, spec, base, leg);
  // a network load balancer's alb target: on through the application load balancer (load-balancer-chain.ts)
  return isAlbTarget(target) && leg.verdict === 'ACCEPT' ? albLeg(t, spec, both, target, node, target.inner, startReply) : both;
}

/**
 * `<lb>:<port>`: through the listener to every target, each traced on its own (with cross-zone load balancing off,
 * through the node of its zone). ACCEPT only when every target is reached; the trace shown is the first that fails.
 */
function throughAll(
  t: M.Topology,
  spec: LbSpec,
  req: LbRequest,
  base: TraceResult,
  sent: Packet,
  listener: M.Listener,
  direct: DirectTrace,
  startReply: StartReply,
): TraceResult {
  // an alb target stands for every target of the application load balancer's listener on its port
  const targets = listenerTargets(listener).flatMap((x) =>
    isAlbTarget(x) && albTargets(x).length ? albTargets(x).map((inner) => ({ ...x, inner }) as M.Target) : [x],
  );
  if (targets.length === 0)
    return rejectAtLb(t, spec, base, sent, req.lb, 'LB_NO_TARGETS', () => ({
      type: 'load-balancer',
      action: 'no-targets',
      loadBalancer: req.lb.id,
      ...listenerOf(listener),
    }));
  const each = targets.map((x) => traceLoadBalancer(t, spec, { lb: req.lb, port: req.port, target: { target: x, input: targetName(x) } }, direct, startReply));
  const failing = each.filter((r) => r.verdict !== 'ACCEPT');
  const shown = failing[0] ?? each[0]!;
  const all = each.flatMap((r) => r.loadBalancer?.targets ?? []);
  const targetsFailing =
    failing.length && each.length > 1
      ? { target: String(shown.loadBalancer?.targets?.[0]?.target ?? shown.to.id), failing: failing.length, of: each.length }
      : undefined;
  return {
    ...shown,
    verdict: failing.length ? 'REJECT' : 'ACCEPT',
    to: { ...base.to },
    ...(shown.blocking && targetsFailing ? { blocking: { ...shown.blocking, targets: targetsFailing } } : {}),
    loadBalancer: { ...shown.loadBalancer!, targets: all },
  };
}

/** Whether the client is IPv6: an IPv6 address, or an interface with IPv6 addresses and no IPv4 one. */
function isIpv6Client(t: M.Topology, from: string): boolean {
  const ip = parseIp(from.trim());
  if (ip.ok) return typeof ip.value === 'bigint';
  const eni = endpointEni(t, from);
  return eni !== undefined && eni.privateIp === undefined && eni.ipv6Addresses.length > 0;
}

function transportOf(protocol: string | number | undefined): number | undefined {
  const p = String(protocol ?? 'tcp').toLowerCase();
  if (p === 'tcp' || p === '6') return PROTO.TCP;
  if (p === 'udp' || p === '17') return PROTO.UDP;
  return undefined;
}

/** TCP or UDP per listener protocol (TCP_UDP: both). */
export function listenerTransports(protocol: string): number[] {
  if (protocol === 'TCP_UDP') return [PROTO.TCP, PROTO.UDP];
  return protocol === 'UDP' ? [PROTO.UDP] : [PROTO.TCP];
}

/**
 * The node the client reaches. DNS answers with every node's address; vpcsim takes the node in the client's zone,
 * else the first. With cross-zone load balancing off, a node forwards only to targets in its own zone
 * (how-elastic-load-balancing-works.html#cross-zone-load-balancing), so a trace to a named target uses that zone's node.
 */
function pickNode(t: M.Topology, lb: M.LoadBalancer, spec: LbSpec, req: LbRequest, listener: M.Listener | undefined): M.LoadBalancerNode {
  const named = typeof req.target === 'object' ? targetZone(req.target.target) : undefined;
  if (!lb.crossZone && named && listener) {
    const n = lb.nodes.find((x) => x.subnet.az === named);
    if (n) return n;
  }
  const from = endpointEni(t, spec.from);
  return lb.nodes.find((x) => from && x.subnet.az === from.subnet.az && x.subnet.vpc === from.vpc) ?? lb.nodes[0]!;
}

function targetZone(x: M.Target): string | undefined {
  return x.eni?.subnet.az;
}

/** The client address the node saw (after any NAT on the way): the source of the packet its interface received. */
function clientAddress(events: InterfaceEvent[], eni: M.NetworkInterface): Addr | undefined {
  for (const e of events) if (e.eni === eni && e.flowDirection === 'ingress' && e.direction === 'forward') return e.packet.src;
  return undefined;
}

/** The named target as the listener forwards to it (its registered port), or an unregistered stand-in. */
function behind(l: M.Listener, x: M.Target): M.Target {
  const addr = x.ip ?? x.eni?.privateIp;
  const same = (y: M.Target) => (x.eni && y.eni === x.eni) || (addr !== undefined && (y.ip ?? y.eni?.privateIp) === addr);
  const targets = listenerTargets(l);
  // the application load balancer itself (--to <alb> --via <nlb>, or one of <nlb>:<port>'s targets)
  const alb = targets.find((y) => isAlbTarget(y) && x.loadBalancer === y.loadBalancer);
  if (alb) return { ...alb, ...(isAlbTarget(x) && x.inner ? { inner: x.inner } : {}) } as AlbTarget;
  const hit = targets.find(same);
  if (hit) return hit;
  // a target of an alb target's listener: reached through both load balancers
  for (const y of targets) {
    const inner = isAlbTarget(y) ? albTargets(y).find(same) : undefined;
    if (inner) return { ...(y as AlbTarget), inner } as AlbTarget;
  }
  const pseudo: Unregistered = { ...x, unregistered: true };
  return pseudo;
}

function listenerTargets(l: M.Listener): M.Target[] {
  if (l.loadBalancer.type === 'classic')
    return l.loadBalancer.instances.map((i) => ({ type: 'instance' as const, instance: i, eni: i.primary, port: l.instancePort!, src: i.src }));
  return l.targetGroup?.targets ?? [];
}

function toSummary(spec: LbSpec, req: LbRequest, leg1: TraceResult): EndpointSummary {
  if (typeof req.target === 'object') {
    const x = req.target.target;
    const id = x.instance?.id ?? (x.eni ? x.eni.id : undefined);
    const ip = x.ip ?? x.eni?.privateIp;
    return { input: spec.to, kind: 'interface', ...(id ? { id } : {}), ip: ip !== undefined ? formatAddr(ip) : leg1.to.ip };
  }
  return { ...leg1.to, input: spec.to, id: req.lb.id };
}

export type { DirectTrace };
