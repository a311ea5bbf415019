import type * as M from './model.js';
import { type Binder, type Draft, src, str, vpcIn } from './context.js';

/** Internet gateways, one per VPC. */
export function bindInternetGateways(b: Binder, t: Draft): void {
  const { internetGateways } = t;
  b.each('internetGateways', (raw, path) => {
    const vpc = vpcIn(b, raw, path);
    if (!vpc) return;
    const igw = b.register<M.InternetGateway>({ kind: 'internet-gateway', id: raw.id, name: str(raw.name), src: src(path), vpc });
    // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html — one internet gateway per VPC
    if (vpc.internetGateway)
      b.error('MULTIPLE_INTERNET_GATEWAYS', `VPC '${vpc.id}' already has internet gateway '${vpc.internetGateway.id}'; a VPC can have only one`, [
        ...path,
        'vpc',
      ]);
    else vpc.internetGateway = igw;
    internetGateways.push(igw);
  });
}

/** Egress-only internet gateways. */
export function bindEgressOnlyInternetGateways(b: Binder, t: Draft): void {
  const { egressOnlyInternetGateways } = t;
  b.each('egressOnlyInternetGateways', (raw, path) => {
    const vpc = vpcIn(b, raw, path);
    if (!vpc) return;
    const g = b.register<M.EgressOnlyInternetGateway>({ kind: 'egress-only-internet-gateway', id: raw.id, name: str(raw.name), src: src(path), vpc });
    vpc.egressOnlyInternetGateway ??= g;
    egressOnlyInternetGateways.push(g);
  });
}

/** Virtual private gateways, one attached per VPC. */
export function bindVpnGateways(b: Binder, t: Draft): void {
  const { vpnGateways } = t;
  b.each('vpnGateways', (raw, path) => {
    const vpc = raw.vpc === undefined ? undefined : vpcIn(b, raw, path);
    const g = b.register<M.VpnGateway>({ kind: 'vpn-gateway', id: raw.id, name: str(raw.name), src: src(path), vpc, connections: [] });
    // https://docs.aws.amazon.com/vpn/latest/s2svpn/how_it_works.html — one virtual private gateway attached per VPC
    if (vpc?.vpnGateway)
      b.error('MULTIPLE_VPN_GATEWAYS', `VPC '${vpc.id}' already has VPN gateway '${vpc.vpnGateway.id}'; a VPC can have only one attached`, [...path, 'vpc']);
    else if (vpc) vpc.vpnGateway = g;
    vpnGateways.push(g);
  });
}
