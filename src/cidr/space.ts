// Which part of the address space a block is in: RFC 1918 private, RFC 6598 shared, public, or special-purpose.
import { type Block, blockCovers, blockEnd, blockRange, blockSize, blocksOverlap, formatBlock, mergeRanges } from './block.js';
import { parseBlock } from './parse.js';

export type SpaceKind = 'private' | 'shared' | 'public' | 'special' | 'mixed';

export interface SpaceRange {
  cidr: string;
  name: string;
  kind: Exclude<SpaceKind, 'mixed' | 'public'>;
}

export interface Space {
  kind: SpaceKind;
  label: string;
  /** the named ranges the block touches (empty for public space) */
  ranges: SpaceRange[];
}

interface Named {
  block: Block;
  name: string;
  kind: SpaceRange['kind'];
}

function named(cidr: string, name: string, kind: SpaceRange['kind']): Named {
  return { block: parseBlock(cidr), name, kind };
}

// IPv4: RFC 1918 private (https://www.rfc-editor.org/rfc/rfc1918), RFC 6598 shared (https://www.rfc-editor.org/rfc/rfc6598),
// and the special-purpose registry (https://www.iana.org/assignments/iana-ipv4-special-registry/).
const V4: Named[] = [
  named('10.0.0.0/8', 'RFC 1918 private', 'private'),
  named('172.16.0.0/12', 'RFC 1918 private', 'private'),
  named('192.168.0.0/16', 'RFC 1918 private', 'private'),
  named('100.64.0.0/10', 'RFC 6598 shared address space, carrier-grade NAT', 'shared'),
  named('0.0.0.0/8', '"this network", RFC 791', 'special'),
  named('127.0.0.0/8', 'loopback, RFC 1122', 'special'),
  named('169.254.0.0/16', 'link-local, RFC 3927', 'special'),
  named('192.0.0.0/24', 'IETF protocol assignments, RFC 6890', 'special'),
  named('192.0.2.0/24', 'documentation TEST-NET-1, RFC 5737', 'special'),
  named('198.18.0.0/15', 'benchmarking, RFC 2544', 'special'),
  named('198.51.100.0/24', 'documentation TEST-NET-2, RFC 5737', 'special'),
  named('203.0.113.0/24', 'documentation TEST-NET-3, RFC 5737', 'special'),
  named('224.0.0.0/4', 'multicast, RFC 5771', 'special'),
  named('240.0.0.0/4', 'reserved, RFC 1112, with broadcast 255.255.255.255', 'special'),
];

// IPv6: global unicast is 2000::/3 (https://www.iana.org/assignments/ipv6-address-space/); the rest is reserved
// or special-purpose (https://www.iana.org/assignments/iana-ipv6-special-registry/).
const V6: Named[] = [
  named('::/128', 'unspecified address, RFC 4291', 'special'),
  named('::1/128', 'loopback, RFC 4291', 'special'),
  named('::ffff:0:0/96', 'IPv4-mapped addresses, RFC 4291', 'special'),
  named('64:ff9b::/96', 'IPv4/IPv6 translation (NAT64), RFC 6052', 'special'),
  named('100::/64', 'discard-only, RFC 6666', 'special'),
  named('2001:db8::/32', 'documentation, RFC 3849', 'special'),
  named('3fff::/20', 'documentation, RFC 9637', 'special'),
  named('fc00::/7', 'unique local (private), RFC 4193', 'private'),
  named('fe80::/10', 'link-local, RFC 4291', 'special'),
  named('ff00::/8', 'multicast, RFC 4291', 'special'),
  named('::/3', 'reserved by the IETF, outside global unicast 2000::/3', 'special'),
  named('4000::/2', 'reserved by the IETF, outside global unicast 2000::/3', 'special'),
  named('8000::/1', 'reserved by the IETF, outside global unicast 2000::/3', 'special'),
];

function label(n: Named): string {
  const where = `${n.name} (${formatBlock(n.block)})`;
  return n.kind === 'special' ? `special-purpose: ${where}` : where;
}

export function classify(b: Block): Space {
  const table = b.family === 4 ? V4 : V6;
  const publicLabel = b.family === 4 ? 'public (outside RFC 1918, RFC 6598 and special-purpose ranges)' : 'public (global unicast 2000::/3)';
  const covering = table.filter((n) => blockCovers(n.block, b)).sort((x, y) => y.block.len - x.block.len)[0];
  if (covering) {
    return {
      kind: covering.kind,
      label: label(covering),
      ranges: [{ cidr: formatBlock(covering.block), name: covering.name, kind: covering.kind }],
    };
  }
  // Not inside one named range: list the outermost named ranges it touches, and whether public space is left over.
  const touched = table.filter((n) => blocksOverlap(n.block, b));
  const outer = touched.filter((n) => !touched.some((m) => m !== n && blockCovers(m.block, n.block) && m.block.len < n.block.len));
  if (outer.length === 0) return { kind: 'public', label: publicLabel, ranges: [] };
  const lo = b.start;
  const hi = blockEnd(b);
  const clipped = mergeRanges(
    outer.map((n) => {
      const r = blockRange(n.block);
      return { lo: r.lo < lo ? lo : r.lo, hi: r.hi > hi ? hi : r.hi };
    }),
  );
  const covered = clipped.reduce((sum, r) => sum + (r.hi - r.lo + 1n), 0n);
  const hasPublic = covered < blockSize(b);
  const ranges = outer.map((n) => ({ cidr: formatBlock(n.block), name: n.name, kind: n.kind }));
  const parts = ranges.map((r) => `${r.cidr} ${r.name}`);
  if (hasPublic) parts.push('and public space');
  return { kind: 'mixed', label: `mixed: ${parts.join('; ')}`, ranges };
}
