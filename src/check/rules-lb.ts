// Lint rules about Elastic Load Balancing (VPC022–VPC026). Each has a page in docs/rules/<ID>.md. The path rules run
// the tracer: VPC022 traces from the internet to a target's public addresses; VPC023 and VPC024 walk a node's
// connection to each target (src/check/lb-paths.ts).
import type * as M from '../bind/model.js';
import { formatAddr, formatIpv6 } from '../net/ip.js';
import { FlowError } from '../trace/trace.js';
import type { TraceResult } from '../trace/types.js';
import { blockedByTargetGroups, healthCheckPort, nodesServing, nodeToTarget, targetLabel, type NodePath } from './lb-paths.js';
import { type Rule, type RuleContext, at, meta } from './rule-kit.js';
import type { Finding, RuleMeta } from './types.js';

/** One target a load balancer sends traffic to, on the port it uses, with the target group it comes through. */
interface Served {
  lb: M.LoadBalancer;
  target: M.Target;
  tg?: M.TargetGroup;
}

/**
 * The targets of a load balancer: those of the target groups its listeners forward to, and for a Classic Load Balancer
 * its registered instances on each listener's instance port (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html).
 */
function served(lb: M.LoadBalancer): Served[] {
  const out: Served[] = [];
  const seen = new Set<string>();
  const add = (s: Served) => {
    const key = `${s.tg?.id ?? ''}\0${targetLabel(s.target)}\0${s.target.port}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  };
  for (const l of lb.listeners) {
    if (l.targetGroup) for (const target of l.targetGroup.targets) add({ lb, target, tg: l.targetGroup });
    if (lb.type === 'classic' && l.instancePort !== undefined) {
      for (const i of lb.instances) add({ lb, target: { type: 'instance', eni: i.primary, instance: i, port: l.instancePort, src: i.src } });
    }
  }
  return out;
}

function tgRef(s: Served): string {
  return s.tg ? `target group '${s.tg.id}'` : `the instances of '${s.lb.id}'`;
}

function safeTrace(ctx: RuleContext, spec: Parameters<RuleContext['traceFn']>[1]): TraceResult | undefined {
  try {
    return ctx.traceFn(ctx.t, { ...spec, flowLogs: false });
  } catch (e) {
    if (e instanceof FlowError) return undefined;
    throw e;
  }
}

function publicAddresses(e: M.NetworkInterface): string[] {
  return [...(e.publicIp !== undefined ? [formatAddr(e.publicIp)] : []), ...e.ipv6Addresses.map(formatIpv6)];
}

/** The targets of internet-facing load balancers the internet also reaches directly, on the port the load balancer uses. */
function bypassFindings(ctx: RuleContext, self: RuleMeta): Finding[] {
  const { t } = ctx;
  const out: Finding[] = [];
  const reported = new Set<string>();
  for (const lb of t.loadBalancers) {
    if (lb.scheme !== 'internet-facing') continue;
    for (const s of served(lb)) {
      const eni = s.target.eni;
      const key = `${lb.id}\0${eni?.id}`;
      if (!eni || reported.has(key)) continue;
      for (const addr of publicAddresses(eni)) {
        const r = safeTrace(ctx, { from: 'internet', to: addr, protocol: 'tcp', port: s.target.port });
        if (!r || r.forward.verdict !== 'ACCEPT') continue;
        reported.add(key);
        const path = r.forward.hops
          .map((h) => h.component)
          .filter((c, i, a) => a.indexOf(c) === i)
          .join(' -> ');
        const name = targetLabel(s.target);
        out.push(
          at(
            t,
            s.target.src,
            self,
            `'${name}' is a target of internet-facing load balancer '${lb.id}' (${tgRef(s)}), but the internet also reaches it directly at ${addr} on port ${s.target.port}: ${path}; clients can go around the load balancer and its security group, listeners and TLS`,
            `remove the public address of '${name}', or allow port ${s.target.port} in its security group only from the load balancer's security group${lb.securityGroups.length ? ` (${lb.securityGroups.map((g) => g.id).join(', ')})` : ''}`,
            path,
          ),
        );
        break;
      }
    }
  }
  return out;
}

/** Whether the target sees the node's address: not for a Network Load Balancer that keeps the client's. */
const proxied = (s: Served) => !(s.lb.type === 'network' && s.tg?.preserveClientIp === true);

