// Property tests: the CIDR calculator against ipaddr.js, an independent implementation used only here.
// Each property runs 10,000 generated cases over random IPv4 and IPv6 blocks.
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { cidrContains, cidrFree, cidrInfo, cidrOverlap, cidrSummarize, CidrInputError, splitCidr } from '../../src/cidr/index.js';

const RUNS = { numRuns: 10_000 };
type Fam = 4 | 6;
const BITS = { 4: 32, 6: 128 } as const;

// ---- independent conversions: bytes <-> bigint, text through ipaddr.js ----

function toBytes(fam: Fam, n: bigint): number[] {
  const len = fam === 4 ? 4 : 16;
  const out = new Array<number>(len);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

function fromBytes(bytes: number[]): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function addrText(fam: Fam, n: bigint): string {
  return ipaddr.fromByteArray(toBytes(fam, n)).toString();
}

const MAPPED_LO = 0xffffn << 32n;
const FORBIDDEN_V4 = ['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/4'].map((c) => ipaddr.IPv4.parseCIDR(c));
function isMapped(n: bigint): boolean {
  return n >> 32n === 0xffffn;
}

/** What this project promises for IPv6 text: RFC 5952, with IPv4-mapped addresses as ::ffff:a.b.c.d. */
function canonical6(n: bigint): string {
  if (isMapped(n)) return `::ffff:${toBytes(6, n).slice(12).join('.')}`;
  return (ipaddr.fromByteArray(toBytes(6, n)) as ipaddr.IPv6).toRFC5952String();
}

function canonical(fam: Fam, n: bigint): string {
  return fam === 4 ? addrText(4, n) : canonical6(n);
}

function parseNet(cidr: string): { fam: Fam; start: bigint; len: number; addr: ipaddr.IPv4 | ipaddr.IPv6 } {
  const [addr, len] = ipaddr.parseCIDR(cidr);
  return { fam: addr.kind() === 'ipv4' ? 4 : 6, start: fromBytes(addr.toByteArray()), len, addr };
}

function mask(fam: Fam, len: number): bigint {
  const bits = BigInt(BITS[fam]);
  return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(len))) - 1n);
}

// ---- generators ----

/** 16-bit groups that are often zero, so :: compression, ties and single zero groups all come up. */
const group = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 0xffff }) },
  { weight: 1, arbitrary: fc.constant(0xffff) },
);

const addr6 = fc.oneof(
  { weight: 8, arbitrary: fc.array(group, { minLength: 8, maxLength: 8 }).map((g) => g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n)) },
  // IPv4-mapped addresses, ::ffff:a.b.c.d
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffffffff }).map((v) => MAPPED_LO | BigInt(v)) },
);
const addr4 = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }).map(BigInt), fc.constantFrom(0n, 0xffffffffn, 0x0a000000n, 0xc0a80101n));

const addrOf = (fam: Fam) => (fam === 4 ? addr4 : addr6);
const lenOf = (fam: Fam) => fc.oneof(fc.integer({ min: 0, max: BITS[fam] }), fc.constantFrom(0, 1, BITS[fam] - 1, BITS[fam]));

/** An address with a prefix length; the address may have host bits set. */
const hostCidr = (fam: Fam) => fc.record({ fam: fc.constant(fam), a: addrOf(fam), len: lenOf(fam) });
/** A network block (host bits clear). */
const block = (fam: Fam) => hostCidr(fam).map(({ a, len }) => ({ fam, start: a & mask(fam, len), len }));

function blockText(b: { fam: Fam; start: bigint; len: number }): string {
  return `${addrText(b.fam, b.start)}/${b.len}`;
}

/** Different spellings of the same IPv6 address: full, zero-padded, upper case, or with a non-canonical zero run compressed. */
function spell6(n: bigint, style: number, upper: boolean): string {
  const bytes = toBytes(6, n);
  const groups = Array.from({ length: 8 }, (_, i) => bytes[2 * i]! * 256 + bytes[2 * i + 1]!);
  let text: string;
  if (style === 0) text = (ipaddr.fromByteArray(toBytes(6, n)) as ipaddr.IPv6).toNormalizedString();
  else if (style === 1) text = (ipaddr.fromByteArray(toBytes(6, n)) as ipaddr.IPv6).toFixedLengthString();
  else if (style === 2 && isMapped(n)) text = `0:0:0:0:0:ffff:${toBytes(6, n).slice(12).join('.')}`;
  else if (style === 3) {
    // compress the last run of zero groups instead of the longest one (valid input, not canonical)
    let best = -1;
    for (let i = 0; i < 8; i++) if (groups[i] === 0 && (i === 7 || groups[i + 1] !== 0)) best = i;
    if (best < 0) text = groups.map((g) => g.toString(16)).join(':');
    else {
      let s = best;
      while (s > 0 && groups[s - 1] === 0) s--;
      const head = groups
        .slice(0, s)
        .map((g) => g.toString(16))
        .join(':');
      const tail = groups
        .slice(best + 1)
        .map((g) => g.toString(16))
        .join(':');
      text = `${head}::${tail}`;
    }
  } else text = canonical6(n);
  return upper ? text.toUpperCase() : text;
}

