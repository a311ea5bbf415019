// A network ACL rule for one protocol divides only the packets of that protocol at its CIDR (cuts.ts protoAddr): the
// rule cannot match any other. Reach is held to trace at the edges of every rule's CIDR, for every protocol, both ways.
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { reach } from '../../src/reach/reach.js';
import type { ReachRow } from '../../src/reach/types.js';
import { trace } from '../../src/trace/trace.js';
import { mustCidr, parseIpv4 } from '../../src/net/ip.js';

const FILE = 'tests/fixtures/reach/acl-protocol-cidrs.yaml';
const t = loadTopology(FILE).topology!;

/** First and last address of each rule's CIDR and the addresses just outside it. */
const EDGES = ['198.51.100.0', '198.51.100.255', '198.51.99.255', '198.51.101.0', '203.0.113.0', '203.0.113.255', '203.0.112.255', '203.0.114.0'];
const EDGES_OUT = ['198.18.0.0', '198.19.255.255', '198.17.255.255', '198.20.0.0', '192.0.2.1', '8.8.8.8'];

function num(ip: string): number {
  const r = parseIpv4(ip);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function holds(cidrs: string[], ip: string): boolean {
  return cidrs.some((c) => {
    const p = mustCidr(c);
    return p.family === 4 && ((num(ip) ^ (p.base as number)) & (p.mask as number)) === 0;
  });
}

const within = (r: [number, number][] | null | undefined, v: number) => !r || r.some(([a, b]) => v >= a && v <= b);

function inRows(rows: ReachRow[], ext: string, inbound: boolean, protocol: string, port: number, srcPort: number, icmpType: number): boolean {
  return rows.some((r) => {
    const e = inbound ? r.source : r.destination;
    if (e.kind !== 'external' || !holds(e.cidrs, ext)) return false;
    if (r.protocol !== protocol && r.protocol !== 'all') return false;
    if (protocol === 'icmp') return within(r.icmpTypes, icmpType);
    return within(r.ports, port) && within(r.srcPorts, srcPort);
  });
}

const CASES = [
  { protocol: 'tcp', port: 22, icmpType: 0 },
  { protocol: 'tcp', port: 23, icmpType: 0 },
  { protocol: 'udp', port: 53, icmpType: 0 },
  { protocol: 'udp', port: 22, icmpType: 0 },
  { protocol: 'icmp', port: 0, icmpType: 8 },
];

describe('protocol-specific ACL rules divide only their protocol, and reach agrees with trace', () => {
  it('from the internet to web', () => {
    const rows = reach(t, { to: 'web', srcPorts: '0-65535' }).rows;
    for (const c of CASES)
      for (const src of [...EDGES, ...EDGES_OUT])
        for (const srcPort of [1024, 40000]) {
          const got = inRows(rows, src, true, c.protocol, c.port, srcPort, c.icmpType);
          const want = trace(t, { from: src, to: '54.200.1.10', protocol: c.protocol, port: c.port, srcPort, icmpType: c.icmpType }).verdict === 'ACCEPT';
          expect(got, `${c.protocol} ${src}:${srcPort} -> web:${c.port}`).toBe(want);
        }
  });

  it('from web to the internet', () => {
    const rows = reach(t, { from: 'web' }).rows;
    for (const c of CASES)
      for (const dst of [...EDGES, ...EDGES_OUT]) {
        const got = inRows(rows, dst, false, c.protocol, c.port, 40000, c.icmpType);
        const want = trace(t, { from: 'web', to: dst, protocol: c.protocol, port: c.port, srcPort: 40000, icmpType: c.icmpType }).verdict === 'ACCEPT';
        expect(got, `${c.protocol} web:40000 -> ${dst}:${c.port}`).toBe(want);
      }
  });

  it('the fixture refuses what its rules say (the cases above are not all alike)', () => {
    expect(trace(t, { from: '198.51.100.7', to: '54.200.1.10', protocol: 'tcp', port: 22 }).verdict).toBe('REJECT');
    expect(trace(t, { from: '198.51.100.7', to: '54.200.1.10', protocol: 'udp', port: 22 }).verdict).toBe('ACCEPT');
    expect(trace(t, { from: '203.0.113.7', to: '54.200.1.10', protocol: 'udp', port: 53 }).verdict).toBe('REJECT');
  });
});
