import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Address4, Address6 } from 'ip-address';
import { formatAddr, parseCidr, parseCidrLoose, parseIp, parseIpv4, contains, makePrefix } from '../../src/net/ip.js';

describe('IPv4 parsing agrees with ip-address', () => {
  it('on random dotted quads, including leading zeros and out-of-range octets', () => {
    const octet = fc.oneof(
      fc.integer({ min: 0, max: 255 }).map(String),
      fc.integer({ min: 0, max: 999 }).map(String),
      fc.integer({ min: 0, max: 99 }).map((n) => `0${n}`),
    );
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), (parts) => {
        const text = parts.join('.');
        const ours = parseIpv4(text);
        const lib = Address4.isValid(text) && !parts.some((p) => p.length > 1 && p.startsWith('0'));
        expect(ours.ok).toBe(lib);
        if (ours.ok) expect(BigInt(ours.value)).toBe(new Address4(text).bigInt());
      }),
      { numRuns: 10000 },
    );
  });
  it('on random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const ours = parseIpv4(text);
        if (ours.ok) expect(Address4.isValid(text)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
  it('formats back to the same text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        const r = parseIp(formatAddr(n));
        expect(r.ok && r.value).toBe(n);
      }),
      { numRuns: 10000 },
    );
  });
  it('IPv6 text round-trips in RFC 5952 form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (n) => {
        const text = formatAddr(n);
        const r = parseIp(text);
        expect(r.ok && r.value).toBe(n);
        if (!text.startsWith('::ffff:')) expect(text).toBe(Address6.fromBigInt(n).correctForm());
      }),
      { numRuns: 5000 },
    );
  });
});

describe('CIDR parsing', () => {
  it('rejects host bits and suggests the network', () => {
    const r = parseCidr('10.0.1.5/24');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('did you mean 10.0.1.0/24');
  });
  it('rejects bad prefixes and inet_aton forms', () => {
    for (const bad of ['10.0.1.0/33', '10.0.1/24', '300.1.1.1/8', '010.0.0.0/8', '10/8', '', '10.0.0.0/', '10.0.0.0/08']) expect(parseCidr(bad).ok).toBe(false);
  });
  it('IPv4 CIDRs: accepted exactly when every octet and the length are well formed, with the masked network', () => {
    const part = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map(String),
      fc.integer({ min: 0, max: 99 }).map((n) => `0${n}`),
      fc.constantFrom('', '1a', ' 1', '1000'),
    );
    fc.assert(
      fc.property(
        fc.tuple(part, part, part, part),
        fc.oneof(fc.integer({ min: 0, max: 140 }).map(String), fc.constantFrom('', '08', '032', 'x')),
        (parts, len) => {
          const text = `${parts.join('.')}/${len}`;
          const r = parseCidrLoose(text);
          const wellFormed = (p: string) => /^\d{1,3}$/.test(p) && !(p.length > 1 && p.startsWith('0')) && Number(p) <= 255;
          const ok = parts.every(wellFormed) && /^\d{1,3}$/.test(len) && !(len.length > 1 && len.startsWith('0')) && Number(len) <= 32;
          expect(r.ok).toBe(ok);
          if (r.ok) {
            const addr = Number(new Address4(parts.join('.')).bigInt());
            expect(r.value.addr).toBe(addr);
            expect(r.value.prefix).toEqual(makePrefix(4, addr, Number(len)));
          }
        },
      ),
      { numRuns: 10000 },
    );
  });
  it('containment matches the mask definition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 0xffffffff }), (base, len, a) => {
        const p = makePrefix(4, base, len);
        const expected = len === 0 || a >>> (32 - len) === (p.base as number) >>> (32 - len);
        expect(contains(p, a)).toBe(expected);
      }),
      { numRuns: 10000 },
    );
  });
});
