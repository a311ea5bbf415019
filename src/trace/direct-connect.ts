// Tracing hybrid paths: which link a virtual private gateway uses when it learns a prefix several ways, and traffic over
// AWS Direct Connect (virtual interface → Direct Connect gateway → virtual private gateway or transit gateway). docs/hybrid.md.
import { advertisedPrefixes } from '../bind/direct-connect.js';
import type * as M from '../bind/model.js';
import { type Addr, contains, formatAddr, formatPrefix, type Prefix } from '../net/ip.js';
import type { WalkSteps as Walk } from './walk.js';
import type { DirectConnectRejectStep } from './steps-links.js';
import type { DirectConnectStep, Packet, TransitGatewayAttachmentStep, TransitGatewayRouteStep, VpnGatewayRouteStep } from './types.js';

/** How a virtual private gateway learned a route, best first. */
export type LearnedBy = 'direct-connect-bgp' | 'vpn-static' | 'vpn-bgp';
const PRIORITY: Record<LearnedBy, number> = { 'direct-connect-bgp': 0, 'vpn-static': 1, 'vpn-bgp': 2 };

export interface LearnedRoute {
  readonly prefix: Prefix;
  readonly by: LearnedBy;
  readonly link: M.VpnConnection | M.VirtualInterface;
}

/** Every route a virtual private gateway has toward `dst`: from its VPN connections and its Direct Connect gateway's private virtual interfaces. */
export function vgwRoutes(t: M.Topology, vgw: M.VpnGateway, dst: Addr): LearnedRoute[] {
  const out: LearnedRoute[] = [];
  for (const conn of vgw.connections) {
    for (const p of conn.onPremisesCidrs) if (contains(p, dst)) out.push({ prefix: p, by: conn.staticRoutesOnly ? 'vpn-static' : 'vpn-bgp', link: conn });
  }
  for (const g of t.directConnectGateways) {
    if (!g.associations.some((a) => a.gateway === vgw)) continue;
    for (const v of g.virtualInterfaces) {
      if (v.type !== 'private') continue;
      for (const p of v.onPremisesCidrs) if (contains(p, dst)) out.push({ prefix: p, by: 'direct-connect-bgp', link: v });
    }
  }
  // https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html — longest prefix first; then Direct Connect BGP routes,
  // then VPN static routes, then VPN BGP routes. Equal in both: the first written (AWS does not document the tie).
  return out.sort((a, b) => b.prefix.len - a.prefix.len || PRIORITY[a.by] - PRIORITY[b.by]);
}

/** The route a virtual private gateway chose (the first of `routes`), and why it won over each other one, as a step. */
export function vgwRouteStep(vgw: M.VpnGateway, routes: readonly LearnedRoute[]): VpnGatewayRouteStep {
  const [win, ...rest] = routes as [LearnedRoute, ...LearnedRoute[]];
  const learned = (r: LearnedRoute) => ({ prefix: formatPrefix(r.prefix), by: r.by, link: r.link.id });
  return {
    type: 'vpn-gateway-route',
    gateway: vgw.id,
    chosen: learned(win),
    preferredOver: rest.map((r) => ({
      ...learned(r),
      why: r.prefix.len < win.prefix.len ? 'shorter-prefix' : r.by === win.by ? 'written-later' : 'lower-priority',
    })),
  };
}

/** The packet leaves AWS over a Site-to-Site VPN connection, towards its on-premises networks. */
export function vpnExit(w: Walk, conn: M.VpnConnection, pkt: Packet): void {
  w.step(
    conn.id,
    'vpn-connection',
    '-',
    'EXIT',
    () => ({ type: 'vpn-connection', connection: conn.id, action: 'to-on-premises', onPremisesCidrs: conn.onPremisesCidrs.map(formatPrefix) }),
    pkt,
  );
}

/** A virtual private gateway forwards toward on-premises by the best route it learned; the caller has checked its own rules. */
export function vgwToOnPremises(w: Walk, vgw: M.VpnGateway, pkt: Packet): boolean {
  const routes = vgwRoutes(w.t, vgw, pkt.dst);
  const win = routes[0];
  if (!win) {
    return w.rejectStep(
      vgw.id,
      'vpn-gateway',
      'egress',
      'DROP',
      'NO_ROUTE_TO_DESTINATION',
      () => ({ type: 'vpn-gateway', action: 'no-route', gateway: vgw.id, address: formatAddr(pkt.dst) }),
      pkt,
    );
  }
  w.step(vgw.id, 'vpn-gateway', 'egress', 'FORWARD', () => vgwRouteStep(vgw, routes), pkt);
  if (win.link.kind === 'vpn-connection') {
    const conn = win.link;
    vpnExit(w, conn, pkt);
    return w.accept({ type: 'on-premises-vgw', conn, packet: pkt });
  }
  const vif = win.link;
  const g = vif.directConnectGateway;
  w.step(
    g.id,
    'dx-gateway',
    '-',
    'FORWARD',
    () => ({ type: 'direct-connect-gateway', gateway: g.id, to: 'virtual-interface', virtualInterface: vif.id, vpnGateway: vgw.id }),
    pkt,
  );
  w.step(vif.id, 'virtual-interface', '-', 'EXIT', () => vifExit(vif), pkt);
  return w.accept({ type: 'on-premises-dx', vif, packet: pkt });
}

