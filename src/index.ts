// The library API. The CLI is a thin layer over these functions; tests call them directly.
import { bind, type BindResult } from './bind/bind.js';
import { loadFile, loadText, type LoadOptions, type Loaded } from './load/load.js';
import { SourceFile } from './load/source.js';
import { validateSchema } from './load/validate.js';

export * from './net/ip.js';
export type * from './bind/model.js';
export type { Diagnostic, Severity } from './load/diagnostics.js';
export { formatDiagnostic, hasErrors } from './load/diagnostics.js';
export { loadFile, loadText, type Loaded, type LoadOptions } from './load/load.js';
export { bind, type BindResult } from './bind/bind.js';
export { topologySchema } from './load/schema.js';
export * from './generate/generate.js';
export * from './cidr/index.js';
export * from './import/aws.js';
export { trace, FlowError, type FlowSpec, healthChecks, failingHealthChecks } from './trace/trace.js';
export type { HealthCheckResult, HealthCheckSpec } from './trace/load-balancer-health.js';
export type * from './trace/load-balancer-types.js';
export type * from './trace/types.js';
export { renderTraceText, traceJson } from './render/trace-text.js';
export { withAssertionTraces } from './render/trace-assertion.js';
export { hopDetail, hopFix, hopWords, stepFix, stepText } from './render/trace-detail.js';
export { explanationText } from './render/trace-explanation.js';
export { FlowLogFormatError, type FlowLogOptions, withFlowLogs } from './render/flow-logs.js';
export { checkFiles, checkFile, collectFiles, exitCode as checkExitCode, type CheckOptions } from './check/check.js';

/** Load and bind a topology file in one step. */
export function loadTopology(file: string, opts: LoadOptions = {}): BindResult {
  return bind(loadFile(file, opts));
}

/** Load and bind topology text (YAML, or JSON when `file` ends in .json). */
export function loadTopologyText(text: string, file = '<input>', opts: LoadOptions = {}): BindResult {
  return bind(loadText(text, file, opts));
}

/** Bind an in-memory topology object (from the generator or the importer). Positions come from its JSON form. */
export function loadTopologyFromData(data: unknown, file = '<data>.json', opts: LoadOptions = {}): BindResult {
  const source = new SourceFile(file, () => JSON.stringify(data, null, 2));
  const diagnostics = data && typeof data === 'object' && !opts.skipSchema ? validateSchema(data, source) : [];
  const loaded: Loaded = { source, data, diagnostics };
  return bind(loaded);
}
