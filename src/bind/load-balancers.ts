// Binding Elastic Load Balancing: load balancers (a node interface per zone), listeners and target groups.
// Every rule below cites the ELB page it follows; docs/load-balancers.md describes the format.
import type { Path } from '../load/diagnostics.js';
import { type Addr, contains, formatAddr, formatPrefix, RFC1918, RFC6598 } from '../net/ip.js';
import { allocate, checkPrivate, claim, claimPublic, isPrivateSpace } from './addresses.js';
import { type Binder, type Draft, type Mutable, type Raw, arr, str, subnetRef, vpcIn } from './context.js';
import type {
  ClassicHealthCheck,
  HealthCheck,
  Listener,
  LoadBalancer,
  LoadBalancerNode,
  LoadBalancerType,
  Target,
  TargetGroup,
} from './load-balancer-model.js';
import type * as M from './model.js';

export interface ElbLists {
  loadBalancers: LoadBalancer[];
  listeners: Listener[];
  targetGroups: TargetGroup[];
}

// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html (HTTP, HTTPS)
// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html (TCP, TLS, UDP, TCP_UDP)
// https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html (HTTP, HTTPS, TCP, SSL)
// A dualstack network load balancer takes UDP and TCP_UDP listeners too: AWS once allowed only TCP and TLS there, and
// lifted that in 2024 (https://aws.amazon.com/blogs/networking-and-content-delivery/accelerate-ipv6-application-migration-with-aws-privatelink-and-dual-stack-network-load-balancers-udp-support
// — "AWS now supports UDP listeners for dual stack NLBs"); the dualstack requirements list no listener protocol
// (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-ip-address-type.html), so none is refused.
export const LISTENER_PROTOCOLS: Record<LoadBalancerType, readonly string[]> = {
  application: ['HTTP', 'HTTPS'],
  network: ['TCP', 'UDP', 'TLS', 'TCP_UDP'],
  classic: ['HTTP', 'HTTPS', 'TCP', 'SSL'],
};
const TARGET_GROUP_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'UDP', 'TLS', 'TCP_UDP'];
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html (HTTP, HTTPS)
// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html (TCP, HTTP, HTTPS)
const HEALTH_CHECK_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'SSL'];

/** Test-net addresses (RFC 5737 TEST-NET-2) for internet-facing nodes whose public address the file does not give. */
const SYNTHETIC_PUBLIC_BASE = 0xc6336400; // 198.51.100.0

/** Load balancers and their node interfaces. Nodes without a private address get one after all explicit addresses. */
export function bindLoadBalancers(b: Binder, t: Draft): ElbLists {
  const out: ElbLists = { loadBalancers: [], listeners: [], targetGroups: [] };
  b.each('loadBalancers', (raw, path) => {
    const lb = bindLoadBalancer(b, t, raw, path);
    if (lb) out.loadBalancers.push(lb);
  });
  return out;
}

function bindLoadBalancer(b: Binder, t: Draft, raw: Raw & { id: string }, path: Path): LoadBalancer | undefined {
  const type = raw.type as LoadBalancerType;
  if (!LISTENER_PROTOCOLS[type]) return undefined; // the schema reported it
  const subnets = lbSubnets(b, raw, path, type);
  if (!subnets) return undefined;
  const vpc = subnets[0]!.vpc;
  const scheme = raw.scheme === 'internal' ? 'internal' : 'internet-facing';
  const securityGroups = lbSecurityGroups(b, raw, path, type, vpc);
  if (!securityGroups) return undefined;
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing —
  // "With Application Load Balancers, cross-zone load balancing is always enabled at the load balancer level";
  // Network Load Balancers: disabled by default; Classic: disabled by default when created with the API or CLI.
  if (type === 'application' && raw.crossZone === false) {
    b.error(
      'INVALID_VALUE',
      `crossZone: false on application load balancer '${raw.id}': cross-zone load balancing is always on for application load balancers`,
      [...path, 'crossZone'],
      { key: true, hint: 'remove crossZone' },
    );
  }
  const crossZone = type === 'application' ? true : raw.crossZone === true;
  const lb = b.register<LoadBalancer>({
    kind: 'load-balancer',
    id: raw.id,
    name: str(raw.name),
    src: { path },
    type,
    scheme,
    vpc,
    subnets,
    securityGroups,
    ipAddressType: raw.ipAddressType === 'dualstack' ? 'dualstack' : 'ipv4',
    crossZone,
    nodes: [],
    listeners: [],
    instances: [],
  });
  const given = nodeSpecs(b, raw, path, subnets);
  for (const subnet of subnets) bindNode(b, t, lb, subnet, given.get(subnet), path);
  bindClassicInstances(b, raw, path, lb);
  const hc = classicHealthCheck(b, raw, path, type);
  if (hc) (lb as Mutable<LoadBalancer>).healthCheck = hc;
  return lb;
}

