// IP values, small and exact: an IPv4 address is a number (0..2^32-1), an IPv6 address a bigint.
// The JS type tells the family, so the hot path never needs a wrapper object or a string.
// Parsing and validation go through ip-address (strict), never through hand-rolled splitting alone.
import { createRequire } from 'node:module';
import { NAT64_CIDR, RFC1918_CIDRS, RFC6598_CIDR } from './ranges.js';

// ip-address is loaded on first IPv6 use: IPv4-only runs (most) start ~7 ms faster without it.
let ipAddress: typeof import('ip-address') | undefined;
function Address6Lib(): typeof import('ip-address').Address6 {
  ipAddress ??= createRequire(import.meta.url)('ip-address') as typeof import('ip-address');
  return ipAddress.Address6;
}

export type Family = 4 | 6;
export type Addr = number | bigint;

export interface Prefix {
  readonly family: Family;
  /** network address: number for IPv4, bigint for IPv6 */
  readonly base: Addr;
  readonly len: number;
  /** int32 mask for IPv4, bigint mask for IPv6 */
  readonly mask: Addr;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const V4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const V6_MAX = (1n << 128n) - 1n;

export function familyOf(a: Addr): Family {
  return typeof a === 'number' ? 4 : 6;
}

/** The value of the dotted quad in text[start, end) when it is written as V4_RE and the checks below accept (four
 *  octets of one to three ASCII digits, no leading zero, none above 255), else -1: one pass over the characters
 *  without a match array or substrings. Anything it refuses goes through the regex path, which words the error. */
function scanIpv4(text: string, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let lead = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      dots++;
      octet = 0;
      digits = 0;
      continue;
    }
    if (c < 48 || c > 57 || (digits === 1 && lead === 48) || digits === 3) return -1;
    if (digits === 0) lead = c;
    digits++;
    octet = octet * 10 + (c - 48);
    if (octet > 255) return -1;
  }
  return digits === 0 || dots !== 3 ? -1 : value * 256 + octet;
}

/** A prefix length written as parseCidrLoose accepts it for IPv4 (one to three digits, no leading zero, at most 32), else -1. */
function scanLen4(text: string, start: number): number {
  const n = text.length - start;
  if (n < 1 || n > 2) return -1;
  const a = text.charCodeAt(start) - 48;
  if (a < 0 || a > 9) return -1;
  if (n === 1) return a;
  const b = text.charCodeAt(start + 1) - 48;
  if (a === 0 || b < 0 || b > 9) return -1;
  const len = a * 10 + b;
  return len > 32 ? -1 : len;
}

export function parseIpv4(text: string): Parsed<number> {
  const fast = scanIpv4(text, 0, text.length);
  if (fast >= 0) return { ok: true, value: fast };
  const m = V4_RE.exec(text);
  if (!m) return { ok: false, error: `'${text}' is not an IPv4 address (expected four decimal octets like 10.0.1.5)` };
  for (let i = 1; i <= 4; i++) {
    const o = m[i]!;
    if (o.length > 1 && o[0] === '0')
      return {
        ok: false,
        error: `'${text}' has a leading zero in an octet; write ${m
          .slice(1)
          .map((x) => String(Number(x)))
          .join('.')}`,
      };
    if (Number(o) > 255) return { ok: false, error: `'${text}' has an octet above 255` };
  }
  // The regex above is the whole dotted-quad grammar ip-address accepts once leading zeros are refused, so the
  // value is computed here; tests/net/ip.test.ts checks this path against Address4 on random input. (Constructing an
  // Address4 per address dominated binding a 100-VPC estate.)
  return { ok: true, value: ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0 };
}

