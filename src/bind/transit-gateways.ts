// Transit gateways, their attachments and route tables.
import type { Path } from '../load/diagnostics.js';
import { formatPrefix } from '../net/ip.js';
import { PrefixTable } from '../net/prefix-table.js';
import type * as M from './model.js';
import { attachDirectConnectGateway, dxPropagatedCidrs, PROPAGATED_RANK } from './direct-connect.js';
import { allocate } from './addresses.js';
import { type Binder, type Draft, type Mutable, type Raw, arr, src, str, subnetRef, vpcIn } from './context.js';
import { tgwRouteOf } from './factories.js';

/** Transit gateways (attachments and route tables come later). */
export function bindTransitGateways(b: Binder, t: Draft): void {
  const { transitGateways } = t;
  b.each('transitGateways', (raw, path) => {
    const sgRef = typeof raw.securityGroupReferencingSupport === 'boolean' ? { securityGroupReferencingSupport: raw.securityGroupReferencingSupport } : {};
    transitGateways.push(
      b.register<M.TransitGateway>({ kind: 'transit-gateway', id: raw.id, name: str(raw.name), src: src(path), attachments: [], routeTables: [], ...sgRef }),
    );
  });
}

/** Transit gateway attachments (their route tables are associated once those exist). */
export function bindTgwAttachments(b: Binder, t: Draft): void {
  const { tgwAttachments, attachmentRt } = t;
  b.each('transitGatewayAttachments', (raw, path) => {
    const tgw = b.ref(raw.transitGateway, ['transit-gateway'], [...path, 'transitGateway'], 'transit gateway');
    if (!tgw) return;
    const kinds = ['vpc', 'vpnConnection', 'directConnectGateway', 'peerTransitGateway'].filter((k) => raw[k] !== undefined);
    if (kinds.length !== 1) {
      return b.error(
        kinds.length ? 'CONFLICTING_KEYS' : 'MISSING_KEY',
        `transit gateway attachment '${raw.id}' needs exactly one of vpc, vpnConnection, directConnectGateway, peerTransitGateway${kinds.length ? ` (has ${kinds.join(', ')})` : ''}`,
        path,
      );
    }
    const att = newAttachment(b, raw, path, tgw);
    const bound =
      att.type === 'vpc'
        ? bindVpcAttachment(b, t, raw, path, att)
        : att.type === 'vpn'
          ? bindVpnAttachment(b, raw, path, att)
          : att.type === 'direct-connect'
            ? attachDirectConnectGateway(b, att, raw.directConnectGateway, [...path, 'directConnectGateway'])
            : bindPeeringAttachment(b, raw, path, att);
    if (!bound) return;
    b.register(att);
    tgw.attachments.push(att);
    tgwAttachments.push(att);
    if (raw.routeTable !== undefined) attachmentRt.set(att, { v: raw.routeTable, path: [...path, 'routeTable'] });
  });
}

/** The attachment as written, before what it attaches is resolved; options only VPC attachments take are refused on the rest. */
function newAttachment(b: Binder, raw: Raw & { id: string }, path: Path, tgw: M.TransitGateway): M.TransitGatewayAttachment {
  const att: M.TransitGatewayAttachment = {
    kind: 'tgw-attachment',
    id: raw.id,
    name: str(raw.name),
    src: src(path),
    transitGateway: tgw,
    type: raw.vpc !== undefined ? 'vpc' : raw.vpnConnection !== undefined ? 'vpn' : raw.directConnectGateway !== undefined ? 'direct-connect' : 'peering',
    subnets: [],
    interfacesByAz: new Map(),
    peerCidrs: [],
    applianceMode: raw.applianceMode === true,
    ...(typeof raw.ipv6Support === 'boolean' ? { ipv6Support: raw.ipv6Support } : {}),
    ...(typeof raw.dnsSupport === 'boolean' ? { dnsSupport: raw.dnsSupport } : {}),
    ...(typeof raw.securityGroupReferencingSupport === 'boolean' ? { securityGroupReferencingSupport: raw.securityGroupReferencingSupport } : {}),
  };
  // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html — IPv6, DNS and security group referencing support are options of VPC attachments
  for (const k of ['ipv6Support', 'dnsSupport', 'securityGroupReferencingSupport'] as const) {
    if (raw[k] !== undefined && att.type !== 'vpc')
      b.error(
        'CONFLICTING_KEYS',
        `'${k}' is an option of VPC attachments; '${raw.id}' attaches ${att.type === 'vpn' ? 'a VPN connection' : att.type === 'direct-connect' ? 'a Direct Connect gateway' : 'a peer transit gateway'}`,
        [...path, k],
      );
  }
  return att;
}

