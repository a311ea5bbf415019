// The shapes `vpcsim check` produces. The JSON output is exactly `CheckReport.findings` (see docs/check.md).
import type { Severity } from '../load/diagnostics.js';
import type { Topology } from '../bind/model.js';
import type { TraceResult } from '../trace/types.js';

export type { Severity };

export interface Finding {
  file: string;
  line: number;
  col: number;
  /** a lint rule id (VPC001…), a loader/binder diagnostic code, or ASSERT for a failed assertion */
  ruleId: string;
  severity: Severity;
  message: string;
  hint?: string;
  /** set when a `# vpcsim-disable-next-line RULEID reason` comment covers the finding */
  suppressed?: { reason: string };
  /** extra evidence, e.g. the path of an exposure or the trace that broke an assertion (text) */
  evidence?: string;
}

export interface AssertionResult {
  file: string;
  line: number;
  col: number;
  name: string;
  passed: boolean;
  /** how many traces the assertion cost (members × port classes) */
  traces: number;
  /** why it failed, one line (src/render/trace-assertion.ts appends the trace that broke it) */
  failure?: string;
  /** the trace that broke it (written out by src/render/trace-assertion.ts; not in the JSON output) */
  trace?: TraceResult;
}

export interface FileReport {
  file: string;
  /** true when the file could not be read or parsed at all (exit 2) */
  unreadable: boolean;
  /** true when an assertion of the file is malformed (bad input, exit 2) */
  invalidAssertions?: boolean;
  findings: Finding[];
  assertions: AssertionResult[];
  /** rule ids that ran on this file */
  rulesRun: string[];
  /** the bound topology, kept only when asked for (CheckOptions.keepTopologies, for the HTML report) */
  topology?: Topology;
}

export interface CheckReport {
  files: FileReport[];
  findings: Finding[];
  assertions: AssertionResult[];
}

export interface RuleMeta {
  id: string;
  name: string;
  severity: Severity;
  description: string;
}
