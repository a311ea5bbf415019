// Machine formats of `vpcsim check`: json (the findings array), SARIF 2.1.0, JUnit XML, GitHub workflow commands.
import type { CheckReport, Finding, RuleMeta } from '../check/types.js';

import { VERSION } from '../version.js';
import { ruleHelpUri } from '../check/catalogue.js';

/** JSON: a stable array of findings, one object per finding (see docs/check.md, "Output formats"). */
export function renderCheckJson(r: CheckReport): string {
  const rows = r.findings.map((f) => ({
    file: f.file,
    line: f.line,
    col: f.col,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    hint: f.hint ?? null,
    suppressed: f.suppressed ?? null,
    evidence: f.evidence ?? null,
  }));
  return JSON.stringify(rows, null, 2) + '\n';
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A file path as a SARIF `uri-reference`: `/` separators, each segment percent-encoded (a space is `%20`). */
function fileUri(file: string): string {
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), the subset GitHub code scanning reads. */
export function renderCheckSarif(r: CheckReport, rules: RuleMeta[]): object {
  const metas = new Map<string, RuleMeta>(rules.map((m) => [m.id, m]));
  for (const f of r.findings)
    if (!metas.has(f.ruleId))
      metas.set(f.ruleId, {
        id: f.ruleId,
        name: f.ruleId === 'ASSERTION' ? 'assertion' : f.ruleId.toLowerCase().replace(/_/g, '-'),
        severity: f.severity,
        description: f.ruleId === 'ASSERTION' ? 'A reachability assertion of the topology does not hold' : `Topology file error ${f.ruleId}`,
      });
  const list = [...metas.values()];
  const index = new Map(list.map((m, i) => [m.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vpcsim',
            version: VERSION,
            rules: list.map((m) => ({
              id: m.id,
              name: m.name,
              shortDescription: { text: m.description },
              fullDescription: { text: m.description },
              helpUri: ruleHelpUri(m.id),
              help: { text: `${m.description}. See ${ruleHelpUri(m.id)}`, markdown: `${m.description}. See [${m.id}](${ruleHelpUri(m.id)}).` },
              defaultConfiguration: { level: LEVEL[m.severity] },
              properties: { tags: ['network', 'aws', 'vpc'] },
            })),
          },
        },
        results: r.findings.map((f: Finding) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId)!,
          level: LEVEL[f.severity],
          message: { text: `${f.message}${f.hint ? `${/[.!?]$/.test(f.message) ? '' : '.'} Fix: ${f.hint}` : ''}` },
          locations: [
            { physicalLocation: { artifactLocation: { uri: fileUri(f.file) }, region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.col) } } },
          ],
          ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.suppressed.reason }] } : {}),
        })),
      },
    ],
  };
}

function xml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/\u001b\[[0-9;]*m/g, '');
}

/** JUnit XML: per file a testsuite; one testcase per assertion, one per rule that ran, one for validation. */
export function renderCheckJunit(r: CheckReport, rules: RuleMeta[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  for (const file of r.files) {
    const cases: string[] = [];
    let fails = 0;
    const live = file.findings.filter((f) => !f.suppressed);
    const failCase = (name: string, classname: string, found: Finding[]) => {
      const bad = found.filter((f) => f.severity === 'error' || f.severity === 'warning');
      if (bad.length) fails++;
      cases.push(
        `    <testcase name="${xml(name)}" classname="${xml(classname)}">` +
          (bad.length
            ? `\n      <failure message="${xml(bad[0]!.message)}" type="${xml(bad[0]!.ruleId)}">${xml(bad.map((f) => `${f.file}:${f.line}:${f.col} ${f.severity} ${f.ruleId}: ${f.message}`).join('\n'))}</failure>\n    `
            : '') +
          '</testcase>',
      );
    };
    const ruleIds = new Set(rules.map((m) => m.id));
    failCase(
      'validation',
      `${file.file}.validation`,
      live.filter((f) => !ruleIds.has(f.ruleId) && f.ruleId !== 'ASSERTION'),
    );
    for (const id of file.rulesRun) {
      const m = rules.find((x) => x.id === id)!;
      failCase(
        `${id} ${m.name}`,
        `${file.file}.rules`,
        live.filter((f) => f.ruleId === id),
      );
    }
    for (const a of file.assertions) {
      if (!a.passed) fails++;
      cases.push(
        `    <testcase name="${xml(a.name)}" classname="${xml(`${file.file}.assertions`)}">` +
          (a.passed ? '' : `\n      <failure message="${xml((a.failure ?? '').split('\n')[0]!)}">${xml(a.failure ?? '')}</failure>\n    `) +
          '</testcase>',
      );
    }
    total += cases.length;
    failures += fails;
    suites.push(
      `  <testsuite name="${xml(file.file)}" tests="${cases.length}" failures="${fails}" errors="${file.unreadable ? 1 : 0}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  out.push(`<testsuites name="vpcsim check" tests="${total}" failures="${failures}">`, ...suites, '</testsuites>');
  return out.join('\n') + '\n';
}

// https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
function esc(s: string, prop = false): string {
  let v = s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (prop) v = v.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return v;
}

/** GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`. Suppressed findings are skipped. */
export function renderCheckGithub(r: CheckReport): string {
  const cmd = { error: 'error', warning: 'warning', info: 'notice' } as const;
  return r.findings
    .filter((f) => !f.suppressed)
    .map(
      (f) =>
        `::${cmd[f.severity]} file=${esc(f.file, true)},line=${Math.max(1, f.line)},col=${Math.max(1, f.col)},title=${esc(f.ruleId, true)}::${esc(`${f.message}${f.hint ? ` (${f.hint})` : ''}`)}\n`,
    )
    .join('');
}