export function parseIpv6(text: string): Parsed<bigint> {
  if (text.includes('%')) return { ok: false, error: `'${text}' has a zone index; VPC addresses have none` };
  if (text.includes('/')) return { ok: false, error: `'${text}' is a CIDR, expected a single IPv6 address` };
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return { ok: false, error: `'${text}' is not an IPv6 address` };
  try {
    const a = new (Address6Lib())(text);
    if (a.subnetMask !== 128) return { ok: false, error: `'${text}' is not a single IPv6 address` };
    return { ok: true, value: a.bigInt() };
  } catch {
    return { ok: false, error: `'${text}' is not an IPv6 address (${ipv6Problem(text)})` };
  }
}

/** What is wrong with text of IPv6 characters that does not parse, in our words rather than the parser's. */
function ipv6Problem(text: string): string {
  const v4 = /(?:^|:)(\d+\.[\d.]*)$/.exec(text);
  const head = v4 ? text.slice(0, text.length - v4[1]!.length) : text;
  if (text.includes(':::')) return "':::' is not allowed; '::' stands for a run of zero groups";
  if (text.split('::').length > 2) return "'::' may appear only once";
  if (text.includes('.') && (!v4 || !/^\d+(?:\.\d+){3}$/.test(v4[1]!))) return 'an embedded IPv4 address goes at the end, as four octets';
  if (v4) {
    const embedded = parseIpv4(v4[1]!);
    if (!embedded.ok) return `the embedded IPv4 address ${embedded.error}`;
  }
  const groups = head.split(':').filter((g) => g !== '');
  const long = groups.find((g) => g.length > 4);
  if (long !== undefined) return `group '${long}' has more than four hex digits`;
  if (/^:[^:]|[^:]:$/.test(head) && !(v4 && head.endsWith(':'))) return "a single ':' cannot start or end an address; use '::'";
  const count = groups.length + (v4 ? 2 : 0);
  if (!head.includes('::') && count !== 8) return `${count} groups; an address without '::' has eight`;
  if (count > 7) return `${count} groups and '::'; at most seven groups go with '::'`;
  return "expected up to eight groups of one to four hex digits separated by ':', with '::' once for a run of zero groups, like 2001:db8::1";
}

export function parseIp(text: string): Parsed<Addr> {
  if (typeof text !== 'string' || text.length === 0) return { ok: false, error: 'empty address' };
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

export function maskOf(family: Family, len: number): Addr {
  if (family === 4) return len === 0 ? 0 : (0xffffffff << (32 - len)) | 0;
  return len === 0 ? 0n : (V6_MAX >> BigInt(128 - len)) << BigInt(128 - len);
}

export function makePrefix(family: Family, base: Addr, len: number): Prefix {
  const mask = maskOf(family, len);
  const b = family === 4 ? ((base as number) & (mask as number)) >>> 0 : (base as bigint) & (mask as bigint);
  return { family, base: b, len, mask };
}

export interface ParsedCidr {
  prefix: Prefix;
  /** the address as written, before masking */
  addr: Addr;
  /** true when the address had host bits set (10.0.1.5/24) */
  hostBits: boolean;
}

/** Parses `a.b.c.d/n` or `x::/n` strictly; host bits are reported, not rejected, so callers choose. */
export function parseCidrLoose(text: string): Parsed<ParsedCidr> {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, error: 'empty CIDR' };
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, error: `'${text}' has no prefix length (expected a CIDR like 10.0.0.0/16)` };
  // The common case, a well-formed IPv4 CIDR, without slicing the text; anything else takes the path below.
  const v4 = scanIpv4(text, 0, slash);
  const len4 = v4 >= 0 ? scanLen4(text, slash + 1) : -1;
  if (len4 >= 0) {
    const prefix = makePrefix(4, v4, len4);
    return { ok: true, value: { prefix, addr: v4, hostBits: prefix.base !== v4 } };
  }
  const ipText = text.slice(0, slash);
  const lenText = text.slice(slash + 1);
  const ip = parseIp(ipText);
  if (!ip.ok) return { ok: false, error: ip.error.replace(`'${ipText}'`, `'${text}': '${ipText}'`) };
  const family = familyOf(ip.value);
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(lenText) || (lenText.length > 1 && lenText[0] === '0')) {
    return { ok: false, error: `'${text}' has an invalid prefix length '${lenText}' (expected 0-${max})` };
  }
  const len = Number(lenText);
  if (len > max) return { ok: false, error: `'${text}' has prefix length /${len}, above the IPv${family} maximum /${max}` };
  const prefix = makePrefix(family, ip.value, len);
  return { ok: true, value: { prefix, addr: ip.value, hostBits: prefix.base !== ip.value } };
}

