// describe-* resources → vpcsim topology format v1. AWS ids are kept as ids and Name tags become `name:`.
// Anything that cannot be represented is reported (a warning with file and JSON path, or a count in
// `ignored`), never dropped silently; a route is never dropped: when its target cannot be modelled it
// becomes a blackhole, with a warning saying why.
import { type AwsListKey, LIST_KEYS } from '../aws/kinds.js';
import { parseCidr, formatPrefix } from '../net/ip.js';
import type { Dump } from './aws-collect.js';
import { formatHas } from './format-has.js';
import { convertLoadBalancers, type LbLists } from './aws-lb.js';
import { convertGatewayLoadBalancers, gatewayLoadBalancerEndpoint, type GwlbInput, type GwlbResult } from './aws-gwlb.js';
import { applyEdgeAssociations, convertFirewalls, dropBlackholesWithinLocal, type FirewallLists } from './aws-inspection.js';
import { convertDirectConnect, type DxLists } from './aws-directconnect.js';
import type { ModelledKey } from './aws-kinds.js';
import type { Obj, TopologyDraft } from './aws-types.js';
import { Collector, bool, isListKey, list, nameTag, num, put, rec, stateOf, str, strings, uniq, type Item, type Rec } from './aws-util.js';

const used = (...keys: string[]) => new Set(keys);

// Fields each kind reads; every other field is counted in `ignored` as <Kind>.<Field>.
const F = {
  Vpcs: used('VpcId', 'CidrBlock', 'CidrBlockAssociationSet', 'Ipv6CidrBlockAssociationSet', 'Tags', 'OwnerId', 'State'),
  Subnets: used(
    'SubnetId',
    'VpcId',
    'CidrBlock',
    'Ipv6CidrBlockAssociationSet',
    'AvailabilityZone',
    'AvailabilityZoneId',
    'Tags',
    'OwnerId',
    'State',
    'SubnetArn',
  ),
  InternetGateways: used('InternetGatewayId', 'Attachments', 'Tags', 'OwnerId'),
  EgressOnlyInternetGateways: used('EgressOnlyInternetGatewayId', 'Attachments', 'Tags', 'OwnerId'),
  VpnGateways: used('VpnGatewayId', 'VpcAttachments', 'State', 'Tags', 'Type'),
  NatGateways: used('NatGatewayId', 'SubnetId', 'VpcId', 'State', 'NatGatewayAddresses', 'ConnectivityType', 'Tags'),
  CustomerGateways: used('CustomerGatewayId', 'IpAddress', 'State', 'Tags', 'Type'),
  VpnConnections: used('VpnConnectionId', 'State', 'VpnGatewayId', 'TransitGatewayId', 'CustomerGatewayId', 'Routes', 'Options', 'Tags', 'Type', 'Category'),
  VpcPeeringConnections: used('VpcPeeringConnectionId', 'Status', 'RequesterVpcInfo', 'AccepterVpcInfo', 'Tags'),
  TransitGateways: used('TransitGatewayId', 'State', 'Options', 'Tags', 'OwnerId', 'TransitGatewayArn'),
  TransitGatewayRouteTables: used(
    'TransitGatewayRouteTableId',
    'TransitGatewayId',
    'State',
    'Tags',
    'DefaultAssociationRouteTable',
    'DefaultPropagationRouteTable',
  ),
  TransitGatewayAttachments: used(
    'TransitGatewayAttachmentId',
    'TransitGatewayId',
    'ResourceType',
    'ResourceId',
    'State',
    'Association',
    'Tags',
    'ResourceOwnerId',
    'TransitGatewayOwnerId',
  ),
  TransitGatewayVpcAttachments: used('TransitGatewayAttachmentId', 'TransitGatewayId', 'VpcId', 'SubnetIds', 'State', 'Options', 'Tags', 'VpcOwnerId'),
  TransitGatewayPeeringAttachments: used('TransitGatewayAttachmentId', 'RequesterTgwInfo', 'AccepterTgwInfo', 'State', 'Status', 'Tags'),
  VpcEndpoints: used(
    'VpcEndpointId',
    'VpcEndpointType',
    'VpcId',
    'ServiceName',
    'State',
    'RouteTableIds',
    'SubnetIds',
    'Groups',
    'NetworkInterfaceIds',
    'Tags',
    'OwnerId',
  ),
  RouteTables: used('RouteTableId', 'VpcId', 'Associations', 'PropagatingVgws', 'Routes', 'Tags', 'OwnerId'),
  NetworkAcls: used('NetworkAclId', 'VpcId', 'IsDefault', 'Entries', 'Associations', 'Tags', 'OwnerId'),
  SecurityGroups: used('GroupId', 'GroupName', 'Description', 'VpcId', 'IpPermissions', 'IpPermissionsEgress', 'Tags', 'OwnerId'),
  Instances: used(
    'InstanceId',
    'State',
    'SubnetId',
    'VpcId',
    'PrivateIpAddress',
    'PublicIpAddress',
    'NetworkInterfaces',
    'SecurityGroups',
    'SourceDestCheck',
    'Tags',
  ),
  NetworkInterfaces: used(
    'NetworkInterfaceId',
    'SubnetId',
    'VpcId',
    'PrivateIpAddress',
    'PrivateIpAddresses',
    'Association',
    'Attachment',
    'Groups',
    'Ipv6Addresses',
    'SourceDestCheck',
    'InterfaceType',
    'TagSet',
    'Tags',
    'Description',
    'Status',
    'OwnerId',
    'RequesterManaged',
    'RequesterId',
    'AvailabilityZone',
  ),
  Addresses: used(
    'PublicIp',
    'AllocationId',
    'AssociationId',
    'NetworkInterfaceId',
    'PrivateIpAddress',
    'InstanceId',
    'Domain',
    'Tags',
    'NetworkInterfaceOwnerId',
  ),
  PrefixLists: used('PrefixListId', 'PrefixListName', 'Cidrs'),
  ManagedPrefixLists: used('PrefixListId', 'PrefixListName', 'OwnerId', 'State', 'Tags', 'AddressFamily', 'PrefixListArn'),
};

// ENI types whose owner is modelled as its own resource (its interface is implicit in the topology).
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html (interfaceType)
const OWNED_ENI_TYPES = new Set(['nat_gateway', 'natGateway', 'transit_gateway', 'vpc_endpoint', 'gateway_load_balancer_endpoint']);

// States in which a resource no longer carries traffic (it is left out, with a count in `ignored`).
const GONE = new Set(['deleted', 'deleting', 'failed', 'rejected', 'expired', 'terminated', 'shutting-down', 'detached', 'detaching']);

/**
 * The CIDRs of an association set whose state is `associated` (or not given), e.g. a VPC's IPv6 blocks.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcCidrBlockState.html
 */
function associatedCidrs(v: Rec, setKey: string, stateKey: string, cidrKey: string): string[] {
  return list(v, setKey)
    .filter(([a]) => (stateOf(a, stateKey) ?? 'associated') === 'associated')
    .map(([a]) => str(a, cidrKey))
    .filter((x): x is string => x !== undefined);
}

/** The describe-* record each resource object was made from, so that errors can name the dump file and path. */
export const RECORD_OF = new WeakMap<Obj, Rec>();

/** A new resource object: its id, and its Name tag as `name`. */
function resource(id: string, v: Rec): Obj {
  const o: Obj = { id };
  RECORD_OF.set(o, v);
  put(o, 'name', nameTag(v));
  return o;
}

/** Ports (tcp/udp) or ICMP type and code (icmp/icmpv6) of a rule, as the format writes them; -1 means all. */
function putPorts(
  o: Obj,
  proto: string | number,
  from: number | undefined,
  to: number | undefined,
  icmpType: number | undefined,
  icmpCode: number | undefined,
): void {
  if (proto === 'tcp' || proto === 'udp') put(o, 'ports', portsOf(from, to));
  if (proto === 'icmp' || proto === 'icmpv6') {
    if (icmpType !== undefined && icmpType >= 0) o.icmpType = icmpType;
    if (icmpCode !== undefined && icmpCode >= 0) o.icmpCode = icmpCode;
  }
}

interface Built {
  topology: TopologyDraft;
  onPremSources: Map<string, Set<string>>;
}

/** What the converters share: the dump, where findings go, and the resources converted so far, by id. */
class Conversion {
  readonly region: string;
  /** byId results, per kind, so that duplicates are noted once */
  readonly itemsByKind = new Map<ModelledKey, Map<string, Item>>();
  igws: Map<string, Obj> = new Map();
  eigws: Map<string, Obj> = new Map();
  // Resources that were in the dump but are gone (deleted NAT gateways ...), for route warnings.
  readonly gone = new Map<string, string>();
  // Resources in the dump whose kind vpcsim does not model, for route warnings.
  readonly unmodelled = new Map<string, string>();
  // Peer VPCs outside the dump, added with their CIDRs only (see peering connections below).
  readonly stubVpcs = new Map<string, Obj>();
  readonly vpcs = new Map<string, Obj>();
  readonly subnets = new Map<string, Obj>();
  readonly vgws = new Map<string, Obj>();
  readonly nats = new Map<string, Obj>();
  readonly cgwIp = new Map<string, string>();
  readonly tgwIds = new Set<string>();
  readonly vpns = new Map<string, Obj>();
  readonly onPrem = new Map<string, Set<string>>();
  readonly onPremSources = new Map<string, Set<string>>();
  readonly vpnsByVgw = new Map<string, string[]>();
  readonly pcxs = new Map<string, Obj>();
  readonly tgws = new Map<string, Obj>();
  readonly tgwRts = new Map<string, Obj>();
  // Transit gateway interfaces say which attachment they serve: "Network Interface for Transit Gateway Attachment tgw-attach-…".
  readonly tgwEniSubnets = new Map<string, string[]>();
  readonly atts = new Map<string, Obj>();
  readonly attType = new Map<string, string>();
  /** transit gateway route table → attachments propagating into it */
  readonly propagations = new Map<string, string[]>();
  readonly tgwRoutes = new Map<string, Map<string, Obj>>();
  readonly sgs = new Map<string, Obj>();
  readonly eip = new Map<string, string>(); // "<eni>|<private ip>" → public ip
  readonly endpointEnis = new Set<string>();
  readonly instances = new Map<string, Obj>();
  readonly enis = new Map<string, Obj>();
  /** primary interface id → instance id (a route to it names the instance) */
  readonly primaryOf = new Map<string, string>();
  readonly consumed = new Set<string>();
  readonly endpoints = new Map<string, Obj>();
  /** Network Firewall and Gateway Load Balancer endpoint ids: routes to them are kept (src/import/aws-inspection.ts, aws-gwlb.ts) */
  readonly inspectionEndpoints = new Set<string>();
  /** Gateway Load Balancers and the endpoint services in front of them (src/import/aws-gwlb.ts) */
  gwlb: GwlbResult = { gatewayLoadBalancers: [], byService: new Map(), hasServiceConfigurations: false };
  readonly pls = new Map<string, Obj>();
  readonly rts = new Map<string, Obj>();
  /** edge associations (gateway, route table), written once routes are converted */
  readonly edges: [string, string, Item | undefined][] = [];
  readonly acls = new Map<string, Obj>();
  /** Direct Connect gateways written (src/import/aws-directconnect.ts) */
  readonly dxgws = new Set<string>();