/** The subnets: known, in one VPC, one per zone; an application load balancer needs two zones. */
function lbSubnets(b: Binder, raw: Raw & { id: string }, path: Path, type: LoadBalancerType): M.Subnet[] | undefined {
  const subnets: M.Subnet[] = [];
  const byAz = new Map<string, M.Subnet>();
  let ok = true;
  arr(raw.subnets).forEach((v, j) => {
    const p: Path = [...path, 'subnets', j];
    const s = subnetRef(b, v, p);
    if (!s) {
      ok = false;
      return;
    }
    if (subnets[0] && s.vpc !== subnets[0].vpc) {
      ok = false;
      return b.error(
        'CROSS_VPC_REFERENCE',
        `subnet '${s.id}' is in VPC '${s.vpc.id}', but load balancer '${raw.id}' has subnet '${subnets[0].id}' in VPC '${subnets[0].vpc.id}'`,
        p,
        { hint: 'a load balancer lives in one VPC' },
      );
    }
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#availability-zones — "You can specify only one subnet per Availability Zone"
    const twin = byAz.get(s.az);
    if (twin) {
      ok = false;
      return b.error(
        'LB_DUPLICATE_ZONE',
        `subnets '${twin.id}' and '${s.id}' of load balancer '${raw.id}' are both in ${s.az}; a load balancer takes one subnet per Availability Zone`,
        p,
        { hint: 'keep one subnet per zone' },
      );
    }
    if (!s.cidr) {
      ok = false;
      return b.error(
        'LB_IPV6_ONLY_SUBNET',
        `subnet '${s.id}' of load balancer '${raw.id}' is IPv6-only; vpcsim models load balancer nodes with an IPv4 address`,
        p,
      );
    }
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-ip-address-type.html — dualstack: "The virtual private
    // cloud (VPC) and subnets that you specify for the load balancer must have associated IPv6 CIDR blocks"
    if (raw.ipAddressType === 'dualstack' && !s.ipv6Cidr) {
      ok = false;
      return b.error(
        'LB_SUBNET_NO_IPV6',
        `subnet '${s.id}' of dualstack load balancer '${raw.id}' has no IPv6 CIDR; a dualstack load balancer's subnets need one`,
        p,
        { hint: `add ipv6Cidr to subnet '${s.id}', or set ipAddressType: ipv4` },
      );
    }
    byAz.set(s.az, s);
    subnets.push(s);
  });
  if (!ok || subnets.length === 0) return undefined;
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#availability-zones — "You must select at least two Availability Zone subnets"
  if (type === 'application' && subnets.length < 2) {
    b.error(
      'LB_TOO_FEW_ZONES',
      `application load balancer '${raw.id}' has one subnet; it needs subnets in at least two Availability Zones`,
      [...path, 'subnets'],
      { hint: 'add a subnet of another zone' },
    );
    return undefined;
  }
  return subnets;
}

/** Security groups: required for application and classic load balancers, optional for network ones. */
function lbSecurityGroups(b: Binder, raw: Raw & { id: string }, path: Path, type: LoadBalancerType, vpc: M.Vpc): M.SecurityGroup[] | undefined {
  const list = arr(raw.securityGroups);
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html — an Application Load Balancer has security groups
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html — a Network Load Balancer may have none
  if (list.length === 0 && type !== 'network') {
    const at: Path = raw.securityGroups === undefined ? path : [...path, 'securityGroups'];
    b.error(
      'MISSING_KEY',
      `${type} load balancer '${raw.id}' needs securityGroups (AWS always attaches at least one to ${type === 'application' ? 'an application' : 'a classic'} load balancer)`,
      at,
      { key: raw.securityGroups !== undefined, hint: 'list the security groups of the load balancer' },
    );
    return undefined;
  }
  const out: M.SecurityGroup[] = [];
  list.forEach((v, j) => {
    const p: Path = [...path, 'securityGroups', j];
    const sg = b.ref(v, ['security-group'], p, 'security group');
    if (!sg) return;
    if (sg.vpc !== vpc)
      return b.error('CROSS_VPC_REFERENCE', `security group '${sg.id}' is in VPC '${sg.vpc.id}', but load balancer '${raw.id}' is in VPC '${vpc.id}'`, p);
    if (!out.includes(sg)) out.push(sg);
  });
  return out;
}

