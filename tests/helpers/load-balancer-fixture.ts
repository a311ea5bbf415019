// A small VPC with two public subnets (load balancer nodes), two private subnets (targets) and a client subnet, built
// as data so that each test changes only what it is about.
import { loadTopologyFromData } from '../../src/index.js';
import type { Topology } from '../../src/bind/model.js';

type Raw = Record<string, unknown>;

export interface LbFixture {
  lb?: Raw;
  listeners?: Raw[];
  targetGroups?: Raw[];
  /** inbound rules of the targets' security group */
  targetSg?: Raw[];
  /** outbound rules of the load balancer's security group (undefined: all) */
  lbSgOut?: Raw[];
  lbSgIn?: Raw[];
  /** inbound/outbound rules of the private subnets' network ACL (undefined: the default ACL, all allowed) */
  privateAcl?: { inbound: Raw[]; outbound: Raw[] };
  publicAcl?: { inbound: Raw[]; outbound: Raw[] };
  extra?: Raw;
}

export function lbData(f: LbFixture = {}): Raw {
  const lbSg: Raw = { id: 'sg-lb', vpc: 'vpc-a', inbound: f.lbSgIn ?? [{ protocol: 'tcp', ports: 'all', source: '0.0.0.0/0' }] };
  if (f.lbSgOut) lbSg.outbound = f.lbSgOut;
  const acls: Raw[] = [];
  if (f.privateAcl) acls.push({ id: 'acl-private', vpc: 'vpc-a', ...f.privateAcl });
  if (f.publicAcl) acls.push({ id: 'acl-public', vpc: 'vpc-a', ...f.publicAcl });
  return {
    version: 1,
    vpcs: [{ id: 'vpc-a', cidr: '10.0.0.0/16' }],
    subnets: [
      { id: 'pub-a', vpc: 'vpc-a', cidr: '10.0.0.0/24', az: 'us-east-1a', routeTable: 'rt-pub', ...(f.publicAcl ? { networkAcl: 'acl-public' } : {}) },
      { id: 'pub-b', vpc: 'vpc-a', cidr: '10.0.1.0/24', az: 'us-east-1b', routeTable: 'rt-pub', ...(f.publicAcl ? { networkAcl: 'acl-public' } : {}) },
      { id: 'priv-a', vpc: 'vpc-a', cidr: '10.0.10.0/24', az: 'us-east-1a', ...(f.privateAcl ? { networkAcl: 'acl-private' } : {}) },
      { id: 'priv-b', vpc: 'vpc-a', cidr: '10.0.11.0/24', az: 'us-east-1b', ...(f.privateAcl ? { networkAcl: 'acl-private' } : {}) },
      { id: 'priv-c', vpc: 'vpc-a', cidr: '10.0.12.0/24', az: 'us-east-1c' },
      { id: 'client-a', vpc: 'vpc-a', cidr: '10.0.20.0/24', az: 'us-east-1a' },
    ],
    internetGateways: [{ id: 'igw-a', vpc: 'vpc-a' }],
    routeTables: [{ id: 'rt-pub', vpc: 'vpc-a', routes: [{ destination: '0.0.0.0/0', target: 'igw-a' }] }],
    ...(acls.length ? { networkAcls: acls } : {}),
    securityGroups: [
      lbSg,
      { id: 'sg-web', vpc: 'vpc-a', inbound: f.targetSg ?? [{ protocol: 'tcp', ports: 8080, source: 'sg-lb' }] },
      { id: 'sg-client', vpc: 'vpc-a' },
    ],
    instances: [
      { id: 'web-a', subnet: 'priv-a', privateIp: '10.0.10.10', securityGroups: ['sg-web'] },
      { id: 'web-b', subnet: 'priv-b', privateIp: '10.0.11.10', securityGroups: ['sg-web'] },
      { id: 'web-c', subnet: 'priv-c', privateIp: '10.0.12.10', securityGroups: ['sg-web'] },
      { id: 'client', subnet: 'client-a', privateIp: '10.0.20.10', securityGroups: ['sg-client'] },
    ],
    loadBalancers: [defined({ id: 'lb', type: 'application', subnets: ['pub-a', 'pub-b'], securityGroups: ['sg-lb'], ...f.lb })],
    listeners: f.listeners ?? [{ id: 'lst', loadBalancer: 'lb', protocol: 'HTTP', port: 80, targetGroup: 'tg' }],
    targetGroups: f.targetGroups ?? [{ id: 'tg', vpc: 'vpc-a', protocol: 'HTTP', port: 8080, targets: [{ id: 'web-a' }, { id: 'web-b' }] }],
    ...f.extra,
  };
}

/** Keys set to undefined are left out (a fixture removes a default that way). */
function defined(o: Raw): Raw {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export function lbTopology(f: LbFixture = {}): Topology {
  const r = loadTopologyFromData(lbData(f), 'lb.json');
  if (!r.topology) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`).join('\n'));
  return r.topology;
}

/** A network load balancer with TCP listener 5000 and instance targets (client IP preservation on by default). */
export function nlb(f: LbFixture = {}): LbFixture {
  return {
    lb: { type: 'network', scheme: 'internal', securityGroups: undefined, ...f.lb },
    listeners: [{ id: 'lst', loadBalancer: 'lb', protocol: 'TCP', port: 5000, targetGroup: 'tg' }],
    targetGroups: [{ id: 'tg', vpc: 'vpc-a', protocol: 'TCP', port: 5000, targets: [{ id: 'web-a' }, { id: 'web-b' }] }],
    ...f,
    ...(f.lb ? { lb: { type: 'network', scheme: 'internal', securityGroups: undefined, ...f.lb } } : {}),
  };
}