  constructor(
    readonly dump: Dump,
    readonly c: Collector,
    readonly name: string,
  ) {
    this.region = dump.region;
  }
}

/** describe-* items → topology: one converter per kind, in the order their references need. */
export function convertDump(dump: Dump, c: Collector, name: string): Built {
  const cx = new Conversion(dump, c, name);
  convertVpcs(cx);
  convertSubnets(cx);
  convertGateways(cx);
  convertNatGateways(cx);
  convertVpnConnections(cx);
  convertPeeringConnections(cx);
  convertTransitGateways(cx);
  const dx = convertDirectConnect({ c: cx.c, items: (k) => I(cx, k), vgws: cx.vgws, tgws: cx.tgws });
  for (const g of dx.directConnectGateways) cx.dxgws.add(String(g.id));
  convertTgwAttachments(cx);
  convertTgwPropagations(cx);
  convertTgwRoutes(cx);
  convertSecurityGroups(cx);
  readAddresses(cx);
  convertInstances(cx);
  const lbs = convertLoadBalancers({ ...cx, items: (k) => I(cx, k), eniItems: byId(cx, 'NetworkInterfaces', 'NetworkInterfaceId'), recordOf: RECORD_OF });
  convertNetworkInterfaces(cx);
  cx.gwlb = convertGatewayLoadBalancers(gwlbInput(cx));
  convertVpcEndpoints(cx);
  convertPrefixLists(cx);
  const firewalls = convertFirewalls({
    ...cx,
    vpcs: cx.vpcs,
    subnets: cx.subnets,
    rts: cx.rts,
    c: cx.c,
    items: (k) => I(cx, k),
    inspectionEndpoints: cx.inspectionEndpoints,
  });
  convertRouteTables(cx);
  convertRoutes(cx);
  applyEdgeAssociations(cx, cx.edges);
  dropBlackholesWithinLocal(cx);
  convertNetworkAcls(cx);
  convertSgRules(cx);
  completeTgwRouteTablesAndVpns(cx);
  return assembleTopology(cx, { ...lbs, ...dx }, firewalls);
}

function gwlbInput(cx: Conversion): GwlbInput {
  return {
    c: cx.c,
    items: (k) => I(cx, k),
    vpcs: cx.vpcs,
    subnets: cx.subnets,
    instances: cx.instances,
    enis: cx.enis,
    eniItems: byId(cx, 'NetworkInterfaces', 'NetworkInterfaceId'),
    recordOf: RECORD_OF,
  };
}

/** The items of one describe-* kind. */
function I(cx: Conversion, k: ModelledKey): Item[] {
  return cx.dump.items[k] ?? [];
}

function has(cx: Conversion, k: ModelledKey): boolean {
  return cx.dump.items[k] !== undefined;
}

/** Items by id, first one wins; duplicates (the same resource in two files) are noted once per kind. */
function byId(cx: Conversion, k: ModelledKey, idKey: string): Map<string, Item> {
  const { c } = cx;
  const memo = cx.itemsByKind.get(k);
  if (memo) return memo;
  const m = new Map<string, Item>();
  let dups = 0;
  for (const it of I(cx, k)) {
    const id = str(it.v, idKey);
    if (!id) {
      c.warn('RESOURCE_NO_ID', `${it.file} ${it.path} has no ${idKey}; skipped`, it);
      continue;
    }
    if (m.has(id)) dups++;
    else m.set(id, it);
  }
  if (dups) c.note(`${dups} ${k} appear more than once in the dump; the first copy of each is used`);
  cx.itemsByKind.set(k, m);
  return m;
}

/** Whether a resource is in a state that carries no traffic; if so it is counted in `ignored` and remembered for route warnings. */
function isGone(cx: Conversion, id: string, st: string, label: string, verb = 'is'): boolean {
  const { c, gone } = cx;
  if (!GONE.has(st)) return false;
  c.ignore(label);
  gone.set(id, `${verb} ${st}`);
  return true;
}

/** The VPC of a resource when it is in the import (a peer VPC outside it holds nothing); else a warning and undefined. */
function vpcOf(cx: Conversion, v: Rec, it: Item, code: string, what: string, none = '(none)'): string | undefined {
  const { c, stubVpcs, vpcs } = cx;
  const vpc = str(v, 'VpcId');
  if (vpc && vpcs.has(vpc) && !stubVpcs.has(vpc)) return vpc;
  c.warn(code, `${what} is in VPC ${vpc ?? none}, which is not in the dump; skipped`, it, '.VpcId');
  return undefined;
}

/** Whether a resource's subnet is in the import; if not, a warning that it is skipped. */
function inSubnet(cx: Conversion, subnet: string | undefined, code: string, what: string, at: Item, sub = ''): subnet is string {
  const { c, subnets } = cx;
  if (subnet && subnets.has(subnet)) return true;
  c.warn(code, `${what} is in subnet ${subnet ?? '(none)'}, which is not in the dump; skipped`, at, `${sub}.SubnetId`);
  return false;
}

/** The attachment of a gateway in one of `states` (or with no state), with the VPC it names and that VPC's JSON path. */
function attachment(v: Rec, key: string, states: string[]): { vpc?: string; path: string } {
  const att = list(v, key).find(([a]) => {
    const st = stateOf(a);
    return st === undefined || states.includes(st);
  });
  return att ? { vpc: str(att[0], 'VpcId'), path: `.${key}[${att[1]}].VpcId` } : { path: '' };
}

/**
 * Internet or egress-only internet gateways, kept when attached to a VPC in the dump: an attached gateway
 * shows attachment state `available` (or `attached`). A detached one is counted in `ignored`; one attached
 * to a VPC outside the dump is warned about. With `onePerVpc`, a VPC's second gateway is skipped.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InternetGatewayAttachment.html
 */
function attachedGateways(
  cx: Conversion,
  kind: 'InternetGateways' | 'EgressOnlyInternetGateways',
  idKey: string,
  code: string,
  what: string,
  onePerVpc: boolean,
): Map<string, Obj> {
  const { c, gone, vpcs } = cx;
  const out = new Map<string, Obj>();
  const byVpc = new Map<string, string>();
  for (const [id, it] of byId(cx, kind, idKey)) {
    c.fields(kind, it.v, F[kind]);
    const { vpc, path } = attachment(it.v, 'Attachments', ['available', 'attached']);
    if (!vpc) {
      c.ignore(`detached ${what}s`);
      gone.set(id, 'is not attached to a VPC');
      continue;
    }
    if (!vpcs.has(vpc)) {
      c.warn(code, `${what} ${id} is attached to ${vpc}, which is not in the dump; skipped`, it, path);
      continue;
    }
    if (onePerVpc && byVpc.has(vpc)) {
      c.warn('IGW_DUPLICATE', `VPC ${vpc} has a second ${what} ${id}; a VPC has at most one, skipped`, it);
      continue;
    }
    byVpc.set(vpc, id);
    const o = resource(id, it.v);
    o.vpc = vpc;
    out.set(id, o);
  }
  return out;
}

/** on-premises prefixes per VPN, each with where it was learned */
function addOnPrem(cx: Conversion, vpn: string, cidr: string, source: string): void {
  const { onPrem, onPremSources } = cx;
  let s = onPrem.get(vpn);
  if (!s) onPrem.set(vpn, (s = new Set()));
  s.add(cidr);
  let src = onPremSources.get(vpn);
  if (!src) onPremSources.set(vpn, (src = new Set()));
  src.add(source);
}

/** Address fields of an interface: private IPs, public IPs (auto-assigned or Elastic), IPv6, groups. */
function addressing(cx: Conversion, e: Rec, at: Item, sub: string, owner: string): Obj | undefined {
  const { c, sgs, eip } = cx;
  const eniId = str(e, 'NetworkInterfaceId') ?? '';
  const privateIp = str(e, 'PrivateIpAddress');
  const ipv6 = list(e, 'Ipv6Addresses')
    .map(([a]) => str(a, 'Ipv6Address'))
    .filter((x): x is string => x !== undefined);
  // an interface in an IPv6-only subnet has IPv6 addresses and no private IPv4 one
  if (!privateIp && ipv6.length === 0) {
    c.warn('ENI_NO_IP', `${owner} has no PrivateIpAddress and no IPv6 address; skipped`, at, `${sub}.PrivateIpAddress`);
    return undefined;
  }
  const o: Obj = {};
  put(o, 'privateIp', privateIp);
  const secondary: string[] = [];
  const secondaryPublic: Obj[] = [];
  for (const [p] of list(e, 'PrivateIpAddresses')) {
    const ip = str(p, 'PrivateIpAddress');
    if (!ip || ip === privateIp) continue;
    secondary.push(ip);
    const pub = str(rec(p, 'Association'), 'PublicIp') ?? eip.get(`${eniId}|${ip}`);
    if (pub) secondaryPublic.push({ privateIp: ip, publicIp: pub });
  }
  put(o, 'secondaryPrivateIps', secondary);
  put(o, 'publicIp', str(rec(e, 'Association'), 'PublicIp') ?? eip.get(`${eniId}|${privateIp}`));
  if (secondaryPublic.length && formatHas('instances', 'secondaryPublicIps')) o.secondaryPublicIps = secondaryPublic;
  else if (secondaryPublic.length) {
    c.ignore('public IPs on secondary private addresses (no key in format v1 yet)', secondaryPublic.length);
    c.warn(
      'FORMAT_NO_SECONDARY_PUBLIC_IPS',
      `${owner} has public IPs on secondary private addresses (${secondaryPublic.map((x) => `${x.privateIp} → ${x.publicIp}`).join(', ')}); the format has no key for them yet, so they are left out`,
      at,
      `${sub}.PrivateIpAddresses`,
    );
  }
  put(o, 'ipv6Addresses', ipv6);
  const groups: string[] = [];
  for (const [g, gi] of list(e, 'Groups')) {
    const gid = str(g, 'GroupId');
    if (!gid) continue;
    if (sgs.has(gid)) groups.push(gid);
    else c.warn('ENI_SG_MISSING', `${owner} uses security group ${gid}, which is not in the dump; left out of its groups`, at, `${sub}.Groups[${gi}].GroupId`);
  }
  put(o, 'securityGroups', groups);
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html (sourceDestCheck)
  if (bool(e, 'SourceDestCheck') === false) o.sourceDestCheck = false;
  return o;
}