/** A VPC attachment: its subnets, one per Availability Zone, each with the attachment's interface (addressed later). */
function bindVpcAttachment(b: Binder, t: Draft, raw: Raw, path: Path, att: M.TransitGatewayAttachment): boolean {
  const vpc = vpcIn(b, raw, path);
  if (!vpc) return false;
  (att as Mutable<M.TransitGatewayAttachment>).vpc = vpc;
  arr(raw.subnets).forEach((sv, j) => {
    const sp: Path = [...path, 'subnets', j];
    const subnet = subnetRef(b, sv, sp);
    if (!subnet) return;
    if (subnet.vpc !== vpc)
      return b.error('CROSS_VPC_REFERENCE', `subnet '${subnet.id}' is in VPC '${subnet.vpc.id}', not in attachment '${raw.id}''s VPC '${vpc.id}'`, sp);
    // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html — one subnet per Availability Zone
    if (att.interfacesByAz.has(subnet.az))
      return b.error(
        'DUPLICATE_AZ',
        `attachment '${raw.id}' already has a subnet in ${subnet.az}; a VPC attachment takes one subnet per Availability Zone`,
        sp,
      );
    att.subnets.push(subnet);
    att.interfacesByAz.set(subnet.az, undefined as unknown as M.NetworkInterface);
    t.pendingAlloc.push(() => addAttachmentInterface(b, t, att, subnet, `eni-${raw.id}-${subnet.id}`, sp));
  });
  if (att.subnets.length === 0) b.error('MISSING_KEY', `VPC attachment '${raw.id}' needs at least one subnet`, path);
  vpc.tgwAttachments.push(att);
  return true;
}

/** The attachment's interface in one subnet, once written addresses are known, so it takes a free one. */
function addAttachmentInterface(b: Binder, t: Draft, att: M.TransitGatewayAttachment, subnet: M.Subnet, eniId: string, sp: Path): void {
  const a = allocate(b, t, subnet, eniId, sp);
  if (a === undefined) return;
  const eni: M.NetworkInterface = {
    kind: 'network-interface',
    id: eniId,
    src: src(sp),
    subnet,
    vpc: subnet.vpc,
    privateIp: a,
    secondaryPrivateIps: [],
    ipv6Addresses: [],
    securityGroups: [],
    sourceDestCheck: false,
    sourceNat: false,
    owner: { type: 'tgw-attachment', attachment: att },
    explicit: false,
  };
  att.interfacesByAz.set(subnet.az, eni);
  subnet.interfaces.push(eni);
  t.interfaces.push(eni);
  if (!t.interfaceByIp.has(a)) t.interfaceByIp.set(a, eni);
  b.byId.set(eniId, eni);
}

/** A VPN attachment: the VPN connection must terminate on this transit gateway. */
function bindVpnAttachment(b: Binder, raw: Raw, path: Path, att: M.TransitGatewayAttachment): boolean {
  const tgw = att.transitGateway;
  const conn = b.ref(raw.vpnConnection, ['vpn-connection'], [...path, 'vpnConnection'], 'VPN connection');
  if (!conn) return false;
  if (conn.transitGateway !== tgw)
    b.error('INVALID_REFERENCE', `VPN connection '${conn.id}' does not terminate on transit gateway '${tgw.id}' (set transitGateway: ${tgw.id} on it)`, [
      ...path,
      'vpnConnection',
    ]);
  (att as Mutable<M.TransitGatewayAttachment>).vpnConnection = conn;
  conn.tgwAttachment = att;
  return true;
}

/** A peering attachment to a transit gateway outside the file: the CIDRs behind it. */
function bindPeeringAttachment(b: Binder, raw: Raw, path: Path, att: M.TransitGatewayAttachment): boolean {
  (att as Mutable<M.TransitGatewayAttachment>).peerTransitGateway = str(raw.peerTransitGateway);
  arr(raw.peerCidrs).forEach((c, j) => {
    const p = b.cidr(c, [...path, 'peerCidrs', j], `peer CIDR of '${raw.id}'`);
    if (p) att.peerCidrs.push(p);
  });
  return true;
}

