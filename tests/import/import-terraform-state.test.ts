// States: a terraform.tfstate (version 4) and the same network as `terraform show -json` prints a state
// (format 1.0), with for_each modules, a nested module, transit gateway, VPN, peering with the default VPC,
// separate rules and associations. Every id is known, so links come from attribute values.
// Expectations follow from the fixture's attributes and AWS semantics (the comments say why).
import { describe, expect, it } from 'vitest';
import { loadPlan, run } from '../helpers/terraform-helpers.js';

const SPOKE_A = 'module.spoke["a"].aws_instance.web';
const SPOKE_B = 'module.spoke["b"].aws_instance.web';

describe('hub.tfstate and hub-show-state-1.0.json', () => {
  const { t, r } = loadPlan('hub.tfstate');

  it('both forms import to the same topology', () => {
    const other = loadPlan('hub-show-state-1.0.json').r;
    expect({ ...other.topology, name: '' }).toEqual({ ...r.topology, name: '' });
    expect(other.summary.kind).toBe('state-json');
    expect(r.summary).toMatchObject({ kind: 'tfstate', values: 'state' });
  });

  it('lists what it did not model, by type', () => {
    expect(r.summary.ignored).toEqual({ aws_lb: 1, 'data.aws_ami': 1 });
  });

  it('inline and separate security group rules merge without duplicates', () => {
    // aws_security_group_rule.app_ssh_dup repeats app's inline tcp/22 from 10.0.0.0/8
    const app = (r.topology.securityGroups as Record<string, unknown>[]).find((s) => s.id === 'aws_security_group.app')!;
    const ssh = (app.inbound as Record<string, unknown>[]).filter((x) => x.ports === 22 && x.source === '10.0.0.0/8');
    expect(ssh).toHaveLength(1);
    // aws_vpc_security_group_ingress_rule.app_ping: icmp echo (type 8, code -1 = all codes) from 10.0.0.0/8
    expect(run(t, { from: 'aws_instance.bastion', to: 'aws_instance.app', protocol: 'icmp', icmpType: 8, icmpCode: 0 }).verdict).toBe('ACCEPT');
  });

  it('a prefix list and its separate entry decide an SG rule; the Elastic IP association gives the public address', () => {
    // bastion SG: tcp/22 from pl corp = 203.0.113.0/24 (inline entry) + 198.51.100.0/24 (aws_ec2_managed_prefix_list_entry)
    expect(run(t, { from: '203.0.113.10', to: 'aws_instance.bastion', port: 22 }).verdict).toBe('ACCEPT');
    expect(run(t, { from: '198.51.100.20', to: 'aws_instance.bastion', port: 22 }).verdict).toBe('ACCEPT');
    expect(run(t, { from: '192.0.2.99', to: 'aws_instance.bastion', port: 22 })).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_security_group.bastion' });
    expect(r.topology.instances!.find((i) => i.id === 'aws_instance.bastion')?.publicIp).toBe('18.220.1.1');
  });

  it('transit gateway: hub → spoke through the default table (spokes propagate there)', () => {
    const out = run(t, { from: 'aws_instance.bastion', to: SPOKE_A, port: 22 });
    expect(out.verdict).toBe('ACCEPT');
    expect(out.hops).toContain('aws_ec2_transit_gateway.hub/default-rtb');
  });

  it('spoke A → hub is stopped by the separate NACL rule 50 on the associated TGW subnet', () => {
    // spoke tables send 0.0.0.0/0 to the TGW; the spokes table sends it to the hub attachment in subnet hub_tgw;
    // aws_network_acl_association.hub_tgw puts that subnet under acl hub_private, whose rule 50 denies tcp/22 from 10.20.0.0/16.
    expect(run(t, { from: SPOKE_A, to: 'aws_instance.app', port: 22 })).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_network_acl.hub_private' });
    expect(run(t, { from: SPOKE_A, to: SPOKE_B, port: 22 })).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_network_acl.hub_private' });
    // spoke B is not denied: rule 100 allows 10.0.0.0/8
    expect(run(t, { from: SPOKE_B, to: 'aws_instance.app', port: 22 }).verdict).toBe('ACCEPT');
  });

  it('VPN: a static route of the connection, propagated by the virtual private gateway into the private table', () => {
    const out = run(t, { from: 'aws_instance.app', to: '172.16.0.5', port: 443 });
    expect(out.verdict).toBe('ACCEPT');
    expect(out.hops).toContain('aws_vpn_gateway.hub');
  });

  it('the default VPC has its internet gateway and default security group though Terraform manages neither', () => {
    // https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html: IGW + 0.0.0.0/0 route; the instance has no SG → default SG
    expect(run(t, { from: 'aws_instance.legacy', to: 'internet', port: 443 }).verdict).toBe('ACCEPT');
    expect(run(t, { from: 'internet', to: 'aws_instance.legacy', port: 22 })).toMatchObject({
      verdict: 'REJECT',
      blockedBy: 'aws_default_vpc.legacy/default-sg',
    });
    // peering works, but the default SG only admits its own members
    const peer = run(t, { from: 'aws_instance.app', to: 'aws_instance.legacy', port: 22 });
    expect(peer).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_default_vpc.legacy/default-sg' });
    expect(peer.hops).toContain('aws_vpc_peering_connection.hub_legacy');
  });

  it('an instance without groups is in its VPC default group (the unmanaged AWS default rules)', () => {
    expect(run(t, { from: 'aws_instance.app', to: 'aws_instance.appliance', port: 22 })).toMatchObject({
      verdict: 'REJECT',
      blockedBy: 'aws_vpc.hub/default-sg',
    });
  });

  it('the main route table association makes hub_private the main table', () => {
    const main = r.topology.routeTables!.filter((x) => x.vpc === 'aws_vpc.hub' && x.main === true).map((x) => x.id);
    expect(main).toEqual(['aws_route_table.hub_private']);
  });
});