function needPl(cx: Conversion, id: string, at: Item, sub: string, what: string): boolean {
  const { c, pls } = cx;
  if (pls.has(id)) return true;
  c.warn(
    'PREFIX_LIST_MISSING',
    `${what} uses prefix list ${id}, which is not in the dump; it is added with no entries (add describe-prefix-lists / describe-managed-prefix-lists)`,
    at,
    sub,
  );
  pls.set(id, { id, cidrs: [] });
  return true;
}

function sgRules(cx: Conversion, it: Item, key: string, peerKey: 'source' | 'destination', sgId: string): Obj[] {
  const { c, sgs } = cx;
  const out: Obj[] = [];
  for (const [p, pi] of list(it.v, key)) {
    const sub = `.${key}[${pi}]`;
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
    const proto = protocolOf(str(p, 'IpProtocol') ?? String(p.IpProtocol ?? ''));
    if (proto === undefined) {
      c.warn('SG_RULE_BAD', `security group ${sgId} has a rule with protocol ${String(p.IpProtocol)} that cannot be read; skipped`, it, `${sub}.IpProtocol`);
      continue;
    }
    const base: Obj = { protocol: proto };
    // For ICMP, FromPort is the type and ToPort the code.
    putPorts(base, proto, num(p, 'FromPort'), num(p, 'ToPort'), num(p, 'FromPort'), num(p, 'ToPort'));
    const emit = (peer: string, desc: string | undefined) => {
      const r: Obj = { ...base, [peerKey]: peer };
      put(r, 'description', desc);
      out.push(r);
    };
    for (const [r] of list(p, 'IpRanges')) if (str(r, 'CidrIp')) emit(str(r, 'CidrIp')!, str(r, 'Description'));
    for (const [r] of list(p, 'Ipv6Ranges')) if (str(r, 'CidrIpv6')) emit(str(r, 'CidrIpv6')!, str(r, 'Description'));
    for (const [r, ri] of list(p, 'PrefixListIds')) {
      const pl = str(r, 'PrefixListId');
      if (pl && needPl(cx, pl, it, `${sub}.PrefixListIds[${ri}].PrefixListId`, `security group ${sgId}`)) emit(pl, str(r, 'Description'));
    }
    // A referenced group may be in another account (shown as account/sg-… in the console) or across a
    // peering; it is written by its id when that group is in the import.
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UserIdGroupPair.html
    for (const [g, gi] of list(p, 'UserIdGroupPairs')) {
      const gid = str(g, 'GroupId');
      const owner = str(g, 'UserId');
      const ref = `${owner ? `${owner}/` : ''}${gid ?? '(no id)'}`;
      const peering = str(g, 'PeeringStatus');
      if (gid && sgs.has(gid) && peering !== 'deleted') {
        emit(gid, str(g, 'Description'));
        continue;
      }
      c.ignore('security group rules referencing groups outside the import');
      c.warn(
        'SG_REF_OUTSIDE',
        peering === 'deleted'
          ? `security group ${sgId} references ${ref} across peering connection ${str(g, 'VpcPeeringConnectionId') ?? ''}, which is deleted (a stale rule); rule left out`
          : `security group ${sgId} references ${ref}${str(g, 'VpcPeeringConnectionId') ? ` across ${str(g, 'VpcPeeringConnectionId')}` : ''}, which is not in the dump; rule left out (import that account and region too, or add the group with an overlay)`,
        it,
        `${sub}.UserIdGroupPairs[${gi}]`,
      );
    }
  }
  return out;
}

/** VPCs. */
function convertVpcs(cx: Conversion): void {
  const { c, vpcs } = cx;
  for (const [id, it] of byId(cx, 'Vpcs', 'VpcId')) {
    const v = it.v;
    c.fields('Vpcs', v, F.Vpcs);
    const cidr = str(v, 'CidrBlock');
    if (!cidr) {
      c.warn('VPC_NO_CIDR', `VPC ${id} has no CidrBlock; skipped`, it, '.CidrBlock');
      continue;
    }
    // Only blocks in state `associated` are part of the VPC.
    const secondary = associatedCidrs(v, 'CidrBlockAssociationSet', 'CidrBlockState', 'CidrBlock').filter((x) => x !== cidr);
    const v6 = associatedCidrs(v, 'Ipv6CidrBlockAssociationSet', 'Ipv6CidrBlockState', 'Ipv6CidrBlock');
    const o = resource(id, v);
    o.cidr = cidr;
    put(o, 'secondaryCidrs', uniq(secondary));
    put(o, 'ipv6Cidr', v6[0]);
    if (v6.length > 1) {
      c.warn('VPC_IPV6_EXTRA', `VPC ${id} has ${v6.length} IPv6 CIDR blocks; the format holds one, ${v6[0]} is kept`, it, '.Ipv6CidrBlockAssociationSet');
      c.ignore('extra VPC IPv6 CIDR blocks', v6.length - 1);
    }
    vpcs.set(id, o);
  }
}

/** Subnets. */
function convertSubnets(cx: Conversion): void {
  const { c, subnets } = cx;
  for (const [id, it] of byId(cx, 'Subnets', 'SubnetId')) {
    const v = it.v;
    c.fields('Subnets', v, F.Subnets);
    const vpc = vpcOf(cx, v, it, 'SUBNET_VPC_MISSING', `subnet ${id}`);
    if (!vpc) continue;
    const cidr = str(v, 'CidrBlock');
    const v6 = associatedCidrs(v, 'Ipv6CidrBlockAssociationSet', 'Ipv6CidrBlockState', 'Ipv6CidrBlock');
    // an IPv6-only subnet has an IPv6 CIDR and no IPv4 one; a subnet with neither cannot be placed
    if (!cidr && !v6[0]) {
      c.warn('SUBNET_NO_IPV4', `subnet ${id} has neither an IPv4 CIDR nor an associated IPv6 CIDR; skipped`, it, '.CidrBlock');
      c.ignore('subnets without a CIDR');
      continue;
    }
    const o = resource(id, v);
    o.vpc = vpc;
    put(o, 'cidr', cidr);
    put(o, 'ipv6Cidr', v6[0]);
    put(o, 'az', str(v, 'AvailabilityZone'));
    put(o, 'azId', str(v, 'AvailabilityZoneId'));
    subnets.set(id, o);
  }
}

/** Internet gateways, egress-only internet gateways, virtual private gateways. */
function convertGateways(cx: Conversion): void {
  const { c, vpcs, vgws } = cx;
  cx.igws = attachedGateways(cx, 'InternetGateways', 'InternetGatewayId', 'IGW_VPC_MISSING', 'internet gateway', true);
  cx.eigws = attachedGateways(cx, 'EgressOnlyInternetGateways', 'EgressOnlyInternetGatewayId', 'EIGW_VPC_MISSING', 'egress-only internet gateway', false);
  for (const [id, it] of byId(cx, 'VpnGateways', 'VpnGatewayId')) {
    c.fields('VpnGateways', it.v, F.VpnGateways);
    if (isGone(cx, id, stateOf(it.v) ?? '', 'deleted virtual private gateways')) continue;
    const o = resource(id, it.v);
    const { vpc, path } = attachment(it.v, 'VpcAttachments', ['attached', 'attaching']);
    if (vpc && vpcs.has(vpc)) o.vpc = vpc;
    else if (vpc) c.warn('VGW_VPC_MISSING', `virtual private gateway ${id} is attached to ${vpc}, which is not in the dump; imported detached`, it, path);
    vgws.set(id, o);
  }
}

/** NAT gateways. */
function convertNatGateways(cx: Conversion): void {
  const { c, gone, nats } = cx;
  for (const [id, it] of byId(cx, 'NatGateways', 'NatGatewayId')) {
    const v = it.v;
    c.fields('NatGateways', v, F.NatGateways);
    // A deleted NAT gateway stays visible for a while with State deleted; routes to it turn blackhole.
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html
    if (isGone(cx, id, stateOf(v) ?? 'available', 'deleted or failed NAT gateways', 'was')) continue;
    const subnet = str(v, 'SubnetId');
    if (!inSubnet(cx, subnet, 'NAT_SUBNET_MISSING', `NAT gateway ${id}`, it)) continue;
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGatewayAddress.html (isPrimary)
    const addrs = list(v, 'NatGatewayAddresses');
    const primary = addrs.find(([a]) => bool(a, 'IsPrimary') === true) ?? addrs[0];
    const publicIp = primary ? str(primary[0], 'PublicIp') : undefined;
    // A public NAT gateway has its Elastic IP once it is available; while `pending` it is "not ready to process
    // traffic" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html). Without the address it
    // is left out, and routes to it become blackholes that say why: the import must always load.
    if (str(v, 'ConnectivityType') !== 'private' && publicIp === undefined) {
      const st = stateOf(v) ?? 'available';
      const why = st === 'pending' ? 'is pending (not forwarding traffic yet) and has no public IP yet' : 'has no public IP in the dump';
      c.warn('NAT_NO_PUBLIC_IP', `public NAT gateway ${id} ${why}; skipped`, it, '.NatGatewayAddresses');
      gone.set(id, why);
      continue;
    }
    const o = resource(id, v);
    o.subnet = subnet;
    put(o, 'privateIp', primary ? str(primary[0], 'PrivateIp') : undefined);
    put(o, 'publicIp', publicIp);
    if (str(v, 'ConnectivityType') === 'private') o.connectivity = 'private';
    put(o, 'interfaceId', primary ? str(primary[0], 'NetworkInterfaceId') : undefined);
    if (addrs.length > 1) c.ignore('NAT gateway secondary addresses', addrs.length - 1);
    nats.set(id, o);
  }
}

