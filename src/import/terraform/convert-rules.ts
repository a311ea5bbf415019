// Security groups and network ACLs, with their inline and separate rules merged without duplicates.
import type { Obj } from '../aws-types.js';
import { portsOf, protocolOf } from '../aws-convert.js';
import { type Ctx, assume, base, bool, isUnknown, num, recs, str, strs } from './context.js';
import { ctxOf, constantsOf } from './convert-net.js';
import { type Rec, type TfResource, isRec } from './model.js';

/** Rules already on each security group or ACL, by direction, to merge without duplicates. */
const seen = new WeakMap<Obj, Set<string>>();

function push(o: Obj, dir: 'inbound' | 'outbound', rule: Obj): void {
  let s = seen.get(o);
  if (!s) seen.set(o, (s = new Set()));
  const { description: _d, ...rest } = rule;
  const key = `${dir} ${JSON.stringify(rest)}`;
  if (s.has(key)) return;
  s.add(key);
  if (!Array.isArray(o[dir])) o[dir] = [];
  (o[dir] as Obj[]).push(rule);
}

/** Protocol, ports or ICMP type/code of a rule. From/to port carry the ICMP type and code for icmp and icmpv6 (-1: all). */
function match(
  c: Ctx,
  r: TfResource,
  protocol: unknown,
  from: number | undefined,
  to: number | undefined,
  icmp?: { type?: number; code?: number },
): Obj | undefined {
  const p = protocolOf(String(protocol ?? ''));
  if (p === undefined) {
    c.warn('BAD_RULE', `a rule with protocol ${JSON.stringify(protocol)} (unknown until apply, or not a protocol) is left out`, r.address);
    return undefined;
  }
  const o: Obj = { protocol: p };
  if (p === 'tcp' || p === 'udp') {
    const ports = portsOf(from, to);
    if (ports !== undefined) o.ports = ports;
  } else if (p === 'icmp' || p === 'icmpv6') {
    const type = icmp ? icmp.type : from;
    const code = icmp ? icmp.code : to;
    if (type !== undefined && type >= 0) o.icmpType = type;
    if (code !== undefined && code >= 0) o.icmpCode = code;
  }
  return o;
}

/** Security-group peers of a rule: known ids, else the block's (or resource's) configuration references. */
function groupPeers(c: Ctx, r: TfResource, v: Rec, key: string, block: Rec | undefined): string[] {
  const known = strs(v, key);
  if (known.length > 0) return known.map((id) => c.idOf(c.resolver.fromId(id), r, 'security-group', 'security group')!).filter(Boolean);
  const ts = block ? c.resolver.expr(ctxOf(r), block[key], true) : c.resolver.link(r, key, true);
  return ts.map((t) => c.idOf(t, r, 'security-group', 'security group')).filter((x): x is string => x !== undefined);
}

/** An inline rule of aws_security_group / aws_default_security_group, or an aws_security_group_rule, as format rules (one per peer). */
function sgRules(c: Ctx, r: TfResource, sgId: string, v: Rec, block: Rec | undefined, peerKey: 'source' | 'destination', groupKey: string): Obj[] {
  const m = match(c, r, v.protocol, num(v, 'from_port'), num(v, 'to_port'));
  if (!m) return [];
  const peers = [...strs(v, 'cidr_blocks'), ...strs(v, 'ipv6_cidr_blocks')];
  for (const pl of strs(v, 'prefix_list_ids')) peers.push(c.idOf(c.resolver.fromId(pl), r, 'prefix-list', 'prefix list')!);
  if (strs(v, 'prefix_list_ids').length === 0 && block)
    for (const t of c.resolver.expr(ctxOf(r), block.prefix_list_ids, true)) peers.push(c.idOf(t, r, 'prefix-list', 'prefix list')!);
  peers.push(...groupPeers(c, r, v, groupKey, block));
  if (bool(v, 'self')) peers.push(sgId);
  const description = str(v, 'description');
  const known = peers.filter(Boolean);
  if (known.length === 0)
    c.warn(
      'SKIPPED',
      `an ${peerKey === 'source' ? 'ingress' : 'egress'} rule (${String(v.protocol)} ${String(v.from_port)}-${String(v.to_port)}) whose peers are unknown until apply is left out`,
      r.address,
    );
  return known.map((p) => ({ ...m, [peerKey]: p, ...(description ? { description } : {}) }));
}

/** The configuration block of a set element: same protocol and ports. */
function blockFor(v: Rec, blocks: Rec[]): Rec | undefined {
  const k = (x: Rec) => `${String(x.protocol)} ${String(x.from_port)} ${String(x.to_port)}`;
  return blocks.find((b) => k(constantsOf(b)) === k(v));
}

