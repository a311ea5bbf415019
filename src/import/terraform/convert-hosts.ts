// Instances, network interfaces, NAT gateways and Elastic IPs. An address the plan leaves unknown is
// given a stand-in, and the stand-in is reported as an assumption (warning and description).
import type { Obj } from '../aws-types.js';
import { type Ctx, assume, base, bool, isUnknown, num, str, strs } from './context.js';
import type { TfResource } from './model.js';
import { parseCidr } from '../../net/ip.js';

const nextHost = new WeakMap<Ctx, Map<string, number>>();

/** A stand-in private IPv4 address in a subnet: after the four addresses AWS reserves at the start
 * (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html), counting up. */
function standInPrivateIp(c: Ctx, subnet: Obj): string | undefined {
  const p = typeof subnet.cidr === 'string' ? parseCidr(subnet.cidr) : undefined;
  if (!p || !p.ok || p.value.family !== 4) return undefined;
  let m = nextHost.get(c);
  if (!m) nextHost.set(c, (m = new Map()));
  const n = (m.get(String(subnet.id)) ?? 4) + 1;
  m.set(String(subnet.id), n);
  const size = 2 ** (32 - p.value.len);
  if (n >= size - 1) return undefined;
  const a = (Number(p.value.base) + n) >>> 0;
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
}

function placeInSubnet(c: Ctx, r: TfResource, o: Obj, ipKey: string): Obj | undefined {
  const subnet = c.one(r, 'subnet_id', undefined, 'subnet');
  const s = subnet ? c.get(subnet, 'subnets') : undefined;
  if (!s) {
    c.warn('SKIPPED', `its subnet ${subnet ? `${subnet} is not in the file` : 'cannot be resolved'}; left out`, r.address);
    return undefined;
  }
  o.subnet = subnet;
  const ip = str(r.values, ipKey) ?? strs(r.values, 'private_ips')[0];
  if (ip) o.privateIp = ip;
  else {
    const standIn = standInPrivateIp(c, s);
    if (!standIn) {
      c.warn('SKIPPED', 'its private IP is unknown until apply and its subnet has no IPv4 address to stand in; left out', r.address);
      return undefined;
    }
    o.privateIp = standIn;
    assume(c, o, r, `private IP assigned at launch, unknown until apply; ${standIn} stands in`, true);
  }
  return s;
}

export function convertInstance(c: Ctx, r: TfResource): void {
  const o = base(r);
  const s = placeInSubnet(c, r, o, 'private_ip');
  if (!s) return;
  const secondary = strs(r.values, 'secondary_private_ips');
  if (secondary.length) o.secondaryPrivateIps = secondary;
  const v6 = strs(r.values, 'ipv6_addresses');
  if (v6.length) o.ipv6Addresses = v6;
  else if ((num(r.values, 'ipv6_address_count') ?? 0) > 0)
    assume(c, o, r, 'IPv6 addresses assigned at launch are unknown until apply; the instance is modelled without IPv6');
  const sgs = c.many(r, 'vpc_security_group_ids', 'security-group', 'security group');
  // No group given: AWS uses the VPC's default group (https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html).
  if (sgs.length) o.securityGroups = sgs;
  const sdc = bool(r.values, 'source_dest_check');
  if (sdc === false) o.sourceDestCheck = false;
  const eni = str(r.values, 'primary_network_interface_id');
  if (eni) {
    o.interfaceId = eni;
    c.alias.set(eni, r.address);
  }
  publicIp(c, r, o, String(o.subnet));
  c.add('instances', o, r);
}

/**
 * The instance's public IPv4 address: known; or assigned at launch (associate_public_ip_address, else the
 * subnet's map_public_ip_on_launch: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#subnet-public-ip)
 * but unknown, so a stand-in; or none.
 */
function publicIp(c: Ctx, r: TfResource, o: Obj, subnet: string): void {
  const known = str(r.values, 'public_ip');
  if (known) {
    o.publicIp = known;
    return;
  }
  if (!isUnknown(r, 'public_ip')) return;
  const asked = bool(r.values, 'associate_public_ip_address');
  const byDefault = c.subnetPublic.get(subnet);
  if (asked === false || (asked === undefined && byDefault === false)) return;
  if (asked === undefined && byDefault === undefined) {
    assume(
      c,
      o,
      r,
      `whether it gets a public IP is unknown until apply (associate_public_ip_address and the subnet's map_public_ip_on_launch are not known); modelled without one`,
    );
    return;
  }
  o.publicIp = c.synthPublicIp();
  assume(
    c,
    o,
    r,
    `a public IP is assigned at launch (${asked ? 'associate_public_ip_address' : `map_public_ip_on_launch of ${subnet}`}) but its address is unknown until apply; ${String(o.publicIp)} stands in`,
  );
}

