// Network ACLs, the default ACL AWS adds to each VPC, and their numbered rules.
import type { Path } from '../load/diagnostics.js';
import { formatPrefix, mustCidr } from '../net/ip.js';
import type * as M from './model.js';
import { MAX_NACL_RULE_NUMBER } from '../aws/limits.js';
import { type Binder, type Draft, type Raw, ItemSrc, arr, src, str, vpcIn } from './context.js';
import { ALL_TRAFFIC, aclRuleOf, cachedMatch } from './factories.js';

/** Network ACLs and their rules. */
export function bindNetworkAcls(b: Binder, t: Draft): void {
  const { networkAcls } = t;
  b.each('networkAcls', (raw, path) => {
    const vpc = vpcIn(b, raw, path);
    if (!vpc) return;
    const acl = b.register<M.NetworkAcl>({
      kind: 'network-acl',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      vpc,
      isDefault: raw.default === true,
      implicit: false,
      inbound: aclRules(b, raw, path, 'inbound'),
      outbound: aclRules(b, raw, path, 'outbound'),
      subnets: [],
    });
    if (acl.isDefault) {
      if (vpc.defaultNetworkAcl)
        b.error('MULTIPLE_DEFAULTS', `VPC '${vpc.id}' already has default network ACL '${vpc.defaultNetworkAcl.id}'`, [...path, 'default']);
      else vpc.defaultNetworkAcl = acl;
    }
    networkAcls.push(acl);
  });
}

/** Every VPC without a declared default network ACL gets the AWS default one. */
export function addDefaultNetworkAcls(b: Binder, t: Draft): void {
  const { vpcs, networkAcls } = t;
  for (const vpc of vpcs) {
    if (vpc.defaultNetworkAcl) continue;
    // https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html — the default ACL allows all inbound and outbound IPv4 (and IPv6) traffic
    const allow = (number: number, cidr: string): M.NetworkAclRule => aclRuleOf(ALL_TRAFFIC, number, mustCidr(cidr), 'allow', undefined);
    const rules = [allow(100, '0.0.0.0/0'), ...(vpc.ipv6Cidrs.length ? [allow(101, '::/0')] : [])];
    const acl: M.NetworkAcl = {
      kind: 'network-acl',
      id: `${vpc.id}:default-acl`,
      src: vpc.src,
      vpc,
      isDefault: true,
      implicit: true,
      inbound: rules,
      outbound: rules,
      subnets: [],
    };
    vpc.defaultNetworkAcl = acl;
    networkAcls.push(acl);
    b.byId.set(acl.id, acl);
  }
}

function aclRules(b: Binder, raw: Raw, path: Path, dir: 'inbound' | 'outbound'): M.NetworkAclRule[] {
  const rules: M.NetworkAclRule[] = [];
  const numbers = new Map<number, number>();
  const listPath: Path = [...path, dir];
  const list = arr(raw[dir]);
  for (let j = 0; j < list.length; j++) {
    const r = (list[j] ?? {}) as Raw;
    if (typeof r.rule !== 'number') continue;
    const rule = aclRule(b, r as Raw & { rule: number }, raw, listPath, j, dir, numbers);
    if (rule) rules.push(rule);
  }
  return rules.sort((x, y) => x.number - y.number);
}

/** One numbered rule; undefined once reported. Its path and message text are built only for a diagnostic. */
function aclRule(
  b: Binder,
  r: Raw & { rule: number },
  raw: Raw,
  listPath: Path,
  j: number,
  dir: string,
  numbers: Map<number, number>,
): M.NetworkAclRule | undefined {
  const what = () => `${dir} rule ${String(r.rule ?? `#${j + 1}`)} of network ACL '${String(raw.id)}'`;
  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html — rule numbers 1 to 32766, evaluated lowest first
  if (!Number.isInteger(r.rule) || r.rule < 1 || r.rule > MAX_NACL_RULE_NUMBER)
    return void b.error('INVALID_RULE_NUMBER', `${what()}: rule number must be 1-${MAX_NACL_RULE_NUMBER}`, [...listPath, j, 'rule']);
  if (numbers.has(r.rule))
    return void b.error('DUPLICATE_RULE_NUMBER', `${what()}: rule number ${r.rule} is already used by ${dir} rule #${numbers.get(r.rule)! + 1}`, [
      ...listPath,
      j,
      'rule',
    ]);
  numbers.set(r.rule, j);
  if ((r.cidr === undefined) === (r.ipv6Cidr === undefined))
    return void b.error(r.cidr === undefined ? 'MISSING_KEY' : 'CONFLICTING_KEYS', `${what()}: needs exactly one of cidr (IPv4) or ipv6Cidr (IPv6)`, [
      ...listPath,
      j,
    ]);
  const key = r.cidr !== undefined ? 'cidr' : 'ipv6Cidr';
  const cidr = b.cidr(r[key], () => [...listPath, j, key], what);
  if (!cidr) return undefined;
  if ((key === 'cidr') !== (cidr.family === 4))
    return void b.error('INVALID_CIDR', `${what()}: ${key} ${formatPrefix(cidr)} is IPv${cidr.family}; use ${cidr.family === 4 ? 'cidr' : 'ipv6Cidr'}`, [
      ...listPath,
      j,
      key,
    ]);
  const m = cachedMatch(b, r, listPath, j, what);
  if (!m) return undefined;
  return aclRuleOf(m, r.rule, cidr, r.action === 'deny' ? 'deny' : 'allow', new ItemSrc(listPath, j));
}
