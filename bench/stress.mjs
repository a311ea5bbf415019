// Hostile-but-valid (or hostile-and-invalid) inputs whose cost used to grow quadratically, for `npm run bench`
// and for measuring the loader at its documented limits (docs/limits.md). Every function returns file text.

const ip = (n) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** One route table holding `n` distinct routes to an internet gateway (VPC015 shadowed routes): /24s, and in every
 *  other /24 its sixteen /28s too, which make that /24 unused. */
export function manyRoutes(n) {
  const routes = [];
  for (let k = 0; routes.length < n; k++) {
    const block = ((100 << 24) | (64 << 16) | (k << 8)) >>> 0;
    routes.push(`{"destination":"${ip(block)}/24","target":"igw-1"}`);
    if (k % 2 === 0) for (let s = 0; s < 16 && routes.length < n; s++) routes.push(`{"destination":"${ip(block + s * 16)}/28","target":"igw-1"}`);
  }
  return `{"version":1,"vpcs":[{"id":"vpc-a","cidr":"10.0.0.0/16"}],
"internetGateways":[{"id":"igw-1","vpc":"vpc-a"}],
"routeTables":[{"id":"rt-a","vpc":"vpc-a","routes":[
${routes.join(',\n')}
]}]}
`;
}

/** One network ACL with `n` inbound rules, numbered 1..n, over assorted CIDRs and ports (VPC011 shadowed rules). */
export function manyAclRules(n) {
  const rules = [];
  for (let i = 0; i < n; i++) {
    const len = i % 10 === 0 ? 8 : [16, 24, 32][i % 3];
    // A few dozen /8s, so that longer CIDRs fall inside earlier shorter ones and some rules are shadowed.
    const addr = ((((i % 7) + 1) << 24) | (((i * 2654435761) >>> 8) & 0xffffff)) >>> 0;
    const masked = (addr & (len === 32 ? 0xffffffff : ~((1 << (32 - len)) - 1))) >>> 0;
    const lo = (i * 37) % 60000;
    // every tenth rule is broad (a /8, a thousand ports) and hides some of the rules after it
    const hi = lo + (i % 10 === 0 ? 1000 : i % 50);
    rules.push(`{"rule":${i + 1},"protocol":"tcp","ports":"${lo}-${hi}","cidr":"${ip(masked)}/${len}","action":"${i % 2 ? 'deny' : 'allow'}"}`);
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
