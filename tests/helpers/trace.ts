// Helpers for the tracer tests: load a YAML topology (failing on any error diagnostic), apply one change to
// a base topology, and run a trace.
import { expect } from 'vitest';
import { formatDiagnostic, loadTopologyText, type Topology } from '../../src/index.js';
import { FlowError, trace, type FlowSpec } from '../../src/trace/trace.js';
import type { TraceResult } from '../../src/trace/types.js';
import { withFlowLogs } from '../../src/render/flow-logs.js';
import { explanationText } from '../../src/render/trace-explanation.js';

export function load(yaml: string): Topology {
  const r = loadTopologyText(yaml, 'x.yaml');
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  expect(errors).toEqual([]);
  return r.topology!;
}

/** `base` with `from` replaced by `to`; fails when `from` is not in `base` exactly once, so a change never silently misses. */
export function change(base: string, from: string, to: string): string {
  const n = base.split(from).length - 1;
  expect(n, `change: '${from}' occurs ${n} times`).toBe(1);
  return base.replace(from, () => to);
}

export interface Run {
  r: TraceResult;
  verdict: string;
  blockedBy: string | null;
  reason: string | null;
  /** components of the forward path, in order */
  fwd: string[];
  /** components of the return path, in order ([] when there is none) */
  ret: string[];
  returnVerdict: string | undefined;
}

/** A trace with its flow-log records and explanation written, as the CLI writes them (`flowLogFormat`, `time`: --flow-log-format, --time). */
export function run(yamlOrTopology: string | Topology, spec: FlowSpec & { flowLogFormat?: string; time?: number }): Run {
  const t = typeof yamlOrTopology === 'string' ? load(yamlOrTopology) : yamlOrTopology;
  const { flowLogFormat, time, ...flow } = spec;
  const traced = withFlowLogs(t, trace(t, flow), { format: flowLogFormat, time });
  const r = { ...traced, explanation: explanationText(traced) };
  return {
    r,
    verdict: r.verdict,
    blockedBy: r.blockedBy,
    reason: r.reason,
    fwd: r.forward.hops.map((h) => h.component),
    ret: r.return?.hops.map((h) => h.component) ?? [],
    returnVerdict: r.return?.verdict,
  };
}

/** What the compiled and explained paths must agree on: verdict, blockedBy and reason, or the flow's input error. */
export function outcome(f: () => { verdict: string; blockedBy: string | null; reason: string | null }): unknown {
  try {
    const r = f();
    return { verdict: r.verdict, blockedBy: r.blockedBy, reason: r.reason };
  } catch (e) {
    if (e instanceof FlowError) return { error: e.message };
    throw e;
  }
}
