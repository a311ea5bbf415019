// Binding AWS Direct Connect: Direct Connect gateways, their associations with virtual private gateways and
// transit gateways, and the virtual interfaces that carry on-premises prefixes (docs/hybrid.md).
import type { Path } from '../load/diagnostics.js';
import { covers, formatPrefix, type Prefix } from '../net/ip.js';
import { type Binder, type Draft, type Raw, arr, src, str } from './context.js';
import type { DirectConnectAssociation, DirectConnectGateway, VirtualInterface } from './direct-connect-model.js';
import type * as M from './model.js';

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export interface DirectConnectLists {
  directConnectGateways: DirectConnectGateway[];
  virtualInterfaces: VirtualInterface[];
}

/** Direct Connect gateways then virtual interfaces; needs virtual private gateways and transit gateways bound. */
export function bindDirectConnect(b: Binder, t: Draft): DirectConnectLists {
  const out: DirectConnectLists = { directConnectGateways: t.directConnectGateways, virtualInterfaces: [] };
  const vgwOwner = new Map<M.VpnGateway, DirectConnectGateway>();
  b.each('directConnectGateways', (raw, path) => {
    const g = b.register<DirectConnectGateway>({
      kind: 'dx-gateway',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      amazonSideAsn: num(raw.amazonSideAsn),
      associations: [],
      virtualInterfaces: [],
      tgwAttachments: [],
    });
    arr(raw.associations).forEach((av, j) => {
      const a = bindAssociation(b, g, (av ?? {}) as Raw, [...path, 'associations', j], vgwOwner);
      if (a) g.associations.push(a);
    });
    out.directConnectGateways.push(g);
  });
  b.each('virtualInterfaces', (raw, path) => {
    const g = b.ref(raw.directConnectGateway, ['dx-gateway'], [...path, 'directConnectGateway'], 'Direct Connect gateway');
    if (!g) return;
    const type = raw.type === 'transit' ? 'transit' : 'private';
    const onPremisesCidrs: Prefix[] = [];
    arr(raw.onPremisesCidrs).forEach((c, j) => {
      const p = b.cidr(c, [...path, 'onPremisesCidrs', j], `on-premises CIDR of virtual interface '${raw.id}'`);
      if (p) onPremisesCidrs.push(p);
    });
    const vif = b.register<VirtualInterface>({
      kind: 'virtual-interface',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      type,
      directConnectGateway: g,
      onPremisesCidrs,
      vlan: num(raw.vlan),
      asn: num(raw.asn),
    });
    // https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-transit-gateways.html — "A Direct Connect gateway supports
    // communication between attached transit virtual interfaces and associated transit gateways"; private ones reach virtual private gateways
    const wanted = type === 'private' ? 'vpn-gateway' : 'transit-gateway';
    if (g.associations.length && !g.associations.some((a) => a.gateway.kind === wanted)) {
      b.diag(
        'warning',
        'DX_VIF_NO_ASSOCIATION',
        `${type} virtual interface '${raw.id}' is on Direct Connect gateway '${g.id}', which has no ${type === 'private' ? 'virtual private gateway' : 'transit gateway'} association: it reaches no VPC`,
        [...path, 'type'],
      );
    }
    g.virtualInterfaces.push(vif);
    out.virtualInterfaces.push(vif);
  });
  for (const g of out.directConnectGateways) checkTransitAssociations(b, g);
  return out;
}

/**
 * https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-transit-gateways.html — "You cannot attach a Direct Connect
 * gateway to a transit gateway when the Direct Connect gateway is already associated with a virtual private gateway or is attached to a
 * private virtual interface."
 */
function checkTransitAssociations(b: Binder, g: DirectConnectGateway): void {
  const tgwAssoc = g.associations.find((a) => a.gateway.kind === 'transit-gateway');
  if (!tgwAssoc) return;
  const vgw = g.associations.find((a) => a.gateway.kind === 'vpn-gateway');
  const privateVif = g.virtualInterfaces.find((v) => v.type === 'private');
  if (!vgw && !privateVif) return;
  const why = vgw ? `it is associated with virtual private gateway '${vgw.gateway.id}'` : `private virtual interface '${privateVif!.id}' is attached to it`;
  b.error(
    'INVALID_ASSOCIATION',
    `Direct Connect gateway '${g.id}' cannot be associated with transit gateway '${tgwAssoc.gateway.id}': ${why}`,
    [...tgwAssoc.src!.path, 'gateway'],
    {
      hint: 'use a separate Direct Connect gateway (with transit virtual interfaces) for the transit gateway',
    },
  );
}

