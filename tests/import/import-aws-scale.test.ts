// Scale: a synthesised 1,000-VPC describe-* dump imports, and the topology binds. Timing is not asserted
// here (performance is measured by benchmarks, not unit tests); this checks it completes and is complete.
import { describe, expect, it } from 'vitest';
import { importAwsFiles, loadTopologyFromData } from '../../src/index.js';
import { synthDump } from '../helpers/aws-synth.js';

describe('import aws at scale', () => {
  it('imports a 1,000-VPC dump completely, and it binds', () => {
    const files = synthDump({ vpcs: 1000 });
    const r = importAwsFiles(files, {}, { name: 'scale' });
    expect(r.warnings).toEqual([]);
    expect(r.summary.counts).toEqual({
      vpcs: 1000,
      subnets: 4000,
      internetGateways: 1000,
      natGateways: 1000,
      vpnConnections: 1,
      peeringConnections: 100,
      routeTables: 3000,
      vpcEndpoints: 1000,
      networkAcls: 2000,
      securityGroups: 3000,
      instances: 2000,
      transitGateways: 1,
      transitGatewayAttachments: 1001,
      transitGatewayRouteTables: 1,
      prefixLists: 1,
    });
    const b = loadTopologyFromData(r.topology, 'scale.json');
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(b.topology!.vpcs.length).toBe(1000);
  });
});
