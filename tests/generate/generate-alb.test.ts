// `generate --alb`: an internet-facing application load balancer in front of each VPC's web tier. The estate stays
// clean under check, the internet reaches every web instance through the load balancer and none directly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/check/check.js';
import { formatGeneratedTopology, generateTopology, GenerateOptionsError, loadTopologyFromData } from '../../src/index.js';
import { trace } from '../../src/trace/trace.js';

const dir = mkdtempSync(join(tmpdir(), 'vpcsim-gen-alb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const opts = { vpcs: 2, subnetsPerVpc: 6, instancesPerSubnet: 2, hub: 'tgw' as const, seed: 4 };

describe('generate --alb', () => {
  const g = generateTopology({ ...opts, alb: true });
  const t = loadTopologyFromData(g).topology!;

  it('one load balancer per VPC in its public subnets, forwarding HTTP:80 to the web tier, which has no public addresses', () => {
    expect(g.loadBalancers?.map((l) => [l.id, l.subnets])).toEqual([
      ['alb-001', ['sn-001-public-a', 'sn-001-public-b']],
      ['alb-002', ['sn-002-public-a', 'sn-002-public-b']],
    ]);
    expect(g.targetGroups?.[0]?.targets.map((x) => x.id)).toEqual(['i-001-public-a-1', 'i-001-public-a-2', 'i-001-public-b-1', 'i-001-public-b-2']);
    expect(g.instances.filter((i) => i.subnet.includes('-public-')).every((i) => i.publicIp === undefined)).toBe(true);
  });

  it('the internet reaches every target through the load balancer (ACCEPT), on its listener port only', () => {
    const r = trace(t, { from: 'internet', to: 'alb-001:80', port: 80 });
    expect(r.verdict).toBe('ACCEPT');
    expect(r.loadBalancer?.targets?.map((x) => x.verdict)).toEqual(['ACCEPT', 'ACCEPT', 'ACCEPT', 'ACCEPT']);
    // 443 passes the web group and the public ACL, but the load balancer listens on 80 only
    expect(trace(t, { from: 'internet', to: 'alb-001', port: 443 }).reason).toBe('LB_NO_LISTENER');
  });

  it('the estate is clean under check (no load balancer findings)', () => {
    const file = join(dir, 'estate.yaml');
    writeFileSync(file, formatGeneratedTopology(g, 'yaml'));
    expect(
      checkFile(file)
        .findings.filter((f) => f.severity !== 'info')
        .map((f) => `${f.ruleId} ${f.message}`),
    ).toEqual([]);
  });

  it('without the option nothing changes: the same file as with alb: false, and no load balancer keys', () => {
    const plain = formatGeneratedTopology(generateTopology(opts), 'yaml');
    expect(formatGeneratedTopology(generateTopology({ ...opts, alb: false }), 'yaml')).toBe(plain);
    expect(plain).not.toMatch(/loadBalancers|listeners|targetGroups/);
  });

  it('refuses an estate whose VPCs have public subnets in one zone only', () => {
    expect(() => generateTopology({ ...opts, subnetsPerVpc: 3, alb: true })).toThrow(GenerateOptionsError);
    expect(() => generateTopology({ ...opts, subnetsPerVpc: 3, alb: true })).toThrow(/at least 4 subnets per VPC, got 3/);
  });
});
