// Destination identity: a trace is ACCEPT only if the packet reaches the resource that was asked for, and its reply
// reaches the interface that sent it. Routing works on addresses alone, so with overlapping or more specific routes
// a packet can be delivered to another host with the same address, or leave the network entirely.
// https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html — "Unicast reverse path forwarding in VPC
// peering connections is not supported"; https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html
import type * as M from '../bind/model.js';
import { formatAddr } from '../net/ip.js';
import type { Endpoint } from './endpoints.js';
import { ownerId, sameResource, type Exit, type Walk } from './engine.js';
import type { Packet } from './types.js';

/** The packet was carried somewhere other than the resource named in --to. */
export const DESTINATION_NOT_REACHED = 'DESTINATION_NOT_REACHED';
/** The reply was carried somewhere other than the interface that opened the connection. */
export const REPLY_DELIVERED_ELSEWHERE = 'REPLY_DELIVERED_ELSEWHERE';

/** Where a walk that ended in `exit` left the packet, in words. */
export function whereWent(exit: Exit): string {
  switch (exit.type) {
    case 'delivered':
      return `was delivered to ${ownerId(exit.eni)} (${formatAddr(exit.packet.dst)} in ${exit.eni.vpc.id})`;
    case 'internet':
      return `left ${exit.gateway.vpc.id} to the internet through ${exit.gateway.id}`;
    case 'on-premises-vgw':
      return `left to on-premises over ${exit.conn.id}`;
    case 'on-premises-tgw':
      return `left to on-premises over ${exit.attachment.vpnConnection?.id ?? exit.attachment.directConnectGateway?.id ?? exit.attachment.id}`;
    case 'on-premises-dx':
      return `left to on-premises over Direct Connect (${exit.vif.id})`;
    case 'service':
      return `went to ${exit.endpoint.service} through ${exit.endpoint.id}`;
    case 'peer-tgw':
      return `left toward peer transit gateway ${exit.attachment.peerTransitGateway ?? '?'} over ${exit.attachment.id}`;
    case 'link-local':
      return `was answered by ${exit.service} on the host`;
  }
}

function blameText(w: Walk): string {
  const at = w.steering.at(-1) ?? w.routed.at(-1);
  const h = at === undefined ? undefined : w.hops[at];
  return h ? `: ${h.component} routed it (${h.rule?.text ?? h.detail})` : '';
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

function arrivedAt(eni: M.NetworkInterface, pkt: Packet): string {
  return `arrives at ${ownerId(eni)} (${formatAddr(pkt.dst)} in ${eni.vpc.id})`;
}

/** Before the walks: the interface each must end at. The walk stops at a host with the address that is not it. */
export function expectForward(fwd: Walk, to: Endpoint): void {
  if (to.type !== 'interface' || to.addr !== undefined) return;
  const named = to.input === ownerId(to.eni) ? `${to.input} in ${to.eni.vpc.id}` : `${to.input} (${ownerId(to.eni)} in ${to.eni.vpc.id})`;
  fwd.expect = {
    eni: to.eni,
    reason: DESTINATION_NOT_REACHED,
    why: (eni, pkt) => [
      `The packet never reaches ${named}: it ${arrivedAt(eni, pkt)}${blameText(fwd)}.`,
      `make the route toward ${formatAddr(pkt.dst)} lead to ${named} (a more specific or overlapping route sends it elsewhere)`,
    ],
  };
}

export function expectReply(ret: Walk, from: Endpoint): void {
  if (from.type !== 'interface') return;
  const named = `${ownerId(from.eni)} in ${from.eni.vpc.id}`;
  ret.expect = {
    eni: from.eni,
    reason: REPLY_DELIVERED_ELSEWHERE,
    why: (eni, pkt) => [
      `The reply is blocked: it never reaches ${named}, which opened the connection; it ${arrivedAt(eni, pkt)}${blameText(ret)}. AWS does not check the reverse path (no unicast RPF over peering), so the reply follows the routes toward ${formatAddr(pkt.dst)}.`,
      `make the route toward ${formatAddr(pkt.dst)} lead back to ${named}`,
    ],
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
  const named =
    to.type === 'interface'
      ? to.input === ownerId(to.eni)
        ? `${to.input} in ${to.eni.vpc.id}`
        : `${to.input} (${ownerId(to.eni)} in ${to.eni.vpc.id})`
      : to.type === 'address'
        ? `${to.input} (the Amazon DNS address of ${to.vpc.id}, which answers only its own VPC)`
        : to.input;
  fwd.misdirected(DESTINATION_NOT_REACHED, () => [
    `The packet never reaches ${named}: it ${whereWent(exit)}${blameText(fwd)}.`,
    `make the route toward ${formatAddr(exit.packet.dst)} lead to ${named} (a more specific or overlapping route sends it elsewhere)`,
  ]);
}

/** Return: the reply must come back to the interface (or on-premises network) that opened the connection. */
export function checkReply(ret: Walk, from: Endpoint): void {
  const exit = ret.exit;
  if (ret.verdict !== 'ACCEPT' || !exit) return;
  if (from.type !== 'interface' && from.type !== 'on-premises') return;
  if (exit.type === 'link-local' || reached(exit, from)) return;
  const named = from.type === 'interface' ? `${ownerId(from.eni)} in ${from.eni.vpc.id}` : from.input;
  ret.misdirected(REPLY_DELIVERED_ELSEWHERE, () => [
    `The reply is blocked: it never reaches ${named}, which opened the connection; it ${whereWent(exit)}${blameText(ret)}. AWS does not check the reverse path (no unicast RPF over peering), so the reply follows the routes toward ${formatAddr(exit.packet.dst)}.`,
    `make the route toward ${formatAddr(exit.packet.dst)} lead back to ${named}`,
  ]);
}

/** The id of the resource a bare-IP --to reached, else the one its address belongs to in the file. */
export function reachedId(to: Endpoint, exit: Exit | undefined): string | undefined {
  if (to.type !== 'interface') return undefined;
  if (to.addr === undefined) return to.input;
  return exit?.type === 'delivered' ? ownerId(exit.eni) : ownerId(to.eni);
}