// ---- independent brute force over a small universe of 256 equal cells ----

interface Universe {
  fam: Fam;
  start: bigint;
  len: number;
}
const CELL_BITS = 8;

const universe = fc
  .constantFrom<Fam>(4, 6)
  .chain((fam) =>
    fc
      .record({ a: addrOf(fam), len: fc.integer({ min: 0, max: BITS[fam] - CELL_BITS }) })
      .map(({ a, len }): Universe => ({ fam, start: a & mask(fam, len), len })),
  );

/** A block aligned to the cells of u: len from u.len to u.len + 8. */
const cellBlock = (u: Universe) =>
  fc
    .integer({ min: u.len, max: u.len + CELL_BITS })
    .chain((len) =>
      fc.integer({ min: 0, max: 2 ** (len - u.len) - 1 }).map((j) => ({ fam: u.fam, start: u.start + BigInt(j) * (1n << BigInt(BITS[u.fam] - len)), len })),
    );

/** Marks the cells a CIDR covers; returns false if the CIDR is not cell-aligned inside u. */
function markCells(u: Universe, cidr: string, cells: boolean[]): boolean {
  const b = parseNet(cidr);
  if (b.fam !== u.fam || b.len < u.len || b.len > u.len + CELL_BITS) return false;
  if (!b.addr.match(ipaddr.parseCIDR(`${addrText(u.fam, u.start)}/${u.len}`))) return false;
  const cellSize = 1n << BigInt(BITS[u.fam] - u.len - CELL_BITS);
  const first = Number((b.start - u.start) / cellSize);
  const count = 2 ** (u.len + CELL_BITS - b.len);
  for (let i = first; i < first + count; i++) cells[i] = true;
  return true;
}

/** Fewest aligned blocks that cover exactly the marked cells. */
function minimalCover(cells: boolean[], lo = 0, hi = cells.length): number {
  let ones = 0;
  for (let i = lo; i < hi; i++) if (cells[i]) ones++;
  if (ones === 0) return 0;
  if (ones === hi - lo) return 1;
  const mid = (lo + hi) / 2;
  return minimalCover(cells, lo, mid) + minimalCover(cells, mid, hi);
}

