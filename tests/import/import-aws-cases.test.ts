// `import aws` mappings on synthetic describe-* dumps (tests/helpers/aws-synth.ts), one AWS feature per test:
// NAT and endpoint routes, NACL entries, SG references across accounts, prefix lists, secondary addresses,
// extra interfaces, VPN and transit gateway routes, peering outside the dump, unsupported targets.
import { describe, expect, it } from 'vitest';
import { importAwsFiles, loadTopologyFromData, type AwsFile, type ImportResult } from '../../src/index.js';
import { formatHas } from '../../src/import/format-has.js';
import { byId, listOf, synthDump, type Obj } from '../helpers/aws-synth.js';

const run = (files: AwsFile[], opts = {}): ImportResult => importAwsFiles(files, opts, { name: 'synth' });
const errors = (r: ImportResult) =>
  loadTopologyFromData(r.topology)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.message}`);

describe('import aws: a synthetic two-VPC account', () => {
  const r = run(synthDump({ vpcs: 2 }));
  const t = r.topology as Obj;

  it('imports clean and binds with zero errors', () => {
    expect(r.warnings).toEqual([]);
    expect(errors(r)).toEqual([]);
    expect(t.name).toBe('synth-us-east-1');
    expect(t.account).toBe('111122223333');
  });

  it('writes NAT gateways with their addresses and interface', () => {
    expect(byId(t.natGateways, 'nat-00000000000000000')).toEqual({
      id: 'nat-00000000000000000',
      name: 'nat-0',
      subnet: 'subnet-00000000000000000',
      privateIp: '10.0.0.10',
      publicIp: '3.0.0.10',
      interfaceId: 'eni-000000000000f4240',
    });
  });

  it('writes a gateway endpoint route as the endpoint’s route tables, not as a route', () => {
    expect(byId(t.vpcEndpoints, 'vpce-00000000000000000')).toEqual({
      id: 'vpce-00000000000000000',
      vpc: 'vpc-00000000000000000',
      type: 'gateway',
      service: 's3',
      routeTables: ['rtb-00000000000000002'],
    });
    expect(byId(t.routeTables, 'rtb-00000000000000002').routes).toEqual([
      { destination: '0.0.0.0/0', target: 'nat-00000000000000000' },
      { destination: '10.0.0.0/8', target: 'tgw-00000000000000001' },
      { destination: '10.0.16.0/20', target: 'pcx-00000000000000000' },
    ]);
  });

  it('writes custom NACL entries sorted, ICMP and port ranges, without the * rules; subnets name non-default ACLs only', () => {
    const acl = byId(t.networkAcls, 'acl-00000000000000001');
    expect(acl.default).toBeUndefined();
    expect(acl.inbound).toEqual([
      { rule: 90, protocol: 'icmp', icmpType: 8, cidr: '0.0.0.0/0', action: 'deny' },
      { rule: 100, protocol: 'all', cidr: '10.0.0.0/8', action: 'allow' },
      { rule: 110, protocol: 'tcp', ports: '1024-65535', cidr: '0.0.0.0/0', action: 'allow' },
      { rule: 120, protocol: 'udp', ports: 123, cidr: '0.0.0.0/0', action: 'allow' },
    ]);
    expect(byId(t.subnets, 'subnet-00000000000000002').networkAcl).toBe('acl-00000000000000001');
    expect(byId(t.subnets, 'subnet-00000000000000000').networkAcl).toBeUndefined();
  });

  it('writes SG rules: group references with descriptions, prefix lists, ICMP, all ports', () => {
    const app = byId(t.securityGroups, 'sg-00000000000000002');
    expect(app.inbound).toEqual([
      { protocol: 'tcp', ports: 8080, source: 'sg-00000000000000001', description: 'from web' },
      { protocol: 'icmp', source: '10.0.0.0/8' },
    ]);
    expect(app.outbound).toEqual([
      { protocol: 'tcp', ports: 443, destination: 'pl-63a5400a', description: 'S3' },
      { protocol: 'tcp', destination: '10.0.0.0/8' },
    ]);
  });

  it('writes transit gateway static and blackhole routes, and VPN static routes as on-premises prefixes', () => {
    expect(byId(t.transitGatewayRouteTables, 'tgw-rtb-00000000000000001').routes).toEqual([
      { destination: '10.255.0.0/16', blackhole: true },
      { destination: '192.168.0.0/16', attachment: 'tgw-attach-00000000000000000' },
    ]);
    expect(byId(t.vpnConnections, 'vpn-00000000000000001')).toEqual({
      id: 'vpn-00000000000000001',
      name: 'office',
      transitGateway: 'tgw-00000000000000001',
      customerGatewayIp: '198.51.100.1',
      onPremisesCidrs: ['192.168.0.0/16'],
      // Options.StaticRoutesOnly (route priority: VPN static ranks above VPN BGP)
      staticRoutesOnly: true,
    });
    expect(r.summary.vpnWithoutOnPremises).toEqual([]);
  });

  it('writes peering connections', () => {
    expect(t.peeringConnections).toEqual([
      { id: 'pcx-00000000000000000', name: 'peer-0', requesterVpc: 'vpc-00000000000000000', accepterVpc: 'vpc-00000000000000001' },
    ]);
  });

  it('counts unused fields once per kind', () => {
    expect(r.ignored).toMatchObject({ 'Instances.InstanceType': 4, 'Vpcs.DhcpOptionsId': 2, 'VpcEndpoints.PolicyDocument': 2 });
  });
});

describe('import aws: features one at a time', () => {
  it('keeps a reference to a group of another account when that group is in the import, else warns', () => {
    const files = synthDump({ vpcs: 1 });
    const sgs = listOf(files, 'SecurityGroups');
    // another account's group in a peered VPC of the same region, dumped under <account>/<region>/
    files.push({
      file: '444455556666/us-east-1/SecurityGroups.json',
      dir: '444455556666/us-east-1',
      account: '444455556666',
      region: 'us-east-1',
      data: { SecurityGroups: [] },
    });
    (sgs[1] as Obj).IpPermissions.push(
      {
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ GroupId: 'sg-0remote', UserId: '999988887777', VpcPeeringConnectionId: 'pcx-9', PeeringStatus: 'active' }],
      },
      {
        IpProtocol: 'tcp',
        FromPort: 6379,
        ToPort: 6379,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ GroupId: 'sg-00000000000000002', UserId: '111122223333' }],
      },
      {
        IpProtocol: 'tcp',
        FromPort: 9000,
        ToPort: 9000,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ GroupId: 'sg-0stale', UserId: '999988887777', VpcPeeringConnectionId: 'pcx-8', PeeringStatus: 'deleted' }],
      },
    );
    const r = run(files);
    const web = byId(r.topology.securityGroups, 'sg-00000000000000001');
    expect(web.inbound).toContainEqual({ protocol: 'tcp', ports: 6379, source: 'sg-00000000000000002' });
    expect(web.inbound.some((x: Obj) => x.ports === 5432 || x.ports === 9000)).toBe(false);
    expect(r.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      [
        'SG_REF_OUTSIDE',
        '$.SecurityGroups[1].IpPermissions[2].UserIdGroupPairs[0]',
        'security group sg-00000000000000001 references 999988887777/sg-0remote across pcx-9, which is not in the dump; rule left out (import that account and region too, or add the group with an overlay)',
      ],
      [
        'SG_REF_OUTSIDE',
        '$.SecurityGroups[1].IpPermissions[4].UserIdGroupPairs[0]',
        'security group sg-00000000000000001 references 999988887777/sg-0stale across peering connection pcx-8, which is deleted (a stale rule); rule left out',
      ],
    ]);
    expect(r.ignored['security group rules referencing groups outside the import']).toBe(2);
  });

  it('merges the accounts of one region and resolves cross-account references by group id', () => {
    const a = synthDump({ vpcs: 1, account: '111122223333' });
    const b = synthDump({ vpcs: 1, account: '444455556666' }).filter((f) => ['SecurityGroups.json'].includes(f.file));
    // give account B's group its own id and VPC so both can live in one topology
    const bsg = (b[0]!.data as Obj).SecurityGroups.slice(1, 2).map((g: Obj) => ({ ...g, GroupId: 'sg-0b', VpcId: 'vpc-00000000000000000' }));
    b[0] = { ...b[0]!, file: '444455556666/us-east-1/SecurityGroups.json', dir: '444455556666/us-east-1', data: { SecurityGroups: bsg } };
    (listOf(a, 'SecurityGroups')[2] as Obj).IpPermissions.push({
      IpProtocol: 'tcp',
      FromPort: 1,
      ToPort: 1,
      UserIdGroupPairs: [{ GroupId: 'sg-0b', UserId: '444455556666' }],
    });
    const r = run([...a, ...b]);
    expect(r.summary.accounts).toEqual(['111122223333', '444455556666']);
    expect(r.topology.account).toBeUndefined();
    expect(byId(r.topology.securityGroups, 'sg-00000000000000002').inbound).toContainEqual({ protocol: 'tcp', ports: 1, source: 'sg-0b' });
  });

  it('writes secondary private IPs, Elastic IPs on them (when the format has the key), extra interfaces and source/destination check', () => {
    const files = synthDump({ vpcs: 1 });
    const enis = listOf(files, 'NetworkInterfaces');
    const app = enis.find((e) => e.NetworkInterfaceId === 'eni-00000000000000001') as Obj;
    app.PrivateIpAddresses.push({ Primary: false, PrivateIpAddress: '10.0.2.30' }, { Primary: false, PrivateIpAddress: '10.0.2.31' });
    app.SourceDestCheck = false;
    listOf(files, 'Addresses').push({
      PublicIp: '52.0.0.31',
      AllocationId: 'eipalloc-x',
      AssociationId: 'eipassoc-x',
      NetworkInterfaceId: 'eni-00000000000000001',
      PrivateIpAddress: '10.0.2.31',
      Domain: 'vpc',
    });
    // a second interface in another subnet of the same Availability Zone (us-east-1a)
    const extra: Obj = {
      NetworkInterfaceId: 'eni-0extra',
      SubnetId: 'subnet-00000000000000000',
      VpcId: 'vpc-00000000000000000',
      PrivateIpAddress: '10.0.0.40',
      SourceDestCheck: false,
      InterfaceType: 'interface',
      Status: 'in-use',
      Groups: [{ GroupId: 'sg-00000000000000002' }],
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.0.0.40' }],
      Ipv6Addresses: [],
      Attachment: { DeviceIndex: 1, InstanceId: 'i-00000000000000001', Status: 'attached' },
      TagSet: [{ Key: 'Name', Value: 'appliance-leg' }],
    };
    enis.push(extra);
    const inst = (listOf(files, 'Reservations')[0] as Obj).Instances[1];
    inst.NetworkInterfaces.push({ ...extra, TagSet: undefined });
    inst.SourceDestCheck = false;
    // routes through the appliance: one to the instance (its primary interface), one to the extra interface
    const rt = listOf(files, 'RouteTables')[1] as Obj;
    rt.Routes.push(
      {
        DestinationCidrBlock: '172.16.0.0/12',
        InstanceId: 'i-00000000000000001',
        NetworkInterfaceId: 'eni-00000000000000001',
        InstanceOwnerId: '111122223333',
        Origin: 'CreateRoute',
        State: 'active',
      },
      { DestinationCidrBlock: '100.64.0.0/10', InstanceId: 'i-00000000000000001', NetworkInterfaceId: 'eni-0extra', Origin: 'CreateRoute', State: 'active' },
    );
    const r = run(files);
    // An Elastic IP on a secondary address needs the optional key secondaryPublicIps; until the schema has it,
    // the import says so instead of writing a file that does not load.
    const secondaryPublic = formatHas('instances', 'secondaryPublicIps');
    expect(byId(r.topology.instances, 'i-00000000000000001')).toEqual({
      id: 'i-00000000000000001',
      name: 'app-0',
      subnet: 'subnet-00000000000000002',
      privateIp: '10.0.2.21',
      secondaryPrivateIps: ['10.0.2.30', '10.0.2.31'],
      ...(secondaryPublic ? { secondaryPublicIps: [{ privateIp: '10.0.2.31', publicIp: '52.0.0.31' }] } : {}),
      securityGroups: ['sg-00000000000000002'],
      sourceDestCheck: false,
      interfaceId: 'eni-00000000000000001',
    });
    expect(r.topology.networkInterfaces).toEqual([
      {
        id: 'eni-0extra',
        name: 'appliance-leg',
        subnet: 'subnet-00000000000000000',
        privateIp: '10.0.0.40',
        securityGroups: ['sg-00000000000000002'],
        sourceDestCheck: false,
        instance: 'i-00000000000000001',
      },
    ]);
    expect(byId(r.topology.routeTables, 'rtb-00000000000000001').routes.slice(-2)).toEqual([
      { destination: '172.16.0.0/12', target: 'i-00000000000000001' },
      { destination: '100.64.0.0/10', target: 'eni-0extra' },
    ]);
    expect(r.warnings.map((w) => [w.code, w.file, w.path])).toEqual(
      secondaryPublic ? [] : [['FORMAT_NO_SECONDARY_PUBLIC_IPS', 'NetworkInterfaces.json', '$.NetworkInterfaces[2].PrivateIpAddresses']],
    );
    expect(errors(r)).toEqual([]);
  });

  it('takes on-premises prefixes from VGW-propagated routes and VPN static routes', () => {
    const files = synthDump({ vpcs: 1 });
    listOf(files, 'VpnGateways').push({
      VpnGatewayId: 'vgw-1',
      State: 'available',
      Type: 'ipsec.1',
      VpcAttachments: [{ State: 'attached', VpcId: 'vpc-00000000000000000' }],
    });
    listOf(files, 'VpnConnections').push({
      VpnConnectionId: 'vpn-2',
      State: 'available',
      VpnGatewayId: 'vgw-1',
      CustomerGatewayId: 'cgw-00000000000000001',
      Type: 'ipsec.1',
      Options: { StaticRoutesOnly: false },
      Routes: [{ DestinationCidrBlock: '172.20.0.0/16', Source: 'Static', State: 'available' }],
    });
    const rt = listOf(files, 'RouteTables')[2] as Obj;
    rt.PropagatingVgws = [{ GatewayId: 'vgw-1' }];
    rt.Routes.push({ DestinationCidrBlock: '172.30.0.0/16', GatewayId: 'vgw-1', Origin: 'EnableVgwRoutePropagation', State: 'active' });
    const r = run(files);
    expect(byId(r.topology.vpnConnections, 'vpn-2')).toEqual({
      id: 'vpn-2',
      vpnGateway: 'vgw-1',
      customerGatewayIp: '198.51.100.1',
      onPremisesCidrs: ['172.20.0.0/16', '172.30.0.0/16'],
    });
    const table = byId(r.topology.routeTables, 'rtb-00000000000000002');
    expect(table.propagatingGateways).toEqual(['vgw-1']);
    expect(table.routes.some((x: Obj) => x.destination === '172.30.0.0/16')).toBe(false);
    expect(r.summary.notes).toContain('on-premises prefixes of vpn-2 from static routes, propagated routes of route table rtb-00000000000000002');
    expect(errors(r)).toEqual([]);
  });

  it('reads search-transit-gateway-routes output named after its table, and learns VPN prefixes from it', () => {
    const files = synthDump({ vpcs: 1 }).filter((f) => f.file !== 'TransitGatewayStaticRoutes.json');
    (listOf(files, 'VpnConnections')[0] as Obj).Routes = [];
    files.push({
      file: 'TransitGatewayRoutes.tgw-rtb-00000000000000001.json',
      data: {
        Routes: [
          {
            DestinationCidrBlock: '10.0.0.0/20',
            Type: 'propagated',
            State: 'active',
            TransitGatewayAttachments: [
              { TransitGatewayAttachmentId: 'tgw-attach-00000000000000001', ResourceId: 'vpc-00000000000000000', ResourceType: 'vpc' },
            ],
          },
          {
            DestinationCidrBlock: '192.168.50.0/24',
            Type: 'propagated',
            State: 'active',
            TransitGatewayAttachments: [
              { TransitGatewayAttachmentId: 'tgw-attach-00000000000000000', ResourceId: 'vpn-00000000000000001', ResourceType: 'vpn' },
            ],
          },
          { DestinationCidrBlock: '10.99.0.0/16', Type: 'static', State: 'blackhole' },
        ],
        AdditionalRoutesAvailable: false,
      },
    });
    files.push({ file: 'TransitGatewayRoutes.json', data: { Routes: [] } });
    const r = run(files);
    expect(byId(r.topology.vpnConnections, 'vpn-00000000000000001').onPremisesCidrs).toEqual(['192.168.50.0/24']);
    expect(byId(r.topology.transitGatewayRouteTables, 'tgw-rtb-00000000000000001').routes).toEqual([{ destination: '10.99.0.0/16', blackhole: true }]);
    expect(r.warnings.map((w) => w.code)).toEqual(['DUMP_TABLE_UNKNOWN']);
    expect(r.warnings[0]!.message).toContain('name it like TransitGatewayRoutes.tgw-rtb-0123.json');
  });

  it('assumes propagations from the transit gateway defaults when the dump has none, and says so', () => {
    const files = synthDump({ vpcs: 2 }).filter((f) => f.file !== 'TransitGatewayPropagations.json');
    const r = run(files);
    expect(byId(r.topology.transitGatewayRouteTables, 'tgw-rtb-00000000000000001').propagations).toEqual([
      'tgw-attach-00000000000000000',
      'tgw-attach-00000000000000001',
      'tgw-attach-00000000000000002',
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['TGW_PROPAGATIONS_ASSUMED']);
  });

  it('takes attachment subnets from the transit gateway interfaces when vpc attachments are not dumped', () => {
    const files = synthDump({ vpcs: 1 }).filter((f) => f.file !== 'TransitGatewayVpcAttachments.json');
    listOf(files, 'NetworkInterfaces').push({
      NetworkInterfaceId: 'eni-0tgw',
      InterfaceType: 'transit_gateway',
      SubnetId: 'subnet-00000000000000002',
      PrivateIpAddress: '10.0.2.200',
      Description: 'Network Interface for Transit Gateway Attachment tgw-attach-00000000000000001',
      Groups: [],
      Status: 'in-use',
    });
    const r = run(files);
    expect(byId(r.topology.transitGatewayAttachments, 'tgw-attach-00000000000000001').subnets).toEqual(['subnet-00000000000000002']);
    expect(r.warnings[0]!.message).toContain('taken from its network interfaces: subnet-00000000000000002');
    expect(r.topology.networkInterfaces).toBeUndefined();
  });

  it('adds a peer VPC outside the dump with its CIDRs only, and says so', () => {
    const files = synthDump({ vpcs: 1 });
    listOf(files, 'VpcPeeringConnections').push({
      VpcPeeringConnectionId: 'pcx-x',
      Status: { Code: 'active' },
      RequesterVpcInfo: { VpcId: 'vpc-00000000000000000', CidrBlock: '10.0.0.0/20', OwnerId: '111122223333', Region: 'us-east-1' },
      AccepterVpcInfo: {
        VpcId: 'vpc-0far',
        CidrBlock: '172.31.0.0/16',
        CidrBlockSet: [{ CidrBlock: '172.31.0.0/16' }, { CidrBlock: '100.70.0.0/16' }],
        OwnerId: '999988887777',
        Region: 'eu-west-1',
      },
    });
    (listOf(files, 'RouteTables')[2] as Obj).Routes.push({
      DestinationCidrBlock: '172.31.0.0/16',
      VpcPeeringConnectionId: 'pcx-x',
      Origin: 'CreateRoute',
      State: 'active',
    });
    const r = run(files);
    expect(byId(r.topology.vpcs, 'vpc-0far')).toEqual({
      id: 'vpc-0far',
      name: 'peer VPC outside this import (account 999988887777, region eu-west-1)',
      cidr: '172.31.0.0/16',
      secondaryCidrs: ['100.70.0.0/16'],
    });
    expect(byId(r.topology.peeringConnections, 'pcx-x')).toEqual({
      id: 'pcx-x',
      requesterVpc: 'vpc-00000000000000000',
      accepterVpc: 'vpc-0far',
      accepterRegion: 'eu-west-1',
    });
    expect(r.warnings).toMatchObject([{ code: 'PCX_PEER_OUTSIDE', path: '$.VpcPeeringConnections[0].AccepterVpcInfo.VpcId' }]);
    expect(errors(r)).toEqual([]);
  });

  it('turns routes to targets vpcsim does not model into blackholes with a warning', () => {
    const files = synthDump({ vpcs: 1 });
    (listOf(files, 'RouteTables')[1] as Obj).Routes.push(
      { DestinationCidrBlock: '192.0.2.0/24', LocalGatewayId: 'lgw-1', Origin: 'CreateRoute', State: 'active' },
      { DestinationCidrBlock: '198.18.0.0/15', NatGatewayId: 'nat-0notdumped', Origin: 'CreateRoute', State: 'active' },
    );
    const r = run(files);
    expect(byId(r.topology.routeTables, 'rtb-00000000000000001').routes.slice(-2)).toEqual([
      { destination: '192.0.2.0/24', blackhole: true },
      { destination: '198.18.0.0/15', blackhole: true },
    ]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'route 192.0.2.0/24 in rtb-00000000000000001 goes to lgw-1, which is a kind of target vpcsim does not model; imported as a blackhole route',
      'route 198.18.0.0/15 in rtb-00000000000000001 goes to nat-0notdumped, which is not in the dump; imported as a blackhole route',
    ]);
    expect(r.ignored['routes to local gateways, carrier gateways or core networks']).toBe(1);
  });

  it('writes interface endpoints with their addresses and groups; their interfaces stay implicit', () => {
    const files = synthDump({ vpcs: 1 });
    listOf(files, 'VpcEndpoints').push({
      VpcEndpointId: 'vpce-0sqs',
      VpcEndpointType: 'Interface',
      VpcId: 'vpc-00000000000000000',
      ServiceName: 'com.amazonaws.us-east-1.sqs',
      State: 'available',
      SubnetIds: ['subnet-00000000000000002'],
      Groups: [{ GroupId: 'sg-00000000000000002', GroupName: 'app' }],
      NetworkInterfaceIds: ['eni-0vpce'],
      RouteTableIds: [],
    });
    listOf(files, 'NetworkInterfaces').push({
      NetworkInterfaceId: 'eni-0vpce',
      InterfaceType: 'vpc_endpoint',
      SubnetId: 'subnet-00000000000000002',
      PrivateIpAddress: '10.0.2.99',
      Groups: [],
      Status: 'in-use',
    });
    const r = run(files);
    expect(byId(r.topology.vpcEndpoints, 'vpce-0sqs')).toEqual({
      id: 'vpce-0sqs',
      vpc: 'vpc-00000000000000000',
      type: 'interface',
      service: 'sqs',
      subnets: ['subnet-00000000000000002'],
      privateIps: ['10.0.2.99'],
      securityGroups: ['sg-00000000000000002'],
    });
    expect(r.topology.networkInterfaces).toBeUndefined();
    expect(errors(r)).toEqual([]);
  });

  it('reads customer-managed prefix lists with their entries (get-managed-prefix-list-entries)', () => {
    const files = synthDump({ vpcs: 1 });
    listOf(files, 'ManagedPrefixLists').push({
      PrefixListId: 'pl-0a1b2c3d',
      PrefixListName: 'office',
      AddressFamily: 'IPv4',
      State: 'create-complete',
      MaxEntries: 5,
      OwnerId: '111122223333',
    });
    files.push({ file: 'entries/pl-0a1b2c3d.json', data: { Entries: [{ Cidr: '192.168.10.0/24', Description: 'HQ' }, { Cidr: '192.168.20.0/24' }] } });
    listOf(files, 'ManagedPrefixLists').push({
      PrefixListId: 'pl-0empty',
      PrefixListName: 'no entries dumped',
      AddressFamily: 'IPv4',
      OwnerId: '111122223333',
    });
    (listOf(files, 'SecurityGroups')[1] as Obj).IpPermissions.push({
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      PrefixListIds: [{ PrefixListId: 'pl-0a1b2c3d' }, { PrefixListId: 'pl-0gone' }],
    });
    const r = run(files);
    expect(byId(r.topology.prefixLists, 'pl-0a1b2c3d')).toEqual({ id: 'pl-0a1b2c3d', name: 'office', cidrs: ['192.168.10.0/24', '192.168.20.0/24'] });
    expect(byId(r.topology.prefixLists, 'pl-0gone')).toEqual({ id: 'pl-0gone', cidrs: [] });
    expect(byId(r.topology.securityGroups, 'sg-00000000000000001').inbound.slice(-2)).toEqual([
      { protocol: 'tcp', ports: 22, source: 'pl-0a1b2c3d' },
      { protocol: 'tcp', ports: 22, source: 'pl-0gone' },
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['PREFIX_LIST_EMPTY', 'PREFIX_LIST_MISSING']);
  });

  it('writes IPv6: VPC and subnet blocks, NACL entries, SG ranges, interface addresses', () => {
    const files = synthDump({ vpcs: 1 });
    const vpc = listOf(files, 'Vpcs')[0] as Obj;
    vpc.Ipv6CidrBlockAssociationSet = [{ Ipv6CidrBlock: '2600:1f18:aaaa:bb00::/56', Ipv6CidrBlockState: { State: 'associated' } }];
    (listOf(files, 'Subnets')[0] as Obj).Ipv6CidrBlockAssociationSet = [
      { Ipv6CidrBlock: '2600:1f18:aaaa:bb00::/64', Ipv6CidrBlockState: { State: 'associated' } },
    ];
    (listOf(files, 'NetworkAcls')[1] as Obj).Entries.push(
      { RuleNumber: 101, Protocol: '58', RuleAction: 'allow', Egress: false, Ipv6CidrBlock: '::/0', IcmpTypeCode: { Type: 128, Code: 0 } },
      { RuleNumber: 32768, Protocol: '-1', RuleAction: 'deny', Egress: false, Ipv6CidrBlock: '::/0' },
    );
    (listOf(files, 'SecurityGroups')[1] as Obj).IpPermissions.push({
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      Ipv6Ranges: [{ CidrIpv6: '::/0', Description: 'v6' }],
    });
    const web = listOf(files, 'NetworkInterfaces').find((e) => e.NetworkInterfaceId === 'eni-00000000000000000') as Obj;
    web.Ipv6Addresses = [{ Ipv6Address: '2600:1f18:aaaa:bb00::20' }];
    const r = run(files);
    const t = r.topology as Obj;
    expect(byId(t.vpcs, 'vpc-00000000000000000').ipv6Cidr).toBe('2600:1f18:aaaa:bb00::/56');
    expect(byId(t.subnets, 'subnet-00000000000000000').ipv6Cidr).toBe('2600:1f18:aaaa:bb00::/64');
    expect(byId(t.networkAcls, 'acl-00000000000000001').inbound).toContainEqual({
      rule: 101,
      protocol: 'icmpv6',
      icmpType: 128,
      icmpCode: 0,
      ipv6Cidr: '::/0',
      action: 'allow',
    });
    expect(byId(t.networkAcls, 'acl-00000000000000001').inbound.some((x: Obj) => x.rule > 32766)).toBe(false);
    expect(byId(t.securityGroups, 'sg-00000000000000001').inbound).toContainEqual({ protocol: 'tcp', ports: 443, source: '::/0', description: 'v6' });
    expect(byId(t.instances, 'i-00000000000000000').ipv6Addresses).toEqual(['2600:1f18:aaaa:bb00::20']);
    expect(errors(r)).toEqual([]);
  });

  it('leaves out deleted and terminated resources, counting them', () => {
    const files = synthDump({ vpcs: 1 });
    ((listOf(files, 'Reservations')[0] as Obj).Instances[1] as Obj).State = { Code: 48, Name: 'terminated' };
    (listOf(files, 'VpcEndpoints')[0] as Obj).State = 'deleted';
    const r = run(files);
    expect(r.summary.counts.instances).toBe(1);
    expect(r.topology.vpcEndpoints).toBeUndefined();
    expect(r.ignored).toMatchObject({ 'terminated instances': 1, 'deleted or rejected VPC endpoints': 1 });
    // the endpoint's route is still in the route table: AWS would show it, and it has nowhere to go
    expect(r.warnings.map((w) => w.code)).toEqual(['ROUTE_BLACKHOLE']);
  });

  it('records a gateway route table (edge association) on the route table, or says why AWS would not allow it', () => {
    // https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html
    const files = synthDump({ vpcs: 1 });
    const rt = listOf(files, 'RouteTables')[0] as Obj;
    rt.Associations.push({ Main: false, GatewayId: 'igw-00000000000000000', RouteTableId: rt.RouteTableId, AssociationState: { State: 'associated' } });
    const r = run(files);
    const table = byId(r.topology.routeTables, rt.RouteTableId as string);
    if ((table.routes as Obj[] | undefined)?.length) {
      // the synthetic table routes 0.0.0.0/0 to the gateway: not a route a gateway route table may hold
      expect(table.gateways).toBeUndefined();
      expect(r.warnings).toMatchObject([{ code: 'EDGE_ASSOCIATION_LEFT_OUT', file: 'RouteTables.json', path: '$.RouteTables[0].Associations' }]);
    } else expect(table.gateways).toEqual(['igw-00000000000000000']);
    rt.Routes = (rt.Routes as Obj[]).filter((x) => x.GatewayId === 'local');
    const ok = run(files);
    expect(byId(ok.topology.routeTables, rt.RouteTableId as string).gateways).toEqual(['igw-00000000000000000']);
    expect(errors(ok)).toEqual([]);
  });

  it('finds the region and account in the data of a flat folder', () => {
    const files = synthDump({ vpcs: 1, region: 'eu-central-1', account: '123456789012' }).map(({ file, data }) => ({ file, data }));
    const r = run(files);
    expect(r.summary.region).toBe('eu-central-1');
    expect(r.topology.account).toBe('123456789012');
  });
});

describe('import aws: IPv6-only subnets', () => {
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html — an IPv6-only subnet has only an IPv6 CIDR block
  it('imports a subnet with only an IPv6 CIDR and an instance with only IPv6 addresses, and binds with zero errors', () => {
    const files = synthDump({ vpcs: 1 });
    const vpc = listOf(files, 'Vpcs')[0] as Obj;
    vpc.Ipv6CidrBlockAssociationSet = [{ AssociationId: 'v6a', Ipv6CidrBlock: '2600:1f18:a::/56', Ipv6CidrBlockState: { State: 'associated' } }];
    listOf(files, 'Subnets').push({
      SubnetId: 'subnet-v6',
      VpcId: vpc.VpcId,
      AvailabilityZone: 'us-east-1a',
      State: 'available',
      OwnerId: '111122223333',
      Ipv6CidrBlockAssociationSet: [{ AssociationId: 's6a', Ipv6CidrBlock: '2600:1f18:a:9::/64', Ipv6CidrBlockState: { State: 'associated' } }],
    });
    const e: Obj = {
      NetworkInterfaceId: 'eni-v6',
      SubnetId: 'subnet-v6',
      VpcId: vpc.VpcId,
      SourceDestCheck: true,
      Status: 'in-use',
      InterfaceType: 'interface',
      Attachment: { AttachmentId: 'eni-attach-v6', DeviceIndex: 0, InstanceId: 'i-v6', Status: 'attached' },
      Groups: [],
      Ipv6Addresses: [{ Ipv6Address: '2600:1f18:a:9::10' }],
      PrivateIpAddresses: [],
    };
    listOf(files, 'NetworkInterfaces').push({ ...e, OwnerId: '111122223333', AvailabilityZone: 'us-east-1a' });
    listOf(files, 'Reservations').push({
      ReservationId: 'r-v6',
      OwnerId: '111122223333',
      Groups: [],
      Instances: [
        { InstanceId: 'i-v6', State: { Code: 16, Name: 'running' }, SubnetId: 'subnet-v6', VpcId: vpc.VpcId, SourceDestCheck: true, NetworkInterfaces: [e] },
      ],
    });
    const r = run(files);
    const s = byId(r.topology.subnets, 'subnet-v6');
    expect(s.cidr).toBeUndefined();
    expect(s.ipv6Cidr).toBe('2600:1f18:a:9::/64');
    const i = byId(r.topology.instances, 'i-v6');
    expect(i.privateIp).toBeUndefined();
    expect(i.ipv6Addresses).toEqual(['2600:1f18:a:9::10']);
    expect(r.warnings.map((w) => w.code)).not.toContain('SUBNET_NO_IPV4');
    expect(errors(r)).toEqual([]);
  });
});
