// Network interfaces: declared ones, and the ones instances, endpoints and load balancers get.
import type { Path } from '../load/diagnostics.js';
import { type Addr, formatAddr, formatPrefix } from '../net/ip.js';
import type * as M from './model.js';
import { checkPrivate, claim, claimPublic, isPrivateSpace } from './addresses.js';
import { type At, type Binder, type Draft, type Mutable, type Raw, arr, src, str, subnetIn } from './context.js';

/** An interface to bind: an instance's primary interface, a declared one, or an interface endpoint's. */
export interface EniSpec {
  /** the id users wrote (an instance's id for its primary interface), used in messages */
  id: string;
  eniId?: string;
  name?: string;
  path: Path;
  subnet: M.Subnet;
  rawIp: unknown;
  ipPath: At;
  secondary?: unknown;
  ipv6?: unknown;
  publicIp?: unknown;
  secondaryPublic?: unknown;
  sgs?: unknown;
  sourceDestCheck?: unknown;
  sourceNat?: unknown;
  explicit: boolean;
}

export function makeEni(b: Binder, t: Draft, o: EniSpec): M.NetworkInterface | undefined {
  const { interfaces, interfaceByIp, interfaceByPublicIp } = t;
  const { subnet, path } = o;
  const vpc = subnet.vpc;
  const v6only = subnet.cidr === undefined;
  if (!checkIpv4Keys(b, o, subnet)) return undefined;
  const privateIp = v6only ? undefined : (b.ip(o.rawIp, o.ipPath, () => `private IP of '${o.id}'`, 4) as number | undefined);
  if (!v6only && privateIp === undefined) return undefined;
  if (privateIp !== undefined && (!checkPrivate(b, subnet, privateIp, o.id, o.ipPath) || !claim(b, t, vpc, privateIp, o.id, o.ipPath))) return undefined;
  const secondaryPrivateIps = ownAddresses(b, t, o, 'secondaryPrivateIps', o.secondary, 'secondary IP', 4) as number[];
  const ipv6Addresses = ownAddresses(b, t, o, 'ipv6Addresses', o.ipv6, 'IPv6 address', 6) as bigint[];
  if (v6only && ipv6Addresses.length === 0) return undefined; // reported above: none given, or none valid
  const { publicIp, secondaryPublicIps } = bindPublicIps(b, t, o, secondaryPrivateIps);
  const securityGroups = interfaceGroups(b, o, vpc);
  if (!securityGroups) return undefined;
  const eni: M.NetworkInterface = {
    kind: 'network-interface',
    id: o.eniId ?? o.id,
    name: o.name,
    src: src(path),
    subnet,
    vpc,
    privateIp,
    secondaryPrivateIps,
    ipv6Addresses,
    publicIp,
    securityGroups,
    sourceDestCheck: o.sourceDestCheck !== false,
    sourceNat: o.sourceNat !== false,
    owner: { type: 'none' },
    explicit: o.explicit,
  };
  if (secondaryPublicIps.length) (eni as Mutable<M.NetworkInterface>).secondaryPublicIps = secondaryPublicIps;
  for (const sg of securityGroups) sg.members.push(eni);
  subnet.interfaces.push(eni);
  interfaces.push(eni);
  if (privateIp !== undefined && !interfaceByIp.has(privateIp)) interfaceByIp.set(privateIp, eni);
  for (const a of secondaryPrivateIps) if (!interfaceByIp.has(a)) interfaceByIp.set(a, eni);
  for (const a of ipv6Addresses) if (!interfaceByIp.has(a)) interfaceByIp.set(a, eni);
  if (publicIp !== undefined) interfaceByPublicIp.set(publicIp, eni);
  for (const x of secondaryPublicIps) interfaceByPublicIp.set(x.publicIp, eni);
  return eni;
}

/** The secondary private IPv4 or the IPv6 addresses of an interface that are valid and its own (the others are reported). */
function ownAddresses(b: Binder, t: Draft, o: EniSpec, key: string, list: unknown, label: string, family: 4 | 6): Addr[] {
  const out: Addr[] = [];
  if (!Array.isArray(list)) return out;
  for (let j = 0; j < list.length; j++) {
    const p: Path = [...o.path, key, j];
    const a = b.ip(list[j], p, `${label} of '${o.id}'`, family);
    if (a !== undefined && checkPrivate(b, o.subnet, a, o.id, p) && claim(b, t, o.subnet.vpc, a, o.id, p)) out.push(a);
  }
  return out;
}