/** Customer gateways, VPN connections. */
function convertVpnConnections(cx: Conversion): void {
  const { c, gone, vgws, cgwIp, tgwIds, vpns, vpnsByVgw } = cx;
  for (const [id, it] of byId(cx, 'CustomerGateways', 'CustomerGatewayId')) {
    c.fields('CustomerGateways', it.v, F.CustomerGateways);
    const ip = str(it.v, 'IpAddress');
    if (ip) cgwIp.set(id, ip);
  }
  const tgwItems = byId(cx, 'TransitGateways', 'TransitGatewayId');
  for (const [id, it] of tgwItems) if (!GONE.has(stateOf(it.v) ?? '')) tgwIds.add(id);

  for (const [id, it] of byId(cx, 'VpnConnections', 'VpnConnectionId')) {
    const v = it.v;
    c.fields('VpnConnections', v, F.VpnConnections);
    if (isGone(cx, id, stateOf(v) ?? 'available', 'deleted VPN connections')) continue;
    const o = resource(id, v);
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnectionOptions.html — staticRoutesOnly (route priority)
    if (rec(v, 'Options')?.StaticRoutesOnly === true) o.staticRoutesOnly = true;
    const vgw = str(v, 'VpnGatewayId');
    const tgw = str(v, 'TransitGatewayId');
    if (vgw) {
      if (vgws.has(vgw)) {
        o.vpnGateway = vgw;
        vpnsByVgw.set(vgw, [...(vpnsByVgw.get(vgw) ?? []), id]);
      } else c.warn('VPN_VGW_MISSING', `VPN connection ${id} terminates on ${vgw}, which is not in the dump`, it, '.VpnGatewayId');
    }
    if (tgw) {
      if (tgwIds.has(tgw)) o.transitGateway = tgw;
      else c.warn('VPN_TGW_MISSING', `VPN connection ${id} terminates on ${tgw}, which is not in the dump`, it, '.TransitGatewayId');
    }
    // A VPN connection terminates on a gateway; when neither is in the dump (TransitGateways.json not readable,
    // say) it cannot be modelled, and a topology naming no gateway would not load: leave it out, saying so.
    if (o.vpnGateway === undefined && o.transitGateway === undefined) {
      c.warn(
        'VPN_NO_GATEWAY',
        `VPN connection ${id} terminates on ${vgw ?? tgw ?? 'no gateway'}, which is not in the dump; skipped`,
        it,
        vgw ? '.VpnGatewayId' : '.TransitGatewayId',
      );
      gone.set(id, `terminates on ${vgw ?? tgw ?? 'no gateway'}, which is not in the dump`);
      continue;
    }
    const cgw = str(v, 'CustomerGatewayId');
    const ip = cgw ? cgwIp.get(cgw) : undefined;
    if (ip) o.customerGatewayIp = ip;
    else if (cgw && has(cx, 'CustomerGateways'))
      c.warn('VPN_CGW_MISSING', `VPN connection ${id} uses customer gateway ${cgw}, which is not in the dump`, it, '.CustomerGatewayId');
    // Static routes of the connection are the on-premises prefixes it reaches.
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnStaticRoute.html
    for (const [r, i] of list(v, 'Routes')) {
      const d = str(r, 'DestinationCidrBlock');
      const rs = stateOf(r) ?? 'available';
      if (d && !GONE.has(rs)) addOnPrem(cx, id, d, 'static routes');
      else if (!d) c.warn('VPN_ROUTE_BAD', `VPN connection ${id} has a route without DestinationCidrBlock`, it, `.Routes[${i}]`);
    }
    vpns.set(id, o);
  }
}

/** Peering connections (a peer VPC outside the dump is added with its CIDRs only). */
function convertPeeringConnections(cx: Conversion): void {
  const { c, stubVpcs, vpcs, pcxs } = cx;
  for (const [id, it] of byId(cx, 'VpcPeeringConnections', 'VpcPeeringConnectionId')) {
    const v = it.v;
    c.fields('VpcPeeringConnections', v, F.VpcPeeringConnections);
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcPeeringConnectionStateReason.html
    const code = stateOf(v, 'Status') ?? 'active';
    if (isGone(cx, id, code, 'inactive peering connections (deleted, rejected, failed, expired)')) continue;
    const req = rec(v, 'RequesterVpcInfo');
    const acc = rec(v, 'AccepterVpcInfo');
    const sides: [string, Rec | undefined][] = [
      ['RequesterVpcInfo', req],
      ['AccepterVpcInfo', acc],
    ];
    let ok = true;
    for (const [key, info] of sides) {
      const vid = str(info, 'VpcId');
      if (!vid) {
        c.warn('PCX_VPC_UNKNOWN', `peering connection ${id} has no ${key}.VpcId; skipped`, it, `.${key}`);
        ok = false;
        continue;
      }
      if (vpcs.has(vid) || stubVpcs.has(vid)) continue;
      const cidr = str(info, 'CidrBlock');
      if (!cidr) {
        c.warn(
          'PCX_VPC_MISSING',
          `peering connection ${id} reaches ${vid}, which is not in the dump and whose CIDR is not given; skipped`,
          it,
          `.${key}.VpcId`,
        );
        ok = false;
        continue;
      }
      const more = list(info, 'CidrBlockSet')
        .map(([b]) => str(b, 'CidrBlock'))
        .filter((x): x is string => x !== undefined && x !== cidr);
      const where = [str(info, 'OwnerId') && `account ${str(info, 'OwnerId')}`, str(info, 'Region') && `region ${str(info, 'Region')}`]
        .filter(Boolean)
        .join(', ');
      const stub: Obj = { id: vid, name: `peer VPC outside this import${where ? ` (${where})` : ''}`, cidr };
      put(stub, 'secondaryCidrs', uniq(more));
      stubVpcs.set(vid, stub);
      c.warn(
        'PCX_PEER_OUTSIDE',
        `peering connection ${id} reaches ${vid}${where ? ` (${where})` : ''}, which is not in this import; it is added with its CIDRs only (no subnets or instances)`,
        it,
        `.${key}.VpcId`,
      );
    }
    if (!ok) continue;
    const o = resource(id, v);
    o.requesterVpc = str(req, 'VpcId');
    o.accepterVpc = str(acc, 'VpcId');
    if (code !== 'active') o.status = code;
    const accRegion = str(acc, 'Region');
    if (accRegion && accRegion !== str(req, 'Region')) o.accepterRegion = accRegion;
    pcxs.set(id, o);
  }
  for (const [id, o] of stubVpcs) vpcs.set(id, o);
}

/** Transit gateways, route tables, attachments. */
function convertTransitGateways(cx: Conversion): void {
  const { c, tgws, tgwRts } = cx;
  const tgwItems = byId(cx, 'TransitGateways', 'TransitGatewayId');
  for (const [id, it] of tgwItems) {
    c.fields('TransitGateways', it.v, F.TransitGateways);
    if (isGone(cx, id, stateOf(it.v) ?? '', 'deleted transit gateways')) continue;
    const o = resource(id, it.v);
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayOptions.html — securityGroupReferencingSupport
    const sgRef = str(rec(it.v, 'Options'), 'SecurityGroupReferencingSupport');
    if (sgRef === 'enable' || sgRef === 'disable') o.securityGroupReferencingSupport = sgRef === 'enable';
    tgws.set(id, o);
  }
  for (const [id, it] of byId(cx, 'TransitGatewayRouteTables', 'TransitGatewayRouteTableId')) {
    c.fields('TransitGatewayRouteTables', it.v, F.TransitGatewayRouteTables);
    if (GONE.has(stateOf(it.v) ?? '')) {
      c.ignore('deleted transit gateway route tables');
      continue;
    }
    const tgw = str(it.v, 'TransitGatewayId');
    if (!tgw || !tgws.has(tgw)) {
      c.warn(
        'TGW_RT_TGW_MISSING',
        `transit gateway route table ${id} belongs to ${tgw ?? '(none)'}, which is not in the dump; skipped`,
        it,
        '.TransitGatewayId',
      );
      continue;
    }
    const o = resource(id, it.v);
    o.transitGateway = tgw;
    tgwRts.set(id, o);
  }
}

function convertTgwAttachments(cx: Conversion): void {
  const { c, gone, tgws, atts, attType } = cx;
  collectTgwEniSubnets(cx);
  const attGeneric = byId(cx, 'TransitGatewayAttachments', 'TransitGatewayAttachmentId');
  const attVpc = byId(cx, 'TransitGatewayVpcAttachments', 'TransitGatewayAttachmentId');
  const attPeer = byId(cx, 'TransitGatewayPeeringAttachments', 'TransitGatewayAttachmentId');
  const attIds = uniq([...attGeneric.keys(), ...attVpc.keys(), ...attPeer.keys()]);
  let assocUnknown = 0;
  for (const id of attIds) {
    const g = attGeneric.get(id);
    const vItem = attVpc.get(id);
    const p = attPeer.get(id);
    if (g) c.fields('TransitGatewayAttachments', g.v, F.TransitGatewayAttachments);
    if (vItem) c.fields('TransitGatewayVpcAttachments', vItem.v, F.TransitGatewayVpcAttachments);
    if (p) c.fields('TransitGatewayPeeringAttachments', p.v, F.TransitGatewayPeeringAttachments);
    const it = (g ?? vItem ?? p)!;
    const type = g ? str(g.v, 'ResourceType') : vItem ? 'vpc' : 'peering';
    // Only available (or modifying) attachments carry traffic.
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayAttachment.html
    const st = stateOf(it.v) ?? 'available';
    if (st !== 'available' && st !== 'modifying') {
      c.ignore(`transit gateway attachments not available (${st})`);
      gone.set(id, `is ${st}`);
      c.note(`transit gateway attachment ${id} (${type}) is ${st} and is left out`);
      continue;
    }
    const tgw = str(it.v, 'TransitGatewayId') ?? str(rec(p?.v, 'RequesterTgwInfo'), 'TransitGatewayId');
    if (!tgw || !tgws.has(tgw)) {
      c.warn(
        'TGW_ATT_TGW_MISSING',
        `transit gateway attachment ${id} belongs to ${tgw ?? '(none)'}, which is not in the dump; skipped`,
        it,
        '.TransitGatewayId',
      );
      continue;
    }
    const o = resource(id, it.v);
    o.transitGateway = tgw;
    if (!attachedResource(cx, { id, it, g, vItem, p, type, tgw }, o)) continue;
    if (!tgwAssociation(cx, id, g, o)) assocUnknown++;
    atts.set(id, o);
    attType.set(id, type!);
  }
  if (assocUnknown)
    c.warn('TGW_ASSOC_UNKNOWN', `${assocUnknown} transit gateway attachments have no association in the dump (add describe-transit-gateway-attachments)`);
}