function groupsOf(target: M.Target): string {
  return target.eni?.securityGroups.map((g) => g.id).join(', ') || '(none)';
}

function lbSourceHint(lb: M.LoadBalancer, port: number): string {
  const src = lb.securityGroups.length
    ? `the load balancer's security group${lb.securityGroups.length > 1 ? 's' : ''} ${lb.securityGroups.map((g) => `'${g.id}'`).join(', ')}`
    : `the load balancer's subnets (${lb.subnets.map((s) => s.id).join(', ')})`;
  return `add an inbound rule for tcp ${port} from ${src}`;
}

/** Targets whose security groups refuse the connections the load balancer's nodes open on the traffic port. */
function targetSgFindings(ctx: RuleContext, self: RuleMeta): Finding[] {
  const { t } = ctx;
  const out: Finding[] = [];
  for (const lb of t.loadBalancers) {
    for (const s of served(lb)) {
      if (!proxied(s) || !s.target.eni) continue;
      for (const node of nodesServing(lb, s.target)) {
        const p = nodeToTarget(t, node, s.target, s.target.port);
        if (!p || !blockedByTargetGroups(p, s.target)) continue;
        const name = targetLabel(s.target);
        out.push(
          at(
            t,
            s.target.src,
            self,
            `the security groups of '${name}' (${groupsOf(s.target)}) do not allow load balancer '${lb.id}' on port ${s.target.port}: the connection from node ${formatAddr(node.eni.privateIp!)} (${node.subnet.az}) is refused, so '${name}' gets no traffic from that node (${tgRef(s)})`,
            lbSourceHint(lb, s.target.port),
            p.path,
          ),
        );
        break;
      }
    }
  }
  return out;
}

/** Targets whose health checks some serving node cannot complete (other than what VPC023 reports). */
function healthFindings(ctx: RuleContext, self: RuleMeta): Finding[] {
  const { t } = ctx;
  const out: Finding[] = [];
  const reported = new Set<string>();
  for (const tg of t.targetGroups) {
    for (const target of tg.targets) {
      const port = healthCheckPort(tg, target);
      for (const lb of tg.loadBalancers) {
        const key = `${tg.id}\0${targetLabel(target)}\0${target.port}`;
        if (reported.has(key)) break;
        for (const node of nodesServing(lb, target)) {
          const p = nodeToTarget(t, node, target, port);
          if (!p || p.verdict === 'ACCEPT') continue;
          // the same refusal on the traffic port is VPC023's finding
          if (port === target.port && proxied({ lb, target, tg }) && blockedByTargetGroups(p, target)) continue;
          reported.add(key);
          out.push(healthFinding(ctx, self, tg, target, lb, node, port, p));
          break;
        }
      }
    }
  }
  for (const lb of t.loadBalancers) out.push(...classicHealthFindings(ctx, self, lb));
  return out;
}

/**
 * A Classic Load Balancer's health check (`healthCheck.target`) of each registered instance, from each node that sends
 * it traffic (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-healthchecks.html: an instance that
 * fails it is taken out of service). A refusal by the instance's security groups on a listener's instance port is VPC023's.
 */
function classicHealthFindings(ctx: RuleContext, self: RuleMeta, lb: M.LoadBalancer): Finding[] {
  const { t } = ctx;
  const hc = lb.healthCheck;
  if (lb.type !== 'classic' || !hc) return [];
  const out: Finding[] = [];
  const trafficPorts = new Set(lb.listeners.map((l) => l.instancePort));
  for (const i of lb.instances) {
    const target: M.Target = { type: 'instance', eni: i.primary, instance: i, port: hc.port, src: i.src };
    for (const node of nodesServing(lb, target)) {
      const p = nodeToTarget(t, node, target, hc.port);
      if (!p || p.verdict === 'ACCEPT') continue;
      if (trafficPorts.has(hc.port) && blockedByTargetGroups(p, target)) break;
      const where = p.direction === 'return' ? 'the reply is blocked' : 'it is blocked';
      const words = p.hop ? ctx.describeHop(p.hop) : {};
      const why = words.detail ? `: ${words.detail}` : '';
      const check = `${hc.protocol}:${hc.port}${hc.path ?? ''}`;
      out.push(
        at(
          t,
          hc.src,
          self,
          `health checks of classic load balancer '${lb.id}' (${check}) from node ${formatAddr(node.eni.privateIp!)} (${node.subnet.az}) to '${i.id}': ${where} by '${p.blockedBy ?? '?'}' (${p.reason ?? 'REJECT'})${why}; the instance would be taken out of service`,
          words.fix ?? `allow tcp ${hc.port} from the load balancer's nodes to '${i.id}' (security groups and network ACLs both ways)`,
          p.path,
        ),
      );
      break;
    }
  }
  return out;
}