/** An interface's security groups, each in its VPC, or the VPC's default group; undefined once reported. */
function interfaceGroups(b: Binder, o: EniSpec, vpc: M.Vpc): M.SecurityGroup[] | undefined {
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyNetworkInterfaceAttribute.html — "You must specify at
  // least one group, even if it's just the default security group in the VPC."
  if (Array.isArray(o.sgs) && o.sgs.length === 0) {
    b.error(
      'NO_SECURITY_GROUPS',
      `'${o.id}' has an empty securityGroups list; every interface has at least one security group`,
      [...o.path, 'securityGroups'],
      {
        hint: "leave the key out to use the VPC's default security group",
      },
    );
    return undefined;
  }
  // Literals, not pushes, where they do: an array grown by push keeps room for 17 items, and most interfaces have one group.
  if (!Array.isArray(o.sgs)) return [vpc.defaultSecurityGroup];
  if (o.sgs.length === 1) {
    const sg = groupAt(b, o, o.sgs, 0, vpc);
    return sg ? [sg] : [];
  }
  const securityGroups: M.SecurityGroup[] = [];
  for (let j = 0; j < o.sgs.length; j++) {
    const sg = groupAt(b, o, o.sgs, j, vpc);
    if (sg && !securityGroups.includes(sg)) securityGroups.push(sg);
  }
  return securityGroups;
}

/** The security group at `sgs[j]`, in the interface's VPC; undefined once reported. */
function groupAt(b: Binder, o: EniSpec, sgs: unknown[], j: number, vpc: M.Vpc): M.SecurityGroup | undefined {
  const sg = b.ref(sgs[j], SECURITY_GROUP, () => [...o.path, 'securityGroups', j], 'security group');
  if (!sg || sg.vpc === vpc) return sg;
  b.error('CROSS_VPC_REFERENCE', `security group '${sg.id}' is in VPC '${sg.vpc.id}', but '${o.id}' is in VPC '${vpc.id}'`, [...o.path, 'securityGroups', j]);
  return undefined;
}

const SECURITY_GROUP = ['security-group'] as const;

/** An interface's public IPv4 (publicIp) and its Elastic IPs per secondary private IP. */
function bindPublicIps(
  b: Binder,
  t: Draft,
  o: EniSpec,
  secondaryPrivateIps: number[],
): { publicIp: number | undefined; secondaryPublicIps: { privateIp: number; publicIp: number }[] } {
  const { path } = o;
  let publicIp: number | undefined;
  if (o.publicIp !== undefined) {
    const p = () => [...path, 'publicIp'];
    const a = b.ip(o.publicIp, p, () => `public IP of '${o.id}'`, 4) as number | undefined;
    if (a !== undefined) {
      if (isPrivateSpace(a)) b.error('INVALID_PUBLIC_IP', `public IP ${formatAddr(a)} of '${o.id}' is in private address space`, p());
      else if (claimPublic(b, t, a, o.id, p)) publicIp = a;
    }
  }
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html — an Elastic IP per private IP
  const secondaryPublicIps: { privateIp: number; publicIp: number }[] = [];
  arr(o.secondaryPublic).forEach((v, j) => {
    const p: Path = [...path, 'secondaryPublicIps', j];
    const r = (v ?? {}) as Raw;
    const priv = b.ip(r.privateIp, [...p, 'privateIp'], `private IP of an Elastic IP of '${o.id}'`, 4) as number | undefined;
    const pub = b.ip(r.publicIp, [...p, 'publicIp'], `Elastic IP of '${o.id}'`, 4) as number | undefined;
    if (priv === undefined || pub === undefined) return;
    if (!secondaryPrivateIps.includes(priv))
      return b.error('INVALID_REFERENCE', `${formatAddr(priv)} is not a secondary private IP of '${o.id}'`, [...p, 'privateIp'], {
        hint: 'list it in secondaryPrivateIps (the primary private IP takes publicIp)',
      });
    if (isPrivateSpace(pub)) return b.error('INVALID_PUBLIC_IP', `public IP ${formatAddr(pub)} of '${o.id}' is in private address space`, [...p, 'publicIp']);
    if (secondaryPublicIps.some((x) => x.privateIp === priv))
      return b.error('DUPLICATE_IP', `${formatAddr(priv)} of '${o.id}' already has an Elastic IP`, [...p, 'privateIp']);
    if (claimPublic(b, t, pub, o.id, [...p, 'publicIp'])) secondaryPublicIps.push({ privateIp: priv, publicIp: pub });
  });
  return { publicIp, secondaryPublicIps };
}

