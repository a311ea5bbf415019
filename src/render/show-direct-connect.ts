// `vpcsim show` for Direct Connect gateways and virtual interfaces (docs/hybrid.md).
import { advertisedPrefixes } from '../bind/direct-connect.js';
import type * as M from '../bind/model.js';
import { formatPrefix } from '../net/ip.js';

type Json = Record<string, unknown>;

export function dxResourceView(r: M.DirectConnectGateway | M.VirtualInterface, head: Json): Json {
  if (r.kind === 'virtual-interface') {
    return {
      ...head,
      type: r.type,
      directConnectGateway: r.directConnectGateway.id,
      onPremisesCidrs: r.onPremisesCidrs.map(formatPrefix),
      ...(r.vlan !== undefined ? { vlan: r.vlan } : {}),
      ...(r.asn !== undefined ? { asn: r.asn } : {}),
    };
  }
  return {
    ...head,
    ...(r.amazonSideAsn !== undefined ? { amazonSideAsn: r.amazonSideAsn } : {}),
    associations: r.associations.map((a) => ({
      gateway: a.gateway.id,
      ...(a.allowedPrefixes ? { allowedPrefixes: a.allowedPrefixes.map(formatPrefix) } : {}),
      advertised: advertisedPrefixes(a).map(formatPrefix),
    })),
    virtualInterfaces: r.virtualInterfaces.map((v) => v.id),
    transitGatewayAttachments: r.tgwAttachments.map((a) => a.id),
  };
}