/** Transit gateway route tables: static and propagated routes. */
export function bindTgwRouteTables(b: Binder, t: Draft): void {
  const { tgwRouteTables } = t;
  b.each('transitGatewayRouteTables', (raw, path) => {
    const tgw = b.ref(raw.transitGateway, ['transit-gateway'], [...path, 'transitGateway'], 'transit gateway');
    if (!tgw) return;
    const routes: M.TgwRoute[] = [];
    const propagations: M.TransitGatewayAttachment[] = [];
    const seen = new Map<string, Path>();
    arr(raw.routes).forEach((rv, j) => {
      const rp: Path = [...path, 'routes', j];
      const r = (rv ?? {}) as Raw;
      const dest = b.cidr(r.destination, [...rp, 'destination'], `route destination in '${raw.id}'`);
      if (!dest) return;
      const key = formatPrefix(dest);
      if (seen.has(key)) return b.error('DUPLICATE_ROUTE', `transit gateway route table '${raw.id}' already has a route for ${key}`, [...rp, 'destination']);
      seen.set(key, rp);
      if ((r.attachment !== undefined) === (r.blackhole === true))
        return b.error(
          r.attachment !== undefined ? 'CONFLICTING_KEYS' : 'MISSING_KEY',
          `route ${key} in '${raw.id}' needs exactly one of attachment or blackhole: true`,
          rp,
        );
      let attachment: M.TransitGatewayAttachment | undefined;
      if (r.attachment !== undefined) {
        attachment = b.ref(r.attachment, ['tgw-attachment'], [...rp, 'attachment'], 'transit gateway attachment');
        if (!attachment) return;
        if (attachment.transitGateway !== tgw)
          return b.error('INVALID_REFERENCE', `attachment '${attachment.id}' belongs to transit gateway '${attachment.transitGateway.id}', not '${tgw.id}'`, [
            ...rp,
            'attachment',
          ]);
      }
      // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html — static routes take priority over propagated routes for the same prefix
      routes.push(tgwRouteOf(dest, attachment, r.blackhole === true, 'static', src(rp), 0));
    });
    arr(raw.propagations).forEach((av, j) => {
      const ap: Path = [...path, 'propagations', j];
      const att = b.ref(av, ['tgw-attachment'], ap, 'transit gateway attachment');
      if (!att) return;
      if (att.transitGateway !== tgw)
        return b.error('INVALID_REFERENCE', `attachment '${att.id}' belongs to transit gateway '${att.transitGateway.id}', not '${tgw.id}'`, ap);
      propagations.push(att);
      // Propagated: a VPC attachment's CIDRs, a VPN's on-premises prefixes (BGP); peering attachments do not propagate.
      // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html#tgw-route-propagation
      // A Direct Connect gateway attachment propagates the prefixes its transit virtual interfaces learn, like a VPN attachment
      // (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html — route evaluation order: VPC, then Direct Connect gateway, then VPN propagated routes).
      const cidrs =
        att.type === 'vpc'
          ? [...att.vpc!.cidrs, ...att.vpc!.ipv6Cidrs]
          : att.type === 'vpn'
            ? (att.vpnConnection?.onPremisesCidrs ?? [])
            : att.type === 'direct-connect'
              ? dxPropagatedCidrs(att)
              : [];
      if (att.type === 'peering') b.diag('warning', 'PEERING_NO_PROPAGATION', `peering attachment '${att.id}' cannot propagate routes; add static routes`, ap);
      for (const c of cidrs) routes.push(tgwRouteOf(c, att, false, 'propagated', src(ap), PROPAGATED_RANK[att.type]));
    });
    const rt = b.register<M.TransitGatewayRouteTable>({
      kind: 'tgw-route-table',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      transitGateway: tgw,
      routes,
      lookup4: new PrefixTable(4, routes),
      lookup6: new PrefixTable(6, routes),
      propagations,
    });
    tgw.routeTables.push(rt);
    tgwRouteTables.push(rt);
  });
}

/** Each attachment's association with a route table of its transit gateway. */
export function associateTgwRouteTables(b: Binder, t: Draft): void {
  const { attachmentRt } = t;
  for (const [att, { v, path }] of attachmentRt) {
    const rt = b.ref(v, ['tgw-route-table'], path, 'transit gateway route table');
    if (!rt) continue;
    if (rt.transitGateway !== att.transitGateway)
      b.error('INVALID_REFERENCE', `route table '${rt.id}' belongs to transit gateway '${rt.transitGateway.id}', not '${att.transitGateway.id}'`, path);
    else att.routeTable = rt;
  }
}
