// What every lint rule module shares: the rule shape, its constructor, and a finding placed at a source position.
import type { Src, Topology } from '../bind/model.js';
import type { Path } from '../load/diagnostics.js';
import { cite } from '../load/cite.js';
import type { Hop } from '../trace/types.js';
import type { TraceFn } from './assertions.js';
import type { Finding, RuleMeta, Severity } from './types.js';

export interface RuleContext {
  t: Topology;
  traceFn: TraceFn;
  /** the words of a rejecting hop: its detail and fix (words live in render/, which the CLI passes in) */
  describeHop: DescribeHop;
}

/** A rejecting hop in words: what blocked, and the fix. */
export type DescribeHop = (hop: Hop) => { detail?: string; fix?: string };

/** Without a renderer, a hop's words are the text it carries (a hop decided by a typed step carries none). */
export const hopOwnWords: DescribeHop = (hop) => ({ detail: hop.detail, fix: hop.fix });

export interface Rule extends RuleMeta {
  run(ctx: RuleContext): Finding[];
}

export function meta(id: string, name: string, severity: Severity, description: string, run: (ctx: RuleContext, self: RuleMeta) => Finding[]): Rule {
  const m: RuleMeta = { id, name, severity, description };
  return { ...m, run: (ctx) => run(ctx, m) };
}

export function at(t: Topology, src: Src | undefined | Path, rule: RuleMeta, message: string, hint?: string, evidence?: string): Finding {
  const path = src === undefined ? [] : Array.isArray(src) ? (src as Path) : (src as Src).path;
  // imported data is cited in the dump file it came from (line 1 when only the file is known)
  const pos = path.length ? cite(t, path) : { file: t.file, line: 1, col: 1 };
  return {
    file: pos.file,
    line: Math.max(1, pos.line),
    col: Math.max(1, pos.col),
    ruleId: rule.id,
    severity: rule.severity,
    message,
    ...(hint ? { hint } : {}),
    ...(evidence ? { evidence } : {}),
  };
}
