import { type Prefix } from '../net/ip.js';
import type * as M from './model.js';
import { type Binder, type Draft, arr, src, str } from './context.js';

/** VPN connections, on a virtual private gateway or a transit gateway. */
export function bindVpnConnections(b: Binder, t: Draft): void {
  const { vpnConnections } = t;
  b.each('vpnConnections', (raw, path) => {
    const vgw = raw.vpnGateway === undefined ? undefined : b.ref(raw.vpnGateway, ['vpn-gateway'], [...path, 'vpnGateway'], 'VPN gateway');
    const tgw = raw.transitGateway === undefined ? undefined : b.ref(raw.transitGateway, ['transit-gateway'], [...path, 'transitGateway'], 'transit gateway');
    if (raw.vpnGateway === undefined && raw.transitGateway === undefined)
      b.error('MISSING_KEY', `VPN connection '${raw.id}' needs vpnGateway or transitGateway`, path);
    if (raw.vpnGateway !== undefined && raw.transitGateway !== undefined)
      b.error('CONFLICTING_KEYS', `VPN connection '${raw.id}' has both vpnGateway and transitGateway; it terminates on one`, [...path, 'transitGateway'], {
        key: true,
      });
    const onPremisesCidrs: Prefix[] = [];
    arr(raw.onPremisesCidrs).forEach((c, j) => {
      const p = b.cidr(c, [...path, 'onPremisesCidrs', j], `on-premises CIDR of VPN connection '${raw.id}'`);
      if (p) onPremisesCidrs.push(p);
    });
    const cgw =
      raw.customerGatewayIp === undefined ? undefined : b.ip(raw.customerGatewayIp, [...path, 'customerGatewayIp'], `customer gateway of '${raw.id}'`, 4);
    const staticRoutesOnly = raw.staticRoutesOnly === true;
    const conn = b.register<M.VpnConnection>({
      kind: 'vpn-connection',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      vpnGateway: vgw,
      transitGateway: tgw,
      customerGatewayIp: cgw,
      onPremisesCidrs,
      staticRoutesOnly,
    });
    vgw?.connections.push(conn);
    vpnConnections.push(conn);
  });
}
