// Fidelity: traces across the imported hybrid-cloud sample give the answers AWS would. Each expectation
// is derived by reading the JSON files in tests/fixtures/aws/hybrid-cloud/<region>/; the comment says why.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAws, loadTopologyFromData, type Topology } from '../../src/index.js';
import { trace, type FlowSpec } from '../../src/trace/trace.js';

const SAMPLE = join(import.meta.dirname, '../fixtures/aws/hybrid-cloud');

function load(region: string, onPrem: Record<string, string[]>): Topology {
  const r = importAws(SAMPLE, { region, onPrem });
  const b = loadTopologyFromData(r.topology, `${region}.json`);
  expect(b.diagnostics).toEqual([]);
  return b.topology!;
}

/** verdict, the components the forward packet met, and the reason it was stopped */
function run(t: Topology, spec: FlowSpec) {
  const r = trace(t, spec);
  const hops = r.forward.hops.map((h) => h.component);
  const blocked = r.forward.blockedAt !== undefined ? r.forward.hops[r.forward.blockedAt]! : undefined;
  return { verdict: r.verdict, hops, blockedBy: blocked?.component, reason: blocked?.reason, returnVerdict: r.return?.verdict };
}

// us-east-2 (Vpcs.json): vpc-1 = vpc-0574d08f8d05917e4 10.20.0.0/16, vpc-2 = vpc-0276455718806058a 10.30.0.0/16.
// Reservations.json: i-01602d9efaed4409a in sub-1-1 10.20.1.207, public 13.59.144.125, SG launch-wizard-1;
//                    i-04cd3db5124a05ee6 in sub-2-1 10.30.1.166, no public IP, SG launch-wizard-2.
const E = {
  vpn: 'vpn-01c45673532d3e33e',
  tgw: 'tgw-06b348adabd13452d',
  tgwRt: 'tgw-rtb-00e37bc5142347b03',
  web: 'i-01602d9efaed4409a',
  webPublic: '13.59.144.125',
  priv: 'i-04cd3db5124a05ee6',
  igw: 'igw-02fd68f94367a67c7',
  sgWeb: 'sg-0e37fc2ef01c89369',
  sgPriv: 'sg-024243f6c203c78bf',
};
// The on-premises side: both VPC route tables (RouteTables.json) send 203.0.113.0/24 to the transit gateway,
// whose only non-VPC attachment is the VPN (TransitGatewayAttachments.json, tgw-1-dc). The VPN uses BGP
// (Options.StaticRoutesOnly false, Routes []), so the prefix is not in the dump: it is given as --on-prem.
const ON_PREM = { [E.vpn]: ['203.0.113.0/24'] };