interface NodeSpec {
  raw: Raw;
  path: Path;
}

/** `nodes:` entries by subnet; each must name one of the load balancer's subnets, once. */
function nodeSpecs(b: Binder, raw: Raw & { id: string }, path: Path, subnets: M.Subnet[]): Map<M.Subnet, NodeSpec> {
  const out = new Map<M.Subnet, NodeSpec>();
  arr(raw.nodes).forEach((v, j) => {
    const p: Path = [...path, 'nodes', j];
    const r = (v ?? {}) as Raw;
    const s = subnetRef(b, r.subnet, [...p, 'subnet']);
    if (!s) return;
    if (!subnets.includes(s))
      return b.error('INVALID_REFERENCE', `node subnet '${s.id}' is not one of the subnets of load balancer '${raw.id}'`, [...p, 'subnet'], {
        hint: `expected one of ${subnets.map((x) => x.id).join(', ')}`,
      });
    if (out.has(s)) return b.error('DUPLICATE_KEY', `load balancer '${raw.id}' has two nodes in subnet '${s.id}'`, [...p, 'subnet']);
    out.set(s, { raw: r, path: p });
  });
  return out;
}

/** One node: its interface (ELB interfaces carry the node's address; flow logs record them), addresses claimed like any other. */
function bindNode(b: Binder, t: Draft, lb: LoadBalancer, subnet: M.Subnet, spec: NodeSpec | undefined, lbPath: Path): void {
  const eniId = str(spec?.raw.interfaceId) ?? `ela-${lb.id}-${subnet.id}`;
  const at = spec?.path ?? [...lbPath, 'subnets', lb.subnets.indexOf(subnet)];
  const publicIp = nodePublicIp(b, t, lb, spec, eniId);
  let ipv6: bigint | undefined;
  const build = (privateIp: number | undefined) => {
    if (lb.ipAddressType === 'dualstack') ipv6 = nodeIpv6(b, t, lb, subnet, spec, eniId, at);
    else if (spec?.raw.ipv6Address !== undefined)
      b.error('INVALID_VALUE', `node '${eniId}' has an ipv6Address, but load balancer '${lb.id}' is ipv4`, [...spec.path, 'ipv6Address'], {
        key: true,
        hint: 'set ipAddressType: dualstack on the load balancer, or remove ipv6Address',
      });
    if (privateIp === undefined) return;
    const eni: M.NetworkInterface = {
      kind: 'network-interface',
      id: eniId,
      src: { path: at },
      subnet,
      vpc: subnet.vpc,
      privateIp,
      secondaryPrivateIps: [],
      ipv6Addresses: ipv6 !== undefined ? [ipv6] : [],
      publicIp,
      securityGroups: lb.securityGroups,
      sourceDestCheck: true,
      sourceNat: false,
      owner: { type: 'load-balancer', loadBalancer: lb },
      explicit: false,
    };
    for (const sg of lb.securityGroups) sg.members.push(eni);
    subnet.interfaces.push(eni);
    t.interfaces.push(eni);
    if (!t.interfaceByIp.has(privateIp)) t.interfaceByIp.set(privateIp, eni);
    if (ipv6 !== undefined && !t.interfaceByIp.has(ipv6)) t.interfaceByIp.set(ipv6, eni);
    if (eni.publicIp !== undefined) t.interfaceByPublicIp.set(eni.publicIp, eni);
    if (!b.declared.has(eniId)) b.byId.set(eniId, eni);
    (lb.nodes as LoadBalancerNode[]).push({ subnet, eni });
  };
  if (spec?.raw.privateIp !== undefined) {
    const p: Path = [...spec.path, 'privateIp'];
    const a = b.ip(spec.raw.privateIp, p, `private IP of load balancer node '${eniId}'`, 4) as number | undefined;
    if (a !== undefined && checkPrivate(b, subnet, a, eniId, p) && claim(b, t, subnet.vpc, a, eniId, p)) build(a);
  } else t.pendingAlloc.push(() => build(allocate(b, t, subnet, eniId, at)));
}

