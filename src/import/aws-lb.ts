// Load balancers from `aws elbv2 describe-load-balancers`, `describe-listeners`, `describe-target-groups`,
// `describe-target-health` and `aws elb describe-load-balancers` (Classic) → the format's loadBalancers,
// listeners and targetGroups. A load balancer's nodes are its network interfaces (describe-network-interfaces
// shows them with the description "ELB app/<name>/<id>", "ELB net/<name>/<id>" or "ELB <name>"); those
// interfaces become the load balancer's nodes instead of free-standing network interfaces.
// Load balancers have no AWS id besides the ARN: the id written is the load balancer's name (unique per
// region and account), a target group's id its name, a listener's `<load balancer>-<protocol>-<port>`.
import { formatHas } from './format-has.js';
import { isGeneve } from './aws-gwlb.js';
import type { Obj } from './aws-types.js';
import { bool, list, num, put, rec, stateOf, str, strings, type Collector, type Item, type Rec } from './aws-util.js';

const used = (...keys: string[]) => new Set(keys);

// Fields each kind reads; every other field is counted in `ignored` as <Kind>.<Field>.
const F = {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancer.html
  LoadBalancers: used('LoadBalancerArn', 'LoadBalancerName', 'Scheme', 'VpcId', 'State', 'Type', 'AvailabilityZones', 'SecurityGroups', 'IpAddressType'),
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Listener.html
  Listeners: used('ListenerArn', 'LoadBalancerArn', 'Port', 'Protocol', 'DefaultActions'),
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroup.html
  TargetGroups: used(
    'TargetGroupArn',
    'TargetGroupName',
    'Protocol',
    'Port',
    'VpcId',
    'HealthCheckProtocol',
    'HealthCheckPort',
    'HealthCheckEnabled',
    'LoadBalancerArns',
    'TargetType',
  ),
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealthDescription.html
  TargetHealthDescriptions: used('Target', 'TargetHealth', 'HealthCheckPort'),
  // https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_LoadBalancerDescription.html
  LoadBalancerDescriptions: used(
    'LoadBalancerName',
    'ListenerDescriptions',
    'Subnets',
    'VPCId',
    'Instances',
    'HealthCheck',
    'SecurityGroups',
    'Scheme',
    'AvailabilityZones',
  ),
};

/** What the load-balancer converter needs from the rest of the conversion. */
export interface LbInput {
  items: (kind: 'LoadBalancers' | 'Listeners' | 'TargetGroups' | 'TargetHealthDescriptions' | 'LoadBalancerDescriptions') => Item[];
  c: Collector;
  /** VPCs, subnets, security groups and instances in the import, by id */
  vpcs: ReadonlyMap<string, Obj>;
  subnets: ReadonlyMap<string, Obj>;
  sgs: ReadonlyMap<string, Obj>;
  instances: ReadonlyMap<string, Obj>;
  /** describe-network-interfaces items by id */
  eniItems: ReadonlyMap<string, Item>;
  /** interfaces that are part of another resource: the load balancers' own are added */
  consumed: Set<string>;
  /** the describe record each written object came from (for error positions) */
  recordOf: WeakMap<Obj, Rec>;
}

export interface LbLists {
  loadBalancers: Obj[];
  listeners: Obj[];
  targetGroups: Obj[];
}

interface Ctx extends LbInput {
  /** load balancer ARN (elbv2) → id written */
  lbByArn: Map<string, string>;
  /** load balancers left out on purpose (gateway, failed): their listeners are counted, not warned about */
  leftOut: Set<string>;
  /** target group ARN → target group object */
  tgByArn: Map<string, Obj>;
  /** GENEVE target groups, handed to the Gateway Load Balancer import */
  geneve: Set<string>;
  out: LbLists;
  ids: Set<string>;
}

