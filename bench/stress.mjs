// Hostile-but-valid (or hostile-and-invalid) inputs whose cost used to grow quadratically, for `npm run bench`
// and for measuring the loader at its documented limits (docs/limits.md). Every function returns file text.

const ip = (n) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** One route table holding `n` distinct routes to a peering connection (VPC015 shadowed routes). */
export function manyRoutes(n) {
  const routes = [];
  // Distinct /24s and /28s under 100.64.0.0/10, interleaved so that some are nested in others.
  for (let i = 0; i < n; i++) {
    const base = (100 << 24) | (64 << 16) | ((i * 16) & 0x3fffff);
    const len = i % 3 === 0 ? 24 : 28;
    const masked = len === 24 ? base & ~0xff : base & ~0xf;
    routes.push(`{"destination":"${ip(masked >>> 0)}/${len}","target":"pcx-1"}`);
  }
  const uniq = [...new Set(routes)];
  return `{"version":1,"vpcs":[{"id":"vpc-a","cidr":"10.0.0.0/16"},{"id":"vpc-b","cidr":"10.1.0.0/16"}],
"peeringConnections":[{"id":"pcx-1","requester":"vpc-a","accepter":"vpc-b"}],
"routeTables":[{"id":"rt-a","vpc":"vpc-a","routes":[
${uniq.join(',\n')}
]}]}
`;
}

/** One network ACL with `n` inbound rules, numbered 1..n, over assorted CIDRs and ports (VPC011 shadowed rules). */
export function manyAclRules(n) {
  const rules = [];
  for (let i = 0; i < n; i++) {
    const len = [8, 16, 24, 32][i % 4];
    const addr = (((i * 2654435761) >>> 0) & (len === 32 ? 0xffffffff : ~((1 << (32 - len)) - 1))) >>> 0;
    const lo = (i * 37) % 60000;
    rules.push(`{"number":${i + 1},"protocol":"tcp","ports":"${lo}-${lo + (i % 50)}","cidr":"${ip(addr)}/${len}","action":"${i % 2 ? 'deny' : 'allow'}"}`);
  }
  return `{"version":1,"vpcs":[{"id":"vpc-a","cidr":"10.0.0.0/16"}],
"networkAcls":[{"id":"acl-a","vpc":"vpc-a","inbound":[
${rules.join(',\n')}
],"outbound":[]}]}
`;
}

/** `n` security groups and `n` instances, each naming a security group that does not exist (did-you-mean). */
export function unknownReferences(n) {
  const sgs = [];
  const instances = [];
  for (let i = 0; i < n; i++) {
    sgs.push(`  - { id: sg-${i}, vpc: vpc-a }`);
    instances.push(`  - { id: i-${i}, subnet: s-a, privateIp: ${ip((10 << 24) + 16 + i)}, securityGroups: [sg-missing-${i}] }`);
  }
  return `version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]
subnets: [ { id: s-a, vpc: vpc-a, cidr: 10.0.0.0/16 } ]
securityGroups:
${sgs.join('\n')}
instances:
${instances.join('\n')}
`;
}

/** A YAML file of about `values` scalar values in short flow lists, the shape that made the YAML parser's memory blow up. */
export function manyYamlValues(values) {
  const perLine = 20;
  const lines = ['version: 1', 'vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]', 'prefixLists:'];
  for (let n = 0, i = 0; n < values; i++, n += perLine + 2) {
    lines.push(`  - { id: pl-${i}, cidrs: [${Array.from({ length: perLine }, () => '1').join(',')}] }`);
  }
  return `${lines.join('\n')}\n`;
}
