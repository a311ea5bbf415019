// Hand-built estates for the compiled internet egress path (a NAT gateway, or the internet gateway with the sender's
// public address): each variant disturbs one thing the random estates of compiled-equivalence.test.ts rarely or never
// produce, and every flow must get the same verdict, blockedBy and reason from trace --batch (VerdictBatch) and from
// the explaining tracer.
import { outcome } from '../helpers/trace.js';
import { describe, expect, it } from 'vitest';
import { loadTopologyFromData } from '../../src/index.js';
import { type FlowSpec, trace } from '../../src/trace/trace.js';
import { VerdictBatch } from '../../src/trace/compiled-batch.js';

// biome-ignore lint/suspicious/noExplicitAny: topology data edited freely by the variants
type Data = Record<string, any>;

function base(): Data {
  return {
    version: 1,
    name: 'egress',
    region: 'us-east-1',
    vpcs: [
      { id: 'vpc-a', cidr: '10.20.0.0/16' },
      { id: 'vpc-b', cidr: '10.30.0.0/16' },
    ],
    subnets: [
      { id: 'public-a', vpc: 'vpc-a', cidr: '10.20.0.0/24', az: 'us-east-1a', routeTable: 'rt-public', networkAcl: 'acl-public' },
      { id: 'public-b', vpc: 'vpc-a', cidr: '10.20.1.0/24', az: 'us-east-1b', routeTable: 'rt-public-b' },
      { id: 'private-a', vpc: 'vpc-a', cidr: '10.20.10.0/24', az: 'us-east-1a', routeTable: 'rt-private-a' },
      { id: 'private-b', vpc: 'vpc-a', cidr: '10.20.11.0/24', az: 'us-east-1b', routeTable: 'rt-private-b' },
      { id: 'other', vpc: 'vpc-b', cidr: '10.30.0.0/24', az: 'us-east-1a' },
    ],
    internetGateways: [{ id: 'igw-a', vpc: 'vpc-a' }],
    natGateways: [
      { id: 'nat-a', subnet: 'public-a', privateIp: '10.20.0.10', publicIp: '54.210.1.10' },
      { id: 'nat-b', subnet: 'public-b', privateIp: '10.20.1.10', publicIp: '54.210.1.11' },
    ],
    routeTables: [
      { id: 'rt-public', vpc: 'vpc-a', routes: [{ destination: '0.0.0.0/0', target: 'igw-a' }] },
      { id: 'rt-public-b', vpc: 'vpc-a', routes: [{ destination: '0.0.0.0/0', target: 'igw-a' }] },
      { id: 'rt-private-a', vpc: 'vpc-a', routes: [{ destination: '0.0.0.0/0', target: 'nat-a' }] },
      { id: 'rt-private-b', vpc: 'vpc-a', routes: [{ destination: '0.0.0.0/0', target: 'nat-b' }] },
    ],
    networkAcls: [
      {
        id: 'acl-public',
        vpc: 'vpc-a',
        inbound: [{ rule: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }],
        outbound: [{ rule: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }],
      },
    ],
    securityGroups: [{ id: 'sg-a', vpc: 'vpc-a', inbound: [] }],
    instances: [
      { id: 'worker-a', subnet: 'private-a', privateIp: '10.20.10.10', securityGroups: ['sg-a'] },
      { id: 'worker-b', subnet: 'private-b', privateIp: '10.20.11.10', securityGroups: ['sg-a'] },
      { id: 'web-a', subnet: 'public-a', privateIp: '10.20.0.20', publicIp: '54.210.2.20', securityGroups: ['sg-a'] },
      { id: 'web-b', subnet: 'public-b', privateIp: '10.20.1.20', securityGroups: ['sg-a'] },
    ],
  };
}

const rt = (d: Data, id: string) => d.routeTables.find((r: Data) => r.id === id);
const acl = (d: Data) => d.networkAcls[0];

