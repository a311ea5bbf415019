// `import aws` of Gateway Load Balancers: elbv2 describe-load-balancers (Type gateway), its GENEVE target group and
// target health, describe-load-balancer-attributes (cross-zone), describe-vpc-endpoints (GatewayLoadBalancer) and
// describe-vpc-endpoint-service-configurations. A small estate: a web instance whose default route goes to a GWLB
// endpoint; the endpoint subnet's route goes to the internet gateway, whose gateway route table sends the web
// subnet's traffic back through the endpoint; one appliance behind the GWLB.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/introduction.html
import { describe, expect, it } from 'vitest';
import { importAwsFiles, loadTopologyFromData, type AwsFile, type ImportResult } from '../../src/index.js';
import { trace } from '../../src/trace/trace.js';
import { byId, type Obj } from '../helpers/aws-synth.js';

const ACCOUNT = '111122223333';
const VPC = 'vpc-0a00000000000001a';
const GWLB_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/gwy/inspect/0f1e2d3c4b5a6978`;
const TG_ARN = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/inspect-geneve/1a2b3c4d5e6f7081`;
const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0';
const out = (file: string, data: Obj): AwsFile => ({ file, dir: '', region: 'us-east-1', account: ACCOUNT, data });
const run = (files: AwsFile[]): ImportResult => importAwsFiles(files, {}, { name: 'gwlb' });
const errors = (r: ImportResult) =>
  loadTopologyFromData(r.topology)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.message}`);

const subnet = (id: string, cidr: string) => ({
  SubnetId: id,
  VpcId: VPC,
  CidrBlock: cidr,
  AvailabilityZone: 'us-east-1a',
  State: 'available',
  OwnerId: ACCOUNT,
});
const local = { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
const table = (id: string, sub: string, routes: Obj[], main = false) => ({
  RouteTableId: id,
  VpcId: VPC,
  OwnerId: ACCOUNT,
  Routes: [local, ...routes],
  Associations: [main ? { Main: true, RouteTableId: id } : { Main: false, SubnetId: sub, RouteTableId: id }],
});
const all = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }];
function instance(id: string, sub: string, ip: string, sg: string, publicIp?: string): { inst: Obj; eni: Obj } {
  const pub = publicIp ? { Association: { IpOwnerId: 'amazon', PublicIp: publicIp } } : {};
  const eni = {
    NetworkInterfaceId: `eni-${id.slice(2)}`,
    SubnetId: sub,
    VpcId: VPC,
    PrivateIpAddress: ip,
    Status: 'in-use',
    InterfaceType: 'interface',
    SourceDestCheck: true,
    Attachment: { DeviceIndex: 0, InstanceId: id, Status: 'attached' },
    Groups: [{ GroupId: sg }],
    PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: ip, ...pub }],
    ...pub,
  };
  const inst = {
    InstanceId: id,
    State: { Name: 'running' },
    SubnetId: sub,
    VpcId: VPC,
    PrivateIpAddress: ip,
    ...(publicIp ? { PublicIpAddress: publicIp } : {}),
    SecurityGroups: [{ GroupId: sg }],
    NetworkInterfaces: [eni],
  };
  return { inst, eni: { ...eni, OwnerId: ACCOUNT, AvailabilityZone: 'us-east-1a' } };
}

/** The estate; `health` is the appliance's TargetHealth.State. */
function estate(health = 'healthy'): AwsFile[] {
  const web = instance('i-0web0000000000001', 'subnet-0web000000000001', '10.0.1.10', 'sg-0web000000000001', '54.0.0.10');
  const fw = instance('i-0fw00000000000001', 'subnet-0app000000000001', '10.0.3.10', 'sg-0app000000000001');
  return [
    out('Vpcs.json', { Vpcs: [{ VpcId: VPC, CidrBlock: '10.0.0.0/16', State: 'available', OwnerId: ACCOUNT }] }),
    out('Subnets.json', {
      Subnets: [
        subnet('subnet-0web000000000001', '10.0.1.0/24'),
        subnet('subnet-0gwe000000000001', '10.0.2.0/24'),
        subnet('subnet-0app000000000001', '10.0.3.0/24'),
      ],
    }),
    out('InternetGateways.json', {
      InternetGateways: [{ InternetGatewayId: 'igw-0main00000000001', OwnerId: ACCOUNT, Attachments: [{ VpcId: VPC, State: 'available' }] }],
    }),
    out('RouteTables.json', {
      RouteTables: [
        // the web subnet's default route goes through the GWLB endpoint; the endpoint subnet's to the internet gateway
        table('rtb-0web000000000001', 'subnet-0web000000000001', [
          { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'vpce-0gwlbe000000001', Origin: 'CreateRoute', State: 'active' },
        ]),
        table('rtb-0gwe000000000001', 'subnet-0gwe000000000001', [
          { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0main00000000001', Origin: 'CreateRoute', State: 'active' },
        ]),
        table('rtb-0main00000000001', '', [], true),
        // ingress routing: replies from the internet to the web subnet come back through the endpoint (edge association)
        {
          RouteTableId: 'rtb-0igw000000000001',
          VpcId: VPC,
          OwnerId: ACCOUNT,
          Routes: [local, { DestinationCidrBlock: '10.0.1.0/24', GatewayId: 'vpce-0gwlbe000000001', Origin: 'CreateRoute', State: 'active' }],
          Associations: [{ Main: false, GatewayId: 'igw-0main00000000001', RouteTableId: 'rtb-0igw000000000001', AssociationState: { State: 'associated' } }],
        },
      ],
    }),
    out('NetworkAcls.json', {
      NetworkAcls: [
        {
          NetworkAclId: 'acl-0main00000000001',
          VpcId: VPC,
          IsDefault: true,
          OwnerId: ACCOUNT,
          Associations: ['subnet-0web000000000001', 'subnet-0gwe000000000001', 'subnet-0app000000000001'].map((s) => ({
            NetworkAclId: 'acl-0main00000000001',
            SubnetId: s,
          })),
          Entries: [true, false].map((egress) => ({ RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: egress, CidrBlock: '0.0.0.0/0' })),
        },
      ],
    }),
    out('SecurityGroups.json', {
      SecurityGroups: [
        { GroupId: 'sg-0web000000000001', GroupName: 'web', VpcId: VPC, OwnerId: ACCOUNT, IpPermissions: [], IpPermissionsEgress: all },
        { GroupId: 'sg-0app000000000001', GroupName: 'appliance', VpcId: VPC, OwnerId: ACCOUNT, IpPermissions: all, IpPermissionsEgress: all },
      ],
    }),
    out('Reservations.json', { Reservations: [{ Instances: [web.inst, fw.inst] }] }),
    out('NetworkInterfaces.json', { NetworkInterfaces: [web.eni, fw.eni] }),
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancer.html
    out('LoadBalancers.json', {
      LoadBalancers: [
        {
          LoadBalancerArn: GWLB_ARN,
          LoadBalancerName: 'inspect',
          VpcId: VPC,
          State: { Code: 'active' },
          Type: 'gateway',
          AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-0app000000000001' }],
        },
      ],
    }),
    out('LoadBalancerAttributes.gwy.inspect.0f1e2d3c4b5a6978.json', {
      LoadBalancerArn: GWLB_ARN,
      Attributes: [
        { Key: 'deletion_protection.enabled', Value: 'false' },
        { Key: 'load_balancing.cross_zone.enabled', Value: 'true' },
      ],
    }),
    out('TargetGroups.json', {
      TargetGroups: [
        {
          TargetGroupArn: TG_ARN,
          TargetGroupName: 'inspect-geneve',
          Protocol: 'GENEVE',
          Port: 6081,
          VpcId: VPC,
          TargetType: 'instance',
          LoadBalancerArns: [GWLB_ARN],
        },
      ],
    }),
    out('TargetHealth.inspect-geneve.1a2b3c4d5e6f7081.json', {
      TargetGroupArn: TG_ARN,
      TargetHealthDescriptions: [{ Target: { Id: 'i-0fw00000000000001', Port: 6081 }, TargetHealth: { State: health } }],
    }),
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html
    out('VpcEndpoints.json', {
      VpcEndpoints: [
        {
          VpcEndpointId: 'vpce-0gwlbe000000001',
          VpcEndpointType: 'GatewayLoadBalancer',
          VpcId: VPC,
          ServiceName: SERVICE,
          State: 'available',
          SubnetIds: ['subnet-0gwe000000000001'],
          OwnerId: ACCOUNT,
        },
      ],
    }),
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ServiceConfiguration.html (gatewayLoadBalancerArnSet)
    out('ServiceConfigurations.json', {
      ServiceConfigurations: [
        {
          ServiceId: 'vpce-svc-0123456789abcdef0',
          ServiceName: SERVICE,
          ServiceType: [{ ServiceType: 'GatewayLoadBalancer' }],
          GatewayLoadBalancerArns: [GWLB_ARN],
        },
      ],
    }),
  ];
}

const webToInternet = (r: ImportResult) =>
  trace(loadTopologyFromData(r.topology).topology!, { from: 'i-0web0000000000001', to: '198.51.100.7', protocol: 'tcp', port: 443 });

describe('import aws: Gateway Load Balancers', () => {
  it('imports the GWLB with its appliance and cross-zone attribute, and the endpoint linked to it', () => {
    const r = run(estate());
    expect(errors(r)).toEqual([]);
    expect(r.topology.gatewayLoadBalancers).toEqual([
      { id: 'inspect', subnets: ['subnet-0app000000000001'], crossZone: true, targets: [{ id: 'i-0fw00000000000001' }] },
    ]);
    expect(byId(r.topology.vpcEndpoints, 'vpce-0gwlbe000000001')).toMatchObject({
      type: 'gatewayLoadBalancer',
      gatewayLoadBalancer: 'inspect',
      subnets: ['subnet-0gwe000000000001'],
    });
    // the GENEVE target group is the GWLB's, not a load balancer target group
    expect(r.topology.targetGroups ?? []).toEqual([]);
    // the route to the endpoint keeps its target
    expect(byId(r.topology.routeTables, 'rtb-0web000000000001').routes).toContainEqual({ destination: '0.0.0.0/0', target: 'vpce-0gwlbe000000001' });
    expect(r.warnings).toEqual([]);
  });

  it('traces the imported estate end to end: web → endpoint → GWLB → appliance → endpoint → internet gateway (ACCEPT)', () => {
    const t = webToInternet(run(estate()));
    expect(t.verdict).toBe('ACCEPT');
    const ids = t.forward.hops.map((h) => h.component);
    expect(ids).toEqual(expect.arrayContaining(['vpce-0gwlbe000000001', 'inspect', 'i-0fw00000000000001', 'igw-0main00000000001']));
  });

  it('an unhealthy appliance is imported as healthy: false, and the trace fails on it (REJECT)', () => {
    const r = run(estate('unhealthy'));
    expect(byId(r.topology.gatewayLoadBalancers, 'inspect').targets).toEqual([{ id: 'i-0fw00000000000001', healthy: false }]);
    const t = webToInternet(r);
    expect(t.verdict).toBe('REJECT');
    expect(t.reason).toBe('GWLB_NO_HEALTHY_TARGET');
  });

  it('an ip target is the network interface holding that address; one not in the dump is left out with a warning', () => {
    const files = estate();
    const tg = files.find((f) => f.file === 'TargetGroups.json')!.data.TargetGroups[0];
    tg.TargetType = 'ip';
    const health = files.find((f) => f.file.startsWith('TargetHealth.'))!.data.TargetHealthDescriptions;
    health[0].Target.Id = '10.0.3.10';
    health.push({ Target: { Id: '10.0.3.99', Port: 6081 }, TargetHealth: { State: 'healthy' } });
    const r = run(files);
    expect(byId(r.topology.gatewayLoadBalancers, 'inspect').targets).toEqual([{ id: 'i-0fw00000000000001' }]);
    expect(r.warnings.find((w) => w.code === 'GWLB_TARGET_MISSING')?.message).toContain('10.0.3.99');
  });

  it("the GWLB's own network interfaces (ELB gwy/...) are part of it, not free-standing interfaces", () => {
    const files = estate();
    const enis = files.find((f) => f.file === 'NetworkInterfaces.json')!.data.NetworkInterfaces;
    // https://repost.aws/knowledge-center/elb-find-load-balancer-IP (the interfaces' descriptions)
    enis.push({
      NetworkInterfaceId: 'eni-0gwlbnode000001',
      SubnetId: 'subnet-0app000000000001',
      VpcId: VPC,
      PrivateIpAddress: '10.0.3.50',
      Status: 'in-use',
      InterfaceType: 'gateway_load_balancer',
      Description: 'ELB gwy/inspect/0f1e2d3c4b5a6978',
      OwnerId: 'amazon-elb',
      Groups: [],
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.0.3.50' }],
    });
    const r = run(files);
    expect(((r.topology.networkInterfaces ?? []) as Obj[]).map((e) => e.id)).not.toContain('eni-0gwlbnode000001');
  });

  it('without describe-load-balancer-attributes, cross-zone is off (AWS default) and a note says so', () => {
    const r = run(estate().filter((f) => !f.file.startsWith('LoadBalancerAttributes.')));
    expect(byId(r.topology.gatewayLoadBalancers, 'inspect').crossZone).toBe(false);
    expect(r.summary.notes.join('\n')).toContain('cross-zone load balancing of inspect is not in the dump');
  });

  it('without the endpoint service configurations, the endpoint is left out with a warning saying how to add it; its route is a blackhole', () => {
    const r = run(estate().filter((f) => f.file !== 'ServiceConfigurations.json'));
    expect(errors(r)).toEqual([]);
    const w = r.warnings.find((x) => x.code === 'GWLB_ENDPOINT_UNLINKED');
    expect(w?.message).toContain('vpce-0gwlbe000000001');
    expect(w?.message).toContain('--overlay');
    expect(w?.message).toContain(SERVICE);
    expect((r.topology.vpcEndpoints ?? []) as Obj[]).toEqual([]);
    expect(byId(r.topology.routeTables, 'rtb-0web000000000001').routes).toContainEqual({ destination: '0.0.0.0/0', blackhole: true });
    // the gateway route table's route to the endpoint cannot be a blackhole inside the local route: left out, said so
    expect(r.warnings.find((x) => x.code === 'ROUTE_WITHIN_LOCAL_LEFT_OUT')?.message).toContain('10.0.1.0/24 in rtb-0igw000000000001');
    expect(webToInternet(r).verdict).toBe('REJECT');
  });

  it('the overlay the warning suggests restores the link', () => {
    const overlay = {
      vpcEndpoints: [
        { id: 'vpce-0gwlbe000000001', vpc: VPC, type: 'gatewayLoadBalancer', gatewayLoadBalancer: 'inspect', subnets: ['subnet-0gwe000000000001'] },
      ],
      routeTables: [
        { id: 'rtb-0web000000000001', routes: [{ destination: '0.0.0.0/0', target: 'vpce-0gwlbe000000001' }] },
        { id: 'rtb-0igw000000000001', routes: [{ destination: '10.0.1.0/24', target: 'vpce-0gwlbe000000001' }], gateways: ['igw-0main00000000001'] },
      ],
    };
    const r = importAwsFiles(
      estate().filter((f) => f.file !== 'ServiceConfigurations.json'),
      { overlay },
      { name: 'gwlb' },
    );
    expect(webToInternet(r).verdict).toBe('ACCEPT');
  });
});