/** Inline rules of one direction: known values, else the configuration blocks' constants. */
function inline(c: Ctx, r: TfResource, o: Obj, attr: 'ingress' | 'egress'): void {
  const dir = attr === 'ingress' ? 'inbound' : 'outbound';
  const peerKey = attr === 'ingress' ? 'source' : 'destination';
  const blocks = recs(isRec(r.config) && isRec(r.config.expressions) ? r.config.expressions[attr] : undefined);
  const values = recs(r.values[attr]);
  const items: [Rec, Rec | undefined][] =
    values.length > 0 || !isUnknown(r, attr) ? values.map((v) => [v, blockFor(v, blocks)]) : blocks.map((b) => [constantsOf(b), b]);
  for (const [v, b] of items) for (const rule of sgRules(c, r, String(o.id), v, b, peerKey, 'security_groups')) push(o, dir, rule);
}

// https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html — inbound from itself, all outbound (IPv6 too with an IPv6 CIDR)
export function awsDefaultSg(c: Ctx, vpc: Obj, id: string): Obj {
  const o: Obj = {
    id,
    vpc: vpc.id,
    default: true,
    name: 'default',
    description: `default security group of ${String(vpc.id)} (AWS default rules)`,
    inbound: [{ protocol: 'all', source: id }],
    outbound: [{ protocol: 'all', destination: '0.0.0.0/0' }],
  };
  if (vpc.ipv6Cidr) (o.outbound as Obj[]).push({ protocol: 'all', destination: '::/0' });
  return o;
}

export function convertSecurityGroup(c: Ctx, r: TfResource): void {
  const isDefault = r.type === 'aws_default_security_group';
  const vpc = isDefault ? ([...c.defaultSg].find(([, id]) => id === r.address)?.[0] ?? c.one(r, 'vpc_id', 'vpc', 'VPC')) : c.one(r, 'vpc_id', 'vpc', 'VPC');
  if (!vpc) {
    c.warn('SKIPPED', 'no VPC (an EC2-Classic group, or a VPC that cannot be resolved); left out', r.address);
    return;
  }
  const o = c.add('securityGroups', { ...base(r), vpc, ...(isDefault ? { default: true } : {}), inbound: [], outbound: [] }, r);
  inline(c, r, o, 'ingress');
  const egressUnknown = r.values.egress === undefined || r.values.egress === null;
  const configured = isRec(r.config) && isRec(r.config.expressions) && 'egress' in r.config.expressions;
  if (!egressUnknown || configured) inline(c, r, o, 'egress');
  else if (!r.config) assume(c, o, r, 'its egress rules are not in the file; modelled as none');
  // No egress block → no egress rule: "By default, AWS creates an ALLOW ALL egress rule when creating a new
  // Security Group inside of a VPC. When creating a new Security Group inside a VPC, Terraform will remove this
  // default rule, and require you specifically re-create it if you desire that rule."
  // (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group, NOTE on Egress rules);
  // a managed default group loses all rules it is not given
  // (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group).
}

/** aws_security_group_rule, aws_vpc_security_group_ingress_rule and _egress_rule. */
export function convertSgRule(c: Ctx, r: TfResource): void {
  const sg = c.one(r, 'security_group_id', 'security-group', 'security group');
  const o = sg ? c.get(sg, 'securityGroups') : undefined;
  if (!sg || !o) {
    c.warn('SKIPPED', 'its security group is not in the file; left out', r.address);
    return;
  }
  const v = r.values;
  let rules: Obj[];
  let ingress: boolean;
  if (r.type === 'aws_security_group_rule') {
    ingress = v.type === 'ingress';
    rules = sgRules(c, r, sg, v, undefined, ingress ? 'source' : 'destination', 'source_security_group_id');
  } else {
    ingress = r.type === 'aws_vpc_security_group_ingress_rule';
    const m = match(c, r, v.ip_protocol, num(v, 'from_port'), num(v, 'to_port'));
    const peers = [str(v, 'cidr_ipv4'), str(v, 'cidr_ipv6')].filter((x): x is string => x !== undefined);
    const pl = c.resolver.link(r, 'prefix_list_id')[0];
    if (pl) peers.push(c.idOf(pl, r, 'prefix-list', 'prefix list')!);
    const ref = c.resolver.link(r, 'referenced_security_group_id')[0];
    if (ref) peers.push(c.idOf(ref, r, 'security-group', 'security group')!);
    const description = str(v, 'description');
    rules = m ? peers.filter(Boolean).map((p) => ({ ...m, [ingress ? 'source' : 'destination']: p, ...(description ? { description } : {}) })) : [];
  }
  if (rules.length === 0) c.warn('SKIPPED', 'a rule with no peer known before apply is left out', r.address);
  for (const rule of rules) push(o, ingress ? 'inbound' : 'outbound', { ...rule, description: rule.description ?? r.address });
  c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
}