/** Transit gateway ENIs name their attachment in the description; they give the subnets of a VPC attachment. */
function collectTgwEniSubnets(cx: Conversion): void {
  const { tgwEniSubnets } = cx;
  for (const it of I(cx, 'NetworkInterfaces')) {
    const m = /(tgw-attach-[0-9a-f]+)/.exec(str(it.v, 'Description') ?? '');
    const s = str(it.v, 'SubnetId');
    if (str(it.v, 'InterfaceType') === 'transit_gateway' && m && s) tgwEniSubnets.set(m[1]!, [...(tgwEniSubnets.get(m[1]!) ?? []), s]);
  }
}

/** What the attachment attaches (VPC, VPN, peer transit gateway, Direct Connect gateway); false when it is skipped. */
function attachedResource(
  cx: Conversion,
  a: { id: string; it: Item; g: Item | undefined; vItem: Item | undefined; p: Item | undefined; type: string | undefined; tgw: string },
  o: Obj,
): boolean {
  const { c, unmodelled, vpns } = cx;
  const { id, it, g, vItem, p, type, tgw } = a;
  if (type === 'vpc') {
    return tgwVpcAttachment(cx, id, it, g, vItem, o);
  } else if (type === 'vpn') {
    const vpn = str(g?.v, 'ResourceId');
    if (!vpn || !vpns.has(vpn)) {
      c.warn('TGW_ATT_VPN_MISSING', `transit gateway attachment ${id} attaches VPN ${vpn ?? '(none)'}, which is not in the dump; skipped`, it, '.ResourceId');
      return false;
    }
    o.vpnConnection = vpn;
  } else if (type === 'peering') {
    const req = rec(p?.v, 'RequesterTgwInfo');
    const acc = rec(p?.v, 'AccepterTgwInfo');
    const peer = str(g?.v, 'ResourceId') ?? (str(req, 'TransitGatewayId') === tgw ? str(acc, 'TransitGatewayId') : str(req, 'TransitGatewayId'));
    if (!peer) {
      c.warn('TGW_ATT_PEER_UNKNOWN', `transit gateway peering attachment ${id} does not name its peer; skipped`, it);
      return false;
    }
    o.peerTransitGateway = peer;
  } else if (type === 'direct-connect-gateway') {
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayAttachment.html — resourceType direct-connect-gateway
    const dxgw = str(g?.v, 'ResourceId');
    if (!dxgw || !cx.dxgws.has(dxgw)) {
      c.warn(
        'TGW_ATT_DXGW_MISSING',
        `transit gateway attachment ${id} attaches Direct Connect gateway ${dxgw ?? '(none)'}, which is not in the dump (add aws directconnect describe-direct-connect-gateways); skipped`,
        it,
        '.ResourceId',
      );
      return false;
    }
    o.directConnectGateway = dxgw;
  } else {
    c.ignore(`transit gateway ${type ?? 'unknown'} attachments`);
    unmodelled.set(id, `is a transit gateway ${type} attachment, which vpcsim does not model`);
    return false;
  }
  return true;
}

/** The attachment's associated route table; false when the dump does not say (no describe-transit-gateway-attachments). */
function tgwAssociation(cx: Conversion, id: string, g: Item | undefined, o: Obj): boolean {
  const { c, tgwRts } = cx;
  const assoc = rec(g?.v, 'Association');
  if (assoc && (stateOf(assoc) ?? 'associated') === 'associated') {
    const rt = str(assoc, 'TransitGatewayRouteTableId');
    if (rt && tgwRts.has(rt)) o.routeTable = rt;
    else if (rt)
      c.warn(
        'TGW_ATT_RT_MISSING',
        `transit gateway attachment ${id} is associated with ${rt}, which is not in the dump`,
        g!,
        '.Association.TransitGatewayRouteTableId',
      );
  } else if (!g) return false;
  return true;
}

/** A VPC attachment's VPC and subnets (from describe-transit-gateway-vpc-attachments, else from its interfaces);
 *  false when it cannot be imported. */
function tgwVpcAttachment(cx: Conversion, id: string, it: Item, g: Item | undefined, vItem: Item | undefined, o: Obj): boolean {
  const { c, gone, stubVpcs, vpcs, subnets, tgwEniSubnets } = cx;
  const vpc = str(g?.v, 'ResourceId') ?? str(vItem?.v, 'VpcId');
  if (!vpc || !vpcs.has(vpc) || stubVpcs.has(vpc)) {
    c.warn(
      'TGW_ATT_VPC_MISSING',
      `transit gateway attachment ${id} attaches ${vpc ?? '(none)'}, which is not in the dump; skipped`,
      it,
      g ? '.ResourceId' : '.VpcId',
    );
    return false;
  }
  o.vpc = vpc;
  const subs: string[] = [];
  if (vItem) {
    for (const s of strings(vItem.v, 'SubnetIds')) {
      if (subnets.has(s)) subs.push(s);
      else c.warn('TGW_ATT_SUBNET_MISSING', `transit gateway attachment ${id} uses subnet ${s}, which is not in the dump`, vItem, '.SubnetIds');
    }
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayVpcAttachmentOptions.html
    const opts = rec(vItem.v, 'Options');
    if (str(opts, 'ApplianceModeSupport') === 'enable') o.applianceMode = true;
    for (const [k, key] of [
      ['Ipv6Support', 'ipv6Support'],
      ['DnsSupport', 'dnsSupport'],
      ['SecurityGroupReferencingSupport', 'securityGroupReferencingSupport'],
    ] as const) {
      const v = str(opts, k);
      if (v === 'enable' || v === 'disable') o[key] = v === 'enable';
    }
  } else {
    // Without describe-transit-gateway-vpc-attachments, the attachment's own interfaces tell its subnets.
    const fromEnis = (tgwEniSubnets.get(id) ?? []).filter((s) => subnets.has(s));
    subs.push(...fromEnis);
    c.warn(
      'TGW_ATT_SUBNETS_UNKNOWN',
      `the subnets of transit gateway attachment ${id} are not in the dump (add describe-transit-gateway-vpc-attachments)${fromEnis.length ? `; taken from its network interfaces: ${fromEnis.join(', ')}` : ''}`,
      it,
    );
  }
  if (subs.length === 0) {
    c.warn('TGW_ATT_NO_SUBNET', `transit gateway attachment ${id} has no subnet in the dump; skipped`, it);
    gone.set(id, 'has no subnet in the dump');
    return false;
  }
  o.subnets = uniq(subs);
  return true;
}

/** Propagations: from get-transit-gateway-route-table-propagations; else assumed from the gateway's defaults. */
function convertTgwPropagations(cx: Conversion): void {
  const { c, gone, unmodelled, tgwRts, atts, attType, propagations } = cx;
  const tgwItems = byId(cx, 'TransitGateways', 'TransitGatewayId');
  if (has(cx, 'TransitGatewayPropagations')) {
    for (const it of I(cx, 'TransitGatewayPropagations')) {
      const t = it.tableId!;
      const att = str(it.v, 'TransitGatewayAttachmentId');
      if ((stateOf(it.v) ?? 'enabled') !== 'enabled' || !att) continue;
      if (!tgwRts.has(t)) {
        c.warn('TGW_PROP_RT_MISSING', `propagation into ${t}, which is not in the dump; skipped`, it);
        continue;
      }
      if (!atts.has(att)) {
        if (!gone.has(att) && !unmodelled.has(att))
          c.warn('TGW_PROP_ATT_MISSING', `propagation of ${att} into ${t}: the attachment is not in the dump; skipped`, it, '.TransitGatewayAttachmentId');
        continue;
      }
      propagations.set(t, uniq([...(propagations.get(t) ?? []), att]));
    }
  } else if (atts.size > 0) {
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayOptions.html (defaultRouteTablePropagation)
    let assumed = 0;
    for (const [id, o] of atts) {
      const tgwItem = tgwItems.get(o.transitGateway as string);
      const opt = rec(tgwItem?.v, 'Options');
      const t = str(opt, 'PropagationDefaultRouteTableId');
      if (str(opt, 'DefaultRouteTablePropagation') === 'enable' && t && tgwRts.has(t) && attType.get(id) !== 'peering') {
        propagations.set(t, uniq([...(propagations.get(t) ?? []), id]));
        assumed++;
      }
    }
    c.warn(
      'TGW_PROPAGATIONS_ASSUMED',
      `no transit gateway propagations in the dump (add get-transit-gateway-route-table-propagations); ${assumed} assumed from the gateways' default propagation route tables`,
    );
  }
}