const VARIANTS: Record<string, (d: Data) => void> = {
  plain: () => {},
  'NAT subnet default route back to its NAT': (d) => (rt(d, 'rt-public').routes[0].target = 'nat-a'),
  'NAT subnet default route to the other NAT': (d) => (rt(d, 'rt-public').routes[0].target = 'nat-b'),
  'NAT subnets route to each other': (d) => {
    rt(d, 'rt-public').routes[0].target = 'nat-b';
    rt(d, 'rt-public-b').routes[0].target = 'nat-a';
  },
  'NAT subnet blackhole': (d) => (rt(d, 'rt-public').routes = [{ destination: '0.0.0.0/0', blackhole: true }]),
  'NAT subnet without default route': (d) => (rt(d, 'rt-public').routes = []),
  'NAT subnet denies ephemeral inbound': (d) => acl(d).inbound.unshift({ rule: 50, protocol: 'tcp', ports: '1024-65535', cidr: '0.0.0.0/0', action: 'deny' }),
  'NAT subnet denies part of the ephemeral range': (d) =>
    acl(d).inbound.unshift({ rule: 50, protocol: 'tcp', ports: '30000-40000', cidr: '0.0.0.0/0', action: 'deny' }),
  'NAT subnet denies the return to workers': (d) => acl(d).outbound.unshift({ rule: 50, protocol: 'all', cidr: '10.20.10.0/24', action: 'deny' }),
  'NAT subnet denies 443 out': (d) => acl(d).outbound.unshift({ rule: 50, protocol: 'tcp', ports: 443, cidr: '0.0.0.0/0', action: 'deny' }),
  'NAT subnet denies the workers in': (d) => acl(d).inbound.unshift({ rule: 50, protocol: 'all', cidr: '10.20.10.0/24', action: 'deny' }),
  'public subnet without IGW route': (d) => (rt(d, 'rt-public').routes = [{ destination: '0.0.0.0/0', target: 'nat-b' }]),
  'no internet gateway route anywhere': (d) => {
    rt(d, 'rt-public').routes = [];
    rt(d, 'rt-public-b').routes = [];
  },
  'private NAT gateway': (d) => {
    d.natGateways[0] = { id: 'nat-a', subnet: 'public-a', privateIp: '10.20.0.10', connectivity: 'private' };
  },
  'EIP on a secondary interface': (d) => {
    d.networkInterfaces = [
      { id: 'eni-extra', subnet: 'public-a', privateIp: '10.20.0.30', publicIp: '54.210.3.30', instance: 'web-a', securityGroups: ['sg-a'] },
    ];
  },
  'EIP on a secondary private IP': (d) => {
    d.instances[2].secondaryPrivateIps = ['10.20.0.21'];
    d.instances[2].secondaryPublicIps = [{ privateIp: '10.20.0.21', publicIp: '54.210.2.21' }];
  },
  'sourceDestCheck off': (d) => {
    for (const i of d.instances) i.sourceDestCheck = false;
  },
  'sourceDestCheck off, worker route to it': (d) => {
    d.instances[2].sourceDestCheck = false;
    rt(d, 'rt-private-a').routes.push({ destination: '8.8.0.0/16', target: 'web-a' });
  },
  'NAT route only for part of the internet': (d) => {
    rt(d, 'rt-private-a').routes = [{ destination: '8.0.0.0/8', target: 'nat-a' }];
  },
  'peering for part of the internet': (d) => {
    d.peeringConnections = [{ id: 'pcx-1', requesterVpc: 'vpc-a', accepterVpc: 'vpc-b' }];
    rt(d, 'rt-private-a').routes.push({ destination: '8.8.8.0/24', target: 'pcx-1' });
    rt(d, 'rt-public').routes.push({ destination: '8.8.8.0/24', target: 'pcx-1' });
  },
  'TGW for part of the internet': (d) => {
    d.transitGateways = [{ id: 'tgw-1' }];
    d.transitGatewayAttachments = [{ id: 'tgw-att-a', transitGateway: 'tgw-1', vpc: 'vpc-a', subnets: ['public-a', 'public-b'] }];
    rt(d, 'rt-private-a').routes.push({ destination: '8.8.8.0/24', target: 'tgw-1' });
    rt(d, 'rt-public').routes.push({ destination: '1.1.1.0/24', target: 'tgw-1' });
  },
  'prefix-list route in the NAT subnet': (d) => {
    d.prefixLists = [{ id: 'pl-x', cidrs: ['8.8.8.0/24', '93.184.0.0/16'] }];
    rt(d, 'rt-public').routes.push({ destination: 'pl-x', blackhole: true });
    rt(d, 'rt-private-a').routes.push({ destination: 'pl-x', target: 'nat-b' });
  },
  'gateway endpoint in the NAT subnet': (d) => {
    d.vpcEndpoints = [{ id: 'vpce-s3', vpc: 'vpc-a', type: 'gateway', service: 's3', routeTables: ['rt-public'] }];
  },
  'NAT gateway in the worker subnet': (d) => {
    d.natGateways[0].subnet = 'private-a';
    d.natGateways[0].privateIp = '10.20.10.5';
  },
  'public instance in the NAT subnet routing via NAT': (d) => {
    rt(d, 'rt-public').routes.push({ destination: '8.8.8.0/24', target: 'nat-a' });
  },
  'edge route table sends the public subnet to an appliance': (d) => {
    d.instances.push({ id: 'fw', subnet: 'public-b', privateIp: '10.20.1.50', sourceDestCheck: false, securityGroups: ['sg-a'] });
    d.routeTables.push({ id: 'rt-edge', vpc: 'vpc-a', gateways: ['igw-a'], routes: [{ destination: '10.20.0.0/24', target: 'fw' }] });
  },
  'secondary VPC CIDR for the NAT subnet': (d) => {
    d.vpcs[0].secondaryCidrs = ['100.64.0.0/16'];
    d.subnets.push({ id: 'public-c', vpc: 'vpc-a', cidr: '100.64.0.0/24', az: 'us-east-1a', routeTable: 'rt-public' });
    d.natGateways[0] = { id: 'nat-a', subnet: 'public-c', privateIp: '100.64.0.10', publicIp: '54.210.1.10' };
  },
  "two NAT gateways in one subnet, the second the default of the first one's subnet": (d) => {
    d.natGateways[1] = { id: 'nat-b', subnet: 'public-a', privateIp: '10.20.0.11', publicIp: '54.210.1.11' };
    rt(d, 'rt-public').routes.push({ destination: '8.8.8.0/24', target: 'nat-b' });
  },
  'worker with its own public IP behind a NAT gateway': (d) => {
    d.instances[0].publicIp = '54.210.2.99';
  },
  'security group egress restricted': (d) => {
    d.securityGroups[0].outbound = [{ protocol: 'tcp', ports: 443, destination: '8.8.0.0/16' }];
  },
  'security group referencing itself inbound': (d) => {
    d.securityGroups[0].inbound = [{ protocol: 'all', source: 'sg-a' }];
  },
  'NAT subnet route to the local VPC for a public range': (d) => {
    d.vpcs[0].cidr = '10.20.0.0/16';
    rt(d, 'rt-private-a').routes.push({ destination: '10.30.0.0/16', target: 'nat-a' });
  },
};

