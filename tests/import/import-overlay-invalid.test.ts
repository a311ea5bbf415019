// `vpcsim import aws --overlay`: the merged topology must load; when it does not, exit 2 with the errors,
// placed in the overlay where it wrote the offending part. An unreadable file of a dump is one line naming it.
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importCli } from '../helpers/aws-cli.js';
import { importAws } from '../../src/import/aws.js';
import { overlayPathOf } from '../../src/import/overlay-check.js';

const SAMPLE = join(import.meta.dirname, '../fixtures/aws/hybrid-cloud');
const EAST = join(SAMPLE, 'us-east-2');
afterEach(() => vi.restoreAllMocks());

const cli = importCli;
const tmp = () => mkdtempSync(join(tmpdir(), 'vpcsim-overlay-'));

describe('import aws --overlay: the merged topology must load', () => {
  it.each([
    [
      'a misspelt key',
      'name: x\nvpnConnection:\n  - { id: vpn-01c45673532d3e33e, onPremisesCidrs: [203.0.113.0/24] }\n',
      /^vpcsim: with .*overlay\.yaml merged, the topology does not load \(1 error\); nothing written:\n {2}.*overlay\.yaml:2:1: UNKNOWN_KEY unknown key 'vpnConnection' at the top level \(did you mean 'vpnConnections'\?\)\n$/,
    ],
    [
      'an added resource without its required keys',
      'instances:\n  - { id: i-nope, name: x }\n',
      // one error: whether privateIp is required depends on the subnet (none in an IPv6-only subnet)
      /^vpcsim: with .*overlay\.yaml merged, the topology does not load \(1 error\); nothing written:\n {2}.*overlay\.yaml:2:5: MISSING_KEY instance 'i-nope' is missing required key 'subnet'\n/,
    ],
    [
      'a removed list others refer to',
      '# no VPCs\nvpcs: null\n',
      /does not load \(\d+ errors\); nothing written:\n {2}merged topology subnets\[0\]\.vpc: UNKNOWN_REFERENCE unknown VPC 'vpc-[0-9a-f]+'\n(.*\n)*  note: .*overlay\.yaml:2:1 removes 'vpcs' \(vpcs: null\)\n$/,
    ],
  ])('refuses %s with exit 2 and writes nothing', async (_, text, message) => {
    const dir = tmp();
    const overlay = join(dir, 'overlay.yaml');
    writeFileSync(overlay, text);
    const output = join(dir, 'out.yaml');
    const r = await cli(EAST, '--overlay', overlay, '-o', output);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(output)).toBe(false);
  });

  it('updates of imported resources are placed by id in the overlay', async () => {
    const dir = tmp();
    const overlay = join(dir, 'overlay.yaml');
    writeFileSync(overlay, 'subnets:\n  - id: subnet-nothere\n    vpc: vpc-x\n');
    const r = await cli(EAST, '--overlay', overlay);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/overlay\.yaml:2:5: MISSING_KEY subnet 'subnet-nothere' needs cidr \(IPv4\), ipv6Cidr \(an IPv6-only subnet\), or both/);
  });

  it('maps merged paths back to the overlay by key and id', () => {
    const merged = { version: 1, subnets: [{ id: 'a' }, { id: 'b' }], vpcs: [{ id: 'v' }] } as Record<string, unknown>;
    const overlay = { subnets: [{ id: 'b', vpc: 'x' }], name: 'n' };
    expect(overlayPathOf(['subnets', 1, 'vpc'], merged, overlay)).toEqual(['subnets', 0, 'vpc']);
    expect(overlayPathOf(['subnets', 0, 'vpc'], merged, overlay)).toBeUndefined();
    expect(overlayPathOf(['vpcs', 0], merged, overlay)).toBeUndefined();
    expect(overlayPathOf(['name'], merged, overlay)).toEqual(['name']);
  });

  it('the library refuses an overlay object the same way', () => {
    expect(() => importAws(EAST, { overlay: { vpnConnection: [] } })).toThrowError(
      /with overlay merged, the topology does not load \(1 error\)[\s\S]*overlay vpnConnection: UNKNOWN_KEY/,
    );
  });

  it('a valid overlay still merges', async () => {
    const dir = tmp();
    const overlay = join(dir, 'overlay.yaml');
    writeFileSync(overlay, 'vpnConnections:\n  - { id: vpn-01c45673532d3e33e, onPremisesCidrs: [203.0.113.0/24] }\n');
    const r = await cli(EAST, '--overlay', overlay);
    expect(r.code).toBe(0);
  });
});

describe('import aws: a dump file that cannot be read', () => {
  function dumpWith(name: string): string {
    const dir = join(tmp(), 'us-east-2');
    mkdirSync(dir);
    cpSync(EAST, dir, { recursive: true });
    return join(dir, name);
  }

  it.skipIf(process.getuid?.() === 0)('is one line naming it (no permission)', async () => {
    const file = dumpWith('Vpcs.json');
    chmodSync(file, 0o000);
    const r = await cli(join(file, '..'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`vpcsim: cannot read ${file}: permission denied\n`);
  });
});