/** Converts every load balancer, listener and target group; empty lists when the format has no load balancers. */
export function convertLoadBalancers(input: LbInput): LbLists {
  const out: LbLists = { loadBalancers: [], listeners: [], targetGroups: [] };
  const kinds = ['LoadBalancers', 'Listeners', 'TargetGroups', 'TargetHealthDescriptions', 'LoadBalancerDescriptions'] as const;
  if (!formatHas('loadBalancers')) {
    // The format version in use has no load balancers: count them, leave their interfaces as they are.
    for (const k of kinds) input.c.ignore(`${k} (load balancers are not in this format version)`, input.items(k).length);
    return out;
  }
  const cx: Ctx = { ...input, lbByArn: new Map(), leftOut: new Set(), tgByArn: new Map(), geneve: new Set(), out, ids: new Set() };
  const nodes = lbInterfaces(cx);
  for (const it of input.items('LoadBalancers')) elbv2LoadBalancer(cx, it, nodes);
  for (const it of input.items('LoadBalancerDescriptions')) classicLoadBalancer(cx, it, nodes);
  for (const it of input.items('TargetGroups')) targetGroup(cx, it);
  for (const it of input.items('TargetHealthDescriptions')) target(cx, it);
  for (const it of input.items('Listeners')) listener(cx, it);
  return out;
}

function resource(cx: Ctx, id: string, v: Rec): Obj {
  const o: Obj = { id };
  cx.recordOf.set(o, v);
  cx.ids.add(id);
  return o;
}

/** Sets an optional key when the format has it; otherwise counts the fact as not written. */
function putKey(cx: Ctx, o: Obj, list: string, key: string, v: unknown): void {
  if (v === undefined) return;
  if (formatHas(list, key)) put(o, key, v);
  else cx.c.ignore(`${list}.${key} (not in this format version)`);
}

/**
 * Load balancer network interfaces, by the load balancer they serve: "ELB app/<name>/<id>" (ALB),
 * "ELB net/<name>/<id>" (NLB), "ELB <name>" (Classic).
 * https://repost.aws/knowledge-center/elb-find-load-balancer-IP (the interfaces' descriptions)
 */
function lbInterfaces(cx: Ctx): Map<string, Item[]> {
  const by = new Map<string, Item[]>();
  for (const [, it] of cx.eniItems) {
    const d = str(it.v, 'Description');
    const m = d ? /^ELB (.+)$/.exec(d) : null;
    if (!m) continue;
    const key = m[1]!;
    by.set(key, [...(by.get(key) ?? []), it]);
  }
  return by;
}

/** One node per subnet: the first interface of the load balancer in it (an ALB may hold several per zone). */
function nodesOf(cx: Ctx, lbId: string, subnets: string[], enis: Item[], nlbAddresses: Map<string, Rec>): Obj[] {
  const nodes: Obj[] = [];
  for (const e of enis) if (str(e.v, 'NetworkInterfaceId')) cx.consumed.add(str(e.v, 'NetworkInterfaceId')!);
  for (const subnet of subnets) {
    const here = enis
      .filter((e) => str(e.v, 'SubnetId') === subnet)
      .sort((a, b) => (str(a.v, 'NetworkInterfaceId')! < str(b.v, 'NetworkInterfaceId')! ? -1 : 1));
    const eni = here[0]?.v;
    const addr = nlbAddresses.get(subnet);
    if (here.length > 1)
      cx.c.note(`load balancer ${lbId} has ${here.length} network interfaces in ${subnet}; the first (${str(eni, 'NetworkInterfaceId')}) is its node there`);
    const privateIp = str(addr, 'PrivateIPv4Address') ?? str(eni, 'PrivateIpAddress');
    const publicIp = str(addr, 'IpAddress') ?? str(rec(eni, 'Association'), 'PublicIp');
    if (!eni && !privateIp) continue;
    const n: Obj = { subnet };
    put(n, 'privateIp', privateIp);
    put(n, 'publicIp', publicIp);
    put(n, 'allocationId', str(addr, 'AllocationId'));
    put(n, 'interfaceId', str(eni, 'NetworkInterfaceId'));
    nodes.push(n);
  }
  return nodes;
}

/** The subnets of a load balancer that are in the import; the others are warned about. */
function subnetsIn(cx: Ctx, lbId: string, subnets: [string, string][], at: Item): string[] {
  const ok: string[] = [];
  for (const [s, path] of subnets) {
    if (cx.subnets.has(s)) ok.push(s);
    else cx.c.warn('LB_SUBNET_MISSING', `load balancer ${lbId} has a node in subnet ${s}, which is not in the dump; that node is left out`, at, path);
  }
  return ok;
}

