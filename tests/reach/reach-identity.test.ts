// reach over overlapping peers: b88 and c88 (and b77 and c77) share an address in two VPCs peered with A. A row names
// the interface that round-trips, never another one that holds the same address (no reverse-path forwarding over
// peering: https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html).
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { reach } from '../../src/reach/reach.js';
import { trace } from '../../src/trace/trace.js';
import type { ReachRow } from '../../src/reach/types.js';

const t = loadTopology('scenarios/overlapping-peers.yaml').topology!;
const id = (e: ReachRow['source']) => (e.kind === 'interface' ? e.id : e.cidrs.join(','));
const verdict = (from: string, to: string) => trace(t, { from, to, protocol: 6, port: 443, explain: false, flowLogs: false }).verdict;

describe('reach names the interface, not the shared address', () => {
  it('--to a1: sources are b77 and c88, whose replies come back to them; b88 and c77 are not sources', () => {
    const r = reach(t, { to: 'a1' });
    const sources = r.rows.map((row) => id(row.source)).sort();
    expect(sources).toEqual(['b77', 'c88']);
    expect(sources).not.toContain('b88');
    expect(sources).not.toContain('c77');
    // 10.0.0.88 appears only as c88's address: b88's reply is routed by rt-a's /16 to VPC C
    const at88 = r.rows.filter((row) => row.source.kind === 'interface' && row.source.addresses.includes('10.0.0.88'));
    expect(at88.map((row) => id(row.source))).toEqual(['c88']);
    expect(at88[0]!.path).toEqual(['sg-c', 'rt-c', 'vpc-c:default-acl', 'pcx-ac', 'vpc-a:default-acl', 'sg-a', 'a1']);
    for (const row of r.rows) expect(row).toMatchObject({ protocol: 'tcp', ports: [[443, 443]] });
  });

  it('the oracle agrees: each source round-trips, the ones sharing their address do not', () => {
    expect(['b77', 'c88'].map((s) => verdict(s, 'a1'))).toEqual(['ACCEPT', 'ACCEPT']);
    const b88 = trace(t, { from: 'b88', to: 'a1', protocol: 6, port: 443, explain: false, flowLogs: false });
    expect([b88.verdict, b88.reason, b88.blockedBy]).toEqual(['REJECT', 'REPLY_DELIVERED_ELSEWHERE', 'rt-a']);
    expect(verdict('c77', 'a1')).toBe('REJECT');
  });

  it('--from b88 reaches nothing; --from c88 reaches a1', () => {
    expect(reach(t, { from: 'b88' }).rows).toEqual([]);
    expect(reach(t, { from: 'c88' }).rows.map((row) => [id(row.source), id(row.destination)])).toEqual([['c88', 'a1']]);
  });

  it('--to b88 and --to c77 are empty; --to c88 is reached from a1 over pcx-ac', () => {
    expect(reach(t, { to: 'b88' }).rows).toEqual([]);
    expect(reach(t, { to: 'c77' }).rows).toEqual([]);
    const c88 = reach(t, { to: 'c88' }).rows;
    expect(c88.map((row) => [id(row.source), id(row.destination)])).toEqual([['a1', 'c88']]);
    expect(c88[0]!.path).toContain('pcx-ac');
  });
});
