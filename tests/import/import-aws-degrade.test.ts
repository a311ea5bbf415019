// An import never writes a topology that does not load. What the dump cannot support is left out with a warning
// (a VPN connection whose gateway is not in the dump, a public NAT gateway still pending without its address),
// and anything else that would not load stops the import, naming the dump file and resource.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AwsImportError, importAws, importAwsForLoader, loadTopologyFromData } from '../../src/index.js';
import { loadTopologySource } from '../../src/cli/load-input.js';

const EAST = join(import.meta.dirname, '../fixtures/aws/hybrid-cloud/us-east-2');

function copyRegion(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'vpcsim-degrade-')), 'us-east-2');
  cpSync(EAST, dir, { recursive: true });
  return dir;
}
const readJson = (dir: string, f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
const writeJson = (dir: string, f: string, data: unknown) => writeFileSync(join(dir, f), JSON.stringify(data, null, 1));
const errorsOf = (topology: object) => loadTopologyFromData(topology).diagnostics.filter((d) => d.severity === 'error');

describe('import aws degrades explicitly instead of writing a broken topology', () => {
  // Regression (fuzzing): the README's failed-permission case left the VPN connection without its gateway.
  it('TransitGateways.json missing: the VPN connection on that transit gateway is left out, with a warning', () => {
    const dir = copyRegion();
    rmSync(join(dir, 'TransitGateways.json'));
    const r = importAws(dir);
    expect(r.warnings.map((w) => w.code)).toContain('VPN_NO_GATEWAY');
    const w = r.warnings.find((x) => x.code === 'VPN_NO_GATEWAY')!;
    expect(w).toMatchObject({ file: 'VpnConnections.json', path: '$.VpnConnections[0].TransitGatewayId' });
    expect(w.message).toMatch(/^VPN connection vpn-01c45673532d3e33e terminates on tgw-06b348adabd13452d, which is not in the dump; skipped$/);
    expect((r.topology as { vpnConnections?: unknown[] }).vpnConnections ?? []).toEqual([]);
    expect(errorsOf(r.topology)).toEqual([]);
  });

  // Regression (fuzzing): a pending public NAT gateway has no PublicIp yet; the topology said it needed one.
  it('a pending public NAT gateway without its address is left out, and routes to it become explained blackholes', () => {
    const dir = copyRegion();
    const subnets = readJson(dir, 'Subnets.json').Subnets as { SubnetId: string; VpcId: string; CidrBlock: string }[];
    const s = subnets[0]!;
    const nat = {
      NatGatewayId: 'nat-0pending',
      SubnetId: s.SubnetId,
      VpcId: s.VpcId,
      State: 'pending',
      ConnectivityType: 'public',
      NatGatewayAddresses: [{ PrivateIp: s.CidrBlock.replace(/0\/24$/, '77'), IsPrimary: true }],
    };
    writeJson(dir, 'NatGateways.json', { NatGateways: [nat] });
    const rts = readJson(dir, 'RouteTables.json');
    const rt = rts.RouteTables.find((t: { VpcId: string }) => t.VpcId === s.VpcId);
    rt.Routes.push({ DestinationCidrBlock: '198.51.100.0/24', NatGatewayId: 'nat-0pending', Origin: 'CreateRoute', State: 'active' });
    writeJson(dir, 'RouteTables.json', rts);
    const r = importAws(dir);
    const w = r.warnings.find((x) => x.code === 'NAT_NO_PUBLIC_IP')!;
    expect(w).toMatchObject({ file: 'NatGateways.json', path: '$.NatGateways[0].NatGatewayAddresses' });
    expect(w.message).toContain('nat-0pending is pending (not forwarding traffic yet) and has no public IP yet; skipped');
    expect(errorsOf(r.topology)).toEqual([]);
    const route = (r.topology as { routeTables: { id: string; routes: { destination: string; blackhole?: boolean }[] }[] }).routeTables
      .find((t) => t.id === rt.RouteTableId)!
      .routes.find((x) => x.destination === '198.51.100.0/24')!;
    expect(route.blackhole).toBe(true);
    expect(r.warnings.some((x) => x.message.includes('nat-0pending, which is pending'))).toBe(true);
  });

  it('anything else that would not load stops the import, naming the dump file and the resource', () => {
    const dir = copyRegion();
    const subs = readJson(dir, 'Subnets.json');
    // two subnets of one VPC on the same block
    expect(subs.Subnets[2].VpcId).toBe(subs.Subnets[0].VpcId);
    subs.Subnets[2].CidrBlock = subs.Subnets[0].CidrBlock;
    writeJson(dir, 'Subnets.json', subs);
    let err: AwsImportError | undefined;
    try {
      importAws(dir);
    } catch (e) {
      err = e as AwsImportError;
    }
    expect(err).toBeInstanceOf(AwsImportError);
    expect(err!.code).toBe('IMPORT_INVALID');
    expect(err!.file).toBe('Subnets.json');
    expect(err!.message).toMatch(
      /^the imported topology would not load \(1 error\); nothing written:\n {2}Subnets\.json \$\.Subnets\[2\] \(subnet subnet-09b389def558a9c7d\): SUBNET_OVERLAP /,
    );
    // The loader (trace, show, check on a dump folder) places it in the dump file too, not in an in-memory file.
    const loaded = importAwsForLoader(dir);
    expect(loaded.data).toBeUndefined();
    expect(loaded.diagnostics).toMatchObject([{ code: 'AWS_IMPORT_INVALID', file: join(dir, 'Subnets.json'), line: 1, col: 1 }]);
  });

  it('diagnostics about an imported topology name the dump file, never "(imported).json"', async () => {
    const dir = copyRegion();
    const bound = await loadTopologySource(dir);
    expect(bound.topology).toBeDefined();
    for (const d of bound.diagnostics) expect(d.file).not.toContain('(imported)');
  });
});