function healthFinding(
  ctx: RuleContext,
  self: RuleMeta,
  tg: M.TargetGroup,
  target: M.Target,
  lb: M.LoadBalancer,
  node: M.LoadBalancerNode,
  port: number,
  p: NodePath,
): Finding {
  const name = targetLabel(target);
  const where = p.direction === 'return' ? 'the reply is blocked' : 'it is blocked';
  const words = p.hop ? ctx.describeHop(p.hop) : {};
  const why = words.detail ? `: ${words.detail}` : '';
  return at(
    ctx.t,
    target.src,
    self,
    `health checks of '${tg.id}' (${tg.healthCheck.protocol} port ${port}) from node ${formatAddr(node.eni.privateIp!)} of '${lb.id}' (${node.subnet.az}) to '${name}': ${where} by '${p.blockedBy ?? '?'}' (${p.reason ?? 'REJECT'})${why}; the target would be marked unhealthy and get no traffic`,
    words.fix ?? `allow tcp ${port} from the load balancer's nodes to '${name}' (security groups and network ACLs both ways)`,
    p.path,
  );
}

/** Zones of a load balancer's subnets. */
const zonesOf = (lb: M.LoadBalancer) => [...new Set(lb.subnets.map((s) => s.az))];

const hasIgwRoute = (rt: M.RouteTable) => rt.routes.some((r) => r.target.type === 'gateway');

export const LB_RULES: Rule[] = [
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html — the
  // recommended target rule admits traffic from the load balancer's security group only
  meta('VPC022', 'lb-target-bypass', 'warning', 'Target of an internet-facing load balancer that the internet also reaches directly', (ctx, self) =>
    bypassFindings(ctx, self),
  ),
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html#target-security-groups
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-register-targets.html#target-security-groups
  meta('VPC023', 'lb-target-sg-blocks-lb', 'error', "Target's security groups do not allow the load balancer on the traffic port", (ctx, self) =>
    targetSgFindings(ctx, self),
  ),
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html#target-not-in-service —
  // security groups and network ACLs must allow health checks from the load balancer
  meta('VPC024', 'lb-health-check-blocked', 'error', 'Health checks from the load balancer cannot reach a target (it would be marked unhealthy)', (ctx, self) =>
    healthFindings(ctx, self),
  ),
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#availability-zones
  meta('VPC025', 'lb-single-zone', 'warning', 'Load balancer with subnets in one Availability Zone only', ({ t }, self) =>
    t.loadBalancers
      .filter((lb) => zonesOf(lb).length < 2)
      .map((lb) =>
        at(
          t,
          lb.src,
          self,
          `load balancer '${lb.id}' has subnets in one Availability Zone only (${zonesOf(lb).join(', ')}): an outage of that zone takes it down`,
          `add a subnet in a second Availability Zone to '${lb.id}' (and targets there)`,
        ),
      ),
  ),
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#load-balancer-scheme — an
  // internet-facing load balancer's nodes have public addresses, reached through the VPC's internet gateway
  meta('VPC026', 'lb-internet-facing-no-igw', 'error', 'Internet-facing load balancer in a subnet without a route to an internet gateway', ({ t }, self) =>
    t.loadBalancers
      .filter((lb) => lb.scheme === 'internet-facing')
      .flatMap((lb) =>
        lb.subnets
          .filter((s) => !hasIgwRoute(s.routeTable))
          .map((s) =>
            at(
              t,
              lb.src,
              self,
              `internet-facing load balancer '${lb.id}' has its node in subnet '${s.id}' (${s.az}), whose route table '${s.routeTable.id}' has no route to an internet gateway: clients on the internet cannot reach that node and its replies have no way out`,
              `use a public subnet of ${s.az} for '${lb.id}', or add 0.0.0.0/0 -> ${s.vpc.internetGateway?.id ?? 'an internet gateway'} to '${s.routeTable.id}'`,
            ),
          ),
      ),
  ),
];