/**
 * A dualstack node's IPv6 address: `nodes[].ipv6Address`, else the first free one of the subnet's IPv6 CIDR (AWS
 * reserves the first four and the last: https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
 * IPv6 addresses are globally unique: the same address serves internet-facing and internal load balancers.
 */
function nodeIpv6(b: Binder, t: Draft, lb: LoadBalancer, subnet: M.Subnet, spec: NodeSpec | undefined, eniId: string, at: Path): bigint | undefined {
  const cidr = subnet.ipv6Cidr;
  if (!cidr) return undefined; // reported with the subnets
  if (spec?.raw.ipv6Address !== undefined) {
    const p: Path = [...spec.path, 'ipv6Address'];
    const a = b.ip(spec.raw.ipv6Address, p, `IPv6 address of load balancer node '${eniId}'`, 6) as bigint | undefined;
    return a !== undefined && checkPrivate(b, subnet, a, eniId, p) && claim(b, t, subnet.vpc, a, eniId, p) ? a : undefined;
  }
  const used = t.vpcIps.get(subnet.vpc);
  for (let k = 4n; k < 1024n; k++) {
    const a = (cidr.base as bigint) + k;
    if (!used?.has(a)) return claim(b, t, subnet.vpc, a, eniId, at) ? a : undefined;
  }
  return void b.error('SUBNET_FULL', `subnet '${subnet.id}' has no free IPv6 address left for '${eniId}'`, at);
}

function nodePublicIp(b: Binder, t: Draft, lb: LoadBalancer, spec: NodeSpec | undefined, eniId: string): number | undefined {
  if (spec?.raw.publicIp === undefined) return undefined;
  const p: Path = [...spec.path, 'publicIp'];
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#load-balancer-scheme — internal nodes have only private addresses
  if (lb.scheme === 'internal')
    return void b.error(
      'INVALID_VALUE',
      `node '${eniId}' of internal load balancer '${lb.id}' has a publicIp; internal load balancer nodes have only private addresses`,
      p,
      { key: true, hint: 'remove publicIp, or set scheme: internet-facing' },
    );
  const a = b.ip(spec.raw.publicIp, p, `public IP of load balancer node '${eniId}'`, 4) as number | undefined;
  if (a === undefined) return undefined;
  if (isPrivateSpace(a)) return void b.error('INVALID_PUBLIC_IP', `public IP ${formatAddr(a)} of '${eniId}' is in private address space`, p);
  return claimPublic(b, t, a, eniId, p) ? a : undefined;
}

/** AWS assigns internet-facing nodes public addresses; without one in the file, a stable RFC 5737 address stands in. */
function syntheticPublic(t: Draft, eniId: string, at: Path): number | undefined {
  for (let k = 10; k < 250; k++) {
    const a = SYNTHETIC_PUBLIC_BASE + k;
    if (!t.publicOwners.has(a)) {
      t.publicOwners.set(a, { id: eniId, path: at });
      return a;
    }
  }
  return undefined;
}

/**
 * A Classic Load Balancer's health check: `target` is PROTOCOL:PORT for TCP and SSL, PROTOCOL:PORT/PATH for HTTP and
 * HTTPS (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-elb-health-check.html —
 * "The protocol is either TCP, HTTP, HTTPS, or SSL. The range of valid ports is one (1) through 65535"; "For HTTP/HTTPS,
 * you must include a ping path"). Application and network load balancers configure health checks per target group.
 */
