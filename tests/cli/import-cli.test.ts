// `vpcsim import aws`: output files and formats, the report on stderr, one-line errors with exit code 2.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { importCli } from '../helpers/aws-cli.js';
import { loadTopology } from '../../src/index.js';

const SAMPLE = join(import.meta.dirname, '../fixtures/aws/hybrid-cloud');
afterEach(() => vi.restoreAllMocks());

const cli = importCli;
const tmp = () => mkdtempSync(join(tmpdir(), 'vpcsim-import-'));

describe('vpcsim import aws', () => {
  it('writes YAML to stdout and the report to stderr', async () => {
    const r = await cli(SAMPLE, '--region', 'us-east-2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# Imported by vpcsim import aws from aws ec2 describe-\* output: region us-east-2, account 554773406868\.\n\nversion: 1\n/);
    expect(parse(r.out).vpcs).toHaveLength(2);
    expect(r.err).toContain('imported us-east-2 (account 554773406868) from 22 files → stdout');
    expect(r.err).toContain('2 VPCs, 4 subnets, 1 internet gateway, 1 VPN connection, 2 route tables');
    expect(r.err).toContain('VPN connections with no known on-premises prefixes: vpn-01c45673532d3e33e');
    expect(r.err).toContain('ignored (not modelled): 3 availability zones (subnets carry their zone), 60 VPC endpoint services');
    expect(r.err).toContain('--on-prem vpn-01c45673532d3e33e=203.0.113.0/24');
  });

  it('writes a file that validates, in the format its extension says', async () => {
    const dir = tmp();
    const yamlFile = join(dir, 'east.yaml');
    const r = await cli(SAMPLE, '--region', 'us-east-2', '-o', yamlFile, '--on-prem', 'vpn-01c45673532d3e33e=203.0.113.0/24');
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(loadTopology(yamlFile).diagnostics).toEqual([]);
    const jsonFile = join(dir, 'west.json');
    expect((await cli(SAMPLE, '--region', 'us-west-2', '-o', jsonFile)).code).toBe(0);
    expect(JSON.parse(readFileSync(jsonFile, 'utf8')).region).toBe('us-west-2');
    expect(loadTopology(jsonFile).diagnostics).toEqual([]);
    expect(JSON.parse((await cli(join(SAMPLE, 'us-east-2'), '--format', 'json')).out).version).toBe(1);
  });

  it('merges an overlay file', async () => {
    const dir = tmp();
    const overlay = join(dir, 'overlay.yaml');
    writeFileSync(overlay, 'vpnConnections:\n  - { id: vpn-01c45673532d3e33e, onPremisesCidrs: [203.0.113.0/24] }\n');
    const r = await cli(join(SAMPLE, 'us-east-2'), '--overlay', overlay);
    expect(r.code).toBe(0);
    expect(parse(r.out).vpnConnections[0].onPremisesCidrs).toEqual(['203.0.113.0/24']);
    expect(r.err).not.toContain('no known on-premises prefixes');
  });

  it.each([
    [[SAMPLE], 'vpcsim: the dump holds 2 regions (us-east-2, us-west-2); import one at a time with --region <name>'],
    [[SAMPLE, '--region', 'ap-south-1'], 'vpcsim: region ap-south-1 is not in the dump (it holds us-east-2, us-west-2)'],
    [['/no/such/dir'], 'vpcsim: folder not found: /no/such/dir'],
    [[SAMPLE, '--region', 'us-east-2', '--format', 'xml'], "vpcsim: --format must be yaml or json, not 'xml'"],
    [
      [SAMPLE, '--region', 'us-east-2', '--on-prem', 'vpn-01c45673532d3e33e'],
      "vpcsim: --on-prem 'vpn-01c45673532d3e33e' is not <vpn-connection-id>=<cidr>[,<cidr>...]",
    ],
    [
      [SAMPLE, '--region', 'us-east-2', '--on-prem', 'vpn-x=10.0.0.0/8'],
      'vpcsim: --on-prem names vpn-x, which is not a VPN connection in the dump for us-east-2',
    ],
    [[SAMPLE, '--region', 'us-east-2', '--on-prem', 'vpn-01c45673532d3e33e=10.0.0.300/8'], "vpcsim: --on-prem vpn-01c45673532d3e33e: '10.0.0.300/8'"],
    [[SAMPLE, '--region', 'us-east-2', '--overlay', '/no/overlay.yaml'], 'vpcsim: overlay file not found: /no/overlay.yaml'],
    [[SAMPLE, '--region', 'us-east-2', '-o', '/no/such/dir/out.yaml'], 'vpcsim: cannot write /no/such/dir/out.yaml: ENOENT'],
  ])('%o fails with one line and exit code 2', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.startsWith(message)).toBe(true);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('reports a malformed overlay and malformed dump JSON with file and position', async () => {
    const dir = tmp();
    const overlay = join(dir, 'bad.yaml');
    writeFileSync(overlay, 'vpnConnections:\n  - { id: a\n');
    let r = await cli(join(SAMPLE, 'us-east-2'), '--overlay', overlay);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^vpcsim: ${overlay.replace(/[.]/g, '\\.')}:\\d+:\\d+: `));
    const dump = join(dir, 'dump');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dump);
    writeFileSync(join(dump, 'Vpcs.json'), '{"Vpcs": [');
    r = await cli(dump);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^vpcsim: Vpcs\.json:1:11: invalid JSON \(.*\) — the file looks truncated; run its aws command again\n$/);
  });

  it('keeps startup light: the command module imports only commander types', () => {
    const src = readFileSync(join(import.meta.dirname, '../../src/cli/import.ts'), 'utf8');
    const imports = src.split('\n').filter((l) => /^import /.test(l));
    expect(imports.every((l) => l.startsWith('import type '))).toBe(true);
  });
});
