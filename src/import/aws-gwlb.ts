// Gateway Load Balancers in `import aws`: elbv2 describe-load-balancers entries of Type gateway, their GENEVE target
// groups (describe-target-groups, describe-target-health) and their endpoints (describe-vpc-endpoints of type
// GatewayLoadBalancer, linked through describe-vpc-endpoint-service-configurations) → `gatewayLoadBalancers` and
// `vpcEndpoints` of type gatewayLoadBalancer (docs/inspection.md). A GWLB's id is its name, as for other load balancers.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/introduction.html
import type { Obj } from './aws-types.js';
import { list, rec, stateOf, str, strings, type Collector, type Item, type Rec } from './aws-util.js';

export type GwlbKind = 'LoadBalancers' | 'TargetGroups' | 'TargetHealthDescriptions' | 'Attributes' | 'ServiceConfigurations';

export interface GwlbInput {
  c: Collector;
  items: (k: GwlbKind) => Item[];
  vpcs: ReadonlyMap<string, Obj>;
  subnets: ReadonlyMap<string, Obj>;
  instances: ReadonlyMap<string, Obj>;
  enis: ReadonlyMap<string, Obj>;
  /** describe-network-interfaces items by id (an ip target is the interface holding that address) */
  eniItems: ReadonlyMap<string, Item>;
  /** the describe record each written object came from (for error positions) */
  recordOf?: WeakMap<Obj, Rec>;
}

export interface GwlbResult {
  gatewayLoadBalancers: Obj[];
  /** endpoint service name → the GWLB id behind it (describe-vpc-endpoint-service-configurations) */
  byService: Map<string, string>;
  /** whether the dump holds describe-vpc-endpoint-service-configurations at all */
  hasServiceConfigurations: boolean;
}

/** Whether a target group belongs to a Gateway Load Balancer: GWLB target groups use GENEVE and nothing else.
 *  https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/target-groups.html */
export const isGeneve = (tg: Rec | undefined): boolean => str(tg, 'Protocol')?.toUpperCase() === 'GENEVE';

/** Gateway Load Balancers with their appliances, and the endpoint services that front them. */
export function convertGatewayLoadBalancers(cx: GwlbInput): GwlbResult {
  const byArn = new Map<string, Obj>();
  for (const it of cx.items('LoadBalancers')) {
    if (str(it.v, 'Type') !== 'gateway') continue;
    const g = gatewayLoadBalancer(cx, it);
    if (g) byArn.set(str(it.v, 'LoadBalancerArn')!, g);
  }
  crossZone(cx, byArn);
  appliances(cx, byArn);
  const byService = new Map<string, string>();
  for (const it of cx.items('ServiceConfigurations')) {
    const service = str(it.v, 'ServiceName');
    const lb = strings(it.v, 'GatewayLoadBalancerArns')
      .map((a) => byArn.get(a))
      .find((g) => g !== undefined);
    if (service && lb) byService.set(service, String(lb.id));
  }
  return { gatewayLoadBalancers: [...byArn.values()], byService, hasServiceConfigurations: cx.items('ServiceConfigurations').length > 0 };
}

function gatewayLoadBalancer(cx: GwlbInput, it: Item): Obj | undefined {
  const v = it.v;
  const name = str(v, 'LoadBalancerName');
  if (!str(v, 'LoadBalancerArn') || !name) {
    cx.c.warn('RESOURCE_NO_ID', `${it.file} ${it.path} has no LoadBalancerArn or LoadBalancerName; skipped`, it);
    return undefined;
  }
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerState.html
  if (stateOf(v) === 'failed') {
    cx.c.ignore('load balancers in state failed');
    return undefined;
  }
  const vpc = str(v, 'VpcId');
  if (!vpc || !cx.vpcs.has(vpc)) {
    cx.c.warn('GWLB_VPC_MISSING', `Gateway Load Balancer ${name} is in VPC ${vpc ?? '(none)'}, which is not in the dump; skipped`, it, '.VpcId');
    return undefined;
  }
  const subnets: string[] = [];
  for (const [z, i] of list(v, 'AvailabilityZones')) {
    const s = str(z, 'SubnetId');
    if (s && cx.subnets.has(s)) subnets.push(s);
    else
      cx.c.warn(
        'GWLB_SUBNET_MISSING',
        `Gateway Load Balancer ${name} has a node in subnet ${s ?? '(none)'}, which is not in the dump; that node is left out`,
        it,
        `.AvailabilityZones[${i}].SubnetId`,
      );
  }
  if (subnets.length === 0) {
    cx.c.warn('GWLB_NO_SUBNET', `Gateway Load Balancer ${name} has no subnet in the dump; skipped`, it, '.AvailabilityZones');
    return undefined;
  }
  const o: Obj = { id: name, subnets, crossZone: false, targets: [] };
  cx.recordOf?.set(o, v);
  return o;
}

/** load_balancing.cross_zone.enabled from describe-load-balancer-attributes; without it, AWS's default (off).
 *  https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/gateway-load-balancers.html#cross-zone-load-balancing */
function crossZone(cx: GwlbInput, byArn: ReadonlyMap<string, Obj>): void {
  const seen = new Set<string>();
  for (const it of cx.items('Attributes')) {
    const g = byArn.get(it.tableId ?? '');
    if (!g) continue;
    seen.add(String(g.id));
    if (str(it.v, 'Key') === 'load_balancing.cross_zone.enabled') g.crossZone = str(it.v, 'Value') === 'true';
  }
  const unknown = [...byArn.values()].filter((g) => !seen.has(String(g.id))).map((g) => String(g.id));
  if (unknown.length)
    cx.c.note(`cross-zone load balancing of ${unknown.join(', ')} is not in the dump (describe-load-balancer-attributes); imported as off, AWS's default`);
}

