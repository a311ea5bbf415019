// An address inside a VPC that no interface holds is refused as an endpoint, naming the VPC. VPCs may overlap
// (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html — only peered VPCs must not): the message
// names the first such VPC in the file (not the most specific CIDR), and the lookup goes through an index built once, not a scan per address.
import { describe, expect, it } from 'vitest';
import { loadTopologyText } from '../../src/index.js';
import { FlowError, trace } from '../../src/trace/trace.js';

const TEXT = `version: 1
vpcs:
  - { id: vpc-wide, cidr: 10.1.0.0/16 }
  - { id: vpc-a, cidr: 10.1.0.0/20, ipv6Cidr: 2600:1f18:1::/56 }
  - { id: vpc-b, cidr: 10.1.0.0/16, secondaryCidrs: [172.20.0.0/16] }
subnets:
  - { id: a, vpc: vpc-a, cidr: 10.1.1.0/24, ipv6Cidr: 2600:1f18:1:1::/64 }
instances:
  - { id: web, subnet: a, privateIp: 10.1.1.10, ipv6Addresses: [2600:1f18:1:1::10] }
`;

function refusal(to: string): string {
  const t = loadTopologyText(TEXT, 'overlap.yaml').topology!;
  try {
    trace(t, { from: 'web', to, protocol: 'tcp', port: 443 });
  } catch (e) {
    if (e instanceof FlowError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('an address inside a VPC but on no interface', () => {
  it('names the first VPC in the file that holds it', () => {
    expect(refusal('10.1.9.9')).toContain("inside VPC 'vpc-wide'");
    expect(refusal('10.1.200.1')).toContain("inside VPC 'vpc-wide'");
  });

  it('finds a VPC by a secondary CIDR and by its IPv6 CIDR', () => {
    expect(refusal('172.20.3.4')).toContain("inside VPC 'vpc-b'");
    expect(refusal('2600:1f18:1:2::9')).toContain("inside VPC 'vpc-a'");
  });

  it('leaves addresses outside every VPC to the other endpoint kinds', () => {
    expect(refusal('172.21.0.1')).not.toContain('inside VPC');
  });
});