// https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html — allows all inbound and outbound IPv4 (and IPv6 with an IPv6 CIDR)
export function awsDefaultAcl(vpc: Obj, id: string): Obj {
  const rules: Obj[] = [{ rule: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }];
  if (vpc.ipv6Cidr) rules.push({ rule: 101, protocol: 'all', ipv6Cidr: '::/0', action: 'allow' });
  return {
    id,
    vpc: vpc.id,
    default: true,
    description: `default network ACL of ${String(vpc.id)} (AWS default rules)`,
    inbound: rules,
    outbound: rules.map((x) => ({ ...x })),
  };
}

function aclRule(c: Ctx, r: TfResource, v: Rec, numberKey: string, actionKey: string): Obj | undefined {
  const n = num(v, numberKey);
  const action = str(v, actionKey);
  const m = match(c, r, v.protocol, num(v, 'from_port'), num(v, 'to_port'), { type: num(v, 'icmp_type'), code: num(v, 'icmp_code') });
  if (n === undefined || (action !== 'allow' && action !== 'deny') || !m) {
    c.warn('BAD_RULE', 'a network ACL rule without a rule number, action or protocol known before apply is left out', r.address);
    return undefined;
  }
  const o: Obj = { rule: n, ...m, action };
  const cidr = str(v, 'cidr_block');
  const v6 = str(v, 'ipv6_cidr_block');
  if (cidr) o.cidr = cidr;
  else if (v6) o.ipv6Cidr = v6;
  else {
    c.warn('BAD_RULE', `network ACL rule ${n} has no CIDR known before apply; left out`, r.address);
    return undefined;
  }
  return o;
}

export function convertNetworkAcl(c: Ctx, r: TfResource): void {
  const isDefault = r.type === 'aws_default_network_acl';
  const vpc = isDefault ? ([...c.defaultAcl].find(([, id]) => id === r.address)?.[0] ?? c.one(r, 'vpc_id', 'vpc', 'VPC')) : c.one(r, 'vpc_id', 'vpc', 'VPC');
  if (!vpc) {
    c.warn('SKIPPED', 'its VPC cannot be resolved; left out', r.address);
    return;
  }
  // Terraform leaves a managed default ACL only the rules it is given (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_network_acl).
  const o = c.add('networkAcls', { ...base(r), vpc, ...(isDefault ? { default: true } : {}), inbound: [], outbound: [] }, r);
  for (const [attr, dir] of [
    ['ingress', 'inbound'],
    ['egress', 'outbound'],
  ] as const) {
    const values = recs(r.values[attr]);
    const items =
      values.length > 0 || !isUnknown(r, attr)
        ? values
        : recs(isRec(r.config) && isRec(r.config.expressions) ? r.config.expressions[attr] : undefined).map(constantsOf);
    for (const v of items) {
      const rule = aclRule(c, r, v, 'rule_no', 'action');
      if (rule) push(o, dir, rule);
    }
  }
  for (const s of c.many(r, 'subnet_ids', undefined, 'subnet')) associateAcl(c, r, s, String(o.id));
}

function associateAcl(c: Ctx, r: TfResource, subnet: string, acl: string): void {
  const s = c.get(subnet, 'subnets');
  if (!s) c.warn('SKIPPED', `subnet ${subnet} is not in the file; its association is left out`, r.address);
  else s.networkAcl = acl;
}

export function convertAclRule(c: Ctx, r: TfResource): void {
  const acl = c.one(r, 'network_acl_id', undefined, 'network ACL');
  const o = acl ? c.get(acl, 'networkAcls') : undefined;
  if (!o) {
    c.warn('SKIPPED', 'its network ACL is not in the file; left out', r.address);
    return;
  }
  const rule = aclRule(c, r, r.values, 'rule_number', 'rule_action');
  if (!rule) return;
  push(o, bool(r.values, 'egress') ? 'outbound' : 'inbound', { ...rule, description: r.address });
  c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
}

export function convertAclAssociation(c: Ctx, r: TfResource): void {
  const acl = c.one(r, 'network_acl_id', undefined, 'network ACL');
  const subnet = c.one(r, 'subnet_id', undefined, 'subnet');
  if (!acl || !subnet) {
    c.warn('SKIPPED', 'its network ACL or subnet cannot be resolved; left out', r.address);
    return;
  }
  associateAcl(c, r, subnet, acl);
  c.imported[r.type] = (c.imported[r.type] ?? 0) + 1;
}
