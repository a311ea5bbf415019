// Address rules: an interface's IPs lie inside its subnet, are not one of the subnet's five reserved
// addresses, and are not used twice in a VPC.
import { describe, expect, it } from 'vitest';
import { at, forFile } from '../helpers/diagnostics.js';

const FILE = 'addr.yaml';

const { load, expectOnlyError } = forFile(FILE);

const BASE = `version: 1
vpcs:
  - id: vpc-a
    cidr: 10.0.0.0/16
    ipv6Cidr: 2600:1f18:aaaa:bb00::/56
subnets:
  - { id: app-a, vpc: vpc-a, cidr: 10.0.2.0/24, ipv6Cidr: "2600:1f18:aaaa:bb02::/64" }
  - { id: web-a, vpc: vpc-a, cidr: 10.0.1.0/24 }
`;

describe('instance addresses inside their subnet', () => {
  it('a private IP outside the subnet names the subnet and its CIDR', () => {
    const text = BASE + 'instances:\n  - { id: app-1, subnet: app-a, privateIp: 10.0.3.10 }\n';
    expectOnlyError(load(text), 'IP_OUTSIDE_SUBNET', at(text, '10.0.3.10'), "10.0.3.10 of 'app-1' is not inside subnet 'app-a' (10.0.2.0/24)");
  });

  it('a secondary private IP outside the subnet is reported at that entry', () => {
    const text = BASE + 'instances:\n  - { id: app-1, subnet: app-a, privateIp: 10.0.2.10, secondaryPrivateIps: [10.0.2.11, 10.0.9.12] }\n';
    expectOnlyError(load(text), 'IP_OUTSIDE_SUBNET', at(text, '10.0.9.12'), "subnet 'app-a'");
  });

  it('an IPv6 address outside the subnet IPv6 CIDR is an error', () => {
    const text = BASE + 'instances:\n  - { id: app-1, subnet: app-a, privateIp: 10.0.2.10, ipv6Addresses: ["2600:1f18:aaaa:bb03::10"] }\n';
    expectOnlyError(
      load(text),
      'IP_OUTSIDE_SUBNET',
      at(text, '"2600:1f18:aaaa:bb03::10"'),
      '2600:1f18:aaaa:bb03::10',
      "subnet 'app-a'",
      '2600:1f18:aaaa:bb02::/64',
    );
  });

  it('an IPv6 address in a subnet without an IPv6 CIDR is an error with a fix', () => {
    const text = BASE + 'instances:\n  - { id: web-1, subnet: web-a, privateIp: 10.0.1.10, ipv6Addresses: ["2600:1f18:aaaa:bb01::10"] }\n';
    const d = expectOnlyError(load(text), 'IP_OUTSIDE_SUBNET', at(text, '"2600:1f18:aaaa:bb01::10"'), "subnet 'web-a' has no IPv6 CIDR");
    expect(d.hint).toContain("add ipv6Cidr to subnet 'web-a'");
  });

  it('a network interface with an IP outside its subnet is an error too', () => {
    const text = BASE + 'networkInterfaces:\n  - { id: eni-x, subnet: web-a, privateIp: 10.0.2.20 }\n';
    expectOnlyError(load(text), 'IP_OUTSIDE_SUBNET', at(text, '10.0.2.20'), "'eni-x'", "subnet 'web-a'");
  });

  it('a NAT gateway private IP outside its subnet is an error', () => {
    const text = BASE + 'natGateways:\n  - { id: nat-a, subnet: web-a, privateIp: 10.0.2.5, publicIp: 203.0.113.10 }\n';
    expectOnlyError(load(text), 'IP_OUTSIDE_SUBNET', at(text, '10.0.2.5'), "'nat-a'", "subnet 'web-a'");
  });

  it('a private IP that is not an IPv4 address is refused', () => {
    const text = BASE + 'instances:\n  - { id: app-1, subnet: app-a, privateIp: 10.0.2.300 }\n';
    expectOnlyError(load(text), 'INVALID_IP', at(text, '10.0.2.300'), "private IP of 'app-1'", 'above 255');
  });
});

