// Traffic arriving at a transit gateway from outside any Availability Zone (a VPN) enters the VPC through the
// attachment's interface in the destination's zone.
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/trace.js';
import { hopDetail } from '../../src/render/trace-detail.js';

const T = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
subnets:
  - { id: tgw-a, vpc: vpc-a, cidr: 10.0.0.0/28, az: us-east-1a, routeTable: rt-a }
  - { id: tgw-b, vpc: vpc-a, cidr: 10.0.0.16/28, az: us-east-1b, routeTable: rt-a }
  - { id: app-b, vpc: vpc-a, cidr: 10.0.2.0/24, az: us-east-1b, routeTable: rt-a }
transitGateways: [ { id: tgw-hub } ]
vpnConnections: [ { id: vpn-dc, transitGateway: tgw-hub, onPremisesCidrs: [192.168.0.0/16] } ]
transitGatewayAttachments:
  - { id: att-a, transitGateway: tgw-hub, vpc: vpc-a, subnets: [tgw-a, tgw-b], routeTable: tgw-rt }
  - { id: att-dc, transitGateway: tgw-hub, vpnConnection: vpn-dc, routeTable: tgw-rt }
transitGatewayRouteTables:
  - { id: tgw-rt, transitGateway: tgw-hub, propagations: [att-a, att-dc] }
routeTables:
  - { id: rt-a, vpc: vpc-a, routes: [ { destination: 192.168.0.0/16, target: tgw-hub } ] }
securityGroups:
  - { id: sg-app, vpc: vpc-a, inbound: [ { protocol: tcp, ports: 22, source: 192.168.0.0/16 } ] }
instances:
  - { id: app-1, subnet: app-b, privateIp: 10.0.2.10, securityGroups: [sg-app] }
`;

describe('transit gateway zones', () => {
  it('from on-premises, enters through the attachment subnet in the destination zone, and the reply leaves by its zone', () => {
    const x = run(T, { from: '192.168.1.5', to: 'app-1', port: 22 });
    expect(x.verdict).toBe('ACCEPT');
    const into = x.r.forward.hops.find((h) => h.component === 'att-a')!;
    expect(hopDetail(into)).toContain('via tgw-b (us-east-1b)');
    const out = x.r.return!.hops.find((h) => h.component === 'att-a')!;
    expect(hopDetail(out)).toContain('us-east-1b, via tgw-b');
  });
});