describe('cidr properties against ipaddr.js', () => {
  it('IPv4: network, first, last, size, masks and usable match', () => {
    fc.assert(
      fc.property(hostCidr(4), ({ a, len }) => {
        const text = `${addrText(4, a)}/${len}`;
        const info = cidrInfo(text);
        const net = fromBytes(ipaddr.IPv4.networkAddressFromCIDR(text).toByteArray());
        const bcast = fromBytes(ipaddr.IPv4.broadcastAddressFromCIDR(text).toByteArray());
        expect(info.network).toBe(addrText(4, net));
        expect(info.first).toBe(addrText(4, net));
        expect(info.last).toBe(addrText(4, bcast));
        expect(info.cidr).toBe(`${addrText(4, net)}/${len}`);
        expect(BigInt(info.total)).toBe(bcast - net + 1n);
        expect(info.netmask).toBe(ipaddr.IPv4.subnetMaskFromPrefixLength(len).toString());
        expect(info.wildcard).toBe(addrText(4, 0xffffffffn ^ fromBytes(ipaddr.IPv4.subnetMaskFromPrefixLength(len).toByteArray())));
        expect(info.host).toBe(a === net ? null : addrText(4, a));
        const size = bcast - net + 1n;
        expect(BigInt(info.usable)).toBe(size > 4n ? size - 5n : 0n);
        if (size > 4n) {
          expect(info.firstUsable).toBe(addrText(4, net + 4n));
          expect(info.lastUsable).toBe(addrText(4, bcast - 1n));
          expect(info.reserved.map((r) => r.address)).toEqual([net, net + 1n, net + 2n, net + 3n, bcast].map((x) => addrText(4, x)));
        }
        // AWS: /16 to /28, and not in 0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16 or 224.0.0.0/4
        const netAddr = ipaddr.fromByteArray(toBytes(4, net));
        const forbidden = FORBIDDEN_V4.some((f) => (len <= f[1] ? f[0].match(netAddr, len) : netAddr.match(f)));
        expect(info.aws.vpc.valid).toBe(len >= 16 && len <= 28 && !forbidden);
        expect(info.aws.subnet.valid).toBe(len >= 16 && len <= 28 && !forbidden);
      }),
      RUNS,
    );
  });

  it('IPv6: network, first, last and size match; text is RFC 5952 whatever the input spelling', () => {
    fc.assert(
      fc.property(hostCidr(6), fc.integer({ min: 0, max: 4 }), fc.boolean(), ({ a, len }, style, upper) => {
        const text = `${spell6(a, style, upper)}/${len}`;
        const info = cidrInfo(text);
        const oracle = `${addrText(6, a)}/${len}`;
        const net = fromBytes(ipaddr.IPv6.networkAddressFromCIDR(oracle).toByteArray());
        const last = fromBytes(ipaddr.IPv6.broadcastAddressFromCIDR(oracle).toByteArray());
        expect(info.network).toBe(canonical6(net));
        expect(info.last).toBe(canonical6(last));
        expect(info.cidr).toBe(`${canonical6(net)}/${len}`);
        expect(BigInt(info.total)).toBe(last - net + 1n);
        expect(info.host).toBe(a === net ? null : canonical6(a));
        expect(info.aws.subnet.valid).toBe(len >= 44 && len <= 64 && len % 4 === 0);
        expect(info.aws.vpc.valid).toBe(len >= 44 && len <= 60 && len % 4 === 0);
      }),
      RUNS,
    );
  });

  it('IPv4 octets: accepted exactly when ipaddr.js sees four decimal parts without leading zeros; never a crash', () => {
    const octet = fc.oneof(
      fc.integer({ min: 0, max: 255 }).map(String),
      fc.integer({ min: 0, max: 999 }).map(String),
      fc.integer({ min: 0, max: 99 }).map((n) => `0${n}`),
    );
    fc.assert(
      fc.property(fc.array(octet, { minLength: 3, maxLength: 5 }), (parts) => {
        const ip = parts.join('.');
        const valid = parts.length === 4 && ipaddr.IPv4.isValidFourPartDecimal(ip) && parts.every((p) => p === String(Number(p)));
        let ok = true;
        try {
          cidrInfo(`${ip}/24`);
        } catch (e) {
          expect(e).toBeInstanceOf(CidrInputError);
          ok = false;
        }
        expect(ok).toBe(valid);
      }),
      RUNS,
    );
  });

  it('any string: either a result or a CidrInputError, never another exception', () => {
    const junk = fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-fA-F:./%]{0,45}$/));
    fc.assert(
      fc.property(junk, (s) => {
        try {
          cidrInfo(s);
        } catch (e) {
          expect(e).toBeInstanceOf(CidrInputError);
        }
      }),
      RUNS,
    );
  });

  it('containment of addresses and blocks agrees with ipaddr.js match()', () => {
    const fam = fc.constantFrom<Fam>(4, 6);
    const gen = fam.chain((f) =>
      fc.record({
        outer: block(f),
        // near: shares the outer prefix, so about half the cases are inside
        near: fc.boolean(),
        a: addrOf(f),
        innerLen: lenOf(f),
        asBlock: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(gen, ({ outer, near, a, innerLen, asBlock }) => {
        const fam = outer.fam;
        const m = mask(fam, outer.len);
        const addr = near ? (outer.start & m) | (a & ~m & ((1n << BigInt(BITS[fam])) - 1n)) : a;
        const outerText = blockText(outer);
        const range = ipaddr.parseCIDR(outerText);
        if (!asBlock) {
          const r = cidrContains(outerText, [addrText(fam, addr)]);
          expect(r.items[0]!.contained).toBe(ipaddr.fromByteArray(toBytes(fam, addr)).match(range));
          expect(r.allContained).toBe(r.items[0]!.contained);
        } else {
          const inner = { fam, start: addr & mask(fam, innerLen), len: innerLen };
          const r = cidrContains(outerText, [blockText(inner)]);
          const expected = innerLen >= outer.len && ipaddr.fromByteArray(toBytes(fam, inner.start)).match(range);
          expect(r.items[0]!.contained).toBe(expected);
        }
      }),
      RUNS,
    );
  });

  it('overlap agrees with ipaddr.js: two blocks overlap when one contains the other', () => {
    const gen = fc.constantFrom<Fam>(4, 6).chain((f) => fc.record({ x: block(f), y: block(f), near: fc.boolean() }));
    fc.assert(
      fc.property(gen, ({ x, y, near }) => {
        const fam = x.fam;
        // near: y shares x's prefix, so containment in both directions comes up
        const yb = near
          ? { ...y, start: ((x.start & mask(fam, x.len)) | (y.start & ~mask(fam, x.len) & ((1n << BigInt(BITS[fam])) - 1n))) & mask(fam, y.len) }
          : y;
        const xa = ipaddr.parseCIDR(blockText(x));
        const ya = ipaddr.parseCIDR(blockText(yb));
        const expected = x.len <= yb.len ? ya[0].match(xa) : xa[0].match(ya);
        const r = cidrOverlap([blockText(x), blockText(yb)]);
        expect(r.overlapping).toBe(expected);
        if (expected) {
          const p = r.pairs[0]!;
          const small = x.len >= yb.len ? x : yb;
          expect(p.shared).toBe(`${canonical(fam, small.start)}/${small.len}`);
          expect(p.relation).toBe(x.len === yb.len ? 'identical' : x.len < yb.len ? 'a contains b' : 'b contains a');
        }
      }),
      RUNS,
    );
  });

  it('split then summarize gives back the original block, and every subnet is an aligned part of it', () => {
    const gen = fc
      .constantFrom<Fam>(4, 6)
      .chain((f) => fc.record({ b: block(f), k: fc.integer({ min: 0, max: 4 }), byCount: fc.boolean(), count: fc.integer({ min: 1, max: 24 }) }));
    fc.assert(
      fc.property(gen, ({ b, k, byCount, count }) => {
        const bits = BITS[b.fam];
        const text = blockText(b);
        const parent = ipaddr.parseCIDR(text);
        let r;
        if (byCount) {
          if (2n ** BigInt(bits - b.len) < BigInt(count)) return;
          r = splitCidr(text, { count });
          expect(r.subnets).toHaveLength(count);
        } else {
          if (b.len + k > bits) return;
          r = splitCidr(text, { prefix: b.len + k });
          expect(r.subnets).toHaveLength(2 ** k);
        }
        const bad = r.subnets.filter((s) => {
          const n = parseNet(s.cidr);
          return n.len !== r.prefix || !n.addr.match(parent) || fromBytes(ipaddr.parse(s.last).toByteArray()) - n.start + 1n !== BigInt(s.total);
        });
        expect(bad).toEqual([]);
        const back = cidrSummarize([...r.subnets.map((s) => s.cidr), ...r.free].reverse());
        expect(back.summary).toEqual([`${canonical(b.fam, b.start)}/${b.len}`]);
      }),
      RUNS,
    );
  });

  it('free + used = whole, disjoint, and free is the fewest CIDRs (brute force over 256 cells)', () => {
    const gen = universe.chain((u) => fc.record({ u: fc.constant(u), used: fc.array(cellBlock(u), { minLength: 0, maxLength: 6 }), outside: fc.boolean() }));
    fc.assert(
      fc.property(gen, ({ u, used, outside }) => {
        const whole = blockText(u);
        const usedTexts = used.map(blockText);
        // an unrelated block of the other family is reported and ignored
        if (outside || usedTexts.length === 0) usedTexts.push(u.fam === 4 ? '2001:db8::/64' : '10.0.0.0/24');
        const r = cidrFree(whole, usedTexts);
        const usedCells = new Array<boolean>(256).fill(false);
        for (const t of used.map(blockText)) markCells(u, t, usedCells);
        const freeCells = new Array<boolean>(256).fill(false);
        let overlapping = false;
        let aligned = true;
        for (const f of r.free) {
          const seen = new Array<boolean>(256).fill(false);
          aligned &&= markCells(u, f.cidr, seen);
          for (let i = 0; i < 256; i++) {
            if (!seen[i]) continue;
            if (freeCells[i]) overlapping = true;
            freeCells[i] = true;
          }
        }
        expect({ aligned, overlapping }).toEqual({ aligned: true, overlapping: false });
        // every cell is either used or free, never both
        expect(freeCells.map((f, i) => f !== usedCells[i]).every(Boolean)).toBe(true);
        expect(r.free).toHaveLength(minimalCover(freeCells));
        expect(BigInt(r.totals.used) + BigInt(r.totals.free)).toBe(BigInt(r.totals.total));
        expect(r.ignored).toHaveLength(usedTexts.length - used.length);
      }),
      RUNS,
    );
  });

  it('summarize covers exactly the same addresses with the fewest CIDRs (brute force over 256 cells)', () => {
    const gen = universe.chain((u) => fc.record({ u: fc.constant(u), blocks: fc.array(cellBlock(u), { minLength: 1, maxLength: 8 }) }));
    fc.assert(
      fc.property(gen, ({ u, blocks }) => {
        const r = cidrSummarize(blocks.map(blockText));
        const want = new Array<boolean>(256).fill(false);
        for (const b of blocks) markCells(u, blockText(b), want);
        const got = new Array<boolean>(256).fill(false);
        expect(r.summary.every((s) => markCells(u, s, got))).toBe(true);
        expect(got).toEqual(want);
        expect(r.summary).toHaveLength(minimalCover(want));
        const count = want.filter(Boolean).length;
        const cellSize = 1n << BigInt(BITS[u.fam] - u.len - CELL_BITS);
        expect(BigInt(u.fam === 4 ? r.addresses.ipv4 : r.addresses.ipv6)).toBe(BigInt(count) * cellSize);
      }),
      RUNS,
    );
  });
});