/** Parses a CIDR that must be a network address; suggests the right one when host bits are set. */
export function parseCidr(text: string): Parsed<Prefix> {
  const r = parseCidrLoose(text);
  if (!r.ok) return r;
  if (r.value.hostBits) {
    return { ok: false, error: `'${text}' is not a network address (host bits set); did you mean ${formatPrefix(r.value.prefix)}?` };
  }
  return { ok: true, value: r.value.prefix };
}

export function formatIpv4(a: number): string {
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

/** RFC 5952 canonical text; IPv4-mapped addresses keep the dotted tail (RFC 5952 section 5). */
export function formatIpv6(a: bigint): string {
  if (a >> 32n === 0xffffn) return `::ffff:${formatIpv4(Number(a & 0xffffffffn))}`;
  return Address6Lib().fromBigInt(a).correctForm();
}

export function formatAddr(a: Addr): string {
  return typeof a === 'number' ? formatIpv4(a) : formatIpv6(a);
}

export function formatPrefix(p: Prefix): string {
  return `${formatAddr(p.base)}/${p.len}`;
}

export function contains(p: Prefix, a: Addr): boolean {
  if (p.family === 4) return typeof a === 'number' && ((a ^ (p.base as number)) & (p.mask as number)) === 0;
  return typeof a === 'bigint' && ((a ^ (p.base as bigint)) & (p.mask as bigint)) === 0n;
}

/** Does `outer` contain every address of `inner`? */
export function covers(outer: Prefix, inner: Prefix): boolean {
  return outer.family === inner.family && outer.len <= inner.len && contains(outer, inner.base);
}

/** The same block: same family, length and network address (no text formatting). */
export function prefixEquals(a: Prefix, b: Prefix): boolean {
  return a.family === b.family && a.len === b.len && a.base === b.base;
}

export function overlaps(a: Prefix, b: Prefix): boolean {
  return a.family === b.family && (a.len <= b.len ? contains(a, b.base) : contains(b, a.base));
}

/** Number of addresses in the prefix, exact. */
export function sizeOf(p: Prefix): bigint {
  return 1n << BigInt((p.family === 4 ? 32 : 128) - p.len);
}

export function lastAddr(p: Prefix): Addr {
  if (p.family === 4) return ((p.base as number) | ~(p.mask as number)) >>> 0;
  return (p.base as bigint) | (~(p.mask as bigint) & V6_MAX);
}

/** base + n, in the prefix's family */
export function addOffset(p: Prefix, n: number): Addr {
  return p.family === 4 ? ((p.base as number) + n) >>> 0 : (p.base as bigint) + BigInt(n);
}

export function addrEquals(a: Addr, b: Addr): boolean {
  return a === b;
}

/** RFC 1918 private space, for the internet gateway's drop rule. */
export const RFC1918: readonly Prefix[] = RFC1918_CIDRS.map(mustCidr);
/** RFC 6598 shared address space (carrier-grade NAT). */
export const RFC6598: Prefix = mustCidr(RFC6598_CIDR);
/** RFC 6052 well-known NAT64 prefix: 64:ff9b::a.b.c.d stands for the IPv4 host a.b.c.d. */
export const NAT64_PREFIX: Prefix = mustCidr(NAT64_CIDR);

export function isRfc1918(a: Addr): boolean {
  return RFC1918.some((p) => contains(p, a));
}

export function mustCidr(text: string): Prefix {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export function mustIp(text: string): Addr {
  const r = parseIp(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
