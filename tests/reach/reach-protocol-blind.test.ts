// Refusals reused across protocols (src/reach/protocol-blind.ts): a destination refused by address on the way out —
// by a route table, a transit gateway or an internet gateway, behind hops that route by address, filter, or (a NAT
// gateway) rewrite only the source — is left out of the pair's later protocols. Asked for one protocol alone, the
// engine has no earlier protocol to reuse anything from: the rows of that protocol must be the same either way.
import { describe, expect, it } from 'vitest';
import { generateTopology, loadTopology, loadTopologyFromData, type Topology } from '../../src/index.js';
import { reach } from '../../src/reach/reach.js';
import { trace } from '../../src/trace/trace.js';

const rowsOf = (t: Topology, from: string, protocol?: string) =>
  reach(t, { from, ...(protocol ? { protocol } : {}) })
    .rows.filter((r) => !protocol || r.protocol === protocol)
    .map((r) => JSON.stringify(r))
    .sort();

function senders(t: Topology, n: number): string[] {
  const ids = t.instances.map((i) => i.id);
  return ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / n)) === 0);
}

describe('reach: refusals reused across protocols change no row', () => {
  const cases: [string, () => Topology][] = [
    ['nat-two-az.yaml', () => loadTopology('scenarios/nat-two-az.yaml').topology!],
    [
      'generated, transit gateway hub with NAT gateways',
      () => loadTopologyFromData(generateTopology({ vpcs: 2, subnetsPerVpc: 4, instancesPerSubnet: 1, hub: 'tgw', seed: 4 })).topology!,
    ],
  ];
  it.each(cases)('%s', (_, load) => {
    const t = load();
    for (const from of senders(t, 4)) {
      const all = reach(t, { from }).rows.map((r) => JSON.stringify(r));
      for (const protocol of ['tcp', 'udp', 'icmp']) {
        const alone = rowsOf(load(), from, protocol);
        expect(all.filter((r) => JSON.parse(r).protocol === protocol).sort(), `${from} ${protocol}`).toEqual(alone);
      }
    }
  });

  it('a private destination behind a NAT gateway is refused for every protocol, as trace says', () => {
    const t = loadTopology('scenarios/nat-two-az.yaml').topology!;
    // worker-a leaves through nat-a and igw-workers; the internet gateway refuses private destinations (acl-private
    // lets only HTTP and HTTPS out, so other protocols stop there)
    expect(trace(t, { from: 'worker-a', to: '192.168.7.7', protocol: 'tcp', port: 443 }).reason).toBe('IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS');
    for (const protocol of ['udp', 'icmp']) expect(trace(t, { from: 'worker-a', to: '192.168.7.7', protocol, port: 443 }).verdict, protocol).toBe('REJECT');
    const rows = reach(t, { from: 'worker-a' }).rows;
    const private192 = rows.filter((r) => r.destination.kind === 'external' && r.destination.cidrs.some((c) => c.startsWith('192.168.')));
    expect(private192).toEqual([]);
  });
});