/**
 * From on-premises over a virtual interface. On-premises can send over Direct Connect only to prefixes the Direct Connect
 * gateway advertises (https://docs.aws.amazon.com/directconnect/latest/UserGuide/allowed-to-prefixes.html).
 */
export function fromVirtualInterface(w: Walk, vif: M.VirtualInterface, pkt: Packet): boolean {
  const g = vif.directConnectGateway;
  w.step(
    vif.id,
    'virtual-interface',
    'ingress',
    'FORWARD',
    () => ({ type: 'virtual-interface', virtualInterface: vif.id, action: 'from-on-premises', interfaceType: vif.type }),
    pkt,
  );
  // https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-gateways-intro.html — private virtual interfaces reach
  // virtual private gateways, transit virtual interfaces reach transit gateways
  const wanted = vif.type === 'private' ? 'vpn-gateway' : 'transit-gateway';
  const assocs = g.associations.filter((a) => a.gateway.kind === wanted);
  const adv = assocs.find((a) => advertisedPrefixes(a).some((p) => contains(p, pkt.dst)));
  if (!adv) return notAdvertised(w, vif, assocs, pkt);
  if (adv.gateway.kind === 'vpn-gateway') {
    const vgw = adv.gateway;
    w.step(
      g.id,
      'dx-gateway',
      'ingress',
      'FORWARD',
      () => ({ type: 'direct-connect-gateway', gateway: g.id, to: 'vpn-gateway', vpnGateway: vgw.id, advertised: advertisedPrefixes(adv).map(formatPrefix) }),
      pkt,
    );
    return w.intoVpcFromVgw(vgw, pkt, [vif.id, g.id], 'direct-connect');
  }
  return overTransitGateway(w, g, adv, adv.gateway, pkt);
}

/** No association advertises the destination to on-premises: which refusal, and why. */
function notAdvertised(w: Walk, vif: M.VirtualInterface, assocs: M.DirectConnectAssociation[], pkt: Packet): boolean {
  const g = vif.directConnectGateway;
  const owner = assocs.find(
    (a) => a.gateway.kind === 'vpn-gateway' && a.gateway.vpc && [...a.gateway.vpc.cidrs, ...a.gateway.vpc.ipv6Cidrs].some((c) => contains(c, pkt.dst)),
  );
  if (owner || assocs.some((a) => a.gateway.kind === 'transit-gateway')) {
    const notAdvertised = (): DirectConnectRejectStep => ({
      type: 'direct-connect-gateway',
      action: 'not-advertised',
      gateway: g.id,
      address: formatAddr(pkt.dst),
      allowedPrefixes: assocs.flatMap((a) => a.allowedPrefixes ?? []).map(formatPrefix),
      ...(owner
        ? { owner: { vpnGateway: owner.gateway.id, vpcCidrs: owner.gateway.kind === 'vpn-gateway' ? owner.gateway.vpc!.cidrs.map(formatPrefix) : [] } }
        : {}),
    });
    return w.rejectStep(g.id, 'dx-gateway', 'ingress', 'DROP', 'DX_PREFIX_NOT_ADVERTISED', notAdvertised, pkt);
  }
  return w.rejectStep(
    g.id,
    'dx-gateway',
    'ingress',
    'DROP',
    'NO_ROUTE_TO_DESTINATION',
    () => ({ type: 'direct-connect-gateway', action: 'no-gateway', gateway: g.id, address: formatAddr(pkt.dst), interfaceType: vif.type }),
    pkt,
  );
}

/** A transit virtual interface's packet: through the Direct Connect gateway's attachment to the transit gateway. */
function overTransitGateway(w: Walk, g: M.DirectConnectGateway, adv: M.DirectConnectAssociation, tgw: M.TransitGateway, pkt: Packet): boolean {
  const att = g.tgwAttachments.find((a) => a.transitGateway === tgw);
  if (!att) {
    return w.rejectStep(
      g.id,
      'dx-gateway',
      'ingress',
      'DROP',
      'BAD_STATE_ATTACHMENT',
      () => ({ type: 'direct-connect-gateway', action: 'no-attachment', gateway: g.id, transitGateway: tgw.id }),
      pkt,
    );
  }
  w.step(
    g.id,
    'dx-gateway',
    'ingress',
    'FORWARD',
    () => ({
      type: 'direct-connect-gateway',
      gateway: g.id,
      to: 'transit-gateway',
      transitGateway: tgw.id,
      attachment: att.id,
      allowedPrefixes: (adv.allowedPrefixes ?? []).map(formatPrefix),
    }),
    pkt,
  );
  return w.tgwRoute(att, pkt, undefined);
}