function convertTgwRoutes(cx: Conversion): void {
  const { c, gone, unmodelled, vpns, tgwRts, atts, tgwRoutes } = cx;
  // Transit gateway routes: static ones are written; propagated VPN routes are on-premises prefixes.
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayRoute.html
  for (const it of I(cx, 'TransitGatewayRoutes')) {
    const t = it.tableId!;
    const v = it.v;
    const dest = str(v, 'DestinationCidrBlock');
    const type = str(v, 'Type') ?? 'static';
    const st = stateOf(v) ?? 'active';
    if (!dest) {
      if (str(v, 'PrefixListId')) {
        c.ignore('transit gateway prefix-list references');
        c.warn('TGW_ROUTE_PREFIX_LIST', `transit gateway route to prefix list ${str(v, 'PrefixListId')} in ${t} is not modelled`, it, '.PrefixListId');
      } else c.warn('TGW_ROUTE_BAD', `transit gateway route in ${t} has no DestinationCidrBlock; skipped`, it);
      continue;
    }
    if (st === 'deleted' || st === 'deleting') continue;
    if (!tgwRts.has(t)) {
      c.warn('TGW_ROUTE_RT_MISSING', `route ${dest} of ${t}: the route table is not in the dump; skipped`, it);
      continue;
    }
    const attsOfRoute = list(v, 'TransitGatewayAttachments');
    const att = attsOfRoute[0] ? str(attsOfRoute[0][0], 'TransitGatewayAttachmentId') : undefined;
    const resType = attsOfRoute[0] ? str(attsOfRoute[0][0], 'ResourceType') : undefined;
    if (type === 'propagated') {
      const resId = attsOfRoute[0] ? str(attsOfRoute[0][0], 'ResourceId') : undefined;
      if (resType === 'vpn') {
        const vpn = resId ?? (att ? (atts.get(att)?.vpnConnection as string | undefined) : undefined);
        if (vpn && vpns.has(vpn)) addOnPrem(cx, vpn, dest, `transit gateway route table ${t}`);
      } else if (resType !== 'vpc' && resType !== 'peering') {
        c.ignore(`propagated transit gateway routes from ${resType ?? 'unknown'} attachments`);
      }
      continue;
    }
    let table = tgwRoutes.get(t);
    if (!table) tgwRoutes.set(t, (table = new Map()));
    if (table.has(dest)) continue;
    if (st === 'blackhole' || !att) {
      table.set(dest, { destination: dest, blackhole: true });
      continue;
    }
    if (!atts.has(att)) {
      c.warn(
        'TGW_ROUTE_ATT_MISSING',
        `transit gateway route ${dest} in ${t} goes to ${att}, which ${gone.get(att) ?? unmodelled.get(att) ?? 'is not in the dump'}; imported as a blackhole route`,
        it,
        '.TransitGatewayAttachments[0].TransitGatewayAttachmentId',
      );
      table.set(dest, { destination: dest, blackhole: true });
      continue;
    }
    table.set(dest, { destination: dest, attachment: att });
  }
}

/** Security groups (rules come after prefix lists and all groups are known). */
function convertSecurityGroups(cx: Conversion): void {
  const { c, sgs } = cx;
  const sgItems = byId(cx, 'SecurityGroups', 'GroupId');
  for (const [id, it] of sgItems) {
    const v = it.v;
    c.fields('SecurityGroups', v, F.SecurityGroups);
    const vpc = vpcOf(cx, v, it, 'SG_VPC_MISSING', `security group ${id}`, '(none: EC2-Classic)');
    if (!vpc) continue;
    const o: Obj = { id };
    RECORD_OF.set(o, v); // cited in SecurityGroups.json
    put(o, 'name', nameTag(v) ?? str(v, 'GroupName'));
    put(o, 'description', str(v, 'Description'));
    o.vpc = vpc;
    // Every VPC has a security group named `default`.
    // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
    if (str(v, 'GroupName') === 'default') o.default = true;
    sgs.set(id, o);
  }
}

/** Interfaces (read first, so that their duplicates are noted before the addresses'), Elastic IPs by interface
 *  and private address, and the interfaces that belong to VPC endpoints. */
function readAddresses(cx: Conversion): void {
  const { c, eip, endpointEnis } = cx;
  byId(cx, 'NetworkInterfaces', 'NetworkInterfaceId');
  // An Elastic IP names the interface and private address it is associated with.
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Address.html
  for (const [, it] of byId(cx, 'Addresses', 'PublicIp')) {
    c.fields('Addresses', it.v, F.Addresses);
    const eni = str(it.v, 'NetworkInterfaceId');
    const priv = str(it.v, 'PrivateIpAddress');
    if (eni && priv) eip.set(`${eni}|${priv}`, str(it.v, 'PublicIp')!);
    else c.ignore('Elastic IPs not associated with an interface');
  }
  for (const it of I(cx, 'VpcEndpoints')) for (const e of strings(it.v, 'NetworkInterfaceIds')) endpointEnis.add(e);
}

/** Instances, with their primary interface's addresses; their other interfaces become networkInterfaces. */
function convertInstances(cx: Conversion): void {
  const { c, instances, enis, primaryOf, consumed } = cx;
  const eniItems = byId(cx, 'NetworkInterfaces', 'NetworkInterfaceId');
  for (const [id, it] of byId(cx, 'Reservations', 'InstanceId')) {
    const v = it.v;
    c.fields('Instances', v, F.Instances);
    const st = stateOf(v) ?? 'running';
    if (isGone(cx, id, st, 'terminated instances')) {
      for (const [e] of list(v, 'NetworkInterfaces')) if (str(e, 'NetworkInterfaceId')) consumed.add(str(e, 'NetworkInterfaceId')!);
      continue;
    }
    if (st === 'stopped' || st === 'stopping') c.ignore('instance state (stopped instances are imported as reachable)');
    // The interface at device index 0 is the primary one; its addresses are the instance's.
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceNetworkInterfaceAttachment.html
    const embedded = list(v, 'NetworkInterfaces');
    const primaryEmb =
      embedded.find(([e]) => num(rec(e, 'Attachment'), 'DeviceIndex') === 0) ??
      embedded.find(([e]) => str(e, 'PrivateIpAddress') === str(v, 'PrivateIpAddress')) ??
      embedded[0];
    let src: Rec;
    let at: Item;
    let sub: string;
    if (primaryEmb) {
      const eniId = str(primaryEmb[0], 'NetworkInterfaceId');
      const full = eniId ? eniItems.get(eniId) : undefined;
      [src, at, sub] = full ? [full.v, full, ''] : [primaryEmb[0], it, `.NetworkInterfaces[${primaryEmb[1]}]`];
    } else {
      // No interfaces listed: the instance-level fields describe its primary interface.
      src = {
        PrivateIpAddress: v.PrivateIpAddress,
        SubnetId: v.SubnetId,
        SourceDestCheck: v.SourceDestCheck,
        Groups: v.SecurityGroups,
        ...(typeof v.PublicIpAddress === 'string' ? { Association: { PublicIp: v.PublicIpAddress } } : {}),
      };
      [at, sub] = [it, ''];
    }
    for (const [e] of embedded) if (str(e, 'NetworkInterfaceId')) consumed.add(str(e, 'NetworkInterfaceId')!);
    const subnet = str(src, 'SubnetId') ?? str(v, 'SubnetId');
    if (!inSubnet(cx, subnet, 'INSTANCE_SUBNET_MISSING', `instance ${id}`, at, sub)) continue;
    const a = addressing(cx, src, at, sub, `instance ${id}`);
    if (!a) continue;
    if (a.publicIp === undefined && str(v, 'PublicIpAddress')) a.publicIp = str(v, 'PublicIpAddress');
    const o = resource(id, v);
    o.subnet = subnet;
    Object.assign(o, a);
    if (bool(v, 'SourceDestCheck') === false) o.sourceDestCheck = false;
    put(o, 'interfaceId', str(src, 'NetworkInterfaceId'));
    instances.set(id, o);
    if (str(src, 'NetworkInterfaceId')) primaryOf.set(str(src, 'NetworkInterfaceId')!, id);

    // Further interfaces of the instance become networkInterfaces with `instance:`.
    for (const [e, k] of embedded) {
      if (primaryEmb && e === primaryEmb[0]) continue;
      const eniId = str(e, 'NetworkInterfaceId');
      if (!eniId) continue;
      const full = eniItems.get(eniId);
      const [esrc, eat, esub] = full ? [full.v, full, ''] : [e, it, `.NetworkInterfaces[${k}]`];
      const es = str(esrc, 'SubnetId');
      if (!inSubnet(cx, es, 'ENI_SUBNET_MISSING', `network interface ${eniId} of instance ${id}`, eat, esub)) continue;
      const ea = addressing(cx, esrc, eat, esub, `network interface ${eniId}`);
      if (!ea) continue;
      const eo = resource(eniId, esrc);
      eo.subnet = es;
      Object.assign(eo, ea);
      eo.instance = id;
      enis.set(eniId, eo);
    }
  }
}

function convertNetworkInterfaces(cx: Conversion): void {
  const { c, endpointEnis, instances, enis, consumed } = cx;
  const eniItems = byId(cx, 'NetworkInterfaces', 'NetworkInterfaceId');
  // Interfaces not attached to an imported instance: load balancers, Lambda, RDS, unattached ...
  for (const [id, it] of eniItems) {
    const v = it.v;
    c.fields('NetworkInterfaces', v, F.NetworkInterfaces);
    if (consumed.has(id)) continue;
    const type = str(v, 'InterfaceType') ?? 'interface';
    if (OWNED_ENI_TYPES.has(type) || endpointEnis.has(id)) continue;
    const subnet = str(v, 'SubnetId');
    if (!inSubnet(cx, subnet, 'ENI_SUBNET_MISSING', `network interface ${id}`, it)) continue;
    const a = addressing(cx, v, it, '', `network interface ${id}`);
    if (!a) continue;
    const o = resource(id, v);
    put(o, 'description', str(v, 'Description'));
    o.subnet = subnet;
    Object.assign(o, a);
    const inst = str(rec(v, 'Attachment'), 'InstanceId');
    if (inst && instances.has(inst)) o.instance = inst;
    enis.set(id, o);
  }
}

/** VPC endpoints. */
function convertVpcEndpoints(cx: Conversion): void {
  const { c, region, unmodelled, endpoints } = cx;
  const eniItems = byId(cx, 'NetworkInterfaces', 'NetworkInterfaceId');
  for (const [id, it] of byId(cx, 'VpcEndpoints', 'VpcEndpointId')) {
    const v = it.v;
    c.fields('VpcEndpoints', v, F.VpcEndpoints);
    if (isGone(cx, id, stateOf(v) ?? 'available', 'deleted or rejected VPC endpoints')) continue;
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html (vpcEndpointType)
    const type = (str(v, 'VpcEndpointType') ?? '').toLowerCase();
    if (type === 'gatewayloadbalancer') {
      const vpc = vpcOf(cx, v, it, 'VPCE_VPC_MISSING', `VPC endpoint ${id}`);
      const o = vpc ? gatewayLoadBalancerEndpoint(gwlbInput(cx), cx.gwlb, id, vpc, it) : undefined;
      if (o) {
        RECORD_OF.set(o, v);
        endpoints.set(id, o);
        cx.inspectionEndpoints.add(id);
      } else unmodelled.set(id, 'is a Gateway Load Balancer endpoint left out of the import (see the warning about it)');
      continue;
    }
    if (type !== 'gateway' && type !== 'interface') {
      c.ignore(`VPC endpoints of type ${str(v, 'VpcEndpointType') ?? 'unknown'}`);
      unmodelled.set(id, `is a ${str(v, 'VpcEndpointType') ?? 'unknown'} endpoint, which vpcsim does not model`);
      continue;
    }
    const vpc = vpcOf(cx, v, it, 'VPCE_VPC_MISSING', `VPC endpoint ${id}`);
    if (!vpc) continue;
    const service = str(v, 'ServiceName');
    if (!service) {
      c.warn('VPCE_NO_SERVICE', `VPC endpoint ${id} has no ServiceName; skipped`, it, '.ServiceName');
      continue;
    }
    const m = /^com\.amazonaws\.([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})\.(.+)$/.exec(service);
    const o = resource(id, v);
    o.vpc = vpc;
    o.type = type;
    o.service = m && m[1] === region ? m[2] : service;
    if (type === 'gateway') {
      o.routeTables = strings(v, 'RouteTableIds'); // filtered once route tables are known
    } else {
      interfaceEndpointFields(cx, id, it, o, eniItems);
    }
    endpoints.set(id, o);
  }
}