function classicHealthCheck(b: Binder, raw: Raw & { id: string }, path: Path, type: LoadBalancerType): ClassicHealthCheck | undefined {
  if (raw.healthCheck === undefined) return undefined;
  const at: Path = [...path, 'healthCheck'];
  if (type !== 'classic')
    return void b.error(
      'INVALID_VALUE',
      `'healthCheck' on ${type} load balancer '${raw.id}': ${type} load balancers check the targets of each target group`,
      at,
      { key: true, hint: 'move the health check to the target group (targetGroups[].healthCheck)' },
    );
  const text = str(((raw.healthCheck ?? {}) as Raw).target) ?? '';
  const m = /^(TCP|SSL|HTTP|HTTPS):(\d{1,5})(\/.*)?$/i.exec(text.trim());
  const protocol = m?.[1]?.toUpperCase() as ClassicHealthCheck['protocol'] | undefined;
  const port = Number(m?.[2]);
  const web = protocol === 'HTTP' || protocol === 'HTTPS';
  if (!m || !protocol || port < 1 || port > 65535 || web !== (m[3] !== undefined)) {
    return void b.error('INVALID_VALUE', `health check target '${text}' of classic load balancer '${raw.id}'`, [...at, 'target'], {
      hint: 'expected TCP:<port> or SSL:<port>, or HTTP:<port>/<path> or HTTPS:<port>/<path> (port 1-65535)',
    });
  }
  return { protocol, port, ...(m[3] ? { path: m[3] } : {}), src: { path: at } };
}

/** Classic load balancers register instances directly, in the load balancer's VPC. */
function bindClassicInstances(b: Binder, raw: Raw & { id: string }, path: Path, lb: LoadBalancer): void {
  if (raw.instances === undefined) return;
  if (lb.type !== 'classic')
    return void b.error(
      'INVALID_VALUE',
      `'instances' is for classic load balancers; ${lb.type} load balancer '${lb.id}' forwards to target groups`,
      [...path, 'instances'],
      { key: true, hint: 'register the instances in a target group and point a listener at it' },
    );
  arr(raw.instances).forEach((v, j) => {
    const p: Path = [...path, 'instances', j];
    const inst = instanceRef(b, v, p);
    if (!inst) return;
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-backend-instances.html — instances in the load balancer's VPC
    if (inst.subnet.vpc !== lb.vpc)
      return b.error(
        'TARGET_OUTSIDE_VPC',
        `instance '${inst.id}' is in VPC '${inst.subnet.vpc.id}', but classic load balancer '${lb.id}' is in VPC '${lb.vpc.id}'`,
        p,
      );
    if (!lb.instances.includes(inst)) lb.instances.push(inst);
  });
}

/** An instance by id or by name. */
function instanceRef(b: Binder, v: unknown, p: Path): M.Instance | undefined {
  if (typeof v === 'string' && !b.declared.has(v)) {
    const named = [...b.byId.values()].filter((r): r is M.Instance => r.kind === 'instance' && r.name === v);
    if (named.length === 1) return named[0];
  }
  return b.ref(v, ['instance'], p, 'instance');
}

/** Target groups, then listeners (which tie target groups to load balancers). After all interfaces exist. */
export function bindListenersAndTargetGroups(b: Binder, t: Draft, out: ElbLists): void {
  // after every explicit public address is claimed: AWS-assigned node addresses
  for (const lb of out.loadBalancers) {
    if (lb.scheme !== 'internet-facing') continue;
    for (const n of lb.nodes) {
      const eni = n.eni as Mutable<M.NetworkInterface>;
      if (eni.publicIp !== undefined) continue;
      eni.publicIp = syntheticPublic(t, eni.id, eni.src.path);
      if (eni.publicIp !== undefined) t.interfaceByPublicIp.set(eni.publicIp, eni);
    }
  }
  b.each('targetGroups', (raw, path) => {
    const tg = bindTargetGroup(b, t, raw, path);
    if (tg) out.targetGroups.push(tg);
  });
  b.each('listeners', (raw, path) => {
    const l = bindListener(b, raw, path);
    if (l) out.listeners.push(l);
  });
}

