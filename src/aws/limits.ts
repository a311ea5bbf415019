// AWS limits on VPC networks, the one home of these facts: CIDR block sizes, the addresses AWS reserves in a subnet,
// and the quotas vpcsim applies. Each cites its page; the CIDR calculator (src/cidr/aws.ts) and the generator read
// them from here.

export interface SizeRule {
  largest: number;
  smallest: number;
  step: number;
}

/** Whether a prefix length is one the rule allows (inside its range, on its step). */
export function sizeAllowed(r: SizeRule, len: number): boolean {
  return len >= r.largest && len <= r.smallest && (len - r.largest) % r.step === 0;
}

// IPv4 VPC blocks: between a /16 netmask and a /28 netmask. https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html#vpc-sizing-ipv4
export const IPV4_VPC: SizeRule = { largest: 16, smallest: 28, step: 1 };
// IPv4 subnet blocks: between a /28 netmask and a /16 netmask. https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
export const IPV4_SUBNET: SizeRule = { largest: 16, smallest: 28, step: 1 };
// IPv6 VPC blocks: /44 to /60 in increments of /4. https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html#vpc-sizing-ipv6
export const IPV6_VPC: SizeRule = { largest: 44, smallest: 60, step: 4 };
// Amazon-provided IPv6 VPC blocks have a fixed size of /56. https://docs.aws.amazon.com/vpc/latest/userguide/create-vpc.html
export const IPV6_AMAZON_PROVIDED = 56;
// IPv6 subnet blocks: /44 to /64 in increments of /4. https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html#subnet-sizing-ipv6
export const IPV6_SUBNET: SizeRule = { largest: 44, smallest: 64, step: 4 };

// IPv4 ranges that can't be a VPC CIDR block. https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html#vpc-sizing-ipv4
export const FORBIDDEN_VPC_V4: ReadonlyArray<{ cidr: string; name: string }> = [
  { cidr: '0.0.0.0/8', name: '"this network"' },
  { cidr: '127.0.0.0/8', name: 'loopback' },
  { cidr: '169.254.0.0/16', name: 'link-local' },
  { cidr: '224.0.0.0/4', name: 'multicast' },
];
// Some AWS services use 172.17.0.0/16; AWS advises not to use it for a VPC. https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html#vpc-sizing-ipv4
export const DOCKER_BRIDGE_CIDR = '172.17.0.0/16';

// The first four and the last address of every subnet are reserved, IPv4 and IPv6 alike.
// https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
export const RESERVED_FIRST = 4;
export const RESERVED_PER_SUBNET = 5;

// Quotas. https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
/** IPv4 CIDR blocks per VPC (default quota). */
export const IPV4_CIDRS_PER_VPC = 5;
/** Subnets per VPC (default quota). */
export const SUBNETS_PER_VPC = 200;
/** Rules per security group: inbound and outbound rules together cannot pass 1,000. */
export const MAX_SG_RULES = 1000;
// Network ACL rule numbers run from 1 to 32766. https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
export const MAX_NACL_RULE_NUMBER = 32766;