/**
 * The IPv4 keys of an interface against its subnet: privateIp is required in a subnet with an IPv4 CIDR and not
 * allowed in an IPv6-only one, where an interface has no IPv4 address at all
 * (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html — IPv6-only subnets have no IPv4 CIDR block).
 */
function checkIpv4Keys(
  b: Binder,
  o: { id: string; path: Path; rawIp: unknown; ipPath: At; ipv6?: unknown; publicIp?: unknown; secondary?: unknown; secondaryPublic?: unknown },
  subnet: M.Subnet,
): boolean {
  if (subnet.cidr !== undefined) {
    if (o.rawIp !== undefined) return true;
    b.error('MISSING_KEY', `'${o.id}' is missing required key 'privateIp' (subnet '${subnet.id}' has IPv4 cidr ${formatPrefix(subnet.cidr)})`, o.path);
    return false;
  }
  const keys = [
    ['privateIp', o.rawIp],
    ['publicIp', o.publicIp],
    ['secondaryPrivateIps', o.secondary],
    ['secondaryPublicIps', o.secondaryPublic],
  ] as const;
  const bad = keys.find(([, v]) => v !== undefined);
  if (!bad && arr(o.ipv6).length === 0) {
    b.error('MISSING_KEY', `'${o.id}' is in IPv6-only subnet '${subnet.id}' and needs ipv6Addresses`, o.path, {
      hint: 'an interface in an IPv6-only subnet has no private IPv4 address',
    });
    return false;
  }
  if (!bad) return true;
  b.error('IP_OUTSIDE_SUBNET', `'${o.id}' has ${bad[0]} but subnet '${subnet.id}' is IPv6-only (no IPv4 cidr)`, [...o.path, bad[0]], {
    hint: `remove ${bad[0]}, or give subnet '${subnet.id}' an IPv4 cidr`,
  });
  return false;
}

/** The interface keys an instance and a declared network interface are written with. */
/** The spec of an interface as written (an instance's primary one, or a declared one), built as one object. */
export function writtenInterface(raw: Raw & { id: string }, path: Path, subnet: M.Subnet, eniId: string | undefined, explicit: boolean): EniSpec {
  return {
    id: raw.id,
    eniId,
    explicit,
    name: str(raw.name),
    path,
    subnet,
    rawIp: raw.privateIp,
    ipPath: () => [...path, 'privateIp'],
    secondary: raw.secondaryPrivateIps,
    ipv6: raw.ipv6Addresses,
    publicIp: raw.publicIp,
    secondaryPublic: raw.secondaryPublicIps,
    sgs: raw.securityGroups,
    sourceDestCheck: raw.sourceDestCheck,
    sourceNat: raw.sourceNat,
  };
}

/** Declared network interfaces, attached to an instance in the same Availability Zone. */
export function bindNetworkInterfaces(b: Binder, t: Draft): void {
  b.each('networkInterfaces', (raw, path) => {
    const subnet = subnetIn(b, raw, path);
    if (!subnet) return;
    const eni = makeEni(b, t, writtenInterface(raw, path, subnet, undefined, true));
    if (!eni) return;
    b.register(eni);
    if (raw.instance !== undefined) {
      const inst = b.ref(raw.instance, ['instance'], [...path, 'instance'], 'instance');
      if (inst) {
        // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html — an interface attaches to an instance in the same Availability Zone
        if (inst.subnet.az !== subnet.az)
          b.error('CROSS_AZ_ATTACHMENT', `network interface '${raw.id}' is in ${subnet.az} but instance '${inst.id}' is in ${inst.subnet.az}`, [
            ...path,
            'instance',
          ]);
        else if (inst.subnet.vpc !== subnet.vpc)
          b.error('CROSS_VPC_REFERENCE', `network interface '${raw.id}' is in VPC '${subnet.vpc.id}' but instance '${inst.id}' is in '${inst.subnet.vpc.id}'`, [
            ...path,
            'instance',
          ]);
        else {
          inst.interfaces.push(eni);
          eni.owner = { type: 'instance', instance: inst };
        }
      }
    }
  });
}