function bindTargetGroup(b: Binder, t: Draft, raw: Raw & { id: string }, path: Path): TargetGroup | undefined {
  const vpc = vpcIn(b, raw, path);
  if (!vpc) return undefined;
  const protocol = upper(raw.protocol);
  if (!TARGET_GROUP_PROTOCOLS.includes(protocol)) {
    b.error('INVALID_VALUE', `target group '${raw.id}' has protocol '${String(raw.protocol)}'`, [...path, 'protocol'], {
      hint: `expected ${TARGET_GROUP_PROTOCOLS.join(', ')}`,
    });
    return undefined;
  }
  const targetType = (str(raw.targetType) ?? 'instance') as TargetGroup['targetType'];
  const port = typeof raw.port === 'number' ? raw.port : 0;
  const tg = b.register<TargetGroup>({
    kind: 'target-group',
    id: raw.id,
    name: str(raw.name),
    src: { path },
    vpc,
    targetType,
    protocol,
    port,
    preserveClientIp: clientIpPreservation(b, raw, path, targetType, protocol),
    healthCheck: healthCheckOf(b, raw, path, protocol),
    targets: [],
    loadBalancers: [],
  });
  arr(raw.targets).forEach((v, j) => {
    const target = bindTarget(b, t, tg, (v ?? {}) as Raw, [...path, 'targets', j]);
    if (target) (tg.targets as Target[]).push(target);
  });
  return tg;
}

/**
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation —
 * enabled (and can't be disabled) for UDP and TCP_UDP; otherwise enabled by default for instance targets, disabled for ip targets.
 */
function clientIpPreservation(b: Binder, raw: Raw & { id: string }, path: Path, targetType: string, protocol: string): boolean {
  const fixed = protocol === 'UDP' || protocol === 'TCP_UDP';
  if (fixed && raw.preserveClientIp === false)
    b.error(
      'INVALID_VALUE',
      `target group '${raw.id}' (${protocol}) cannot disable client IP preservation; AWS keeps it enabled for UDP and TCP_UDP`,
      [...path, 'preserveClientIp'],
      { key: true },
    );
  if (typeof raw.preserveClientIp === 'boolean') return raw.preserveClientIp || fixed;
  return fixed || targetType === 'instance';
}

function healthCheckOf(b: Binder, raw: Raw, path: Path, protocol: string): HealthCheck {
  const hc = (raw.healthCheck ?? {}) as Raw;
  const at: Path = [...path, 'healthCheck'];
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html — default protocol: the target group's (TCP for UDP groups); port: traffic-port
  let hcProtocol = upper(hc.protocol) || (protocol === 'UDP' || protocol === 'TCP_UDP' ? 'TCP' : protocol === 'TLS' ? 'TCP' : protocol);
  if (!HEALTH_CHECK_PROTOCOLS.includes(hcProtocol)) {
    b.error('INVALID_VALUE', `health check protocol '${String(hc.protocol)}' of target group '${String(raw.id)}'`, [...at, 'protocol'], {
      hint: `expected ${HEALTH_CHECK_PROTOCOLS.join(', ')}`,
    });
    hcProtocol = 'TCP';
  }
  let port: number | 'traffic-port' = 'traffic-port';
  if (typeof hc.port === 'number' && Number.isInteger(hc.port) && hc.port >= 1 && hc.port <= 65535) port = hc.port;
  else if (typeof hc.port === 'string' && /^\d+$/.test(hc.port) && Number(hc.port) >= 1 && Number(hc.port) <= 65535) port = Number(hc.port);
  else if (hc.port !== undefined && hc.port !== 'traffic-port')
    b.error('INVALID_VALUE', `health check port '${String(hc.port)}' of target group '${String(raw.id)}'`, [...at, 'port'], {
      hint: 'expected traffic-port or a port 1-65535',
    });
  return { protocol: hcProtocol, port, ...(raw.healthCheck !== undefined ? { src: { path: at } } : {}) };
}