describe('traces across the imported sample, us-east-2', () => {
  const t = load('us-east-2', ON_PREM);

  it('instance to instance across the transit gateway', () => {
    // vpc-1's main table sends 10.30.0.0/16 to the TGW; both VPC attachments are associated with and propagate
    // into tgw-rtb-00e37bc5142347b03, so 10.30.0.0/16 goes to vpc-2's attachment; launch-wizard-2 allows tcp/22
    // from 0.0.0.0/0; the reply goes back by vpc-2's route 10.20.0.0/16 → TGW. Default NACLs allow all.
    const r = run(t, { from: E.web, to: E.priv, protocol: 'tcp', port: 22 });
    expect(r.verdict).toBe('ACCEPT');
    expect(r.returnVerdict).toBe('ACCEPT');
    expect(r.hops).toEqual(expect.arrayContaining([E.tgwRt, 'tgw-attach-0648110513acd6de5', 'tgw-attach-021f89744fac566dd', E.priv]));
  });

  it('the other way, on the non-SSH port launch-wizard-1 opens (3306), and not on one it does not', () => {
    // launch-wizard-1 allows tcp/22 and tcp/3306 ("Connectivity test") from 0.0.0.0/0, nothing else.
    expect(run(t, { from: E.priv, to: E.web, protocol: 'tcp', port: 3306 }).verdict).toBe('ACCEPT');
    const r = run(t, { from: E.priv, to: E.web, protocol: 'tcp', port: 80 });
    expect(r).toMatchObject({ verdict: 'REJECT', blockedBy: E.sgWeb });
  });

  it('instance to the internet through its internet gateway, with its public IP', () => {
    // vpc-1's main table has 0.0.0.0/0 → igw-1, and the instance's interface has public IP 13.59.144.125.
    const r = run(t, { from: E.web, to: 'internet', protocol: 'tcp', port: 443 });
    expect(r.verdict).toBe('ACCEPT');
    expect(r.hops).toContain(E.igw);
  });

  it('from the internet to the public instance: SSH and the non-SSH port 3306 are open, 80 is not', () => {
    // The internet reaches 13.59.144.125 through igw-1; launch-wizard-1 allows 22 and 3306 from 0.0.0.0/0.
    expect(run(t, { from: 'internet', to: E.webPublic, protocol: 'tcp', port: 22 }).verdict).toBe('ACCEPT');
    const mysql = run(t, { from: 'internet', to: E.webPublic, protocol: 'tcp', port: 3306 });
    expect(mysql.verdict).toBe('ACCEPT');
    expect(mysql.returnVerdict).toBe('ACCEPT');
    expect(run(t, { from: 'internet', to: E.webPublic, protocol: 'tcp', port: 80 })).toMatchObject({ verdict: 'REJECT', blockedBy: E.sgWeb });
  });

  it('the private instance is not reachable from the internet, nor does it reach it', () => {
    // i-04cd3db5124a05ee6 has no public IP (no Association in NetworkInterfaces.json) and vpc-2 has no internet
    // gateway (InternetGateways.json attaches igw-1 to vpc-1 only) and no 0.0.0.0/0 route.
    expect(run(t, { from: 'internet', to: E.priv, protocol: 'tcp', port: 22 }).verdict).toBe('REJECT');
    expect(run(t, { from: 'internet', to: '10.30.1.166', protocol: 'tcp', port: 22 }).verdict).toBe('REJECT');
    const out = run(t, { from: E.priv, to: 'internet', protocol: 'tcp', port: 443 });
    expect(out).toMatchObject({ verdict: 'REJECT', blockedBy: 'rtb-06227a9df13216f67', reason: 'NO_ROUTE_TO_DESTINATION' });
  });

  it('from the on-premises side of the VPN into both VPCs, and back', () => {
    // The VPN attachment is associated with tgw-rtb-00e37bc5142347b03, where both VPCs propagate; replies follow
    // the VPC routes 203.0.113.0/24 → TGW, and the VPN attachment propagates its on-premises prefix back.
    for (const to of [E.web, E.priv]) {
      const r = run(t, { from: '203.0.113.10', to, protocol: 'tcp', port: 22 });
      expect(r.verdict).toBe('ACCEPT');
      expect(r.returnVerdict).toBe('ACCEPT');
      expect(r.hops[0]).toBe(E.vpn);
    }
  });

  it('without --on-prem, the VPCs route 203.0.113.0/24 to the transit gateway, which has no route for it', () => {
    const bare = load('us-east-2', {});
    const r = run(bare, { from: E.priv, to: '203.0.113.10', protocol: 'tcp', port: 22 });
    expect(r).toMatchObject({ verdict: 'REJECT', blockedBy: E.tgwRt });
  });
});

describe('traces across the imported sample, us-west-2', () => {
  // us-west-2 (Vpcs.json): vpc-3 = vpc-00b65e98077106059 10.40.0.0/16 with igw-3, vpc-4 = vpc-00157b5941bfd4959
  // 10.50.0.0/16. Reservations.json: i-02cae6eaa9edeed70 10.40.2.80 public 54.191.42.182 (launch-wizard-1, 22
  // only); i-0a5d64b8b58c6dd09 10.50.2.251, no public IP (launch-wizard-2, 22 only).
  const t = load('us-west-2', { 'vpn-0dc7abdb974ff8a69': ['203.0.113.0/24'] });

  it('instance to instance across the transit gateway, SSH only', () => {
    // Both main tables route the other VPC's /16 to tgw-0888a76c8a371246d; both attachments propagate into
    // tgw-rtb-049367cdac1fcd74e; both groups allow only tcp/22.
    expect(run(t, { from: 'i-02cae6eaa9edeed70', to: 'i-0a5d64b8b58c6dd09', protocol: 'tcp', port: 22 }).verdict).toBe('ACCEPT');
    expect(run(t, { from: 'i-0a5d64b8b58c6dd09', to: 'i-02cae6eaa9edeed70', protocol: 'tcp', port: 3306 })).toMatchObject({
      verdict: 'REJECT',
      blockedBy: 'sg-0fb3aaffe313c6e1e',
    });
  });

  it('the internet reaches the public instance on SSH only, and not the private one', () => {
    expect(run(t, { from: 'internet', to: '54.191.42.182', protocol: 'tcp', port: 22 }).verdict).toBe('ACCEPT');
    expect(run(t, { from: 'internet', to: '54.191.42.182', protocol: 'tcp', port: 3306 }).verdict).toBe('REJECT');
    expect(run(t, { from: 'internet', to: 'i-0a5d64b8b58c6dd09', protocol: 'tcp', port: 22 }).verdict).toBe('REJECT');
  });

  it('on-premises reaches both VPCs over the VPN', () => {
    for (const to of ['i-02cae6eaa9edeed70', 'i-0a5d64b8b58c6dd09']) {
      expect(run(t, { from: '203.0.113.10', to, protocol: 'tcp', port: 22 }).verdict).toBe('ACCEPT');
    }
  });
});
