// A synthetic `aws ec2 describe-*` dump, built in memory in the exact shape the AWS CLI prints: a hub
// transit gateway with a VPN, and per VPC two public and two private subnets, an internet gateway, a NAT
// gateway, three route tables, a custom NACL, three security groups, a web and an app instance, an S3
// gateway endpoint; every 10th VPC peers with the next one.
import type { AwsFile } from '../../src/import/aws-types.js';

type O = Record<string, unknown>;

export interface SynthOptions {
  vpcs: number;
  region?: string;
  account?: string;
}

const hex = (prefix: string, n: number, width = 17) => `${prefix}-${n.toString(16).padStart(width, '0')}`;
const tags = (name: string) => [
  { Key: 'Name', Value: name },
  { Key: 'team', Value: 'net' },
];

/** 10.a.b.0/20 for VPC i (up to 4096 VPCs), and its /24s. */
function plan(i: number) {
  const a = i >> 4;
  const b = (i & 15) << 4;
  const net = (k: number) => `10.${a}.${b + k}`;
  return { cidr: `10.${a}.${b}.0/20`, subnet: (k: number) => `${net(k)}.0/24`, ip: (k: number, h: number) => `${net(k)}.${h}` };
}

export function synthDump(opts: SynthOptions): AwsFile[] {
  const region = opts.region ?? 'us-east-1';
  const account = opts.account ?? '111122223333';
  const az = (k: number) => `${region}${k % 2 === 0 ? 'a' : 'b'}`;
  const out: Record<string, O[]> = {
    Vpcs: [],
    Subnets: [],
    InternetGateways: [],
    NatGateways: [],
    RouteTables: [],
    NetworkAcls: [],
    SecurityGroups: [],
    Reservations: [],
    NetworkInterfaces: [],
    Addresses: [],
    VpcEndpoints: [],
    VpcPeeringConnections: [],
    TransitGateways: [],
    TransitGatewayRouteTables: [],
    TransitGatewayAttachments: [],
    TransitGatewayVpcAttachments: [],
    TransitGatewayPropagations: [],
    TransitGatewayStaticRoutes: [],
    VpnConnections: [],
    CustomerGateways: [],
    VpnGateways: [],
    PrefixLists: [],
  };
  const tgw = hex('tgw', 1);
  const tgwRt = hex('tgw-rtb', 1);
  const s3 = 'pl-63a5400a';
  const vpn = hex('vpn', 1);
  const vpnAtt = hex('tgw-attach', 0);
  out.TransitGateways!.push({
    TransitGatewayId: tgw,
    State: 'available',
    OwnerId: account,
    Tags: tags('hub'),
    TransitGatewayArn: `arn:aws:ec2:${region}:${account}:transit-gateway/${tgw}`,
    Options: {
      AmazonSideAsn: 64512,
      DefaultRouteTableAssociation: 'enable',
      AssociationDefaultRouteTableId: tgwRt,
      DefaultRouteTablePropagation: 'enable',
      PropagationDefaultRouteTableId: tgwRt,
    },
  });
  out.TransitGatewayRouteTables!.push({
    TransitGatewayRouteTableId: tgwRt,
    TransitGatewayId: tgw,
    State: 'available',
    DefaultAssociationRouteTable: true,
    DefaultPropagationRouteTable: true,
    Tags: [],
  });
  out.CustomerGateways!.push({ CustomerGatewayId: hex('cgw', 1), IpAddress: '198.51.100.1', BgpAsn: '65000', State: 'available', Type: 'ipsec.1' });
  out.VpnConnections!.push({
    VpnConnectionId: vpn,
    State: 'available',
    CustomerGatewayId: hex('cgw', 1),
    TransitGatewayId: tgw,
    Type: 'ipsec.1',
    Category: 'VPN',
    Options: { StaticRoutesOnly: true },
    Routes: [{ DestinationCidrBlock: '192.168.0.0/16', Source: 'Static', State: 'available' }],
    Tags: tags('office'),
  });
  out.TransitGatewayAttachments!.push({
    TransitGatewayAttachmentId: vpnAtt,
    TransitGatewayId: tgw,
    ResourceType: 'vpn',
    ResourceId: vpn,
    State: 'available',
    Association: { TransitGatewayRouteTableId: tgwRt, State: 'associated' },
    Tags: [],
  });
  const propagations: O[] = [{ TransitGatewayAttachmentId: vpnAtt, ResourceId: vpn, ResourceType: 'vpn', State: 'enabled' }];
  out.PrefixLists!.push({ PrefixListId: s3, PrefixListName: `com.amazonaws.${region}.s3`, Cidrs: ['54.231.0.0/16', '52.216.0.0/15'] });

  const vpcId = (i: number) => hex('vpc', i);
  for (let i = 0; i < opts.vpcs; i++) {
    const p = plan(i);
    const vpc = vpcId(i);
    const sub = (k: number) => hex('subnet', i * 4 + k);
    const rt = (k: number) => hex('rtb', i * 3 + k);
    const sg = (k: number) => hex('sg', i * 3 + k);
    const igw = hex('igw', i);
    const nat = hex('nat', i);
    const att = hex('tgw-attach', i + 1);
    out.Vpcs!.push({
      VpcId: vpc,
      CidrBlock: p.cidr,
      State: 'available',
      OwnerId: account,
      IsDefault: false,
      InstanceTenancy: 'default',
      DhcpOptionsId: 'dopt-1',
      CidrBlockAssociationSet: [{ AssociationId: `vpc-cidr-assoc-${i}`, CidrBlock: p.cidr, CidrBlockState: { State: 'associated' } }],
      Tags: tags(`vpc-${i}`),
    });
    for (let k = 0; k < 4; k++) {
      out.Subnets!.push({
        SubnetId: sub(k),
        VpcId: vpc,
        CidrBlock: p.subnet(k),
        AvailabilityZone: az(k),
        AvailabilityZoneId: `use1-az${(k % 2) + 1}`,
        State: 'available',
        AvailableIpAddressCount: 250,
        MapPublicIpOnLaunch: k < 2,
        OwnerId: account,
        SubnetArn: `arn:aws:ec2:${region}:${account}:subnet/${sub(k)}`,
        Ipv6CidrBlockAssociationSet: [],
        Tags: tags(`${k < 2 ? 'public' : 'private'}-${i}-${k}`),
      });
    }
    out.InternetGateways!.push({ InternetGatewayId: igw, Attachments: [{ State: 'available', VpcId: vpc }], OwnerId: account, Tags: tags(`igw-${i}`) });
    const natEni = hex('eni', 1_000_000 + i);
    out.NatGateways!.push({
      NatGatewayId: nat,
      SubnetId: sub(0),
      VpcId: vpc,
      State: 'available',
      ConnectivityType: 'public',
      Tags: tags(`nat-${i}`),
      NatGatewayAddresses: [
        { AllocationId: hex('eipalloc', i), NetworkInterfaceId: natEni, PrivateIp: p.ip(0, 10), PublicIp: `3.${i >> 8}.${i & 255}.10`, IsPrimary: true },
      ],
    });
    out.NetworkInterfaces!.push({
      NetworkInterfaceId: natEni,
      InterfaceType: 'nat_gateway',
      SubnetId: sub(0),
      VpcId: vpc,
      PrivateIpAddress: p.ip(0, 10),
      Groups: [],
      SourceDestCheck: false,
      Status: 'in-use',
    });
    const local = { DestinationCidrBlock: p.cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
    const assoc = (r: string, s: string, n: number) => ({
      Main: false,
      RouteTableAssociationId: hex('rtbassoc', i * 4 + n),
      RouteTableId: r,
      SubnetId: s,
      AssociationState: { State: 'associated' },
    });
    const peerOf = i % 10 === 0 && i + 1 < opts.vpcs ? i + 1 : i % 10 === 1 ? i - 1 : undefined;
    const pcx = peerOf !== undefined ? hex('pcx', Math.min(i, peerOf)) : undefined;
    out.RouteTables!.push(
      {
        RouteTableId: rt(0),
        VpcId: vpc,
        Associations: [{ Main: true, RouteTableAssociationId: hex('rtbassoc', 900000 + i), RouteTableId: rt(0), AssociationState: { State: 'associated' } }],
        PropagatingVgws: [],
        Routes: [local],
        Tags: [],
        OwnerId: account,
      },
      {
        RouteTableId: rt(1),
        VpcId: vpc,
        Associations: [assoc(rt(1), sub(0), 0), assoc(rt(1), sub(1), 1)],
        PropagatingVgws: [],
        Tags: tags(`public-${i}`),
        OwnerId: account,
        Routes: [
          local,
          { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw, Origin: 'CreateRoute', State: 'active' },
          { DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: tgw, Origin: 'CreateRoute', State: 'active' },
        ],
      },
      {
        RouteTableId: rt(2),
        VpcId: vpc,
        Associations: [assoc(rt(2), sub(2), 2), assoc(rt(2), sub(3), 3)],
        PropagatingVgws: [],
        Tags: tags(`private-${i}`),
        OwnerId: account,
        Routes: [
          local,
          { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: nat, Origin: 'CreateRoute', State: 'active' },
          { DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: tgw, Origin: 'CreateRoute', State: 'active' },
          { DestinationPrefixListId: s3, GatewayId: hex('vpce', i), Origin: 'CreateRoute', State: 'active' },
          ...(pcx ? [{ DestinationCidrBlock: plan(peerOf!).cidr, VpcPeeringConnectionId: pcx, Origin: 'CreateRoute', State: 'active' }] : []),
        ],
      },
    );
    if (pcx && peerOf! > i) {
      out.VpcPeeringConnections!.push({
        VpcPeeringConnectionId: pcx,
        Status: { Code: 'active', Message: 'Active' },
        Tags: tags(`peer-${i}`),
        RequesterVpcInfo: { VpcId: vpc, CidrBlock: p.cidr, OwnerId: account, Region: region },
        AccepterVpcInfo: { VpcId: vpcId(peerOf!), CidrBlock: plan(peerOf!).cidr, OwnerId: account, Region: region },
      });
    }
    const deny = (egress: boolean, ipv6 = false) => ({
      RuleNumber: ipv6 ? 32768 : 32767,
      Protocol: '-1',
      RuleAction: 'deny',
      Egress: egress,
      ...(ipv6 ? { Ipv6CidrBlock: '::/0' } : { CidrBlock: '0.0.0.0/0' }),
    });
    out.NetworkAcls!.push(
      {
        NetworkAclId: hex('acl', i * 2),
        VpcId: vpc,
        IsDefault: true,
        OwnerId: account,
        Tags: [],
        Associations: [0, 1].map((k) => ({ NetworkAclAssociationId: hex('aclassoc', i * 4 + k), NetworkAclId: hex('acl', i * 2), SubnetId: sub(k) })),
        Entries: [
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
          deny(false),
          deny(true),
        ],
      },
      {
        NetworkAclId: hex('acl', i * 2 + 1),
        VpcId: vpc,
        IsDefault: false,
        OwnerId: account,
        Tags: tags(`private-acl-${i}`),
        Associations: [2, 3].map((k) => ({ NetworkAclAssociationId: hex('aclassoc', i * 4 + k), NetworkAclId: hex('acl', i * 2 + 1), SubnetId: sub(k) })),
        Entries: [
          { RuleNumber: 90, Protocol: '1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: 8, Code: -1 } },
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/8' },
          { RuleNumber: 110, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } },
          { RuleNumber: 120, Protocol: '17', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 123, To: 123 } },
          { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' },
          deny(false),
          deny(true),
        ],
      },
    );
    const egressAll = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }];
    const perm = (proto: string, from: number, to: number, extra: O) => ({
      IpProtocol: proto,
      FromPort: from,
      ToPort: to,
      IpRanges: [],
      Ipv6Ranges: [],
      PrefixListIds: [],
      UserIdGroupPairs: [],
      ...extra,
    });
    out.SecurityGroups!.push(
      {
        GroupId: sg(0),
        GroupName: 'default',
        Description: 'default VPC security group',
        VpcId: vpc,
        OwnerId: account,
        IpPermissionsEgress: egressAll,
        IpPermissions: [{ IpProtocol: '-1', IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: sg(0), UserId: account }] }],
      },
      {
        GroupId: sg(1),
        GroupName: `web-${i}`,
        Description: 'web tier',
        VpcId: vpc,
        OwnerId: account,
        IpPermissionsEgress: egressAll,
        IpPermissions: [
          perm('tcp', 443, 443, { IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS' }] }),
          perm('tcp', 22, 22, { IpRanges: [{ CidrIp: '192.168.0.0/16' }] }),
        ],
      },
      {
        GroupId: sg(2),
        GroupName: `app-${i}`,
        Description: 'app tier',
        VpcId: vpc,
        OwnerId: account,
        IpPermissionsEgress: [
          perm('tcp', 443, 443, { PrefixListIds: [{ PrefixListId: s3, Description: 'S3' }] }),
          perm('tcp', 0, 65535, { IpRanges: [{ CidrIp: '10.0.0.0/8' }] }),
        ],
        IpPermissions: [
          perm('tcp', 8080, 8080, { UserIdGroupPairs: [{ GroupId: sg(1), UserId: account, Description: 'from web' }] }),
          perm('icmp', -1, -1, { IpRanges: [{ CidrIp: '10.0.0.0/8' }] }),
        ],
      },
    );
    // Two instances; each interface is both embedded in the instance and listed by describe-network-interfaces.
    const instances: O[] = [];
    for (const [k, subnetK, group, pub] of [
      [0, 0, 1, true],
      [1, 2, 2, false],
    ] as const) {
      const id = hex('i', i * 2 + k);
      const eni = hex('eni', i * 2 + k);
      const ip = p.ip(subnetK, 20 + k);
      const assocPub = pub ? { Association: { IpOwnerId: 'amazon', PublicIp: `54.${i >> 8}.${i & 255}.${20 + k}` } } : {};
      const e: O = {
        NetworkInterfaceId: eni,
        SubnetId: sub(subnetK),
        VpcId: vpc,
        PrivateIpAddress: ip,
        SourceDestCheck: true,
        Status: 'in-use',
        InterfaceType: 'interface',
        Attachment: { AttachmentId: hex('eni-attach', i * 2 + k), DeviceIndex: 0, InstanceId: id, Status: 'attached' },
        Groups: [{ GroupId: sg(group), GroupName: `g${group}` }],
        Ipv6Addresses: [],
        MacAddress: '02:00:00:00:00:00',
        PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: ip, ...assocPub }],
        ...assocPub,
      };
      out.NetworkInterfaces!.push({ ...e, OwnerId: account, AvailabilityZone: az(subnetK), TagSet: [] });
      instances.push({
        InstanceId: id,
        InstanceType: 't3.micro',
        ImageId: 'ami-1',
        State: { Code: 16, Name: 'running' },
        SubnetId: sub(subnetK),
        VpcId: vpc,
        PrivateIpAddress: ip,
        ...(pub ? { PublicIpAddress: `54.${i >> 8}.${i & 255}.${20 + k}` } : {}),
        SourceDestCheck: true,
        Placement: { AvailabilityZone: az(subnetK) },
        SecurityGroups: [{ GroupId: sg(group), GroupName: `g${group}` }],
        NetworkInterfaces: [e],
        Tags: tags(`${pub ? 'web' : 'app'}-${i}`),
      });
    }
    out.Reservations!.push({ ReservationId: hex('r', i), OwnerId: account, Groups: [], Instances: instances });
    out.VpcEndpoints!.push({
      VpcEndpointId: hex('vpce', i),
      VpcEndpointType: 'Gateway',
      VpcId: vpc,
      ServiceName: `com.amazonaws.${region}.s3`,
      State: 'available',
      RouteTableIds: [rt(2)],
      SubnetIds: [],
      Groups: [],
      NetworkInterfaceIds: [],
      OwnerId: account,
      PolicyDocument: '{}',
    });
    out.TransitGatewayAttachments!.push({
      TransitGatewayAttachmentId: att,
      TransitGatewayId: tgw,
      ResourceType: 'vpc',
      ResourceId: vpc,
      State: 'available',
      Association: { TransitGatewayRouteTableId: tgwRt, State: 'associated' },
      Tags: tags(`att-${i}`),
    });
    out.TransitGatewayVpcAttachments!.push({
      TransitGatewayAttachmentId: att,
      TransitGatewayId: tgw,
      VpcId: vpc,
      SubnetIds: [sub(2), sub(3)],
      State: 'available',
      Options: { DnsSupport: 'enable', ApplianceModeSupport: 'disable' },
    });
    propagations.push({ TransitGatewayAttachmentId: att, ResourceId: vpc, ResourceType: 'vpc', State: 'enabled' });
  }
  out.TransitGatewayPropagations!.push({ TransitGatewayRouteTableId: tgwRt, TransitGatewayRouteTablePropagations: propagations });
  out.TransitGatewayStaticRoutes!.push({
    TransitGatewayRouteTableId: tgwRt,
    AdditionalRoutesAvailable: false,
    Routes: [
      { DestinationCidrBlock: '10.255.0.0/16', Type: 'static', State: 'blackhole', TransitGatewayAttachments: [] },
      {
        DestinationCidrBlock: '192.168.0.0/16',
        Type: 'static',
        State: 'active',
        TransitGatewayAttachments: [{ TransitGatewayAttachmentId: vpnAtt, ResourceId: vpn, ResourceType: 'vpn' }],
      },
    ],
  });
  return Object.entries(out).map(([key, list]) => ({ file: `${key}.json`, dir: '', region, account, data: { [key]: list } }));
}

/** The file holding `key` (to change a synthetic dump before importing it). */
export function listOf(files: AwsFile[], key: string): O[] {
  const f = files.find((x) => (x.data as O)[key] !== undefined);
  if (f) return (f.data as Record<string, O[]>)[key]!;
  const list: O[] = [];
  files.push({ file: `${key}.json`, dir: '', region: files[0]?.region, account: files[0]?.account, data: { [key]: list } } as AwsFile);
  return list;
}

/** An imported resource or a describe-* record, read loosely in assertions. */
export type Obj = Record<string, any>;

/** The resource with `id` in an imported list (throws when it is not there, so a test names what is missing). */
export function byId(list: unknown, id: string): Obj {
  const found = ((list as Obj[] | undefined) ?? []).find((x) => x.id === id);
  if (!found) throw new Error(`${id} not found`);
  return found;
}