describe("a subnet's five reserved addresses", () => {
  // https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
  it.each([
    ['10.0.2.0', 'network address'],
    ['10.0.2.1', 'VPC router'],
    ['10.0.2.2', 'DNS'],
    ['10.0.2.3', 'future use'],
    ['10.0.2.255', 'broadcast'],
  ])('%s is reserved (%s)', (ip, why) => {
    const text = BASE + `instances:\n  - { id: app-1, subnet: app-a, privateIp: ${ip} }\n`;
    const d = expectOnlyError(load(text), 'RESERVED_IP', at(text, `${ip} }`), `${ip} of 'app-1' is reserved by AWS in subnet 'app-a'`, why);
    expect(d.hint).toBe('usable addresses start at 10.0.2.4');
  });

  it.each(['10.0.2.4', '10.0.2.254'])('%s is the first/last usable address', (ip) => {
    const text = BASE + `instances:\n  - { id: app-1, subnet: app-a, privateIp: ${ip} }\n`;
    expect(load(text).diagnostics).toEqual([]);
  });

  it('the first IPv6 addresses of a subnet are reserved too', () => {
    const text = BASE + 'instances:\n  - { id: app-1, subnet: app-a, privateIp: 10.0.2.10, ipv6Addresses: ["2600:1f18:aaaa:bb02::1"] }\n';
    expectOnlyError(load(text), 'RESERVED_IP', at(text, '"2600:1f18:aaaa:bb02::1"'), 'VPC router');
  });

  it('a reserved secondary IP is reported at that entry', () => {
    const text = BASE + 'instances:\n  - { id: app-1, subnet: app-a, privateIp: 10.0.2.10, secondaryPrivateIps: [10.0.2.3] }\n';
    expectOnlyError(load(text), 'RESERVED_IP', at(text, '10.0.2.3]'), 'future use');
  });
});

describe('an address is used once per VPC', () => {
  it('two instances with the same private IP: the second is reported, naming the first and its line', () => {
    const text = BASE + 'instances:\n  - { id: app-1, subnet: app-a, privateIp: 10.0.2.10 }\n  - { id: app-2, subnet: app-a, privateIp: 10.0.2.10 }\n';
    expectOnlyError(
      load(text),
      'DUPLICATE_IP',
      at(text, '10.0.2.10', 1),
      "10.0.2.10 of 'app-2' is already used by 'app-1'",
      `(line ${at(text, 'app-1').line})`,
      "VPC 'vpc-a'",
    );
  });

  it("an instance's secondary IP clashing with another's primary is a duplicate", () => {
    const text =
      BASE +
      'instances:\n  - { id: app-1, subnet: app-a, privateIp: 10.0.2.10 }\n  - { id: app-2, subnet: app-a, privateIp: 10.0.2.11, secondaryPrivateIps: [10.0.2.10] }\n';
    expectOnlyError(load(text), 'DUPLICATE_IP', at(text, '10.0.2.10', 1), "'app-2'", "'app-1'");
  });

  it('a NAT gateway and a later instance on one address: the instance is reported', () => {
    const text =
      BASE +
      'natGateways:\n  - { id: nat-a, subnet: web-a, privateIp: 10.0.1.5, publicIp: 203.0.113.10 }\ninstances:\n  - { id: web-1, subnet: web-a, privateIp: 10.0.1.5 }\n';
    // reported at the one written later in the file, whatever order the kinds are bound in
    expectOnlyError(load(text), 'DUPLICATE_IP', at(text, '10.0.1.5', 1), `10.0.1.5 of 'web-1' is already used by 'nat-a' (line ${at(text, 'nat-a').line})`);
  });

  it('the same public IP on two instances is a duplicate', () => {
    const text =
      BASE +
      'instances:\n  - { id: web-1, subnet: web-a, privateIp: 10.0.1.10, publicIp: 54.210.0.10 }\n  - { id: web-2, subnet: web-a, privateIp: 10.0.1.11, publicIp: 54.210.0.10 }\n';
    expectOnlyError(load(text), 'DUPLICATE_IP', at(text, '54.210.0.10', 1), "public IP 54.210.0.10 of 'web-2' is already used by 'web-1'");
  });

  it('the same private IP in two different VPCs is fine', () => {
    const text = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
  - { id: vpc-b, cidr: 10.0.0.0/16 }
subnets:
  - { id: a1, vpc: vpc-a, cidr: 10.0.1.0/24 }
  - { id: b1, vpc: vpc-b, cidr: 10.0.1.0/24 }
instances:
  - { id: i-a, subnet: a1, privateIp: 10.0.1.10 }
  - { id: i-b, subnet: b1, privateIp: 10.0.1.10 }
`;
    expect(load(text).diagnostics).toEqual([]);
  });

  it('a public IP in private address space is refused', () => {
    const text = BASE + 'instances:\n  - { id: web-1, subnet: web-a, privateIp: 10.0.1.10, publicIp: 10.1.2.3 }\n';
    expectOnlyError(load(text), 'INVALID_PUBLIC_IP', at(text, '10.1.2.3'), 'private address space');
  });
});