function bindAssociation(
  b: Binder,
  g: DirectConnectGateway,
  raw: Raw,
  path: Path,
  vgwOwner: Map<M.VpnGateway, DirectConnectGateway>,
): DirectConnectAssociation | undefined {
  const gw = b.ref(raw.gateway, ['vpn-gateway', 'transit-gateway'], [...path, 'gateway'], 'virtual private gateway or transit gateway');
  if (!gw) return undefined;
  let allowedPrefixes: Prefix[] | undefined;
  if (raw.allowedPrefixes !== undefined) {
    allowedPrefixes = [];
    arr(raw.allowedPrefixes).forEach((c, j) => {
      const p = b.cidr(c, [...path, 'allowedPrefixes', j], `allowed prefix of '${g.id}'`);
      if (p) allowedPrefixes!.push(p);
    });
  }
  // https://docs.aws.amazon.com/directconnect/latest/APIReference/API_CreateDirectConnectGatewayAssociation.html — "The virtual private gateway
  // must be attached to a VPC and must not be associated with another Direct Connect gateway"; allowed prefixes are required for a transit gateway.
  if (gw.kind === 'vpn-gateway') {
    if (!gw.vpc)
      b.error(
        'INVALID_REFERENCE',
        `virtual private gateway '${gw.id}' is not attached to a VPC; AWS associates only attached gateways with a Direct Connect gateway`,
        [...path, 'gateway'],
      );
    const other = vgwOwner.get(gw);
    if (other)
      b.error(
        'INVALID_REFERENCE',
        `virtual private gateway '${gw.id}' is already associated with Direct Connect gateway '${other.id}'; it can be associated with only one`,
        [...path, 'gateway'],
      );
    vgwOwner.set(gw, g);
  } else if (allowedPrefixes === undefined) {
    b.error(
      'MISSING_KEY',
      `the association of '${g.id}' with transit gateway '${gw.id}' needs allowedPrefixes (AWS requires them for a transit gateway)`,
      path,
      { hint: 'list the VPC prefixes to advertise to on-premises, e.g. allowedPrefixes: [10.0.0.0/8]' },
    );
  }
  if (g.associations.some((a) => a.gateway === gw)) b.error('DUPLICATE_ASSOCIATION', `'${g.id}' is already associated with '${gw.id}'`, [...path, 'gateway']);
  return { gateway: gw, allowedPrefixes, src: src(path) };
}

/**
 * The prefixes a Direct Connect gateway association advertises to on-premises.
 * https://docs.aws.amazon.com/directconnect/latest/UserGuide/allowed-to-prefixes.html — virtual private gateway: the allowed prefixes are a
 * filter and a VPC CIDR is advertised only when an allowed prefix is the same or wider; transit gateway: the allowed prefixes themselves.
 */
export function advertisedPrefixes(a: DirectConnectAssociation): Prefix[] {
  if (a.gateway.kind === 'transit-gateway') return a.allowedPrefixes ?? [];
  const vpc = a.gateway.vpc;
  if (!vpc) return [];
  const cidrs = [...vpc.cidrs, ...vpc.ipv6Cidrs];
  if (a.allowedPrefixes === undefined) return cidrs;
  return cidrs.filter((c) => a.allowedPrefixes!.some((p) => covers(p, c)));
}

/** VPC CIDRs that a virtual private gateway association does not advertise (lint VPC027 and trace reasons). */
export function unadvertisedVpcCidrs(a: DirectConnectAssociation): Prefix[] {
  if (a.gateway.kind !== 'vpn-gateway' || !a.gateway.vpc) return [];
  const adv = advertisedPrefixes(a);
  return [...a.gateway.vpc.cidrs, ...a.gateway.vpc.ipv6Cidrs].filter((c) => !adv.includes(c));
}

export const prefixText = (ps: Prefix[]): string => ps.map(formatPrefix).join(', ') || 'none';

/**
 * Rank of a transit gateway's propagated routes for the same prefix (lower wins).
 * https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html — route evaluation order: VPC propagated routes,
 * then Direct Connect gateway propagated routes, then Site-to-Site VPN propagated routes.
 */
export const PROPAGATED_RANK: Record<M.TransitGatewayAttachment['type'], number> = { vpc: 1, 'direct-connect': 2, vpn: 3, peering: 4 };

/** A transit gateway attachment of a Direct Connect gateway: the gateway must be associated with that transit gateway. */
export function attachDirectConnectGateway(b: Binder, att: M.TransitGatewayAttachment, value: unknown, path: Path): boolean {
  const g = b.ref(value, ['dx-gateway'], path, 'Direct Connect gateway');
  if (!g) return false;
  // https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-transit-gateways.html — the association creates the attachment
  if (!g.associations.some((a) => a.gateway === att.transitGateway)) {
    b.error(
      'INVALID_REFERENCE',
      `Direct Connect gateway '${g.id}' is not associated with transit gateway '${att.transitGateway.id}' (add an association with gateway: ${att.transitGateway.id})`,
      path,
    );
  }
  (att as { directConnectGateway?: DirectConnectGateway }).directConnectGateway = g;
  g.tgwAttachments.push(att);
  return true;
}

/** What a Direct Connect gateway attachment propagates: the prefixes on-premises advertises over its transit virtual interfaces. */
export function dxPropagatedCidrs(att: M.TransitGatewayAttachment): Prefix[] {
  return (att.directConnectGateway?.virtualInterfaces ?? []).filter((v) => v.type === 'transit').flatMap((v) => v.onPremisesCidrs);
}

/** The on-premises prefixes a virtual private gateway learns over Direct Connect: those of the private virtual interfaces of its Direct Connect gateway. */
export function dxLearnedPrefixes(gateways: readonly DirectConnectGateway[], vgw: M.VpnGateway): Prefix[] {
  return gateways
    .filter((g) => g.associations.some((a) => a.gateway === vgw))
    .flatMap((g) => g.virtualInterfaces.filter((v) => v.type === 'private').flatMap((v) => v.onPremisesCidrs));
}
