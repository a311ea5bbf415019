// An `alb` target of a Network Load Balancer as data: which Application Load Balancer node the network load balancer's
// node reaches, and on which listener. The legs (load-balancer-legs.ts) and the chain (load-balancer-chain.ts) both
// read it. https://docs.aws.amazon.com/elasticloadbalancing/latest/network/application-load-balancer-target.html
import type * as M from '../bind/model.js';

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
export function albListener(x: AlbTarget): M.Listener | undefined {
  return x.loadBalancer.listeners.find((l) => l.port === x.port);
}

/** The targets of the application load balancer's listener that the registered `alb` target leads to. */
export function albTargets(x: AlbTarget): M.Target[] {
  return albListener(x)?.targetGroup?.targets ?? [];
}
