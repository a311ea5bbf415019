// CIDR blocks as exact integer ranges: a layer over src/net/ip.ts's Prefix (IPv4 as number, IPv6 as bigint) where
// both families are bigint, so block arithmetic (split, free, summarize, plan, merging reach's address sets) has one
// code path, still exact integers and no floating point anywhere.
import { Address6 } from 'ip-address';
import { Netmask } from 'netmask';
import { type Family, type Prefix, formatIpv4, formatIpv6, makePrefix } from './ip.js';

export interface Block {
  readonly family: Family;
  /** first address, as an exact integer */
  readonly start: bigint;
  readonly len: number;
}

export function bitsOf(family: Family): number {
  return family === 4 ? 32 : 128;
}

export function blockFromPrefix(p: Prefix): Block {
  return { family: p.family, start: typeof p.base === 'number' ? BigInt(p.base >>> 0) : p.base, len: p.len };
}

export function prefixOfBlock(b: Block): Prefix {
  return makePrefix(b.family, b.family === 4 ? Number(b.start) : b.start, b.len);
}

export function blockSize(b: Block): bigint {
  return 1n << BigInt(bitsOf(b.family) - b.len);
}

export function blockEnd(b: Block): bigint {
  return b.start + blockSize(b) - 1n;
}

/** Address text: dotted quad for IPv4, RFC 5952 canonical text for IPv6 (IPv4-mapped keeps ::ffff:a.b.c.d). */
export function formatAddress(family: Family, a: bigint): string {
  return family === 4 ? formatIpv4(Number(a)) : formatIpv6(a);
}

export function formatBlock(b: Block): string {
  return `${formatAddress(b.family, b.start)}/${b.len}`;
}

/** Mask text: IPv4 through the netmask package; IPv6 as a plain RFC 5952 address (never the mapped form). */
export function maskTexts(b: Block): { netmask: string; wildcard: string } {
  if (b.family === 4) {
    // Input is already validated strictly, so netmask's inet_aton-style parser only sees canonical text.
    const n = new Netmask(`${formatIpv4(Number(b.start))}/${b.len}`);
    return { netmask: n.mask, wildcard: n.hostmask };
  }
  const all = (1n << 128n) - 1n;
  const host = (1n << BigInt(128 - b.len)) - 1n;
  return {
    netmask: Address6.fromBigInt(all ^ host).correctForm(),
    wildcard: Address6.fromBigInt(host).correctForm(),
  };
}

export function blockContainsAddress(b: Block, family: Family, a: bigint): boolean {
  return b.family === family && a >= b.start && a <= blockEnd(b);
}

export function blockCovers(outer: Block, inner: Block): boolean {
  return outer.family === inner.family && outer.len <= inner.len && inner.start >= outer.start && inner.start <= blockEnd(outer);
}

export function blocksOverlap(a: Block, b: Block): boolean {
  return a.family === b.family && a.start <= blockEnd(b) && b.start <= blockEnd(a);
}

export function compareBlocks(a: Block, b: Block): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.len - b.len;
}

/** Number of bits needed to write n (n >= 0): bitLength(0) = 0, bitLength(1) = 1, bitLength(256) = 9. */
export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** ceil(log2(n)) for n >= 1, exact. */
export function ceilLog2(n: bigint): number {
  return bitLength(n - 1n);
}

function trailingZeros(n: bigint, max: number): number {
  if (n === 0n) return max;
  let tz = 0;
  while ((n & 1n) === 0n && tz < max) {
    n >>= 1n;
    tz++;
  }
  return tz;
}

/** The fewest CIDR blocks that cover exactly [lo, hi]: the largest aligned block at each step. */
export function rangeToBlocks(family: Family, lo: bigint, hi: bigint): Block[] {
  const bits = bitsOf(family);
  const out: Block[] = [];
  while (lo <= hi) {
    const fit = bitLength(hi - lo + 1n) - 1; // largest power of two not above the remaining count
    const hostBits = Math.min(trailingZeros(lo, bits), fit);
    out.push({ family, start: lo, len: bits - hostBits });
    lo += 1n << BigInt(hostBits);
  }
  return out;
}

export interface Range {
  lo: bigint;
  hi: bigint;
}

/** Sorts and merges overlapping or touching ranges. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.lo <= last.hi + 1n) {
      if (r.hi > last.hi) last.hi = r.hi;
    } else out.push({ lo: r.lo, hi: r.hi });
  }
  return out;
}

export function blockRange(b: Block): Range {
  return { lo: b.start, hi: blockEnd(b) };
}
