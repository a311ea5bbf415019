// `diff --format html`: the findings report (src/render/diagram/report.ts) with two sections. The after topology
// carries the opened rows, each drawn along the path that now accepts it; the before topology carries the closed
// rows, drawn along the path that used to. Each row says which component rejects it on the other side.
import type { Topology } from '../bind/model.js';
import type { DiffResult, DiffRow, DiffSide } from '../diff/types.js';
import type { ReachRow } from '../reach/types.js';
import { renderReport, type ReportItem, type ReportSection } from './diagram/report.js';
import { pathsGraph, type DrawnPath } from './diagram/rows.js';
import { endText, rangesText } from './reach-text.js';

function portsText(r: ReachRow): string {
  if (r.ports) return `${r.protocol} ${rangesText(r.ports)}`;
  if (r.icmpTypes) return `${r.protocol} type ${rangesText(r.icmpTypes)}`;
  return String(r.protocol);
}

/** The accepting side's path, with the source interface in front (the engine's path starts after it). */
function acceptedPath(r: DiffRow, side: DiffSide): string[] {
  const path = side.verdict === 'ACCEPT' ? side.path : [];
  const first = r.source.kind === 'interface' ? r.source.id : undefined;
  return first !== undefined && path[0] !== first ? [first, ...path] : path;
}

function rejected(side: DiffSide): string {
  return side.verdict === 'REJECT' ? `rejected at ${side.blockedBy ?? 'no component'}${side.reason ? ` (${side.reason})` : ''}` : 'accepted';
}

function section(t: Topology, title: string, rows: DiffRow[], accepting: 'before' | 'after', empty: string): ReportSection {
  const paths: DrawnPath[] = rows.map((r) => ({ components: acceptedPath(r, r[accepting]), kind: 'forward' }));
  const { graph, elements } = pathsGraph(t, paths, title);
  const other = accepting === 'after' ? 'before' : 'after';
  const items: ReportItem[] = rows.map((r, i) => ({
    tag: r.change,
    ...(r.change === 'opened' && r.source.kind === 'external' ? { severity: 'error' as const } : { severity: 'warning' as const }),
    text: `${endText(r.source)} → ${endText(r.destination)}  ${portsText(r)}`,
    detail: `${accepting}: path ${acceptedPath(r, r[accepting]).join(' → ')}\n${other}: ${rejected(r[other])}`,
    resources: elements[i]!,
  }));
  const n = rows.length;
  return { title, graph, items, summary: `${n} ${accepting === 'after' ? 'opened' : 'closed'} row${n === 1 ? '' : 's'}`, empty };
}

export function renderDiffHtml(before: Topology, after: Topology, r: DiffResult, names: { before: string; after: string }): Promise<string> {
  const sections = [
    section(after, `after: ${names.after} (opened flows)`, r.opened, 'after', 'the change opens nothing'),
    section(before, `before: ${names.before} (closed flows)`, r.closed, 'before', 'the change closes nothing'),
  ];
  return renderReport(`vpcsim diff: ${names.before} → ${names.after}`, sections);
}
