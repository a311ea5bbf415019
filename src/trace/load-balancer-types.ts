// The `loadBalancer` part of a trace result (JSON: docs/json.md). Only present when the flow involves a load balancer.

export interface LoadBalancerLeg {
  /** client-to-listener: the client's connection to a node; listener-to-target: the node's connection to the target */
  leg: 'client-to-listener' | 'listener-to-target' | 'health-check';
  verdict: 'ACCEPT' | 'REJECT';
  blockedBy: string | null;
  reason: string | null;
  /** the load balancer whose leg this is, when it is not the one the client reached (an alb target's own listener leg) */
  loadBalancer?: string;
}

export interface LoadBalancerTargetResult {
  /** the instance id, or the ip target's address */
  target: string;
  ip: string | null;
  port: number;
  zone: string | null;
  verdict: 'ACCEPT' | 'REJECT';
  blockedBy: string | null;
  reason: string | null;
  /** the source address the target sees: the node's private address, or the client's (client IP preservation) */
  sourceIp: string;
  clientIpPreserved: boolean;
  /** the application load balancer the target was reached through (a network load balancer's alb target) */
  via?: string;
}

export interface LoadBalancerLegs {
  id: string;
  type: 'application' | 'network' | 'classic';
  scheme: 'internet-facing' | 'internal';
  /** the node the client reached */
  node: { interfaceId: string; subnet: string; az: string; privateIp: string; publicIp?: string /** dualstack: the node's IPv6 address */; ipv6?: string };
  /** the listener that matched the protocol and port; null when none did */
  listener: { id: string; protocol: string; port: number } | null;
  legs: LoadBalancerLeg[];
  /** the targets leg 2 was traced to (every target for `--to <lb>:<port>`); the one shown in forward/return is the first that failed, else the first */
  targets?: LoadBalancerTargetResult[];
}