/** A registered target: an instance of the group's VPC, an allowed private address, or an application load balancer. */
function bindTarget(b: Binder, t: Draft, tg: TargetGroup, r: Raw, p: Path): Target | undefined {
  const port = typeof r.port === 'number' ? r.port : tg.port;
  const src = { path: p };
  if (tg.targetType === 'ip') {
    if (r.ip === undefined)
      return void b.error('MISSING_KEY', `target of ip target group '${tg.id}' needs 'ip'`, p, {
        hint: r.id !== undefined ? "targetType: ip takes addresses; use targetType: instance for 'id'" : undefined,
      });
    const a = b.ip(r.ip, [...p, 'ip'], `ip target of '${tg.id}'`, 4);
    if (a === undefined) return undefined;
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-type — a subnet of the group's VPC,
    // RFC 1918 or RFC 6598 ranges; publicly routable addresses cannot be targets
    const inVpc = tg.vpc.cidrs.some((c) => contains(c, a));
    if (!inVpc && !RFC1918.some((c) => contains(c, a)) && !contains(RFC6598, a)) {
      return void b.error(
        'INVALID_TARGET',
        `ip target ${formatAddr(a)} of '${tg.id}' is neither in VPC '${tg.vpc.id}' (${tg.vpc.cidrs.map(formatPrefix).join(', ')}) nor in RFC 1918 / RFC 6598 space`,
        [...p, 'ip'],
        { hint: 'publicly routable addresses cannot be targets' },
      );
    }
    return { type: 'ip', ip: a, eni: t.interfaceByIp.get(a), port, src };
  }
  if (r.ip !== undefined)
    return void b.error('INVALID_VALUE', `target group '${tg.id}' has targetType ${tg.targetType}; 'ip' is for targetType: ip`, [...p, 'ip'], { key: true });
  if (r.id === undefined) return void b.error('MISSING_KEY', `target of ${tg.targetType} target group '${tg.id}' needs 'id'`, p);
  if (tg.targetType === 'alb') {
    const lb = b.ref(r.id, ['load-balancer'], [...p, 'id'], 'load balancer');
    if (!lb) return undefined;
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/application-load-balancer-target.html — alb targets: an Application Load Balancer, TCP group
    if (lb.type !== 'application')
      return void b.error(
        'INVALID_TARGET',
        `target '${lb.id}' of alb target group '${tg.id}' is a ${lb.type} load balancer, not an application load balancer`,
        [...p, 'id'],
      );
    return { type: 'alb', loadBalancer: lb, port, src };
  }
  const inst = instanceRef(b, r.id, [...p, 'id']);
  if (!inst) return undefined;
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-type — instances in the target group's VPC
  if (inst.subnet.vpc !== tg.vpc)
    return void b.error(
      'TARGET_OUTSIDE_VPC',
      `instance '${inst.id}' is in VPC '${inst.subnet.vpc.id}', but target group '${tg.id}' is in VPC '${tg.vpc.id}'`,
      [...p, 'id'],
      { hint: 'register it in a target group of its VPC, or register its address as an ip target' },
    );
  return { type: 'instance', instance: inst, eni: inst.primary, port, src };
}

function bindListener(b: Binder, raw: Raw & { id: string }, path: Path): Listener | undefined {
  const lb = b.ref(raw.loadBalancer, ['load-balancer'], [...path, 'loadBalancer'], 'load balancer');
  if (!lb) return undefined;
  const protocol = upper(raw.protocol);
  if (!LISTENER_PROTOCOLS[lb.type].includes(protocol)) {
    b.error(
      'LB_LISTENER_PROTOCOL',
      `listener '${raw.id}' has protocol '${String(raw.protocol)}', which ${lb.type} load balancer '${lb.id}' does not support`,
      [...path, 'protocol'],
      { hint: `expected ${LISTENER_PROTOCOLS[lb.type].join(', ')}` },
    );
    return undefined;
  }
  const port = raw.port as number;
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html — a port takes one listener (DuplicateListener)
  const clash = lb.listeners.find((l) => l.port === port && protocolsOverlap(l.protocol, protocol));
  if (clash)
    return void b.error('DUPLICATE_LISTENER', `load balancer '${lb.id}' already has listener '${clash.id}' on ${clash.protocol} port ${port}`, [
      ...path,
      'port',
    ]);
  const listener: Mutable<Listener> = { kind: 'listener', id: raw.id, name: str(raw.name), src: { path }, loadBalancer: lb, protocol, port };
  if (lb.type === 'classic' ? !classicListener(b, raw, path, listener) : !forwardListener(b, raw, path, lb, listener)) return undefined;
  b.register(listener as Listener);
  lb.listeners.push(listener as Listener);
  return listener as Listener;
}

const transport = (p: string): string[] => (p === 'TCP_UDP' ? ['TCP', 'UDP'] : p === 'UDP' ? ['UDP'] : ['TCP']);
const protocolsOverlap = (a: string, b: string): boolean => transport(a).some((x) => transport(b).includes(x));

