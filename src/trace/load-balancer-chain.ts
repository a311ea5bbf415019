// A Network Load Balancer with an Application Load Balancer as its target (target type `alb`): the network load
// balancer's node connects to a node of the application load balancer on the target's port, which must be a listener
// port of the application load balancer; that listener then forwards to its own targets as any application load
// balancer does (a new connection from its node). https://docs.aws.amazon.com/elasticloadbalancing/latest/network/application-load-balancer-target.html
import type * as M from '../bind/model.js';
import { PROTO } from '../bind/rules.js';
import { formatAddr } from '../net/ip.js';
import { newConnTrack, Walk } from './engine.js';
import { combine, legTwo, type LegSpec, type StartReply } from './load-balancer-legs.js';
import type { Packet, TraceResult } from './types.js';

/** An `alb` target as the network load balancer's node reaches it, with the target the trace is after behind it. */
export type AlbTarget = M.Target & { type: 'alb'; loadBalancer: M.LoadBalancer; inner?: M.Target };

export const isAlbTarget = (x: M.Target): x is AlbTarget => x.type === 'alb' && x.loadBalancer !== undefined;

/**
 * The application load balancer's node the network load balancer's node connects to: the one in its own zone (the
 * two load balancers' zones are each other's; with cross-zone load balancing off a node serves its own zone), else
 * the first. Which node AWS picks is not documented beyond that: this is vpcsim's choice.
 */
export function albNode(x: AlbTarget, from: M.LoadBalancerNode): M.LoadBalancerNode {
  return x.loadBalancer.nodes.find((n) => n.subnet.az === from.subnet.az) ?? x.loadBalancer.nodes[0]!;
}

/** The `alb` target as an address target: the application load balancer's node interface, on the target's port. */
export function albAsAddress(x: AlbTarget, from: M.LoadBalancerNode): M.Target {
  const n = albNode(x, from);
  return { type: 'ip', eni: n.eni, ip: n.eni.privateIp, port: x.port, src: x.src };
}

/** The listener of the application load balancer on the target's port (TCP: alb target groups are TCP). */
function albListener(x: AlbTarget): M.Listener | undefined {
  return x.loadBalancer.listeners.find((l) => l.port === x.port);
}

/** The targets of the application load balancer's listener that the registered `alb` target leads to. */
export function albTargets(x: AlbTarget): M.Target[] {
  return albListener(x)?.targetGroup?.targets ?? [];
}

/**
 * Leg 3, after the network load balancer reached the application load balancer's node: the listener on the target's
 * port ("the port number of this listener matches the port of the target group", application-load-balancer-target.html),
 * then the application load balancer's own connection to `inner`. Without `inner` the trace ends at the listener.
 */
export function albLeg(
  t: M.Topology,
  spec: LegSpec,
  r: TraceResult,
  x: AlbTarget,
  from: M.LoadBalancerNode,
  inner: M.Target | undefined,
  startReply: StartReply,
): TraceResult {
  const alb = x.loadBalancer;
  const node = albNode(x, from);
  const listener = albListener(x);
  if (!listener) return rejectAtAlb(t, spec, r, x, from, node);
  if (!inner) return r;
  const leg = legTwo(t, spec, alb, listener, node, inner, from.eni.privateIp!, PROTO.TCP, startReply);
  const out = combine(t, spec, r, leg);
  const info = out.loadBalancer!;
  const legs = info.legs.map((l, i) => (i === info.legs.length - 1 ? { ...l, loadBalancer: alb.id } : l));
  return { ...out, loadBalancer: { ...info, legs, targets: [{ ...leg.target, via: alb.id }] } };
}

/** No listener of the application load balancer on the alb target's port: the connection is refused at its node. */
function rejectAtAlb(t: M.Topology, spec: LegSpec, r: TraceResult, x: AlbTarget, from: M.LoadBalancerNode, node: M.LoadBalancerNode): TraceResult {
  const alb = x.loadBalancer;
  const pkt: Packet = { protocol: PROTO.TCP, src: from.eni.privateIp!, dst: node.eni.privateIp!, srcPort: 49152, dstPort: x.port, icmpType: 0, icmpCode: 0 };
  const w = new Walk(t, 'forward', newConnTrack(), { explain: spec.explain !== false, events: false });
  const have = alb.listeners.map((l) => `${l.protocol}:${l.port}`).join(', ') || 'none';
  w.reject(
    alb.id,
    'load-balancer',
    'ingress',
    'DROP',
    'LB_NO_LISTENER',
    () => [
      `${alb.id} (the alb target of ${r.loadBalancer?.id}) has no listener on port ${x.port}, the port the target group sends to (listeners: ${have})`,
      `add a listener on port ${x.port} to ${alb.id}, or register it on a listener port (${have})`,
    ],
    pkt,
  );
  const target = {
    target: alb.id,
    ip: formatAddr(node.eni.privateIp!),
    port: x.port,
    zone: node.subnet.az,
    verdict: 'REJECT' as const,
    blockedBy: alb.id,
    reason: 'LB_NO_LISTENER',
    sourceIp: formatAddr(pkt.src),
    clientIpPreserved: false,
  };
  const out = combine(t, spec, r, { verdict: 'REJECT', packet: pkt, fwd: w, ret: null, target });
  const info = out.loadBalancer!;
  const legs = info.legs.map((l, i) => (i === info.legs.length - 1 ? { ...l, loadBalancer: alb.id } : l));
  return { ...out, loadBalancer: { ...info, legs, targets: [target] } };
}