/** An interface endpoint's subnets, private addresses (from its ENIs) and security groups. */
function interfaceEndpointFields(cx: Conversion, id: string, it: Item, o: Obj, eniItems: Map<string, Item>): void {
  const { c, subnets, sgs } = cx;
  const v = it.v;
  put(
    o,
    'subnets',
    strings(v, 'SubnetIds')
      .filter(
        (s) => subnets.has(s) || (c.warn('VPCE_SUBNET_MISSING', `VPC endpoint ${id} uses subnet ${s}, which is not in the dump`, it, '.SubnetIds'), false),
      )
      .filter(
        (s) =>
          subnets.get(s)!.cidr !== undefined ||
          (c.warn(
            'VPCE_IPV6_ONLY_SUBNET',
            `VPC endpoint ${id} has an interface in IPv6-only subnet ${s}, which vpcsim does not model yet; left out`,
            it,
            '.SubnetIds',
          ),
          false),
      ),
  );
  const ips: string[] = [];
  for (const e of strings(v, 'NetworkInterfaceIds')) {
    const ip = str(eniItems.get(e)?.v, 'PrivateIpAddress');
    if (ip) ips.push(ip);
  }
  if (ips.length === 0 && strings(v, 'NetworkInterfaceIds').length > 0) {
    c.warn(
      'VPCE_IPS_UNKNOWN',
      `the addresses of VPC endpoint ${id} are not in the dump (its interfaces are not in describe-network-interfaces)`,
      it,
      '.NetworkInterfaceIds',
    );
  }
  put(o, 'privateIps', ips);
  put(
    o,
    'securityGroups',
    list(v, 'Groups')
      .map(([g]) => str(g, 'GroupId'))
      .filter((g): g is string => g !== undefined && sgs.has(g)),
  );
}

/** Prefix lists. */
function convertPrefixLists(cx: Conversion): void {
  const { dump, c, region, pls } = cx;
  const plItems = byId(cx, 'PrefixLists', 'PrefixListId');
  const mplItems = byId(cx, 'ManagedPrefixLists', 'PrefixListId');
  for (const id of uniq([...plItems.keys(), ...mplItems.keys(), ...dump.prefixListEntries.keys()])) {
    const p = plItems.get(id);
    const mp = mplItems.get(id);
    if (p) c.fields('PrefixLists', p.v, F.PrefixLists);
    if (mp) c.fields('ManagedPrefixLists', mp.v, F.ManagedPrefixLists);
    const plName = str(p?.v, 'PrefixListName') ?? str(mp?.v, 'PrefixListName');
    const cidrs = uniq([...strings(p?.v, 'Cidrs'), ...(dump.prefixListEntries.get(id)?.cidrs ?? [])]);
    const o: Obj = { id };
    const rec = mp ?? p;
    if (rec) RECORD_OF.set(o, rec.v); // cited in its describe-* file
    put(o, 'name', (mp && nameTag(mp.v)) ?? plName);
    // AWS-managed lists are named com.amazonaws.<region>.<service>.
    // https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html
    const sm = plName ? /^com\.amazonaws\.([a-z0-9-]+)\.(s3|dynamodb)$/.exec(plName) : null;
    if (sm && sm[1] === region) o.service = sm[2];
    o.cidrs = cidrs;
    if (cidrs.length === 0) {
      c.warn('PREFIX_LIST_EMPTY', `prefix list ${id} has no entries in the dump (add get-managed-prefix-list-entries --prefix-list-id ${id})`, mp ?? p);
    }
    pls.set(id, o);
  }
}

/** Route tables. */
function convertRouteTables(cx: Conversion): void {
  const { c, subnets, vgws, rts } = cx;
  const edgeAssoc: [string, string][] = [];
  const rtItems = byId(cx, 'RouteTables', 'RouteTableId');
  // Gateway endpoints list their route tables; the route table lists the endpoint's prefix-list route.
  for (const [id, it] of rtItems) {
    const v = it.v;
    c.fields('RouteTables', v, F.RouteTables);
    const vpc = vpcOf(cx, v, it, 'RT_VPC_MISSING', `route table ${id}`);
    if (!vpc) continue;
    const o = resource(id, v);
    o.vpc = vpc;
    for (const [a, ai] of list(v, 'Associations')) {
      const ast = stateOf(a, 'AssociationState') ?? 'associated';
      if (ast !== 'associated') continue;
      if (bool(a, 'Main') === true) o.main = true;
      const s = str(a, 'SubnetId');
      const gw = str(a, 'GatewayId');
      if (s) {
        const so = subnets.get(s);
        if (so) so.routeTable = id;
        else c.warn('RT_SUBNET_MISSING', `route table ${id} is associated with subnet ${s}, which is not in the dump`, it, `.Associations[${ai}].SubnetId`);
      }
      if (gw) edgeAssoc.push([gw, id]);
    }
    const prop: string[] = [];
    for (const [p, pi] of list(v, 'PropagatingVgws')) {
      const g = str(p, 'GatewayId');
      if (g && vgws.has(g)) prop.push(g);
      else if (g)
        c.warn('RT_PROP_VGW_MISSING', `route table ${id} propagates routes from ${g}, which is not in the dump`, it, `.PropagatingVgws[${pi}].GatewayId`);
    }
    put(o, 'propagatingGateways', uniq(prop));
    rts.set(id, o);
  }
  convertEdgeAssociations(cx, edgeAssoc);
}

/** Edge associations: a gateway (internet or virtual private) with its own route table (ingress routing), written once
 * the routes are known (src/import/aws-inspection.ts). https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html */
function convertEdgeAssociations(cx: Conversion, edgeAssoc: [string, string][]): void {
  const { igws, vgws } = cx;
  const rtItems = byId(cx, 'RouteTables', 'RouteTableId');
  for (const [gw, rt] of edgeAssoc) if (igws.has(gw) || vgws.has(gw)) cx.edges.push([gw, rt, rtItems.get(rt)]);
}

/** The routes of each route table; then each gateway endpoint keeps the route tables that are in the import. */
function convertRoutes(cx: Conversion): void {
  const { c, endpoints, rts } = cx;
  const rtItems = byId(cx, 'RouteTables', 'RouteTableId');
  let endpointRoutes = 0;
  for (const [id, it] of rtItems) {
    const o = rts.get(id);
    if (!o) continue;
    const routes: Obj[] = [];
    const seen = new Set<string>();
    for (const [r, ri] of list(it.v, 'Routes')) if (convertRoute(cx, id, it, r, ri, routes, seen)) endpointRoutes++;
    put(o, 'routes', routes);
  }
  if (endpointRoutes) c.note(`${endpointRoutes} gateway endpoint routes are written as the endpoints' routeTables`);
  for (const [, ep] of endpoints) {
    if (ep.type === 'gateway') {
      ep.routeTables = (ep.routeTables as string[]).filter((r) => rts.has(r));
      if ((ep.routeTables as string[]).length === 0) delete ep.routeTables;
    }
  }
}

/** One route of route table `id`, added to `routes` (or to its VPN's on-premises prefixes); true for a gateway endpoint's route. */
function convertRoute(cx: Conversion, id: string, it: Item, r: Rec, ri: number, routes: Obj[], seen: Set<string>): boolean {
  const { c, gone, unmodelled, vpnsByVgw } = cx;
  const sub = `.Routes[${ri}]`;
  const dest = str(r, 'DestinationCidrBlock') ?? str(r, 'DestinationIpv6CidrBlock') ?? str(r, 'DestinationPrefixListId');
  if (!dest) {
    c.warn('ROUTE_NO_DESTINATION', `a route in ${id} has no destination; skipped`, it, sub);
    return false;
  }
  const gwId = str(r, 'GatewayId');
  // The local route for each VPC CIDR is implicit in the format.
  // https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#route-table-routes
  if (gwId === 'local') return false;
  if (seen.has(dest)) return false;
  const targetRaw =
    str(r, 'NatGatewayId') ??
    str(r, 'TransitGatewayId') ??
    str(r, 'VpcPeeringConnectionId') ??
    str(r, 'EgressOnlyInternetGatewayId') ??
    str(r, 'InstanceId') ??
    str(r, 'NetworkInterfaceId') ??
    gwId ??
    str(r, 'LocalGatewayId') ??
    str(r, 'CarrierGatewayId') ??
    str(r, 'CoreNetworkArn');
  const isPl = dest.startsWith('pl-');
  if (isPl) needPl(cx, dest, it, `${sub}.DestinationPrefixListId`, `route table ${id}`);
  const blackhole = (why: string) => {
    routes.push({ destination: dest, blackhole: true });
    seen.add(dest);
    c.warn('ROUTE_BLACKHOLE', `route ${dest} in ${id} ${why}; imported as a blackhole route`, it, sub);
  };
  // State blackhole: the target is gone (deleted NAT gateway, terminated instance, detached gateway).
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html (state)
  if (stateOf(r) === 'blackhole') {
    blackhole(
      `points at ${targetRaw ?? 'a target that no longer exists'}${targetRaw && gone.has(targetRaw) ? `, which ${gone.get(targetRaw)}` : ''} (AWS reports State: blackhole)`,
    );
    return false;
  }
  if (!targetRaw) {
    blackhole('has no target');
    return false;
  }
  const found = routeTarget(cx, r, id, isPl, targetRaw);
  if (found === 'endpoint') {
    seen.add(dest);
    return true;
  }
  const { target, why } = found;
  if (!target) {
    blackhole(`goes to ${targetRaw}, which ${gone.get(targetRaw) ?? unmodelled.get(targetRaw) ?? why}`);
    return false;
  }
  // Propagated routes (Origin EnableVgwRoutePropagation) come from the virtual private gateway: they are
  // its VPN's on-premises prefixes. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html
  if (str(r, 'Origin') === 'EnableVgwRoutePropagation') {
    const vpnsOf = vpnsByVgw.get(target) ?? [];
    if (vpnsOf.length === 1) {
      addOnPrem(cx, vpnsOf[0]!, dest, `propagated routes of route table ${id}`);
      seen.add(dest);
      return false;
    }
    if (formatHas('routeTables', 'routes', 'origin')) routes.push({ destination: dest, target, origin: 'propagated' });
    else {
      routes.push({ destination: dest, target });
      c.ignore('route origin of propagated routes written as plain routes (no key in format v1 yet)');
    }
    seen.add(dest);
    return false;
  }
  routes.push({ destination: dest, target });
  seen.add(dest);
  return false;
}

