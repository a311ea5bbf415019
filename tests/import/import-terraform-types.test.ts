// misc-plan-1.2.json: a create-only plan (format 1.2) covering the resource types the other fixtures do not:
// for_each instances, a secondary CIDR, peering with an accepter and without, separate gateway attachments,
// an egress-only gateway, a transit gateway without default tables, a VPN on it, a TGW peering attachment,
// endpoint associations, an interface attachment, and a type vpcsim does not model.
import { describe, expect, it } from 'vitest';
import { loadPlan, run } from '../helpers/terraform-helpers.js';

describe('misc-plan-1.2.json', () => {
  const { t, r } = loadPlan('misc-plan-1.2.json');
  const find = (key: string, id: string) => (r.topology[key] as Record<string, unknown>[]).find((x) => x.id === id);

  it('for_each instances follow aws_subnet.a[each.key] to the subnet with their own key', () => {
    expect(find('instances', 'aws_instance.a["x"]')?.subnet).toBe('aws_subnet.a["x"]');
    expect(find('instances', 'aws_instance.a["y"]')?.subnet).toBe('aws_subnet.a["y"]');
  });

  it('each.value cannot be followed: a deterministic pick, with a warning', () => {
    expect(find('instances', 'aws_instance.picked')?.subnet).toBe('aws_subnet.a["x"]');
    expect(r.warnings.some((w) => w.message.startsWith('aws_instance.picked: its subnet (each.value.subnet_id, each.value) cannot be followed'))).toBe(true);
  });

  it('peering accepted by an aws_vpc_peering_connection_accepter carries traffic', () => {
    // a's and b's main tables route to each other over pcx ab (aws_route on main_route_table_id); SG b allows 10.0.0.0/8
    const out = run(t, { from: 'aws_instance.a["x"]', to: 'aws_instance.b', port: 22 });
    expect(out.verdict).toBe('ACCEPT');
    expect(out.hops).toContain('aws_vpc_peering_connection.ab');
  });

  it('peering never accepted in the file is pending: no traffic, and the assumption is reported', () => {
    expect(run(t, { from: 'aws_instance.b', to: 'aws_instance.c', port: 22 })).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_vpc_peering_connection.bc' });
    expect(r.assumptions['aws_vpc_peering_connection.bc']?.[0]).toMatch(/pending-acceptance/);
  });

  it('a subnet in the secondary CIDR (vpc_id through the association) is part of the VPC', () => {
    expect(find('vpcs', 'aws_vpc.a')?.secondaryCidrs).toEqual(['100.64.0.0/16']);
    // local route inside the VPC; SG a allows only 10.0.0.0/8, and 100.64.1.x is outside it
    const out = run(t, { from: 'aws_instance.extra', to: 'aws_instance.a["x"]', port: 22 });
    expect(out).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_security_group.a' });
    expect(out.hops).toContain('aws_vpc.a/main-rtb');
  });

  it('gateways attached by separate resources; an instance without a public IP cannot use the internet gateway', () => {
    expect(find('internetGateways', 'aws_internet_gateway.c')?.vpc).toBe('aws_vpc.c');
    expect(find('vpnGateways', 'aws_vpn_gateway.a')?.vpc).toBe('aws_vpc.a');
    expect(find('routeTables', 'aws_vpc.c/main-rtb')?.routes).toContainEqual({
      destination: '::/0',
      target: 'aws_egress_only_internet_gateway.c',
      description: 'aws_route.c_v6',
    });
    expect(run(t, { from: 'aws_instance.c', to: 'internet', port: 443 })).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_internet_gateway.c' });
  });

  it('a transit gateway with default tables disabled has none; a VPN on it is an attachment', () => {
    expect(r.topology.transitGatewayRouteTables ?? []).toEqual([]);
    expect(find('transitGatewayAttachments', 'aws_vpn_connection.office/tgw-attachment')).toMatchObject({
      transitGateway: 'aws_ec2_transit_gateway.core',
      vpnConnection: 'aws_vpn_connection.office',
    });
    expect(find('vpnConnections', 'aws_vpn_connection.office')).toMatchObject({
      customerGatewayIp: '203.0.113.50',
      transitGateway: 'aws_ec2_transit_gateway.core',
    });
    expect(find('transitGatewayAttachments', 'aws_ec2_transit_gateway_peering_attachment.syd_sin')?.peerTransitGateway).toBe('tgw-0f0e0d0c0b0a09081');
  });

  it('endpoint and interface associations made by their own resources', () => {
    expect(find('vpcEndpoints', 'aws_vpc_endpoint.sts')).toMatchObject({
      type: 'interface',
      subnets: ['aws_subnet.a["x"]'],
      securityGroups: ['aws_security_group.a'],
    });
    expect(find('networkInterfaces', 'aws_network_interface.extra')).toMatchObject({
      subnet: 'aws_subnet.a["y"]',
      privateIp: '10.70.2.50',
      instance: 'aws_instance.a["y"]',
    });
  });

  it('types vpcsim does not model are counted as ignored', () => {
    expect(r.summary.ignored).toEqual({ aws_networkfirewall_firewall: 1 });
    expect(r.summary.imported.aws_internet_gateway).toBe(1);
  });
});
