// Users coming from Terraform or the AWS API type those names (cidr_block, CidrBlock, ingress, IpPermissions,
// gateway_id, vpc_security_group_ids, from_port/to_port…). An unknown key that is such a spelling gets a
// did-you-mean naming vpcsim's key, and one mistake gives one error: the "missing required key" the misspelled key
// would have filled, and the to_port beside a from_port, are dropped.
import type { Diagnostic, Path } from './diagnostics.js';

/** Foreign spelling (lower case, without _ and -) → vpcsim key; `source|destination` depends on the rule's direction. */
const SPELLINGS: Record<string, string> = {
  cidrblock: 'cidr',
  ipv4cidrblock: 'cidr',
  ipv6cidrblock: 'ipv6Cidr',
  ingress: 'inbound',
  ippermissions: 'inbound',
  egress: 'outbound',
  ippermissionsegress: 'outbound',
  gatewayid: 'target',
  natgatewayid: 'target',
  transitgatewayid: 'target',
  vpcpeeringconnectionid: 'target',
  networkinterfaceid: 'target',
  vpcendpointid: 'target',
  egressonlygatewayid: 'target',
  destinationcidrblock: 'destination',
  destinationipv6cidrblock: 'destination',
  vpcsecuritygroupids: 'securityGroups',
  securitygroupids: 'securityGroups',
  groups: 'securityGroups',
  fromport: 'ports',
  toport: 'ports',
  cidrblocks: 'source|destination',
  ipv6cidrblocks: 'source|destination',
  ipranges: 'source|destination',
  vpcid: 'vpc',
  subnetid: 'subnet',
  privateip: 'privateIp',
  privateipaddress: 'privateIp',
  availabilityzone: 'az',
  routetableid: 'routeTable',
  ipprotocol: 'protocol',
};

const norm = (k: string) => k.toLowerCase().replace(/[_-]/g, '');
const samePath = (a: Path, b: Path) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The vpcsim key a foreign spelling stands for at `path`, if that key is one the place accepts. */
function suggestion(d: Diagnostic): { key: string; foreign: string } | undefined {
  const foreign = d.path?.[d.path.length - 1];
  if (typeof foreign !== 'string') return undefined;
  let key = SPELLINGS[norm(foreign)];
  if (!key) return undefined;
  if (key === 'source|destination') key = d.path!.includes('outbound') ? 'destination' : 'source';
  const expected = /expected one of: (.*)$/.exec(d.hint ?? d.message)?.[1]?.split(/,\s*/) ?? [];
  return expected.includes(key) ? { key, foreign } : undefined;
}

/** The key a MISSING_KEY diagnostic asks for. */
function missingKey(d: Diagnostic): string | undefined {
  return /missing (?:required key )?'([^']+)'/.exec(d.message)?.[1] ?? (/needs a target/.test(d.message) ? 'target' : undefined);
}

export function spellingHints(diagnostics: Diagnostic[]): Diagnostic[] {
  const hinted = new Map<Diagnostic, { key: string; foreign: string }>();
  for (const d of diagnostics) {
    if (d.code !== 'UNKNOWN_KEY' || !d.path) continue;
    const s = suggestion(d);
    if (s) hinted.set(d, s);
  }
  if (!hinted.size) return diagnostics;
  const drop = new Set<Diagnostic>();
  const fixes = [...hinted.entries()];
  for (const d of diagnostics) {
    if (d.code !== 'MISSING_KEY' || !d.path) continue;
    const want = missingKey(d);
    if (fixes.some(([u, s]) => s.key === want && samePath(u.path!.slice(0, -1), d.path!))) drop.add(d);
  }
  // from_port and to_port together are one mistake
  for (const [u, s] of fixes) {
    if (norm(s.foreign) !== 'toport') continue;
    if (fixes.some(([o, t]) => norm(t.foreign) === 'fromport' && samePath(o.path!.slice(0, -1), u.path!.slice(0, -1)))) drop.add(u);
  }
  return diagnostics
    .filter((d) => !drop.has(d))
    .map((d) => {
      const s = hinted.get(d);
      if (!s) return d;
      const hint =
        s.key === 'ports' ? "write one key, ports: 22 or ports: '1024-65535', instead of from_port and to_port" : `rename '${s.foreign}' to '${s.key}'`;
      return { ...d, message: `${d.message}: did you mean '${s.key}'? '${s.foreign}' is the Terraform or AWS API spelling`, hint };
    });
}
