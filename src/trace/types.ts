// The shape of a trace, after Batfish: a Trace is a list of Hops, each one component the packet met,
// what it did there, and the rule that decided.
import type { Addr } from '../net/ip.js';
import type { NetworkInterface, Src } from '../bind/model.js';
import type { LoadBalancerLegs } from './load-balancer-types.js';
import type { StepDetail } from './steps.js';
import type { Misdirection } from './steps-edges.js';

export type * from './steps.js';

export type Verdict = 'ACCEPT' | 'REJECT';

/** What a component did with the packet. */
export type Decision =
  | 'ALLOW' // a security group or network ACL let it through
  | 'DENY' // a security group or network ACL stopped it
  | 'ROUTE' // a route table chose a next hop
  | 'FORWARD' // a gateway or connection carried it on
  | 'NAT' // an address was translated
  | 'DELIVER' // it reached its destination
  | 'EXIT' // it left the simulated network (internet, on-premises, an AWS service)
  | 'DROP'; // a router or gateway discarded it

export interface RuleRef {
  /** the rule as written in the file, or a description of an implicit rule */
  text: string;
  file?: string;
  line?: number;
  col?: number;
  /** for a topology imported from an AWS dump: the JSONPath, in `file`, of the resource that holds the rule */
  at?: string;
  /** the id of the resource that holds the rule (a security group of several) */
  owner?: string;
}

export interface Packet {
  protocol: number;
  src: Addr;
  dst: Addr;
  srcPort: number;
  dstPort: number;
  icmpType: number;
  icmpCode: number;
}

export interface Hop {
  /** the component's id as written in the topology (implicit ones: `<vpc>:main-rtb`, `<vpc>:default-acl`, …) */
  component: string;
  /** the component's `name` (an imported Name tag), when it has one other than its id */
  name?: string;
  kind: string;
  direction: 'forward' | 'return';
  /** where the packet is relative to the component: ingress, egress, or '-' */
  flow: 'ingress' | 'egress' | '-';
  decision: Decision;
  /** what happened, as text: only on hops whose `step` is not typed yet (src/render/trace-detail.ts writes the others) */
  detail?: string;
  rule?: RuleRef;
  /** the packet's addresses as the component saw them */
  packet: { src: string; dst: string; srcPort: number; dstPort: number };
  reason?: string;
  /** the suggested change, on the hop that rejected */
  fix?: string;
  /** what the component did, as data (src/trace/steps.ts); absent when the trace was run without explanations */
  step?: StepDetail;
  /**
   * on the hop blamed when the packet was carried somewhere other than asked (DESTINATION_NOT_REACHED,
   * REPLY_DELIVERED_ELSEWHERE): where it went, as data; --json carries it as this hop's `fix` and the `explanation`
   */
  misdirected?: Misdirection;
}

export interface PathResult {
  verdict: Verdict;
  hops: Hop[];
  /** the hop index that rejected, if any */
  blockedAt?: number;
}

/** A flow-log observation: the packet crossing one interface. */
export interface InterfaceEvent {
  eni: NetworkInterface;
  flowDirection: 'ingress' | 'egress';
  packet: Packet;
  action: 'ACCEPT' | 'REJECT';
  direction: 'forward' | 'return';
  /** traffic-path for egress records (flow log v5) */
  trafficPath?: number;
}

export interface FlowSummary {
  protocol: string;
  protocolNumber: number;
  srcIp: string;
  srcPort: number;
  dstIp: string;
  dstPort: number;
  icmpType?: number;
  icmpCode?: number;
}

export interface TraceResult {
  verdict: Verdict;
  flow: FlowSummary;
  from: EndpointSummary;
  to: EndpointSummary;
  forward: PathResult;
  return: PathResult | null;
  blockedBy: string | null;
  reason: string | null;
  /** null as trace() returns it: render/trace-explanation.ts explanationText() writes the sentence from `blocking` */
  explanation: string | null;
  /** why the verdict is REJECT, as data (absent on ACCEPT, and when the run recorded no hops) */
  blocking?: Blocking;
  /** the flow-log records: empty as trace() returns it; render/flow-logs.ts withFlowLogs() writes them from `events` */
  flowLogs: string[];
  /** the interfaces both packets crossed, in order: what flow-log records are written from */
  events: InterfaceEvent[];
  /** set when the flow goes to or through a load balancer: the node, listener and both legs (docs/load-balancers.md) */
  loadBalancer?: LoadBalancerLegs;
}

/**
 * A load balancer target's security group refused the load balancer's traffic: the address the target sees, and the
 * rule that would admit it. `client-ip-preserved`: a network load balancer keeps the client's address
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html#client-ip-preservation);
 * `node-address`: the target sees the node's address.
 */
export interface TargetSecurityGroupHint {
  kind: 'client-ip-preserved' | 'node-address';
  target: string;
  /** the source address the target sees */
  source: string;
  node: string;
  loadBalancer: string;
  /** the load balancer's first security group, when it has one */
  securityGroup?: string;
}

/** Why a trace is REJECT, as data; render/trace-explanation.ts writes the `explanation` sentence from it. */
export interface Blocking {
  /** the path that holds the blocking hop (the hop at that path's `blockedAt`) */
  path: 'forward' | 'return';
  hint?: TargetSecurityGroupHint;
  /** `<lb>:<port>` with several targets: the target whose trace is shown, and how many of how many fail */
  targets?: { target: string; failing: number; of: number };
}

export interface EndpointSummary {
  input: string;
  /** the `name` of the resource named in the input, when it has one other than the input */
  name?: string;
  /** `address`: an address inside a VPC that nothing answers at (another VPC's Amazon DNS address) */
  kind: 'interface' | 'internet' | 'on-premises' | 'service' | 'link-local' | 'address';
  id?: string;
  ip: string;
}

export type { Src };