function groupsIn(cx: Ctx, lbId: string, groups: string[], at: Item, key: string): string[] {
  const ok = groups.filter((g) => cx.sgs.has(g));
  if (ok.length < groups.length) {
    cx.c.warn(
      'LB_SG_MISSING',
      `load balancer ${lbId} uses security groups not in the dump (${groups.filter((g) => !cx.sgs.has(g)).join(', ')}); left out`,
      at,
      `.${key}`,
    );
  }
  return ok;
}

/** An id not used yet: a Classic load balancer may share its name with an ALB or NLB. */
function freeId(cx: Ctx, name: string, suffix: string): string {
  return cx.ids.has(name) ? `${name}-${suffix}` : name;
}

/** An ALB or NLB. Gateway Load Balancers are converted by src/import/aws-gwlb.ts; here only their interfaces are taken. */
function elbv2LoadBalancer(cx: Ctx, it: Item, nodes: Map<string, Item[]>): void {
  const v = it.v;
  cx.c.fields('LoadBalancers', v, F.LoadBalancers);
  const arn = str(v, 'LoadBalancerArn');
  const name = str(v, 'LoadBalancerName');
  if (!arn || !name) {
    cx.c.warn('RESOURCE_NO_ID', `${it.file} ${it.path} has no LoadBalancerArn or LoadBalancerName; skipped`, it);
    return;
  }
  const type = str(v, 'Type');
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerState.html
  const st = stateOf(v) ?? 'active';
  // Gateway Load Balancers are read by src/import/aws-gwlb.ts; their interfaces are their nodes, not free-standing.
  if (type === 'gateway') for (const e of nodes.get(arn.replace(/^.*:loadbalancer\//, '')) ?? []) cx.consumed.add(str(e.v, 'NetworkInterfaceId') ?? '');
  else if (type !== 'application' && type !== 'network') cx.c.ignore(`load balancers of type ${type ?? 'unknown'}`);
  else if (st === 'failed') cx.c.ignore('load balancers in state failed');
  if ((type !== 'application' && type !== 'network') || st === 'failed') {
    cx.leftOut.add(arn);
    return;
  }
  const vpc = str(v, 'VpcId');
  if (!vpc || !cx.vpcs.has(vpc)) {
    cx.c.warn('LB_VPC_MISSING', `load balancer ${name} is in VPC ${vpc ?? '(none)'}, which is not in the dump; skipped`, it, '.VpcId');
    return;
  }
  const id = freeId(cx, name, type);
  const zones = list(v, 'AvailabilityZones');
  const subnets = subnetsIn(
    cx,
    id,
    zones.map(([z, i]) => [str(z, 'SubnetId') ?? '(none)', `.AvailabilityZones[${i}].SubnetId`] as [string, string]),
    it,
  );
  if (subnets.length === 0) {
    cx.c.warn('LB_NO_SUBNET', `load balancer ${id} has no subnet in the dump; skipped`, it, '.AvailabilityZones');
    return;
  }
  // NLB zones list their addresses: the Elastic IP (internet-facing) and the private address.
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAddress.html
  const addrs = new Map<string, Rec>();
  for (const [z] of zones) {
    const a = list(z, 'LoadBalancerAddresses')[0]?.[0];
    if (a && str(z, 'SubnetId')) addrs.set(str(z, 'SubnetId')!, a);
  }
  const o = resource(cx, id, v);
  o.type = type;
  put(o, 'scheme', str(v, 'Scheme'));
  o.subnets = subnets;
  const groups = groupsIn(cx, id, strings(v, 'SecurityGroups'), it, 'SecurityGroups');
  if (groups.length) o.securityGroups = groups;
  const ipType = str(v, 'IpAddressType');
  // dualstack-without-public-ipv4 is dualstack whose IPv4 side is not public; the format knows ipv4 and dualstack.
  if (ipType && ipType !== 'ipv4') putKey(cx, o, 'loadBalancers', 'ipAddressType', 'dualstack');
  if (ipType === 'dualstack-without-public-ipv4') cx.c.note(`load balancer ${id} is dualstack-without-public-ipv4; imported as dualstack`);
  const resId = arn.replace(/^.*:loadbalancer\//, '');
  const n = nodesOf(cx, id, subnets, nodes.get(resId) ?? [], addrs);
  if (n.length) putKey(cx, o, 'loadBalancers', 'nodes', n);
  cx.lbByArn.set(arn, id);
  cx.out.loadBalancers.push(o);
}

/** A Classic Load Balancer in a VPC, with its listeners and registered instances. */
function classicLoadBalancer(cx: Ctx, it: Item, nodes: Map<string, Item[]>): void {
  const v = it.v;
  cx.c.fields('LoadBalancerDescriptions', v, F.LoadBalancerDescriptions);
  const name = str(v, 'LoadBalancerName');
  if (!name) {
    cx.c.warn('RESOURCE_NO_ID', `${it.file} ${it.path} has no LoadBalancerName; skipped`, it);
    return;
  }
  const vpc = str(v, 'VPCId');
  if (!vpc || !cx.vpcs.has(vpc)) {
    cx.c.warn('LB_VPC_MISSING', `classic load balancer ${name} is in VPC ${vpc ?? '(none: EC2-Classic)'}, which is not in the dump; skipped`, it, '.VPCId');
    return;
  }
  const id = freeId(cx, name, 'classic');
  const subnets = subnetsIn(
    cx,
    id,
    strings(v, 'Subnets').map((s, i) => [s, `.Subnets[${i}]`] as [string, string]),
    it,
  );
  if (subnets.length === 0) {
    cx.c.warn('LB_NO_SUBNET', `load balancer ${id} has no subnet in the dump; skipped`, it, '.Subnets');
    return;
  }
  const o = resource(cx, id, v);
  o.type = 'classic';
  put(o, 'scheme', str(v, 'Scheme'));
  o.subnets = subnets;
  const groups = groupsIn(cx, id, strings(v, 'SecurityGroups'), it, 'SecurityGroups');
  if (groups.length) o.securityGroups = groups;
  const instances: string[] = [];
  for (const [inst, i] of list(v, 'Instances')) {
    const iid = str(inst, 'InstanceId');
    if (iid && cx.instances.has(iid)) instances.push(iid);
    else
      cx.c.warn(
        'LB_TARGET_MISSING',
        `classic load balancer ${id} names instance ${iid ?? '(none)'}, which is not in the dump; left out`,
        it,
        `.Instances[${i}]`,
      );
  }
  putKey(cx, o, 'loadBalancers', 'instances', instances.length ? instances : undefined);
  putKey(cx, o, 'loadBalancers', 'healthCheck', classicHealthCheckTarget(str(rec(v, 'HealthCheck'), 'Target')));
  const n = nodesOf(cx, id, subnets, nodes.get(name) ?? [], new Map());
  if (n.length) putKey(cx, o, 'loadBalancers', 'nodes', n);
  cx.out.loadBalancers.push(o);
  for (const [ld, i] of list(v, 'ListenerDescriptions')) {
    const l = rec(ld, 'Listener');
    const protocol = str(l, 'Protocol')?.toUpperCase();
    const port = num(l, 'LoadBalancerPort');
    if (!protocol || port === undefined) {
      cx.c.warn('LB_LISTENER_INCOMPLETE', `classic load balancer ${id} has a listener without protocol or port; left out`, it, `.ListenerDescriptions[${i}]`);
      continue;
    }
    const lo = resource(cx, `${id}-${protocol.toLowerCase()}-${port}`, ld);
    lo.loadBalancer = id;
    lo.protocol = protocol;
    lo.port = port;
    put(lo, 'instancePort', num(l, 'InstancePort'));
    put(lo, 'instanceProtocol', str(l, 'InstanceProtocol')?.toUpperCase());
    cx.out.listeners.push(lo);
  }
}

/**
 * A Classic health check target "HTTP:80/index.html", "TCP:5000", "SSL:443" → { protocol, port }.
 * https://docs.aws.amazon.com/elasticloadbalancing/2012-06-01/APIReference/API_HealthCheck.html
 */
export function classicHealthCheck(target: string | undefined): Obj | undefined {
  const m = target ? /^(HTTP|HTTPS|TCP|SSL):(\d{1,5})/i.exec(target) : null;
  return m ? { protocol: m[1]!.toUpperCase(), port: Number(m[2]) } : undefined;
}

/** The Classic health check as the format takes it: `{ target }`, the API's own text with the protocol upper-cased. */
export function classicHealthCheckTarget(target: string | undefined): Obj | undefined {
  const m = target ? /^(HTTP|HTTPS|TCP|SSL):(\d{1,5})(\/.*)?$/i.exec(target.trim()) : null;
  return m ? { target: `${m[1]!.toUpperCase()}:${m[2]}${m[3] ?? ''}` } : undefined;
}

function targetGroup(cx: Ctx, it: Item): void {
  const v = it.v;
  cx.c.fields('TargetGroups', v, F.TargetGroups);
  const arn = str(v, 'TargetGroupArn');
  const name = str(v, 'TargetGroupName');
  if (!arn || !name) {
    cx.c.warn('RESOURCE_NO_ID', `${it.file} ${it.path} has no TargetGroupArn or TargetGroupName; skipped`, it);
    return;
  }
  const type = str(v, 'TargetType') ?? 'instance';
  // GENEVE target groups are a Gateway Load Balancer's appliances: src/import/aws-gwlb.ts reads them.
  if (isGeneve(v)) {
    cx.geneve.add(arn);
    return;
  }
  if (type === 'lambda') {
    cx.c.ignore('target groups of Lambda functions');
    return;
  }
  const vpc = str(v, 'VpcId');
  if (!vpc || !cx.vpcs.has(vpc)) {
    cx.c.warn('LB_VPC_MISSING', `target group ${name} is in VPC ${vpc ?? '(none)'}, which is not in the dump; skipped`, it, '.VpcId');
    return;
  }
  if (type === 'alb' && !formatHas('targetGroups', 'targetType')) {
    cx.c.ignore('target groups of type alb (not in this format version)');
    return;
  }
  const o = resource(cx, cx.ids.has(name) ? `${name}-tg` : name, v);
  o.vpc = vpc;
  if (type !== 'instance') o.targetType = type;
  put(o, 'protocol', str(v, 'Protocol'));
  put(o, 'port', num(v, 'Port'));
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html (HealthCheckPort: traffic-port or a number)
  const hcPort = str(v, 'HealthCheckPort');
  const hc: Obj = {};
  put(hc, 'protocol', str(v, 'HealthCheckProtocol'));
  if (hcPort) hc.port = /^\d+$/.test(hcPort) ? Number(hcPort) : hcPort;
  if (bool(v, 'HealthCheckEnabled') === false) cx.c.note(`target group ${o.id} has health checks turned off`);
  if (Object.keys(hc).length) putKey(cx, o, 'targetGroups', 'healthCheck', hc);
  o.targets = [];
  cx.tgByArn.set(arn, o);
  cx.out.targetGroups.push(o);
}

/**
 * One registered target from describe-target-health (its target group is the item's tableId).
 * Draining targets get no new connections and are left out.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
 */
function target(cx: Ctx, it: Item): void {
  const v = it.v;
  cx.c.fields('TargetHealthDescriptions', v, F.TargetHealthDescriptions);
  const tg = [...cx.tgByArn].find(([arn]) => arn === it.tableId || arn.endsWith(`:${it.tableId}`))?.[1];
  if (!tg && [...cx.geneve].some((arn) => arn === it.tableId || arn.endsWith(`:${it.tableId}`))) return;
  if (!tg) {
    cx.c.warn('LB_TARGET_GROUP_MISSING', `${it.file} holds target health for ${it.tableId}, which is not a target group in the dump; skipped`, it);
    return;
  }
  const t = rec(v, 'Target');
  const tid = str(t, 'Id');
  const state = stateOf(rec(v, 'TargetHealth') ?? {}, 'State');
  if (state === 'draining') {
    cx.c.ignore('targets draining (deregistering)');
    return;
  }
  if (!tid) {
    cx.c.warn('LB_TARGET_MISSING', 'a target has no Id; left out', it, '.Target');
    return;
  }
  const o: Obj = {};
  const type = (tg.targetType as string | undefined) ?? 'instance';
  if (type === 'instance') {
    if (!cx.instances.has(tid)) {
      cx.c.warn('LB_TARGET_MISSING', `target group ${tg.id} names instance ${tid}, which is not in the dump; left out`, it, '.Target.Id');
      return;
    }
    o.id = tid;
  } else if (type === 'alb') {
    const lb = cx.lbByArn.get(tid);
    if (!lb) {
      cx.c.warn('LB_TARGET_MISSING', `target group ${tg.id} names load balancer ${tid}, which is not in the dump; left out`, it, '.Target.Id');
      return;
    }
    o.id = lb;
  } else o.ip = tid;
  const port = num(t, 'Port');
  if (port !== undefined && port !== tg.port) o.port = port;
  (tg.targets as Obj[]).push(o);
}

/** An ALB or NLB listener; its default action must forward to a target group in the dump. */
function listener(cx: Ctx, it: Item): void {
  const v = it.v;
  cx.c.fields('Listeners', v, F.Listeners);
  const lb = cx.lbByArn.get(str(v, 'LoadBalancerArn') ?? '');
  if (!lb && cx.leftOut.has(str(v, 'LoadBalancerArn') ?? '')) {
    cx.c.ignore('listeners of load balancers left out');
    return;
  }
  if (!lb) {
    cx.c.warn(
      'LB_LISTENER_ORPHAN',
      `listener ${str(v, 'ListenerArn') ?? it.path} belongs to load balancer ${str(v, 'LoadBalancerArn') ?? '(none)'}, which is not imported; skipped`,
      it,
      '.LoadBalancerArn',
    );
    return;
  }
  const protocol = str(v, 'Protocol');
  const port = num(v, 'Port');
  if (!protocol || port === undefined) {
    cx.c.warn('LB_LISTENER_INCOMPLETE', `a listener of ${lb} has no protocol or port; skipped`, it);
    return;
  }
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Action.html (forward: TargetGroupArn or ForwardConfig.TargetGroups)
  const actions = list(v, 'DefaultActions');
  const fwd = actions.find(([a]) => str(a, 'Type') === 'forward');
  if (!fwd) {
    const types = actions.map(([a]) => str(a, 'Type') ?? '?').join(', ') || 'none';
    {
      cx.c.ignore(`listeners whose default action does not forward (${types})`);
      return;
    }
  }
  const [a, ai] = fwd;
  const weighted = list(rec(a, 'ForwardConfig'), 'TargetGroups').filter(([g]) => (num(g, 'Weight') ?? 1) > 0);
  const arns = str(a, 'TargetGroupArn')
    ? [str(a, 'TargetGroupArn')!]
    : weighted.map(([g]) => str(g, 'TargetGroupArn')).filter((x): x is string => x !== undefined);
  const tg = cx.tgByArn.get(arns[0] ?? '');
  if (!tg) {
    cx.c.warn(
      'LB_LISTENER_NO_TARGET_GROUP',
      `listener ${lb} ${protocol}:${port} forwards to ${arns[0] ?? '(nothing)'}, which is not in the dump; skipped`,
      it,
      `.DefaultActions[${ai}]`,
    );
    return;
  }
  if (arns.length > 1)
    cx.c.warn(
      'LB_LISTENER_WEIGHTED',
      `listener ${lb} ${protocol}:${port} forwards to ${arns.length} weighted target groups; only the first (${tg.id}) is imported`,
      it,
      `.DefaultActions[${ai}].ForwardConfig`,
    );
  const o = resource(cx, `${lb}-${protocol.toLowerCase()}-${port}`, v);
  o.loadBalancer = lb;
  o.protocol = protocol;
  o.port = port;
  o.targetGroup = tg.id;
  cx.out.listeners.push(o);
}
