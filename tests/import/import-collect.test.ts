// scripts/collect-aws.sh, run against a stand-in `aws` that answers from the sample dump: it makes only
// read-only calls, writes one file per call into <out>/<account>/<region>/, and the result imports.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAws } from '../../src/index.js';

const ROOT = join(import.meta.dirname, '../..');
const EAST = join(import.meta.dirname, '../fixtures/aws/hybrid-cloud/us-east-2');

// describe-vpcs → Vpcs.json, describe-instances → Reservations.json, ...; a kind the sample lacks is an empty list.
const STUB = `#!/usr/bin/env bash
echo "$*" >> "$AWS_STUB_LOG"
[ "$1" = sts ] && { echo 999988887777; exit 0; }
shift
cmd=$1
case " $* " in *" --output text "*)
  [ "$cmd" = describe-transit-gateway-route-tables ] && printf 'tgw-rtb-00e37bc5142347b03\\n'
  exit 0 ;;
esac
key=$(echo "$cmd" | sed -e 's/^describe-//' -e 's/-\\([a-z]\\)/\\U\\1/g' -e 's/^\\([a-z]\\)/\\U\\1/')
case $cmd in
  describe-instances) key=Reservations ;;
  describe-vpn-connections) key=VpnConnections ;;
  describe-vpc-peering-connections) key=VpcPeeringConnections ;;
  describe-vpc-endpoint-service-configurations) key=ServiceConfigurations ;;
  search-transit-gateway-routes) echo '{"Routes": [], "AdditionalRoutesAvailable": false}'; exit 0 ;;
  get-transit-gateway-route-table-propagations)
    node -e 'const d=require(process.argv[1]).TransitGatewayPropagations[0]; console.log(JSON.stringify({TransitGatewayRouteTablePropagations: d.TransitGatewayRouteTablePropagations}))' "$AWS_STUB_DIR/TransitGatewayPropagations.json"; exit 0 ;;
esac
if [ -f "$AWS_STUB_DIR/$key.json" ]; then cat "$AWS_STUB_DIR/$key.json"; else echo "{\\"$key\\": []}"; fi
`;

describe('scripts/collect-aws.sh', () => {
  it('makes only read-only calls and writes a dump that imports like the original', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsim-collect-'));
    const bin = join(dir, 'bin');
    execFileSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'aws'), STUB);
    chmodSync(join(bin, 'aws'), 0o755);
    const log = join(dir, 'calls.log');
    const out = join(dir, 'dump');
    execFileSync('bash', [join(ROOT, 'scripts/collect-aws.sh'), '-o', out, 'us-east-2'], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, AWS_STUB_LOG: log, AWS_STUB_DIR: EAST },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls[0]).toBe('sts get-caller-identity --query Account --output text');
    for (const c of calls.slice(1))
      expect(c).toMatch(/^(ec2 (describe|get|search)|elbv2 describe|elb describe|directconnect describe|network-firewall (list|describe))-[a-z-]+ /);
    const vpn = calls.find((c) => c.startsWith('ec2 describe-vpn-connections'))!;
    expect(vpn).toContain('--query');
    expect(vpn).not.toMatch(/CustomerGatewayConfiguration|TunnelOptions/);
    expect(calls).toContain(
      'ec2 search-transit-gateway-routes --transit-gateway-route-table-id tgw-rtb-00e37bc5142347b03 --filters Name=state,Values=active,blackhole --region us-east-2 --output json',
    );

    const files = readdirSync(join(out, '999988887777', 'us-east-2')).sort();
    expect(files).toContain('Vpcs.json');
    expect(files).toContain('TransitGatewayRoutes.tgw-rtb-00e37bc5142347b03.json');
    expect(files).toContain('TransitGatewayPropagations.tgw-rtb-00e37bc5142347b03.json');
    expect(files.every((f) => f.endsWith('.json'))).toBe(true);

    const original = importAws(EAST);
    const collected = importAws(out);
    expect(collected.summary.accounts).toEqual(['999988887777']);
    expect(collected.summary.counts).toEqual(original.summary.counts);
    expect(collected.topology.transitGatewayRouteTables).toEqual(original.topology.transitGatewayRouteTables);
  });
});