/** GENEVE target groups → their GWLB's `targets`: instances, or the interface holding an ip target's address. */
function appliances(cx: GwlbInput, byArn: ReadonlyMap<string, Obj>): void {
  const groups = new Map<string, { g: Obj; type: string; name: string }>();
  for (const it of cx.items('TargetGroups')) {
    if (!isGeneve(it.v)) continue;
    const arn = str(it.v, 'TargetGroupArn') ?? '';
    const g = strings(it.v, 'LoadBalancerArns')
      .map((a) => byArn.get(a))
      .find((x) => x !== undefined);
    if (!g) {
      cx.c.warn(
        'GWLB_TARGET_GROUP_ORPHAN',
        `GENEVE target group ${str(it.v, 'TargetGroupName') ?? arn} serves no Gateway Load Balancer in the import; skipped`,
        it,
        '.LoadBalancerArns',
      );
      continue;
    }
    groups.set(arn, { g, type: str(it.v, 'TargetType') ?? 'instance', name: str(it.v, 'TargetGroupName') ?? arn });
  }
  const notHealthy = new Map<string, number>();
  for (const it of cx.items('TargetHealthDescriptions')) {
    const tg = [...groups].find(([arn]) => arn === it.tableId || arn.endsWith(`:${it.tableId}`))?.[1];
    if (!tg) continue;
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/health-checks.html#target-health-states
    const state = stateOf(rec(it.v, 'TargetHealth') ?? {}, 'State') ?? 'healthy';
    if (state === 'draining') {
      cx.c.ignore('targets draining (deregistering)');
      continue;
    }
    const id = applianceId(cx, tg.type, str(rec(it.v, 'Target'), 'Id'), tg.name, it);
    if (!id) continue;
    const targets = tg.g.targets as Obj[];
    if (targets.some((t) => t.id === id)) continue;
    targets.push(state === 'healthy' ? { id } : { id, healthy: false });
    if (state !== 'healthy') notHealthy.set(state, (notHealthy.get(state) ?? 0) + 1);
  }
  for (const [st, n] of notHealthy)
    cx.c.note(
      `${n} Gateway Load Balancer target${n === 1 ? '' : 's'} in state ${st} imported with healthy: false (the load balancer routes to healthy targets)`,
    );
}

function applianceId(cx: GwlbInput, type: string, tid: string | undefined, group: string, it: Item): string | undefined {
  if (tid && type === 'instance' && cx.instances.has(tid)) return tid;
  if (tid && type === 'ip') {
    const eni = [...cx.eniItems.values()].find(
      (e) => list(e.v, 'PrivateIpAddresses').some(([a]) => str(a, 'PrivateIpAddress') === tid) || str(e.v, 'PrivateIpAddress') === tid,
    );
    const eniId = str(eni?.v, 'NetworkInterfaceId');
    if (eniId && cx.enis.has(eniId)) return eniId;
    const inst = str(rec(eni?.v, 'Attachment'), 'InstanceId');
    if (inst && cx.instances.has(inst)) return inst;
  }
  cx.c.warn(
    'GWLB_TARGET_MISSING',
    `GENEVE target group ${group} names ${type} target ${tid ?? '(none)'}, which is not an instance or network interface in the dump; left out`,
    it,
    '.Target.Id',
  );
  return undefined;
}

/**
 * A describe-vpc-endpoints entry of type GatewayLoadBalancer: its one subnet and the GWLB behind its service, or a
 * warning saying why it is left out and how to give it in an overlay.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-load-balancer-endpoints.html
 */
export function gatewayLoadBalancerEndpoint(cx: GwlbInput, gw: GwlbResult, id: string, vpc: string, it: Item): Obj | undefined {
  const service = str(it.v, 'ServiceName') ?? '(none)';
  const subnet = strings(it.v, 'SubnetIds').find((s) => cx.subnets.has(s));
  const lb = gw.byService.get(service);
  if (!subnet) {
    cx.c.warn(
      'GWLB_ENDPOINT_SUBNET_MISSING',
      `Gateway Load Balancer endpoint ${id} is in subnet ${strings(it.v, 'SubnetIds')[0] ?? '(none)'}, which is not in the dump; left out`,
      it,
      '.SubnetIds',
    );
    return undefined;
  }
  if (!lb) {
    const why = gw.hasServiceConfigurations
      ? `no Gateway Load Balancer in the dump serves its service ${service} (describe-vpc-endpoint-service-configurations)`
      : `the dump has no describe-vpc-endpoint-service-configurations output, which links its service ${service} to a Gateway Load Balancer`;
    cx.c.warn(
      'GWLB_ENDPOINT_UNLINKED',
      `Gateway Load Balancer endpoint ${id}: ${why}; left out, so routes to it are blackholes. Add it with --overlay: vpcEndpoints: [{ id: ${id}, vpc: ${vpc}, type: gatewayLoadBalancer, gatewayLoadBalancer: <GWLB name>, subnets: [${subnet}] }], and the routes to it in their route tables`,
      it,
      '.ServiceName',
    );
    return undefined;
  }
  const o: Obj = { id, vpc, type: 'gatewayLoadBalancer', gatewayLoadBalancer: lb, subnets: [subnet] };
  const ip = strings(it.v, 'NetworkInterfaceIds')
    .map((e) => str(cx.eniItems.get(e)?.v, 'PrivateIpAddress'))
    .find((x) => x !== undefined);
  if (ip) o.privateIps = [ip];
  return o;
}
