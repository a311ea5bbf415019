// A failed assertion is kept as data (the sentence, and the trace that broke it); its trace is written here, for the
// assertion's `failure` and its finding's `evidence` (docs/check.md), which every check format prints.
import type { AssertionResult, CheckReport, Finding } from '../check/types.js';
import { renderTraceText } from './trace-text.js';

const ASSERTION_RULE = 'ASSERTION';

/** The finding check reported for a failed assertion: same place, the message that names it and its first line. */
function findingOf(findings: Finding[], a: AssertionResult): Finding | undefined {
  const message = `assertion '${a.name}' failed: ${(a.failure ?? '').split('\n')[0]}`;
  return findings.find(
    (f) =>
      f.ruleId === ASSERTION_RULE &&
      f.file === a.file &&
      f.line === Math.max(1, a.line) &&
      f.col === Math.max(1, a.col) &&
      f.message === message &&
      f.evidence === undefined,
  );
}

/** The report with each failed assertion's trace written out: after its `failure`, and as its finding's `evidence`. */
export function withAssertionTraces(r: CheckReport): CheckReport {
  const evidence = new Map<Finding, string>();
  const withEvidence = (f: Finding): Finding => {
    const text = evidence.get(f);
    return text === undefined ? f : { ...f, evidence: text };
  };
  const files = r.files.map((file) => {
    const assertions = file.assertions.map((a) => {
      if (a.passed || !a.trace || a.failure === undefined) return a;
      const text = renderTraceText(a.trace);
      const f = findingOf(file.findings, a);
      if (f) evidence.set(f, text);
      return { ...a, failure: `${a.failure}\n${text}` };
    });
    return { ...file, assertions };
  });
  return {
    files: files.map((f) => ({ ...f, findings: f.findings.map(withEvidence) })),
    findings: r.findings.map(withEvidence),
    assertions: files.flatMap((f) => f.assertions),
  };
}
