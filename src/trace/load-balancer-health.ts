// Target health checks are connections too: every node of every load balancer that forwards to a target group
// connects to each target on the health-check port, from the node's own private address.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html — "Each load balancer
// node checks the health of each target, using the health check settings for the target groups with which the target is registered."
// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html
import type * as M from '../bind/model.js';
import { idByName } from '../bind/names.js';
import { PROTO } from '../bind/rules.js';
import { formatAddr } from '../net/ip.js';
import type { LoadBalancerLegs } from './load-balancer-types.js';
import { combineHealthCheck, type LegSpec, nodeConnection, type StartReply, targetName } from './load-balancer-legs.js';
import type { TraceResult } from './types.js';

export class HealthCheckError extends Error {}

/** One health check: a node of a load balancer to a target of the group. */
export interface HealthCheckResult {
  targetGroup: string;
  loadBalancer: string;
  /** the node's interface id and private address */
  node: string;
  nodeIp: string;
  target: string;
  targetIp: string | null;
  port: number;
  protocol: string;
  verdict: 'ACCEPT' | 'REJECT';
  blockedBy: string | null;
  reason: string | null;
}

export interface HealthCheckSpec extends LegSpec {
  /** only the checks from this node (its interface id) or load balancer */
  from?: string;
  /** only the checks of this target (an instance id or name, or an address) */
  to?: string;
}

/** The target group `text` names (id or name). */
export function targetGroupNamed(t: M.Topology, text: string): M.TargetGroup {
  const found = idByName(t, text, ['target-group']);
  const r = found && 'id' in found ? t.byId.get(found.id) : undefined;
  if (r?.kind !== 'target-group') {
    const known = t.targetGroups.map((g) => g.id);
    throw new HealthCheckError(`--health-check ${text}: not a target group${known.length ? ` (target groups: ${known.slice(0, 8).join(', ')})` : ' (the topology has none)'}`);
  }
  return r;
}

/** Each (load balancer, node, target) whose health check the spec asks for. */
function checksOf(t: M.Topology, tg: M.TargetGroup, spec: HealthCheckSpec): { lb: M.LoadBalancer; listener: M.Listener; node: M.LoadBalancerNode; target: M.Target }[] {
  const out: { lb: M.LoadBalancer; listener: M.Listener; node: M.LoadBalancerNode; target: M.Target }[] = [];
  for (const lb of tg.loadBalancers) {
    const listener = lb.listeners.find((l) => l.targetGroup === tg);
    if (!listener) continue;
    for (const node of lb.nodes) {
      if (spec.from !== undefined && spec.from !== node.eni.id && spec.from !== lb.id) continue;
      for (const target of tg.targets) {
        if (spec.to !== undefined && !targetMatches(t, target, spec.to)) continue;
        out.push({ lb, listener, node, target });
      }
    }
  }
  return out;
}

function targetMatches(t: M.Topology, target: M.Target, text: string): boolean {
  if (targetName(target) === text || target.eni?.id === text) return true;
  const addr = target.ip ?? target.eni?.privateIp;
  if (addr !== undefined && formatAddr(addr) === text) return true;
  const named = idByName(t, text, ['instance']);
  return named !== undefined && 'id' in named && target.instance?.id === named.id;
}

/** The health-check port of a target: the group's number, or the target's traffic port. */
function checkPort(tg: M.TargetGroup, target: M.Target): number {
  return tg.healthCheck.port === 'traffic-port' ? target.port : tg.healthCheck.port;
}

/** Every health check of the group (one per node and target), each with its verdict; `full` also gives each its trace. */
export function runHealthChecks(t: M.Topology, tgText: string, spec: HealthCheckSpec, startReply: StartReply): { results: HealthCheckResult[]; traces: TraceResult[] } {
  const tg = targetGroupNamed(t, tgText);
  if (tg.loadBalancers.length === 0) throw new HealthCheckError(`target group ${tg.id} is not the target of any listener, so no load balancer checks its targets`);
  const checks = checksOf(t, tg, spec);
  if (checks.length === 0) throw new HealthCheckError(`no health check of ${tg.id} matches${spec.from ? ` --from ${spec.from}` : ''}${spec.to ? ` --to ${spec.to}` : ''} (nodes: ${tg.loadBalancers.flatMap((l) => l.nodes.map((n) => n.eni.id)).join(', ')}; targets: ${tg.targets.map(targetName).join(', ') || 'none'})`);
  const results: HealthCheckResult[] = [];
  const traces: TraceResult[] = [];
  for (const c of checks) {
    const port = checkPort(tg, c.target);
    const leg = nodeConnection(t, spec, { ...c, client: c.node.eni.privateIp!, transport: PROTO.TCP, startReply, healthCheck: { targetGroup: tg, port } });
    results.push({ targetGroup: tg.id, loadBalancer: c.lb.id, node: c.node.eni.id, nodeIp: formatAddr(c.node.eni.privateIp!), target: leg.target.target, targetIp: leg.target.ip, port, protocol: tg.healthCheck.protocol, verdict: leg.verdict, blockedBy: leg.target.blockedBy, reason: leg.target.reason });
    const info: LoadBalancerLegs = {
      id: c.lb.id,
      type: c.lb.type,
      scheme: c.lb.scheme,
      node: { interfaceId: c.node.eni.id, subnet: c.node.subnet.id, az: c.node.subnet.az, privateIp: formatAddr(c.node.eni.privateIp!) },
      listener: { id: c.listener.id, protocol: c.listener.protocol, port: c.listener.port },
      legs: [{ leg: 'health-check', verdict: leg.verdict, blockedBy: leg.target.blockedBy, reason: leg.target.reason }],
    };
    traces.push(combineHealthCheck(t, spec, leg, c.node, info));
  }
  return { results, traces };
}

/**
 * For lint rules: every health check that fails (a node to a target of a group some listener uses), with what blocks it.
 * Traces without explanations or flow logs.
 */
export function healthCheckFailures(t: M.Topology, startReply: StartReply): HealthCheckResult[] {
  const out: HealthCheckResult[] = [];
  for (const tg of t.targetGroups) {
    if (tg.loadBalancers.length === 0 || tg.targets.length === 0) continue;
    const { results } = runHealthChecks(t, tg.id, { explain: false, flowLogs: false }, startReply);
    for (const r of results) if (r.verdict !== 'ACCEPT') out.push(r);
  }
  return out;
}