/** Application and network listeners forward to a target group of the load balancer's VPC and protocol family. */
function forwardListener(b: Binder, raw: Raw & { id: string }, path: Path, lb: LoadBalancer, l: Mutable<Listener>): boolean {
  if (raw.instancePort !== undefined || raw.instanceProtocol !== undefined) {
    b.error(
      'INVALID_VALUE',
      `listener '${raw.id}' of ${lb.type} load balancer '${lb.id}' has instancePort/instanceProtocol, which are for classic load balancers`,
      [...path, raw.instancePort !== undefined ? 'instancePort' : 'instanceProtocol'],
      { key: true, hint: 'use targetGroup' },
    );
    return false;
  }
  if (raw.targetGroup === undefined) {
    b.error('MISSING_KEY', `listener '${raw.id}' of ${lb.type} load balancer '${lb.id}' needs targetGroup (its default forward action)`, path);
    return false;
  }
  const tg = b.ref(raw.targetGroup, ['target-group'], [...path, 'targetGroup'], 'target group');
  if (!tg) return false;
  if (tg.vpc !== lb.vpc) {
    b.error('CROSS_VPC_REFERENCE', `target group '${tg.id}' is in VPC '${tg.vpc.id}', but load balancer '${lb.id}' is in VPC '${lb.vpc.id}'`, [
      ...path,
      'targetGroup',
    ]);
    return false;
  }
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html — HTTP/HTTPS groups for application load balancers;
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-target-groups.html — TCP, TLS, UDP, TCP_UDP for network ones
  const fits =
    tg.targetType === 'alb'
      ? lb.type === 'network' && tg.protocol === 'TCP'
      : LISTENER_PROTOCOLS[lb.type].includes(tg.protocol) && (lb.type !== 'network' || protocolsOverlap(tg.protocol, l.protocol));
  if (!fits) {
    b.error(
      'LB_TARGET_GROUP_PROTOCOL',
      `target group '${tg.id}' (${tg.protocol}${tg.targetType === 'alb' ? ', alb targets' : ''}) cannot serve ${l.protocol} listener '${raw.id}' of ${lb.type} load balancer '${lb.id}'`,
      [...path, 'targetGroup'],
      {
        hint:
          lb.type === 'application'
            ? 'application load balancers forward to HTTP or HTTPS target groups'
            : 'network load balancers forward to TCP, TLS, UDP or TCP_UDP target groups of the same transport (alb targets: TCP)',
      },
    );
    return false;
  }
  l.targetGroup = tg;
  if (!tg.loadBalancers.includes(lb)) tg.loadBalancers.push(lb);
  return true;
}

/** Classic listeners name the instance port and protocol instead of a target group. */
function classicListener(b: Binder, raw: Raw & { id: string }, path: Path, l: Mutable<Listener>): boolean {
  if (raw.targetGroup !== undefined) {
    b.error(
      'INVALID_VALUE',
      `listener '${raw.id}' of a classic load balancer has targetGroup; classic load balancers forward to their instances`,
      [...path, 'targetGroup'],
      { key: true, hint: 'use instancePort (and instanceProtocol)' },
    );
    return false;
  }
  if (typeof raw.instancePort !== 'number') {
    b.error('MISSING_KEY', `listener '${raw.id}' of a classic load balancer needs instancePort`, path);
    return false;
  }
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html — the instance protocol is at the same layer as the front end (HTTP/HTTPS or TCP/SSL)
  const instanceProtocol = upper(raw.instanceProtocol) || l.protocol;
  const layer = (p: string) => (p === 'HTTP' || p === 'HTTPS' ? 7 : 4);
  if (!LISTENER_PROTOCOLS.classic.includes(instanceProtocol) || layer(instanceProtocol) !== layer(l.protocol)) {
    b.error(
      'LB_LISTENER_PROTOCOL',
      `listener '${raw.id}': instance protocol '${String(raw.instanceProtocol)}' does not fit front-end protocol ${l.protocol}`,
      [...path, 'instanceProtocol'],
      { hint: l.protocol === 'HTTP' || l.protocol === 'HTTPS' ? 'expected HTTP or HTTPS' : 'expected TCP or SSL' },
    );
    return false;
  }
  l.instancePort = raw.instancePort;
  l.instanceProtocol = instanceProtocol;
  return true;
}

const upper = (v: unknown): string => (typeof v === 'string' ? v.toUpperCase() : '');

/** For the tracer and lint rules: a target's address (an instance's primary private IPv4, or the ip target). */
export function targetAddress(target: Target): Addr | undefined {
  return target.ip ?? target.eni?.privateIp;
}
