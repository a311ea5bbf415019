// A Network Load Balancer with an Application Load Balancer as its target (target type `alb`): the network load
// balancer's node connects to a node of the application load balancer on the target's port, which must be a listener
// port of the application load balancer; that listener then forwards to its own targets as any application load
// balancer does (a new connection from its node). https://docs.aws.amazon.com/elasticloadbalancing/latest/network/application-load-balancer-target.html
import type * as M from '../bind/model.js';
import { PROTO } from '../bind/rules.js';
import { formatAddr } from '../net/ip.js';
import { newConnTrack, Walk } from './engine.js';
import { combine, legTwo, type LegSpec, listenerRefs, type StartReply } from './load-balancer-legs.js';
import type { Packet, TraceResult } from './types.js';
import { type AlbTarget, albListener, albNode } from './load-balancer-alb.js';

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
  w.rejectStep(
    alb.id,
    'load-balancer',
    'ingress',
    'DROP',
    'LB_NO_LISTENER',
    () => ({
      type: 'load-balancer',
      action: 'no-listener',
      loadBalancer: alb.id,
      protocol: PROTO.TCP,
      port: x.port,
      listeners: listenerRefs(alb),
      albTargetOf: String(r.loadBalancer?.id),
    }),
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
