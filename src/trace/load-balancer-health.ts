// Target health checks are connections too: every node of every load balancer that forwards to a target group
// connects to each target on the health-check port, from the node's own private address.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html — "Each load balancer
// node checks the health of each target, using the health check settings for the target groups with which the target is registered."
// https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html
// A Classic load balancer checks its registered instances itself, with its `healthCheck.target`
// (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-healthchecks.html).
import type * as M from '../bind/model.js';
import { idByName } from '../bind/names.js';
import { PROTO } from '../bind/rules.js';
import { formatAddr } from '../net/ip.js';
import type { LoadBalancerLegs } from './load-balancer-types.js';
import { combineHealthCheck, type LegSpec, type NodeHealthCheck, nodeConnection, type StartReply, targetGroupCheck, targetName } from './load-balancer-legs.js';
import type { TraceResult } from './types.js';

export class HealthCheckError extends Error {}

/** One health check: a node of a load balancer to a target of the group. */
export interface HealthCheckResult {
  /** null for a Classic load balancer's own health check (`loadBalancer` names it) */
  targetGroup: string | null;
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

/** One health check to run: a node of a load balancer to a target, with the check's protocol and port. */
interface Check {
  lb: M.LoadBalancer;
  listener: M.Listener;
  node: M.LoadBalancerNode;
  target: M.Target;
  hc: NodeHealthCheck;
}

/** Whose health checks `--health-check` asks for: a target group's, or a Classic load balancer's own. */
type Subject = { tg: M.TargetGroup; lb?: undefined } | { lb: M.LoadBalancer; tg?: undefined };

/** The target group or Classic load balancer `text` names (id or name). */
function subjectNamed(t: M.Topology, text: string): Subject {
  const found = idByName(t, text, ['target-group', 'load-balancer']);
  const r = found && 'id' in found ? t.byId.get(found.id) : undefined;
  if (r?.kind === 'target-group') return { tg: r };
  if (r?.kind === 'load-balancer') {
    const groups = [...new Set(r.listeners.flatMap((l) => (l.targetGroup ? [l.targetGroup.id] : [])))];
    if (r.type !== 'classic')
      throw new HealthCheckError(
        `--health-check ${text}: ${r.id} is ${r.type === 'application' ? 'an' : 'a'} ${r.type} load balancer, whose health checks are configured on its target groups${groups.length ? ` (${groups.join(', ')})` : ''}`,
      );
    if (!r.healthCheck)
      throw new HealthCheckError(
        `--health-check ${text}: classic load balancer ${r.id} has no healthCheck in the file; add healthCheck: { target: <PROTOCOL>:<port>[/<path>] } (vpcsim assumes none)`,
      );
    if (r.listeners.length === 0) throw new HealthCheckError(`--health-check ${text}: classic load balancer ${r.id} has no listeners`);
    return { lb: r };
  }
  const known = [...t.targetGroups.map((g) => g.id), ...t.loadBalancers.filter((l) => l.type === 'classic').map((l) => l.id)];
  throw new HealthCheckError(
    `--health-check ${text}: not a target group or classic load balancer${known.length ? ` (known: ${known.slice(0, 8).join(', ')})` : ' (the topology has none)'}`,
  );
}

const nodeMatches = (spec: HealthCheckSpec, lb: M.LoadBalancer, node: M.LoadBalancerNode) =>
  spec.from === undefined || spec.from === node.eni.id || spec.from === lb.id;

/** Each (load balancer, node, target) of a target group whose health check the spec asks for. */
function checksOf(t: M.Topology, tg: M.TargetGroup, spec: HealthCheckSpec): Check[] {
  const out: Check[] = [];
  for (const lb of tg.loadBalancers) {
    const listener = lb.listeners.find((l) => l.targetGroup === tg);
    if (!listener) continue;
    for (const node of lb.nodes) {
      if (!nodeMatches(spec, lb, node)) continue;
      for (const target of tg.targets) {
        if (spec.to !== undefined && !targetMatches(t, target, spec.to)) continue;
        out.push({ lb, listener, node, target, hc: targetGroupCheck(tg, target) });
      }
    }
  }
  return out;
}

/**
 * A Classic load balancer's checks: every node to every registered instance, on the port of `healthCheck.target`
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-healthchecks.html — "the load balancer sends a
 * health check request to each registered instance"). TCP carries every protocol (TCP, SSL, HTTP, HTTPS).
 */
function classicChecksOf(t: M.Topology, lb: M.LoadBalancer, spec: HealthCheckSpec): Check[] {
  const hc = lb.healthCheck!;
  const check: NodeHealthCheck = {
    of: lb,
    protocol: hc.protocol,
    port: hc.port,
    configured: hc.port,
    label: `${hc.protocol}:${hc.port}${hc.path ?? ''}`,
    src: hc.src,
  };
  const out: Check[] = [];
  for (const node of lb.nodes) {
    if (!nodeMatches(spec, lb, node)) continue;
    for (const i of lb.instances) {
      const target: M.Target = { type: 'instance', eni: i.primary, instance: i, port: hc.port, src: i.src };
      if (spec.to !== undefined && !targetMatches(t, target, spec.to)) continue;
      out.push({ lb, listener: lb.listeners[0]!, node, target, hc: check });
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

/** The checks `text` (a target group or a Classic load balancer) and the spec ask for; an error when there are none. */
function selectChecks(t: M.Topology, text: string, spec: HealthCheckSpec): Check[] {
  const s = subjectNamed(t, text);
  if (s.tg && s.tg.loadBalancers.length === 0)
    throw new HealthCheckError(`target group ${s.tg.id} is not the target of any listener, so no load balancer checks its targets`);
  const checks = s.lb ? classicChecksOf(t, s.lb, spec) : checksOf(t, s.tg, spec);
  if (checks.length > 0) return checks;
  const lbs = s.lb ? [s.lb] : s.tg.loadBalancers;
  const targets = s.lb ? s.lb.instances.map((i) => i.id) : s.tg.targets.map(targetName);
  throw new HealthCheckError(
    `no health check of ${s.lb ? s.lb.id : s.tg.id} matches${spec.from ? ` --from ${spec.from}` : ''}${spec.to ? ` --to ${spec.to}` : ''} (nodes: ${lbs.flatMap((l) => l.nodes.map((n) => n.eni.id)).join(', ')}; targets: ${targets.join(', ') || 'none'})`,
  );
}

/**
 * Every health check of a target group, or of a Classic load balancer (one per node and target), each with its
 * verdict; `full` also gives each its trace.
 */
export function runHealthChecks(
  t: M.Topology,
  text: string,
  spec: HealthCheckSpec,
  startReply: StartReply,
): { results: HealthCheckResult[]; traces: TraceResult[] } {
  const results: HealthCheckResult[] = [];
  const traces: TraceResult[] = [];
  for (const c of selectChecks(t, text, spec)) {
    const leg = nodeConnection(t, spec, { ...c, client: c.node.eni.privateIp!, transport: PROTO.TCP, startReply, healthCheck: c.hc });
    const tg = c.listener.targetGroup && c.hc.of === c.listener.targetGroup ? c.hc.of.id : null;
    results.push({
      targetGroup: tg,
      loadBalancer: c.lb.id,
      node: c.node.eni.id,
      nodeIp: formatAddr(c.node.eni.privateIp!),
      target: leg.target.target,
      targetIp: leg.target.ip,
      port: c.hc.port,
      protocol: c.hc.protocol,
      verdict: leg.verdict,
      blockedBy: leg.target.blockedBy,
      reason: leg.target.reason,
    });
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
