// Connections a load balancer node opens to a target — proxied traffic and health checks — walked by the tracer's
// engine (src/trace/engine.ts): the node's security groups (outbound), its subnet's route table and network ACL, the
// target's network ACL and security groups (inbound), and the reply back to the node.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html — "Each load
// balancer node routes requests only to the healthy targets"; health checks are sent from the nodes to each target.
import type * as M from '../bind/model.js';
import { DEFAULT_SRC_PORT, PROTO } from '../net/protocol.js';
import { formatAddr } from '../net/ip.js';
import { resolveEndpoint, type Endpoint } from '../trace/endpoints.js';
import { newConnTrack, ownerId, Walk } from '../trace/engine.js';
import { checkForward, checkReply, expectForward, expectReply } from '../trace/identity.js';
import type { Hop, Packet } from '../trace/types.js';

/** The source port of a node's connection: one of the ephemeral range (as the tracer's leg 2 uses). */
const NODE_SRC_PORT = DEFAULT_SRC_PORT;

export interface NodePath {
  verdict: 'ACCEPT' | 'REJECT';
  /** the component that rejected, the reason code, and the hop (undefined when accepted) */
  blockedBy?: string;
  reason?: string;
  hop?: Hop;
  /** which way the rejected packet went */
  direction?: 'forward' | 'return';
  /** the components on the way, each once: 'sg-alb -> rt-public -> acl-public -> …' */
  path: string;
}

/** The address a target is reached at. */
export function targetAddr(target: M.Target): M.NetworkInterface['privateIp'] | bigint | undefined {
  return target.ip ?? target.eni?.privateIp;
}

/** The name a target goes by in messages: its instance, its interface's owner, or its address. */
export function targetLabel(target: M.Target): string {
  if (target.instance) return target.instance.id;
  if (target.eni) return ownerId(target.eni);
  return target.ip !== undefined ? formatAddr(target.ip) : (target.loadBalancer?.id ?? '?');
}

/** A TCP connection from a node's private address to a target on `port`, forward and reply. Undefined when the target has no address. */
export function nodeToTarget(t: M.Topology, node: M.LoadBalancerNode, target: M.Target, port: number): NodePath | undefined {
  const dst = targetAddr(target);
  if (dst === undefined || node.eni.privateIp === undefined) return undefined;
  const opts = { explain: true, events: false };
  const ct = newConnTrack();
  const fwd = new Walk(t, 'forward', ct, opts);
  const pkt: Packet = { protocol: PROTO.TCP, src: node.eni.privateIp, dst, srcPort: NODE_SRC_PORT, dstPort: port, icmpType: 0, icmpCode: 0 };
  let to: Endpoint;
  try {
    to = target.eni ? { type: 'interface', eni: target.eni, input: targetLabel(target) } : resolveEndpoint(t, formatAddr(dst));
  } catch {
    return undefined;
  }
  expectForward(fwd, to);
  fwd.fromInterface(node.eni, pkt, 'vpc');
  checkForward(fwd, to);
  let ret: Walk | undefined;
  if (fwd.verdict === 'ACCEPT' && fwd.exit?.type === 'delivered') {
    ret = new Walk(t, 'return', ct, opts);
    const back: Endpoint = { type: 'interface', eni: node.eni, input: node.eni.id };
    expectReply(ret, back);
    const p = fwd.exit.packet;
    ret.fromInterface(fwd.exit.eni, { ...p, src: p.dst, dst: p.src, srcPort: p.dstPort, dstPort: p.srcPort }, 'vpc');
    checkReply(ret, back);
  }
  const hops = [...fwd.hops, ...(ret?.hops ?? [])];
  const path = hops
    .map((h) => h.component)
    .filter((c, i, a) => a.indexOf(c) === i)
    .join(' -> ');
  const failed = fwd.verdict !== 'ACCEPT' ? fwd : ret && ret.verdict !== 'ACCEPT' ? ret : undefined;
  // a forward walk that left the VPC (an ip target on-premises) has no reply walked here: not judged
  if (!failed && fwd.exit?.type !== 'delivered') return undefined;
  if (!failed) return { verdict: 'ACCEPT', path };
  const hop = failed.blockedAt !== undefined ? failed.hops[failed.blockedAt] : failed.hops[failed.hops.length - 1];
  return {
    verdict: 'REJECT',
    ...(failed.blockedBy ? { blockedBy: failed.blockedBy } : {}),
    ...(failed.reason ? { reason: failed.reason } : {}),
    ...(hop ? { hop } : {}),
    direction: failed.direction,
    path,
  };
}

/** Whether a rejected node-to-target path was refused by the target's own security groups on the way in. */
export function blockedByTargetGroups(p: NodePath, target: M.Target): boolean {
  const h = p.hop;
  return (
    p.verdict === 'REJECT' &&
    p.direction === 'forward' &&
    h?.kind === 'security-group' &&
    h.flow === 'ingress' &&
    (target.eni?.securityGroups.some((g) => g.id === h.component) ?? false)
  );
}

/**
 * The health check port of a target: the group's port, or the target's own (`traffic-port`).
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html (HealthCheckPort)
 */
export function healthCheckPort(tg: M.TargetGroup, target: M.Target): number {
  return tg.healthCheck.port === 'traffic-port' ? target.port : tg.healthCheck.port;
}

/**
 * The nodes that send a target traffic, and whose health checks therefore decide whether they use it. Targets in a
 * zone the load balancer is not enabled in receive nothing ("If you register targets in an Availability Zone but do
 * not enable the Availability Zone, these registered targets do not receive traffic from the load balancer",
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html). With
 * cross-zone load balancing off, "each load balancer node routes requests only to the healthy targets in its
 * Availability Zone" (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html).
 */
export function nodesServing(lb: M.LoadBalancer, target: M.Target): M.LoadBalancerNode[] {
  const zone = target.eni?.vpc === lb.vpc ? target.eni.subnet.az : undefined;
  if (zone && !lb.subnets.some((s) => s.az === zone)) return [];
  if (zone && !lb.crossZone) return lb.nodes.filter((n) => n.subnet.az === zone);
  return lb.nodes;
}
