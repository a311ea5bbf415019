// `vpcsim import aws` on tests/fixtures/aws/direct-connect/us-east-1: a Direct Connect gateway associated with a virtual
// private gateway (private virtual interface), one associated with a transit gateway (transit virtual interface, and the
// transit gateway's direct-connect-gateway attachment), in the camelCase shapes the AWS CLI prints:
// https://docs.aws.amazon.com/cli/latest/reference/directconnect/describe-direct-connect-gateways.html,
// https://docs.aws.amazon.com/cli/latest/reference/directconnect/describe-direct-connect-gateway-associations.html,
// https://docs.aws.amazon.com/cli/latest/reference/directconnect/describe-virtual-interfaces.html; and the attachment,
// transit gateway and VPN options from describe-transit-gateway-vpc-attachments, describe-transit-gateways, describe-vpn-connections.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAws, loadTopologyFromData, trace } from '../../src/index.js';
import { classify } from '../../src/import/aws-kinds.js';
import { byId } from '../helpers/aws-synth.js';

const DIR = join(import.meta.dirname, '../fixtures/aws/direct-connect/us-east-1');
const PRIVATE = 'dc1b2a3e-0000-4c1d-8e7f-000000000001';
const TRANSIT = '5f294f92-bafb-4011-916d-9b0bEXAMPLE';

describe('import aws: Direct Connect', () => {
  const r = importAws(DIR);
  const t = r.topology as Record<string, unknown>;

  it('reads the directconnect outputs (camelCase keys) as modelled kinds', () => {
    expect(classify({ directConnectGateways: [] })).toEqual({ type: 'modelled', key: 'directConnectGateways' });
    expect(classify({ directConnectGatewayAssociations: [] })).toEqual({ type: 'modelled', key: 'directConnectGatewayAssociations' });
    expect(classify({ virtualInterfaces: [] })).toEqual({ type: 'modelled', key: 'virtualInterfaces' });
  });

  it('writes each gateway with its associations in the import and their allowed prefixes', () => {
    expect(byId(t.directConnectGateways, PRIVATE)).toEqual({
      id: PRIVATE,
      name: 'dc-private',
      amazonSideAsn: 64520,
      associations: [{ gateway: 'vgw-0app000000000001', allowedPrefixes: ['10.60.0.0/16'] }],
    });
    expect(byId(t.directConnectGateways, TRANSIT)).toEqual({
      id: TRANSIT,
      name: 'dc-transit',
      amazonSideAsn: 64521,
      associations: [{ gateway: 'tgw-0hub00000000001', allowedPrefixes: ['10.70.0.0/16'] }],
    });
    const w = r.warnings.find((x) => x.code === 'DX_ASSOC_GATEWAY_MISSING')!;
    expect(w.message).toContain('tgw-0elsewhere000001, which is not in this import');
    expect(w.path).toBe('$.directConnectGatewayAssociations[2].associatedGateway.id');
  });

  it('writes private and transit virtual interfaces, leaves public ones out, and says the BGP prefixes must be added', () => {
    expect(byId(t.virtualInterfaces, 'dxvif-fgprivate1')).toEqual({
      id: 'dxvif-fgprivate1',
      type: 'private',
      directConnectGateway: PRIVATE,
      name: 'dc1-private',
      vlan: 101,
      asn: 65010,
      onPremisesCidrs: [],
    });
    expect(byId(t.virtualInterfaces, 'dxvif-fgtransit1')).toMatchObject({ type: 'transit', directConnectGateway: TRANSIT });
    expect(r.ignored['Direct Connect public virtual interfaces']).toBe(1);
    expect(r.warnings.filter((x) => x.code === 'DX_VIF_PREFIXES_UNKNOWN').map((x) => x.path)).toEqual(['$.virtualInterfaces[0]', '$.virtualInterfaces[1]']);
  });

  it('reads the transit gateway, attachment and VPN options', () => {
    expect(byId(t.transitGateways, 'tgw-0hub00000000001')).toMatchObject({ securityGroupReferencingSupport: true });
    expect(byId(t.transitGatewayAttachments, 'tgw-attach-0shared0001')).toMatchObject({
      ipv6Support: false,
      dnsSupport: true,
      securityGroupReferencingSupport: true,
    });
    expect(byId(t.transitGatewayAttachments, 'tgw-attach-0dx00000001')).toEqual({
      id: 'tgw-attach-0dx00000001',
      transitGateway: 'tgw-0hub00000000001',
      directConnectGateway: TRANSIT,
      routeTable: 'tgw-rtb-0hub0000001',
    });
    expect(byId(t.vpnConnections, 'vpn-0static00000001')).toMatchObject({ staticRoutesOnly: true });
  });

  it('loads, and traces once the on-premises prefixes are filled in', () => {
    const data = structuredClone(t) as { virtualInterfaces: { onPremisesCidrs: string[] }[]; instances?: unknown[] };
    data.virtualInterfaces[0]!.onPremisesCidrs = ['192.168.0.0/16'];
    data.instances = [{ id: 'app-1', subnet: 'subnet-0app000000000001', privateIp: '10.60.1.10' }];
    const b = loadTopologyFromData(data, 'dx.json');
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const x = trace(b.topology!, { from: '192.168.10.20', to: 'app-1', protocol: 'tcp', port: 443 });
    expect(x.forward.hops.slice(0, 3).map((h) => h.component)).toEqual(['dxvif-fgprivate1', PRIVATE, 'vgw-0app000000000001']);
  });
});
