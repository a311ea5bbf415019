// Destination identity: a trace is ACCEPT only if the packet reaches the resource that was asked for, and its reply
// reaches the interface that sent it. Routing works on addresses alone, so with overlapping or more specific routes
// a packet can be delivered to another host with the same address, or leave the network entirely.
// https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html — "Unicast reverse path forwarding in VPC
// peering connections is not supported"; https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html
import type * as M from '../bind/model.js';
import { formatAddr } from '../net/ip.js';
import type { Endpoint } from './endpoints.js';
import { ownerId, sameResource, type Exit, type Walk } from './engine.js';
import type { Misdirection, Reached } from './steps-edges.js';
import type { Packet } from './types.js';

/** The packet was carried somewhere other than the resource named in --to. */
export const DESTINATION_NOT_REACHED = 'DESTINATION_NOT_REACHED';
/** The reply was carried somewhere other than the interface that opened the connection. */
export const REPLY_DELIVERED_ELSEWHERE = 'REPLY_DELIVERED_ELSEWHERE';

/** Where a walk that ended in `exit` left the packet. */
export function whereWent(exit: Exit): Reached {
  switch (exit.type) {
    case 'delivered':
      return { type: 'delivered', target: ownerId(exit.eni), address: formatAddr(exit.packet.dst), vpc: exit.eni.vpc.id };
    case 'internet':
      return { type: 'internet', vpc: exit.gateway.vpc.id, gateway: exit.gateway.id };
    case 'on-premises-vgw':
      return { type: 'on-premises', via: exit.conn.id };
    case 'on-premises-tgw':
      return { type: 'on-premises', via: exit.attachment.vpnConnection?.id ?? exit.attachment.directConnectGateway?.id ?? exit.attachment.id };
    case 'on-premises-dx':
      return { type: 'direct-connect', virtualInterface: exit.vif.id };
    case 'service':
      return { type: 'service', service: exit.endpoint.service, endpoint: exit.endpoint.id };
    case 'peer-tgw':
      return {
        type: 'peer-tgw',
        attachment: exit.attachment.id,
        ...(exit.attachment.peerTransitGateway !== undefined ? { peerTransitGateway: exit.attachment.peerTransitGateway } : {}),
      };
    case 'link-local':
      return { type: 'link-local', service: exit.service };
  }
}

function reached(exit: Exit, to: Endpoint): boolean {
  if (to.type === 'interface') return exit.type === 'delivered' && sameResource(exit.eni, to.eni);
  // a peer transit gateway outside the file may lead to the on-premises network: not evidence that it does not
  if (to.type === 'on-premises')
    return exit.type === 'on-premises-vgw' || exit.type === 'on-premises-dx' || exit.type === 'on-premises-tgw' || exit.type === 'peer-tgw';
  // nothing answers at another VPC's Amazon DNS address
  if (to.type === 'address') return false;
  return true;
}

function arrivedAt(eni: M.NetworkInterface, pkt: Packet): Reached {
  return { type: 'arrived', target: ownerId(eni), address: formatAddr(pkt.dst), vpc: eni.vpc.id };
}

/** The resource a walk must reach: as the flow named it, with its owner and VPC when it is an interface. */
function expected(to: Endpoint): Misdirection['expected'] {
  if (to.type === 'interface') return { input: to.input, owner: ownerId(to.eni), vpc: to.eni.vpc.id };
  if (to.type === 'address') return { input: to.input, vpc: to.vpc.id, dnsOf: true };
  return { input: to.input };
}

/** The interface that opened the connection, as the reply must reach it. */
function sender(eni: M.NetworkInterface): Misdirection['expected'] {
  return { input: ownerId(eni), owner: ownerId(eni), vpc: eni.vpc.id };
}

/** Before the walks: the interface each must end at. The walk stops at a host with the address that is not it. */
export function expectForward(fwd: Walk, to: Endpoint): void {
  if (to.type !== 'interface' || to.addr !== undefined) return;
  fwd.expect = {
    eni: to.eni,
    reason: DESTINATION_NOT_REACHED,
    why: (eni, pkt) => ({ reply: false, address: formatAddr(pkt.dst), expected: expected(to), reached: arrivedAt(eni, pkt) }),
  };
}

export function expectReply(ret: Walk, from: Endpoint): void {
  if (from.type !== 'interface') return;
  ret.expect = {
    eni: from.eni,
    reason: REPLY_DELIVERED_ELSEWHERE,
    why: (eni, pkt) => ({ reply: true, address: formatAddr(pkt.dst), expected: sender(from.eni), reached: arrivedAt(eni, pkt) }),
  };
}

/**
 * Forward: a destination named by id must receive the packet. A bare IP is followed wherever it leads (the resource
 * reached is reported in `to.id`), except that an on-premises address must leave to on-premises.
 */
export function checkForward(fwd: Walk, to: Endpoint): void {
  const exit = fwd.exit;
  if (fwd.verdict !== 'ACCEPT' || !exit) return;
  if (to.type === 'interface' && to.addr !== undefined) return;
  if (reached(exit, to)) return;
  fwd.misdirected(DESTINATION_NOT_REACHED, () => ({ reply: false, address: formatAddr(exit.packet.dst), expected: expected(to), reached: whereWent(exit) }));
}

/** Return: the reply must come back to the interface (or on-premises network) that opened the connection. */
export function checkReply(ret: Walk, from: Endpoint): void {
  const exit = ret.exit;
  if (ret.verdict !== 'ACCEPT' || !exit) return;
  if (from.type !== 'interface' && from.type !== 'on-premises') return;
  if (exit.type === 'link-local' || reached(exit, from)) return;
  const named = from.type === 'interface' ? sender(from.eni) : { input: from.input };
  ret.misdirected(REPLY_DELIVERED_ELSEWHERE, () => ({ reply: true, address: formatAddr(exit.packet.dst), expected: named, reached: whereWent(exit) }));
}

/** The id of the resource a bare-IP --to reached, else the one its address belongs to in the file. */
export function reachedId(to: Endpoint, exit: Exit | undefined): string | undefined {
  if (to.type !== 'interface') return undefined;
  if (to.addr === undefined) return to.input;
  return exit?.type === 'delivered' ? ownerId(exit.eni) : ownerId(to.eni);
}
