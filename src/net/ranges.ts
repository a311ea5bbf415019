// Special-purpose address ranges, each with the RFC that sets it aside: the one home of these facts. Plain CIDR text,
// so every module can parse them into the form it works with (net/ip.ts prefixes, cidr/ blocks, reach/ range sets).
// https://www.iana.org/assignments/iana-ipv4-special-registry/ and https://www.iana.org/assignments/iana-ipv6-special-registry/

export type RangeKind = 'private' | 'shared' | 'special';

export interface SpecialRange {
  cidr: string;
  /** what the range is, with its RFC, as `vpcsim cidr` prints it */
  name: string;
  kind: RangeKind;
}

/** https://www.rfc-editor.org/rfc/rfc1918 — private IPv4 space. */
export const RFC1918_CIDRS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;
/** https://www.rfc-editor.org/rfc/rfc6598 — shared address space (carrier-grade NAT). */
export const RFC6598_CIDR = '100.64.0.0/10';
/** https://www.rfc-editor.org/rfc/rfc6052 — the well-known NAT64 prefix: 64:ff9b::a.b.c.d stands for a.b.c.d. */
export const NAT64_CIDR = '64:ff9b::/96';
/** https://www.rfc-editor.org/rfc/rfc3927 — IPv4 link-local, where AWS puts its instance services (169.254.169.x). */
export const LINK_LOCAL_V4_CIDR = '169.254.0.0/16';
/** https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html — the AWS IPv6 instance services. */
export const AWS_LINK_LOCAL_V6_CIDR = 'fd00:ec2::/32';

/** IPv4 ranges that are not unicast hosts: unspecified (RFC 791), loopback (RFC 1122), multicast (RFC 5771), reserved (RFC 1112). */
export const NOT_UNICAST_V4 = ['0.0.0.0/8', '127.0.0.0/8', '224.0.0.0/4', '240.0.0.0/4'] as const;
/** IPv6 ranges that are not unicast hosts: unspecified, loopback, multicast (RFC 4291). */
export const NOT_UNICAST_V6 = ['::/128', '::1/128', 'ff00::/8'] as const;
/** https://www.rfc-editor.org/rfc/rfc4291 — IPv4-mapped IPv6 addresses (::ffff:a.b.c.d). */
export const IPV4_MAPPED_CIDR = '::ffff:0:0/96';

/** Addresses a flow never has as an external host: not unicast, link-local, IPv4-mapped, the AWS link-local services. */
export const NOT_EXTERNAL_V4 = [...NOT_UNICAST_V4, LINK_LOCAL_V4_CIDR] as const;
export const NOT_EXTERNAL_V6 = [...NOT_UNICAST_V6, IPV4_MAPPED_CIDR, AWS_LINK_LOCAL_V6_CIDR] as const;

// IPv4: RFC 1918 private, RFC 6598 shared, and the special-purpose registry.
export const SPECIAL_V4: readonly SpecialRange[] = [
  { cidr: '10.0.0.0/8', name: 'RFC 1918 private', kind: 'private' },
  { cidr: '172.16.0.0/12', name: 'RFC 1918 private', kind: 'private' },
  { cidr: '192.168.0.0/16', name: 'RFC 1918 private', kind: 'private' },
  { cidr: RFC6598_CIDR, name: 'RFC 6598 shared address space, carrier-grade NAT', kind: 'shared' },
  { cidr: '0.0.0.0/8', name: '"this network", RFC 791', kind: 'special' },
  { cidr: '127.0.0.0/8', name: 'loopback, RFC 1122', kind: 'special' },
  { cidr: LINK_LOCAL_V4_CIDR, name: 'link-local, RFC 3927', kind: 'special' },
  { cidr: '192.0.0.0/24', name: 'IETF protocol assignments, RFC 6890', kind: 'special' },
  { cidr: '192.0.2.0/24', name: 'documentation TEST-NET-1, RFC 5737', kind: 'special' },
  { cidr: '198.18.0.0/15', name: 'benchmarking, RFC 2544', kind: 'special' },
  { cidr: '198.51.100.0/24', name: 'documentation TEST-NET-2, RFC 5737', kind: 'special' },
  { cidr: '203.0.113.0/24', name: 'documentation TEST-NET-3, RFC 5737', kind: 'special' },
  { cidr: '224.0.0.0/4', name: 'multicast, RFC 5771', kind: 'special' },
  { cidr: '240.0.0.0/4', name: 'reserved, RFC 1112, with broadcast 255.255.255.255', kind: 'special' },
];

// IPv6: global unicast is 2000::/3 (https://www.iana.org/assignments/ipv6-address-space/); the rest is reserved or
// special-purpose.
export const SPECIAL_V6: readonly SpecialRange[] = [
  { cidr: '::/128', name: 'unspecified address, RFC 4291', kind: 'special' },
  { cidr: '::1/128', name: 'loopback, RFC 4291', kind: 'special' },
  { cidr: IPV4_MAPPED_CIDR, name: 'IPv4-mapped addresses, RFC 4291', kind: 'special' },
  { cidr: NAT64_CIDR, name: 'IPv4/IPv6 translation (NAT64), RFC 6052', kind: 'special' },
  { cidr: '100::/64', name: 'discard-only, RFC 6666', kind: 'special' },
  { cidr: '2001:db8::/32', name: 'documentation, RFC 3849', kind: 'special' },
  { cidr: '3fff::/20', name: 'documentation, RFC 9637', kind: 'special' },
  { cidr: 'fc00::/7', name: 'unique local (private), RFC 4193', kind: 'private' },
  { cidr: 'fe80::/10', name: 'link-local, RFC 4291', kind: 'special' },
  { cidr: 'ff00::/8', name: 'multicast, RFC 4291', kind: 'special' },
  { cidr: '::/3', name: 'reserved by the IETF, outside global unicast 2000::/3', kind: 'special' },
  { cidr: '4000::/2', name: 'reserved by the IETF, outside global unicast 2000::/3', kind: 'special' },
  { cidr: '8000::/1', name: 'reserved by the IETF, outside global unicast 2000::/3', kind: 'special' },
];