/** A transit gateway route points at a Direct Connect gateway attachment: out over the transit virtual interface that learned the prefix. */
export function tgwToDirectConnect(w: Walk, att: M.TransitGatewayAttachment, pkt: Packet): boolean {
  const g = att.directConnectGateway!;
  const vifs = g.virtualInterfaces.filter((v) => v.type === 'transit');
  const best = vifs.flatMap((v) => v.onPremisesCidrs.filter((p) => contains(p, pkt.dst)).map((p) => ({ v, p }))).sort((a, b) => b.p.len - a.p.len)[0];
  w.step(
    att.id,
    'tgw-attachment',
    'egress',
    'FORWARD',
    () => ({ type: 'tgw-attachment', attachment: att.id, action: 'to-direct-connect', directConnectGateway: g.id }),
    pkt,
  );
  if (!best) {
    return w.rejectStep(
      g.id,
      'dx-gateway',
      'egress',
      'DROP',
      'NO_ROUTE_TO_DESTINATION',
      () => ({ type: 'direct-connect-gateway', action: 'no-route', gateway: g.id, address: formatAddr(pkt.dst) }),
      pkt,
    );
  }
  w.step(
    g.id,
    'dx-gateway',
    'egress',
    'FORWARD',
    () => ({ type: 'direct-connect-gateway', gateway: g.id, to: 'virtual-interface', virtualInterface: best.v.id, prefix: formatPrefix(best.p) }),
    pkt,
  );
  w.step(best.v.id, 'virtual-interface', '-', 'EXIT', () => vifExit(best.v), pkt);
  return w.accept({ type: 'on-premises-tgw', attachment: att, packet: pkt });
}

/** A reply coming back from on-premises to a transit gateway: over Direct Connect only to advertised prefixes. */
export function intoTgwFromOnPremises(w: Walk, att: M.TransitGatewayAttachment, pkt: Packet): boolean {
  const g = att.directConnectGateway;
  if (g) {
    const assoc = g.associations.find((a) => a.gateway === att.transitGateway);
    if (assoc && !advertisedPrefixes(assoc).some((p) => contains(p, pkt.dst))) {
      const replyNotAdvertised = (): DirectConnectRejectStep => ({
        type: 'direct-connect-gateway',
        action: 'reply-not-advertised',
        gateway: g.id,
        address: formatAddr(pkt.dst),
        transitGateway: att.transitGateway.id,
        allowedPrefixes: (assoc.allowedPrefixes ?? []).map(formatPrefix),
      });
      return w.rejectStep(g.id, 'dx-gateway', 'ingress', 'DROP', 'DX_PREFIX_NOT_ADVERTISED', replyNotAdvertised, pkt);
    }
  }
  w.step(att.id, 'tgw-attachment', 'ingress', 'FORWARD', () => replyIntoTgw(att), pkt);
  return w.tgwRoute(att, pkt, undefined);
}

/** A reply entering a transit gateway by its attachment. */
export function replyIntoTgw(att: M.TransitGatewayAttachment): TransitGatewayAttachmentStep {
  return { type: 'tgw-attachment', attachment: att.id, action: 'reply-in', transitGateway: att.transitGateway.id };
}

/** The packet leaves to on-premises over a virtual interface. */
function vifExit(vif: M.VirtualInterface): DirectConnectStep {
  return { type: 'virtual-interface', virtualInterface: vif.id, action: 'to-on-premises', onPremisesCidrs: vif.onPremisesCidrs.map(formatPrefix) };
}

/** The on-premises link for an address: the most specific on-premises prefix; on a tie Direct Connect, as the gateway would send the reply. */
export function onPremisesLink(t: M.Topology, a: Addr): M.VpnConnection | M.VirtualInterface | undefined {
  let best: { link: M.VpnConnection | M.VirtualInterface; len: number } | undefined;
  for (const v of t.virtualInterfaces) for (const p of v.onPremisesCidrs) if (contains(p, a) && (!best || p.len > best.len)) best = { link: v, len: p.len };
  for (const c of t.vpnConnections) for (const p of c.onPremisesCidrs) if (contains(p, a) && (!best || p.len > best.len)) best = { link: c, len: p.len };
  return best?.link;
}

/**
 * The transit gateway route step, with the routes for the same prefix it was preferred over.
 * https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html — route evaluation order: static, VPC propagated,
 * Direct Connect gateway propagated, VPN propagated.
 */
export function tgwRouteStep(rt: M.TransitGatewayRouteTable, r: M.TgwRoute, address: string): TransitGatewayRouteStep {
  const same = rt.routes.filter(
    (x) =>
      x !== r &&
      x.attachment &&
      x.attachment !== r.attachment &&
      x.destination.family === r.destination.family &&
      x.destination.len === r.destination.len &&
      x.destination.base === r.destination.base,
  );
  const preferredOver = same.map((x) => ({ origin: x.origin, attachmentType: x.attachment!.type, attachment: x.attachment!.id }));
  return {
    type: 'transit-gateway-route',
    routeTable: rt.id,
    address,
    destination: formatPrefix(r.destination),
    attachment: r.attachment!.id,
    origin: r.origin,
    ...(preferredOver.length ? { preferredOver } : {}),
  };
}
