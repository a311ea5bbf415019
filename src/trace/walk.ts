// What the steps through one component (inspection, Direct Connect) need of the packet walk: the Walk's state and the
// calls they make back into it, as an interface, and the walk's shared types. engine.ts implements it; the component
// modules take it, so they depend on this leaf module and not on the engine that calls them.
import type * as M from '../bind/model.js';
import type { Addr } from '../net/ip.js';
import { hasPorts, isIcmp, PROTO, protocolName } from '../bind/rules.js';
import type { Blocking, Decision, Hop, Packet, StepDetail, Traffic } from './types.js';

/** How the packet entered the VPC it is in: edge-to-edge rules depend on it. */
export type Origin = 'vpc' | 'internet' | 'peering' | 'vpn' | 'direct-connect' | 'tgw' | 'service';

export type Exit =
  | { type: 'delivered'; eni: M.NetworkInterface; packet: Packet }
  | { type: 'internet'; gateway: M.InternetGateway | M.EgressOnlyInternetGateway; packet: Packet }
  | { type: 'on-premises-vgw'; conn: M.VpnConnection; packet: Packet }
  | { type: 'on-premises-dx'; vif: M.VirtualInterface; packet: Packet }
  | { type: 'on-premises-tgw'; attachment: M.TransitGatewayAttachment; packet: Packet }
  | { type: 'service'; endpoint: M.VpcEndpoint; packet: Packet }
  | { type: 'peer-tgw'; attachment: M.TransitGatewayAttachment; packet: Packet }
  | { type: 'link-local'; service: string; packet: Packet };

/** An address translation made by an interface: the reply's destination maps back to the original source. */
export interface NatEntry {
  eni: M.NetworkInterface;
  translated: Addr;
  port: number;
  original: Addr;
  originalPort: number;
  /** NAT64: the reply's IPv4 source goes back into 64:ff9b::/96 */
  nat64?: boolean;
}

/** What stateful components remember of the forward flow. A flow touches few of each, so plain arrays. */
export interface ConnTrack {
  /** interfaces whose security groups admitted the forward flow: the reply passes them */
  sgAllowed: M.NetworkInterface[];
  nat: NatEntry[];
  /** egress-only gateways the forward flow left through */
  egressOnly: M.EgressOnlyInternetGateway[];
  /** appliance-mode attachments the forward flow entered a VPC by, and the interface (zone) it used */
  appliance: { att: M.TransitGatewayAttachment; eni: M.NetworkInterface }[];
}

export function newConnTrack(): ConnTrack {
  return { sgAllowed: [], nat: [], egressOnly: [], appliance: [] };
}

/** The walk as the component steps see it (engine.ts's Walk implements it). */
export interface WalkSteps {
  readonly t: M.Topology;
  readonly ct: ConnTrack;
  readonly hops: Hop[];
  readonly isReply: boolean;
  verdict: 'ACCEPT' | 'REJECT' | undefined;
  exit: Exit | undefined;
  /** the route-table hops that chose a way out of a VPC or transit gateway (not the local route), in order */
  readonly steering: number[];
  /** every route-table hop, in order */
  readonly routed: number[];
  step(component: string, kind: string, flow: Hop['flow'], decision: Decision, step: () => StepDetail, pkt: Packet, extra?: Partial<Hop>): Hop | undefined;
  rule(src: M.Src | undefined, fallbackText: string | (() => string), owner?: string): Hop['rule'];
  rejectStep(
    component: string,
    kind: string,
    flow: Hop['flow'],
    decision: Decision,
    reason: string,
    step: () => StepDetail,
    pkt: Packet,
    extra?: Partial<Hop>,
  ): false;
  accept(exit: Exit): true;
  cross(
    from: M.Subnet | undefined,
    to: M.Subnet | undefined,
    pkt: Packet,
    fromEni?: M.NetworkInterface,
    toEni?: M.NetworkInterface,
    trafficPath?: number,
  ): boolean;
  route(subnet: M.Subnet, pkt: Packet, fromEni: M.NetworkInterface | undefined, origin: Origin): boolean;
  arrive(eni: M.NetworkInterface, pkt: Packet, origin: Origin): boolean;
  intoVpcFromVgw(vgw: M.VpnGateway, pkt: Packet, links: string[], origin: Origin): boolean;
  tgwRoute(att: M.TransitGatewayAttachment, pkt: Packet, az: string | undefined): boolean;
}

/** A rule's match (protocol, ports, ICMP type and code) against a packet. */
export function matches(m: M.Match, p: Packet): boolean {
  if (m.protocol !== -1 && m.protocol !== p.protocol) return false;
  if (m.ports && hasPorts(p.protocol) && (p.dstPort < m.ports.from || p.dstPort > m.ports.to)) return false;
  if (m.protocol !== -1 && isIcmp(m.protocol)) {
    if (m.icmpType !== -1 && m.icmpType !== p.icmpType) return false;
    if (m.icmpCode !== -1 && m.icmpCode !== p.icmpCode) return false;
  }
  return true;
}

/** The traffic of a packet as a filter sees it, for a step. */
export function trafficOf(p: Packet): Traffic {
  if (hasPorts(p.protocol)) return { protocol: p.protocol, port: p.dstPort };
  if (isIcmp(p.protocol)) return { protocol: p.protocol, icmpType: p.icmpType, icmpCode: p.icmpCode };
  return { protocol: p.protocol };
}

export function describe(p: Packet): string {
  if (p.protocol === PROTO.ALL_PROBE) return 'traffic of any protocol';
  if (hasPorts(p.protocol)) return `${protocolName(p.protocol)}/${p.dstPort}`;
  if (isIcmp(p.protocol)) return `${protocolName(p.protocol)} type ${p.icmpType} code ${p.icmpCode}`;
  return `protocol ${protocolName(p.protocol)}`;
}

/** Why a walk rejected, as data: the path it is (a reply's is `return`). */
export function blockingOf(reply: boolean): Blocking {
  return { path: reply ? 'return' : 'forward' };
}