export function convertNetworkInterface(c: Ctx, r: TfResource): void {
  const o = base(r);
  const s = placeInSubnet(c, r, o, 'private_ip');
  if (!s) return;
  const ips = strs(r.values, 'private_ips').filter((ip) => ip !== o.privateIp);
  if (ips.length) o.secondaryPrivateIps = ips;
  const v6 = strs(r.values, 'ipv6_addresses');
  if (v6.length) o.ipv6Addresses = v6;
  const sgs = c.many(r, 'security_groups', 'security-group', 'security group');
  if (sgs.length) o.securityGroups = sgs;
  if (bool(r.values, 'source_dest_check') === false) o.sourceDestCheck = false;
  const att = Array.isArray(r.values.attachment) ? (r.values.attachment as Record<string, unknown>[])[0] : undefined;
  const inst = att && typeof att.instance === 'string' ? c.idOf(c.resolver.fromId(att.instance), r, undefined, 'instance') : undefined;
  if (inst && c.get(inst, 'instances')) o.instance = inst;
  c.add('networkInterfaces', o, r);
}

export function convertEniAttachment(c: Ctx, r: TfResource): void {
  const eni = c.one(r, 'network_interface_id', undefined, 'network interface');
  const inst = c.one(r, 'instance_id', undefined, 'instance');
  const o = eni ? c.get(eni, 'networkInterfaces') : undefined;
  if (!o || !inst || !c.get(inst, 'instances')) {
    c.warn('SKIPPED', 'its interface or instance cannot be resolved; left out', r.address);
    return;
  }
  o.instance = inst;
  c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
}

/** Public address of an Elastic IP, or a stand-in when it is allocated by this plan. */
function eipAddress(c: Ctx, eip: TfResource | undefined, o: Obj, r: TfResource): string {
  const known = eip ? str(eip.values, 'public_ip') : undefined;
  if (known) return known;
  const ip = c.synthPublicIp();
  assume(c, o, r, `the Elastic IP ${eip?.address ?? ''} is allocated at apply, its address unknown; ${ip} stands in`.replace('  ', ' '));
  return ip;
}

export function convertNatGateway(c: Ctx, r: TfResource): void {
  const o = base(r);
  const s = placeInSubnet(c, r, o, 'private_ip');
  if (!s) return;
  const connectivity = str(r.values, 'connectivity_type') ?? 'public';
  o.connectivity = connectivity;
  if (connectivity === 'public') {
    const t = c.target(r, 'allocation_id', 'Elastic IP');
    const eip = t && 'res' in t ? t.res : undefined;
    o.publicIp = str(r.values, 'public_ip') ?? eipAddress(c, eip, o, r);
  }
  const eni = str(r.values, 'network_interface_id');
  if (eni) {
    o.interfaceId = eni;
    c.alias.set(eni, r.address);
  }
  c.add('natGateways', o, r);
}

/** aws_eip with `instance` or `network_interface`, and aws_eip_association: the public IP of an instance or interface. */
export function convertEip(c: Ctx, r: TfResource): void {
  const isAssoc = r.type === 'aws_eip_association';
  const instT = c.resolver.link(r, isAssoc ? 'instance_id' : 'instance')[0] ?? c.resolver.link(r, isAssoc ? 'network_interface_id' : 'network_interface')[0];
  if (!instT) {
    if (!isAssoc) c.imported[r.type] = (c.imported[r.type] ?? 0) + 1; // allocated only, or used by a NAT gateway
    return;
  }
  const id = c.idOf(instT, r, undefined, 'instance');
  const o = id ? (c.get(id, 'instances') ?? c.get(id, 'networkInterfaces') ?? c.get(id, 'natGateways')) : undefined;
  if (o && o.connectivity !== undefined) {
    // a NAT gateway's own address: the NAT gateway has it already
    c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
    return;
  }
  if (!o) {
    c.warn('SKIPPED', 'the instance or interface it is associated with is not in the file; left out', r.address);
    return;
  }
  const eipT = isAssoc ? c.resolver.link(r, 'allocation_id')[0] : { res: r };
  const eip = eipT && 'res' in eipT ? eipT.res : undefined;
  const ip = str(r.values, 'public_ip') ?? eipAddress(c, eip, o, r);
  const privateIp = str(r.values, isAssoc ? 'private_ip_address' : 'associate_with_private_ip');
  if (privateIp && privateIp !== o.privateIp) o.secondaryPublicIps = [...((o.secondaryPublicIps as Obj[]) ?? []), { privateIp, publicIp: ip }];
  else o.publicIp = ip;
  c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
}