/** The target a route names, when it is in the import; else why not. A gateway endpoint's route is listed in the
 *  endpoint instead ('endpoint'). */
function routeTarget(cx: Conversion, r: Rec, id: string, isPl: boolean, targetRaw: string): { target?: string; why: string } | 'endpoint' {
  const { c, igws, eigws, vgws, nats, pcxs, tgws, instances, enis, primaryOf, endpoints } = cx;
  const gwId = str(r, 'GatewayId');
  let target: string | undefined;
  let why = 'is not in the dump';
  const inst = str(r, 'InstanceId');
  const eniId = str(r, 'NetworkInterfaceId');
  if (str(r, 'NatGatewayId')) target = nats.has(targetRaw) ? targetRaw : undefined;
  else if (str(r, 'TransitGatewayId')) target = tgws.has(targetRaw) ? targetRaw : undefined;
  else if (str(r, 'VpcPeeringConnectionId')) target = pcxs.has(targetRaw) ? targetRaw : undefined;
  else if (str(r, 'EgressOnlyInternetGatewayId')) target = eigws.has(targetRaw) ? targetRaw : undefined;
  else if (inst || eniId) {
    // A route to an instance names the instance when it is its primary interface, else the interface.
    if (eniId && enis.has(eniId)) target = eniId;
    else if (eniId && primaryOf.has(eniId)) target = primaryOf.get(eniId);
    else if (inst && instances.has(inst)) target = inst;
  } else if (gwId) {
    if (igws.has(gwId) || vgws.has(gwId)) target = gwId;
    else if (cx.inspectionEndpoints.has(gwId)) target = gwId;
    else if (gwId.startsWith('vpce-')) {
      const ep = endpoints.get(gwId);
      if (ep && ep.type === 'gateway' && isPl) {
        // A gateway endpoint's route is written as the endpoint's route table list.
        const list0 = ep.routeTables as string[];
        if (!list0.includes(id)) list0.push(id);
        return 'endpoint';
      }
      if (ep) why = `is an interface endpoint, which is not a route target`;
    }
  } else {
    c.ignore('routes to local gateways, carrier gateways or core networks');
    why = 'is a kind of target vpcsim does not model';
  }
  return { target, why };
}

/** Network ACLs. */
function convertNetworkAcls(cx: Conversion): void {
  const { c, subnets, acls } = cx;
  for (const [id, it] of byId(cx, 'NetworkAcls', 'NetworkAclId')) {
    const v = it.v;
    c.fields('NetworkAcls', v, F.NetworkAcls);
    const vpc = vpcOf(cx, v, it, 'ACL_VPC_MISSING', `network ACL ${id}`);
    if (!vpc) continue;
    const isDefault = bool(v, 'IsDefault') === true;
    const o = resource(id, v);
    o.vpc = vpc;
    if (isDefault) o.default = true;
    const inbound: Obj[] = [];
    const outbound: Obj[] = [];
    for (const [e, ei] of list(v, 'Entries')) {
      const rule = num(e, 'RuleNumber');
      // The last rule, `*` (32767, and 32768 for IPv6), denies what no rule matched; it cannot be changed
      // and is implicit in the format. https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
      if (rule === undefined || rule > 32766) continue;
      const proto = protocolOf(str(e, 'Protocol') ?? String(e.Protocol ?? ''));
      const action = str(e, 'RuleAction');
      if (proto === undefined || (action !== 'allow' && action !== 'deny')) {
        c.warn(
          'ACL_ENTRY_BAD',
          `network ACL ${id} rule ${rule} has protocol ${String(e.Protocol)} / action ${String(e.RuleAction)} that cannot be read; skipped`,
          it,
          `.Entries[${ei}]`,
        );
        continue;
      }
      const ro: Obj = { rule, protocol: proto };
      // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html
      const range = rec(e, 'PortRange');
      const icmp = rec(e, 'IcmpTypeCode');
      putPorts(ro, proto, num(range, 'From'), num(range, 'To'), num(icmp, 'Type'), num(icmp, 'Code'));
      const v4 = str(e, 'CidrBlock');
      const v6 = str(e, 'Ipv6CidrBlock');
      if (v4) ro.cidr = v4;
      else if (v6) ro.ipv6Cidr = v6;
      else {
        c.warn('ACL_ENTRY_BAD', `network ACL ${id} rule ${rule} has no CIDR; skipped`, it, `.Entries[${ei}]`);
        continue;
      }
      ro.action = action;
      (bool(e, 'Egress') === true ? outbound : inbound).push(ro);
    }
    const byRule = (a: Obj, b: Obj) => (a.rule as number) - (b.rule as number);
    o.inbound = inbound.sort(byRule);
    o.outbound = outbound.sort(byRule);
    for (const [a, ai] of list(v, 'Associations')) {
      const s = str(a, 'SubnetId');
      if (!s) continue;
      const so = subnets.get(s);
      if (!so) {
        c.warn('ACL_SUBNET_MISSING', `network ACL ${id} is associated with subnet ${s}, which is not in the dump`, it, `.Associations[${ai}].SubnetId`);
        continue;
      }
      // A subnet without networkAcl uses its VPC's default ACL, so only other associations are written.
      if (!isDefault) so.networkAcl = id;
    }
    acls.set(id, o);
  }
}

/** Security group rules. */
function convertSgRules(cx: Conversion): void {
  const { sgs } = cx;
  const sgItems = byId(cx, 'SecurityGroups', 'GroupId');
  for (const [id, it] of sgItems) {
    const o = sgs.get(id);
    if (!o) continue;
    o.inbound = sgRules(cx, it, 'IpPermissions', 'source', id);
    // An explicit empty egress list means no outbound traffic: written as `outbound: []`.
    o.outbound = sgRules(cx, it, 'IpPermissionsEgress', 'destination', id);
  }
}

/** Transit gateway route tables get their propagations and routes. */
function completeTgwRouteTablesAndVpns(cx: Conversion): void {
  const { vpns, onPrem, tgwRts, propagations, tgwRoutes } = cx;
  for (const [id, o] of tgwRts) {
    put(o, 'propagations', propagations.get(id));
    put(o, 'routes', [...(tgwRoutes.get(id)?.values() ?? [])]);
  }

  // ---------- VPN connections get their on-premises prefixes
  for (const [id, o] of vpns) {
    const set = onPrem.get(id);
    if (set && set.size) o.onPremisesCidrs = [...set];
  }
}

function assembleTopology(cx: Conversion, lbs: LbLists & DxLists, firewalls: FirewallLists): Built {
  const {
    dump,
    name,
    region,
    igws,
    eigws,
    vpcs,
    subnets,
    vgws,
    nats,
    vpns,
    onPremSources,
    pcxs,
    tgws,
    tgwRts,
    atts,
    sgs,
    instances,
    enis,
    endpoints,
    pls,
    rts,
    acls,
  } = cx;
  const topology: TopologyDraft = { version: 1, name };
  if (dump.accounts.length === 1) topology.account = dump.accounts[0];
  topology.region = region;
  // which conversion holds each list; written in the format's order (src/aws/kinds.ts)
  const lists: Partial<Record<AwsListKey, Map<string, Obj>>> = {
    vpcs,
    subnets,
    internetGateways: igws,
    egressOnlyInternetGateways: eigws,
    natGateways: nats,
    vpnGateways: vgws,
    vpnConnections: vpns,
    peeringConnections: pcxs,
    routeTables: rts,
    vpcEndpoints: endpoints,
    networkAcls: acls,
    securityGroups: sgs,
    instances,
    networkInterfaces: enis,
    transitGateways: tgws,
    transitGatewayAttachments: atts,
    transitGatewayRouteTables: tgwRts,
    prefixLists: pls,
  };
  for (const k of LIST_KEYS) {
    const m = lists[k];
    if (m?.size) topology[k] = [...m.values()];
  }
  const more = { ...lbs, gatewayLoadBalancers: cx.gwlb.gatewayLoadBalancers, ...firewalls };
  for (const [k, l] of Object.entries(more)) if (l.length && isListKey(k)) topology[k] = l;
  return { topology, onPremSources };
}

/** tcp/udp/icmp/icmpv6/all or an IP protocol number, from SG names ("tcp", "-1") or NACL numbers ("6"). */
export function protocolOf(p: string): string | number | undefined {
  const s = p.trim().toLowerCase();
  // Names and numbers per https://www.iana.org/assignments/protocol-numbers; -1 = all protocols.
  const names: Record<string, string> = {
    '-1': 'all',
    all: 'all',
    '6': 'tcp',
    tcp: 'tcp',
    '17': 'udp',
    udp: 'udp',
    '1': 'icmp',
    icmp: 'icmp',
    '58': 'icmpv6',
    icmpv6: 'icmpv6',
  };
  if (s in names) return names[s];
  if (/^\d{1,3}$/.test(s) && Number(s) <= 255) return Number(s);
  return undefined;
}

/** A port range as the format writes it: 443, "1024-65535", or undefined for all ports. */
export function portsOf(from: number | undefined, to: number | undefined): number | string | undefined {
  if (from === undefined || from < 0) return undefined;
  const t = to === undefined || to < 0 ? from : to;
  if (from === 0 && t === 65535) return undefined;
  return from === t ? from : `${from}-${t}`;
}

/** Validates and normalises a CIDR given on the command line or in an overlay. */
export function normaliseCidr(text: string): { ok: true; value: string } | { ok: false; error: string } {
  const p = parseCidr(text.trim());
  if (!p.ok) return p;
  return { ok: true, value: formatPrefix(p.value) };
}
