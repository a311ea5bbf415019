// `vpcsim trace <file> --health-check <target group | classic load balancer>`: every node's health check of every
// target, or one in full.
import type { Topology } from '../bind/model.js';
import { healthChecks } from '../trace/trace.js';
import { HealthCheckError, type HealthCheckResult } from '../trace/load-balancer-health.js';
import { renderTraceText, traceJson } from '../render/trace-text.js';
import { FlowLogFormatError, withFlowLogs } from '../render/flow-logs.js';
import { EXIT, UsageError } from './exit.js';

/** What the checks are of: the target group, or the Classic load balancer checking its own instances. */
const subject = (r: HealthCheckResult) => r.targetGroup ?? r.loadBalancer;

function summary(rs: HealthCheckResult[]): string {
  const first = rs[0]!;
  const lines = [`Health checks of ${subject(first)} (${first.protocol}) from ${[...new Set(rs.map((r) => r.loadBalancer))].join(', ')}:`];
  for (const r of rs) {
    const why = r.verdict === 'ACCEPT' ? '' : `  blocked by ${r.blockedBy} (${r.reason})`;
    lines.push(`  ${r.node} (${r.nodeIp}) → ${r.target}${r.targetIp ? ` (${r.targetIp}:${r.port})` : ''}  ${r.verdict}${why}`);
  }
  const failing = rs.filter((r) => r.verdict !== 'ACCEPT').length;
  lines.push(
    '',
    failing === 0
      ? `All ${rs.length} health checks pass.`
      : `${failing} of ${rs.length} health checks fail; trace one in full with --from <node> --to <target>.`,
  );
  return `${lines.join('\n')}\n`;
}

export function runHealthCheck(t: Topology, opts: Record<string, unknown>): number {
  const tg = String(opts.healthCheck);
  let out: ReturnType<typeof healthChecks>;
  try {
    const checks = healthChecks(t, tg, {
      ...(typeof opts.from === 'string' ? { from: opts.from } : {}),
      ...(typeof opts.to === 'string' ? { to: opts.to } : {}),
      return: opts.return !== false,
    });
    const logs = {
      ...(typeof opts.flowLogFormat === 'string' ? { format: opts.flowLogFormat } : {}),
      ...(opts.time !== undefined ? { time: Number(opts.time) } : {}),
    };
    out = { ...checks, traces: checks.traces.map((r) => withFlowLogs(t, r, logs)) };
  } catch (e) {
    if (e instanceof HealthCheckError) throw new UsageError(e.message, 'INVALID_FLOW');
    if (e instanceof FlowLogFormatError) throw new UsageError(e.message, 'INVALID_FLOW_LOG_FORMAT');
    throw e;
  }
  const { results, traces } = out;
  const ok = results.every((r) => r.verdict === 'ACCEPT');
  const one = results.length === 1 ? traces[0] : undefined;
  if (opts.json) {
    const first = results[0]!;
    // a Classic load balancer's own checks: targetGroup is null and loadBalancer names it
    const of = first.targetGroup === null ? { targetGroup: null, loadBalancer: first.loadBalancer } : { targetGroup: first.targetGroup };
    process.stdout.write(
      `${JSON.stringify({ ...of, verdict: ok ? 'ACCEPT' : 'REJECT', checks: results, ...(one ? { trace: traceJson(one) } : {}) }, null, 2)}\n`,
    );
  } else if (one) {
    const flowLogs = opts.flowLogs === true || opts.flowLogFormat !== undefined;
    process.stdout.write(renderTraceText(one, { flowLogs, ...(process.stdout.isTTY && process.stdout.columns ? { width: process.stdout.columns } : {}) }));
  } else process.stdout.write(summary(results));
  return ok ? EXIT.OK : EXIT.FAIL;
}