const TO = [
  '8.8.8.8',
  '8.8.8.9',
  '93.184.216.34',
  '1.1.1.1',
  'internet',
  '192.168.1.1',
  '10.99.0.1',
  '100.64.1.1',
  '172.16.0.1',
  '54.210.1.11',
  '54.210.2.20',
  '10.30.0.9',
  '2001:db8::1',
  // inside the VPC without an interface, link-local, special and just outside the private and shared ranges
  '10.20.5.5',
  '10.20.0.99',
  '169.254.169.254',
  '169.254.1.1',
  '0.0.0.0',
  '255.255.255.255',
  '224.0.0.1',
  '127.0.0.1',
  '100.127.255.255',
  '100.63.255.255',
  '172.32.0.1',
  '192.169.0.1',
  '100.64.0.99',
];
const FROM = ['worker-a', 'worker-b', 'web-a', 'web-b'];

function flows(d: Data): FlowSpec[] {
  const out: FlowSpec[] = [];
  for (const from of [...FROM, ...(d.networkInterfaces ?? []).map((n: Data) => n.id)])
    for (const to of TO)
      for (const protocol of ['tcp', 'udp', 'icmp', '17', 'all'])
        for (const [port, srcPort] of [
          [443, undefined],
          [22, 40000],
          [53, 1023],
          [80, 65535],
          [0, 0],
          [8080, 1],
        ] as const)
          out.push({ from, to, protocol, port, srcPort });
  return out;
}

describe('compiled internet egress agrees with the tracer on hand-built estates', () => {
  let compiled = 0;
  for (const [name, change] of Object.entries(VARIANTS)) {
    it(name, () => {
      const d = base();
      change(d);
      const r = loadTopologyFromData(d);
      expect(r.diagnostics.filter((x) => x.severity === 'error').map((x) => x.message)).toEqual([]);
      const t = r.topology!;
      const batch = new VerdictBatch(t);
      const bad: string[] = [];
      for (const f of flows(d)) {
        const want = outcome(() => trace(t, { ...f, explain: true }));
        const got = outcome(() => batch.verdict(f));
        if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${JSON.stringify(f)} batch=${JSON.stringify(got)} trace=${JSON.stringify(want)}`);
      }
      expect(bad.slice(0, 5)).toEqual([]);
      compiled += batch.compiled;
    });
  }
  // the estates must exercise the compiled path, not only the tracer behind it
  it('takes the compiled path for many of these flows', () => expect(compiled).toBeGreaterThan(1000));
});

describe('the NAT gateway translated port meets the ACL of its subnet', () => {
  // the port the tracer's NAT gateway picks for worker-a's source port 40000 (src/trace/engine.ts, REMAP_EPHEMERAL_PORT)
  const src = ((10 << 24) | (20 << 16) | (10 << 8) | 10) >>> 0;
  const remapped = 1024 + (((40000 * 7919 + src) >>> 0) % 64512);
  for (const [name, ports] of [
    ['exactly the translated port denied', `${remapped}`],
    ['all but the translated port denied', `${remapped + 1}-65535`],
  ] as const) {
    it(name, () => {
      const d = base();
      acl(d).inbound.unshift({ rule: 50, protocol: 'tcp', ports, cidr: '0.0.0.0/0', action: 'deny' });
      const t = loadTopologyFromData(d).topology!;
      const batch = new VerdictBatch(t);
      for (const srcPort of [40000, 40001]) {
        const f: FlowSpec = { from: 'worker-a', to: '8.8.8.8', protocol: 'tcp', port: 443, srcPort };
        const want = outcome(() => trace(t, { ...f, explain: true }));
        expect(
          outcome(() => batch.verdict(f)),
          JSON.stringify(f),
        ).toEqual(want);
      }
      // the case is decided where it must be: the translated port of source port 40000 is refused only when denied
      const first = outcome(() => trace(t, { from: 'worker-a', to: '8.8.8.8', protocol: 'tcp', port: 443, srcPort: 40000 })) as { verdict: string };
      expect(first.verdict).toBe(ports === `${remapped}` ? 'REJECT' : 'ACCEPT');
      expect(batch.compiled).toBeGreaterThan(0);
    });
  }
});
