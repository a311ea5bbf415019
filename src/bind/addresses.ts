// Private and public addresses: who owns each, which a subnet reserves, and the first free one of a subnet.
import type { Path } from '../load/diagnostics.js';
import { type Addr, type Prefix, addOffset, contains, formatAddr, formatPrefix, lastAddr, mustCidr, RFC1918, RFC6598, sizeOf } from '../net/ip.js';
import type * as M from './model.js';
import { RESERVED_FIRST } from '../aws/limits.js';
import { type At, type Binder, type Draft } from './context.js';

const pathOf = (at: At): Path => (typeof at === 'function' ? at() : at);

/** Claims a private address in a VPC; a second owner is a DUPLICATE_IP. */
export function claim(b: Binder, t: Draft, vpc: M.Vpc, a: Addr, id: string, at: At): boolean {
  const { vpcIps } = t;
  let m = vpcIps.get(vpc);
  if (!m) vpcIps.set(vpc, (m = new Map()));
  const prev = m.get(a);
  if (prev) {
    const path = pathOf(at);
    const prevPath = pathOf(prev.path);
    // Kinds bind in a fixed order, not file order: report at whichever of the two is written later.
    const p = b.loaded.source.position(prevPath);
    const q = b.loaded.source.position(path);
    const [first, later] =
      p.line < q.line || (p.line === q.line && p.col <= q.col)
        ? [
            { id: prev.id, path: prevPath, pos: p },
            { id, path },
          ]
        : [
            { id, path, pos: q },
            { id: prev.id, path: prevPath },
          ];
    b.error('DUPLICATE_IP', `${formatAddr(a)} of '${later.id}' is already used by '${first.id}' (line ${first.pos.line}) in VPC '${vpc.id}'`, later.path);
    return false;
  }
  m.set(a, { id, path: at });
  return true;
}

/** Claims a public address; a second owner is a DUPLICATE_IP. */
export function claimPublic(b: Binder, t: Draft, a: number, id: string, path: At): boolean {
  const { publicOwners } = t;
  const prev = publicOwners.get(a);
  if (prev) {
    b.error('DUPLICATE_IP', `public IP ${formatAddr(a)} of '${id}' is already used by '${prev.id}'`, path);
    return false;
  }
  publicOwners.set(a, { id, path });
  return true;
}

/** A private IPv4 of a subnet: inside it and not one of its 5 reserved addresses. */
export function checkPrivate(b: Binder, subnet: M.Subnet, a: Addr, id: string, path: At): boolean {
  const cidr = typeof a === 'number' ? subnet.cidr : subnet.ipv6Cidr;
  if (!cidr && typeof a === 'number') {
    b.error('IP_OUTSIDE_SUBNET', `'${id}' has IPv4 address ${formatAddr(a)} but subnet '${subnet.id}' is IPv6-only (no IPv4 cidr)`, path, {
      hint: 'remove the address, or give the subnet an IPv4 cidr',
    });
    return false;
  }
  if (!cidr) {
    b.error('IP_OUTSIDE_SUBNET', `'${id}' has IPv6 address ${formatAddr(a)} but subnet '${subnet.id}' has no IPv6 CIDR`, path, {
      hint: `add ipv6Cidr to subnet '${subnet.id}' or remove the address`,
    });
    return false;
  }
  if (!contains(cidr, a)) {
    b.error('IP_OUTSIDE_SUBNET', `${formatAddr(a)} of '${id}' is not inside subnet '${subnet.id}' (${formatPrefix(cidr)})`, path);
    return false;
  }
  const reserved = reservedReason(cidr, a);
  if (reserved) {
    b.error('RESERVED_IP', `${formatAddr(a)} of '${id}' is reserved by AWS in subnet '${subnet.id}' (${reserved})`, path, {
      hint: `usable addresses start at ${formatAddr(addOffset(cidr, RESERVED_FIRST))}`,
    });
    return false;
  }
  return true;
}

/** The first free address of a subnet, for an interface whose address the file does not give. */
export function allocate(b: Binder, t: Draft, subnet: M.Subnet, id: string, path: Path): number | undefined {
  const { vpcIps } = t;
  const used = vpcIps.get(subnet.vpc) ?? new Map();
  const cidr = subnet.cidr;
  if (!cidr)
    return (
      void b.error(
        'IP_OUTSIDE_SUBNET',
        `'${id}' is in IPv6-only subnet '${subnet.id}': vpcsim does not model an interface endpoint or transit gateway attachment in an IPv6-only subnet yet`,
        path,
        { hint: 'use a subnet with an IPv4 cidr' },
      ),
      undefined
    );
  const size = Number(sizeOf(cidr));
  for (let k = 4; k < size - 1; k++) {
    const a = addOffset(cidr, k) as number;
    if (!used.has(a)) {
      claim(b, t, subnet.vpc, a, id, path);
      return a;
    }
  }
  b.error('SUBNET_FULL', `subnet '${subnet.id}' has no free address left for '${id}'`, path);
  return undefined;
}

/** https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html — first four and the last address of every subnet CIDR are reserved */
export function reservedReason(cidr: Prefix, a: Addr): string | undefined {
  const last = lastAddr(cidr);
  if (a === cidr.base) return 'network address';
  if (a === addOffset(cidr, 1)) return 'reserved for the VPC router';
  if (a === addOffset(cidr, 2)) return 'reserved for the Amazon DNS server';
  if (a === addOffset(cidr, 3)) return 'reserved for future use';
  if (a === last) return cidr.family === 4 ? 'network broadcast address, reserved' : 'last address, reserved';
  return undefined;
}

// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html — public IPv4 addresses come from
// Amazon's public pool or your own, never from private (RFC 1918), shared (RFC 6598), loopback or link-local space.
const NOT_PUBLIC: Prefix[] = [...RFC1918, RFC6598, ...['127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/8'].map(mustCidr)];

export function isPrivateSpace(a: number): boolean {
  return NOT_PUBLIC.some((c) => contains(c, a));
}
