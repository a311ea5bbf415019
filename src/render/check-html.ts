// `check --format html`: per checked file, its topology picture, every finding (rule, severity, message,
// file:line:col) with the resources it names outlined on hover or click, and every failed assertion with the
// path of the flow that broke it drawn as `trace --diagram` draws it.
import type { Topology } from '../bind/model.js';
import type { AssertionResult, CheckReport, FileReport, Finding } from '../check/types.js';
import { topologyGraph } from './diagram/index.js';
import { traceGraph } from './diagram/path.js';
import { renderReport, type ReportItem, type ReportSection } from './diagram/report.js';
import { resourceElements } from './diagram/rows.js';
import type { Graph } from './diagram/model.js';

/** Resource ids a message names: any word (quotes and punctuation around it dropped) that is an id of the topology. */
export function namedResources(t: Topology, text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/[\s,;()[\]{}]+/)) {
    const w = raw.replace(/^['"`]+|['"`.:]+$/g, '');
    if (w && t.byId.has(w)) out.add(w);
  }
  return [...out];
}

function elementsFor(g: Graph | undefined, t: Topology | undefined, ids: string[]): string[] {
  if (!g || !t) return [];
  return [...new Set(ids.flatMap((id) => resourceElements(g, t, id)))];
}

function assertionOf(file: FileReport, f: Finding): AssertionResult | undefined {
  return file.assertions.find(
    (a) => !a.passed && a.file === f.file && a.line === f.line && a.col === f.col && f.message.startsWith(`assertion '${a.name}' failed`),
  );
}

function findingItem(file: FileReport, f: Finding, g: Graph | undefined): ReportItem {
  const t = file.topology;
  const base = {
    tag: f.ruleId,
    severity: f.severity,
    text: f.message,
    location: `${f.file}:${f.line}:${f.col}`,
    ...(f.suppressed ? { suppressed: f.suppressed.reason } : {}),
  };
  const a = f.ruleId === 'ASSERTION' ? assertionOf(file, f) : undefined;
  if (a?.trace && t) {
    const hops = [...a.trace.forward.hops, ...(a.trace.return?.hops ?? [])].map((h) => h.component);
    return { ...base, detail: f.evidence, resources: elementsFor(g, t, [...new Set(hops)]), figure: traceGraph(t, a.trace) };
  }
  const words = t ? namedResources(t, f.message) : [];
  return { ...base, detail: [f.hint ? `fix: ${f.hint}` : '', f.evidence ?? ''].filter(Boolean).join('\n') || undefined, resources: elementsFor(g, t, words) };
}

function fileSection(file: FileReport): ReportSection {
  const g = file.topology ? topologyGraph(file.topology, { instances: 'auto' }) : undefined;
  const failed = file.assertions.filter((a) => !a.passed).length;
  const live = file.findings.filter((f) => !f.suppressed);
  const count = (s: string) => live.filter((f) => f.severity === s).length;
  const summary = `${count('error')} errors, ${count('warning')} warnings, ${count('info')} info${file.findings.length > live.length ? `, ${file.findings.length - live.length} suppressed` : ''}; assertions: ${file.assertions.length - failed} passed, ${failed} failed${file.unreadable ? '; the file could not be read' : ''}`;
  return { title: file.file, graph: g, items: file.findings.map((f) => findingItem(file, f, g)), summary, empty: 'no findings' };
}

/** The report page: one section per file, in the order checked. Needs `checkFiles(…, { keepTopologies: true })`. */
export function renderCheckHtml(r: CheckReport): Promise<string> {
  const n = r.files.length;
  return renderReport(`vpcsim check: ${n} file${n === 1 ? '' : 's'}`, r.files.map(fileSection));
}
