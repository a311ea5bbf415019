// `reach --format html` and `exposure --format html`: the topology picture with the answer drawn on it. Reach:
// each row's forward path joined component to component; hovering or clicking a row outlines its path. Exposure:
// one edge from the internet to each interface it reaches, labelled with the protocols and ports, in red when an
// admin or database port is among them.
import type { Topology } from '../bind/model.js';
import type { ExposedInterface, ExposureResult } from '../reach/exposure.js';
import type { ReachResult, ReachRow } from '../reach/types.js';
import { flaggedIn } from '../reach/ports.js';
import { renderReport, type ReportItem } from './diagram/report.js';
import { pathsGraph, resourceElements, type DrawnPath } from './diagram/rows.js';
import { endText, rangesText, workText } from './reach-text.js';

function portsText(r: ReachRow): string {
  if (r.ports) return `${r.protocol} ${rangesText(r.ports)}`;
  if (r.icmpTypes) return `${r.protocol} type ${rangesText(r.icmpTypes)}`;
  return String(r.protocol);
}

/** A row's path from its source: the engine's path starts after a source interface, so that is put in front. */
function rowComponents(r: ReachRow): string[] {
  const first = r.source.kind === 'interface' ? r.source.id : undefined;
  return first !== undefined && r.path[0] !== first ? [first, ...r.path] : r.path;
}

function rowText(r: ReachRow): string {
  return `${endText(r.source)} → ${endText(r.destination)}  ${portsText(r)}`;
}

export function renderReachHtml(t: Topology, r: ReachResult): Promise<string> {
  const paths: DrawnPath[] = r.rows.map((row) => ({ components: rowComponents(row), kind: 'forward' }));
  const q = r.query;
  const title = `vpcsim reach ${t.name}: from ${q.from} to ${q.to}, ${q.protocol}`;
  const { graph, elements } = pathsGraph(t, paths, title);
  const items: ReportItem[] = r.rows.map((row, i) => ({
    tag: String(row.protocol),
    text: rowText(row),
    detail: `path: ${rowComponents(row).join(' → ')}`,
    resources: elements[i]!,
  }));
  for (const row of r.undetermined)
    items.push({
      tag: 'undetermined',
      severity: 'warning',
      text: `${rowText(row)}: depends on the source port a NAT gateway picks (AWS does not document it)`,
      resources: [],
    });
  const n = r.rows.length;
  const summary = `${n} row${n === 1 ? '' : 's'} (round trips that succeed; ${workText(r.stats)})`;
  return renderReport(title, [{ title: t.name, graph, items, summary, empty: 'no flow succeeds' }]);
}

/** One edge label per interface: its protocols and ports, and the admin or database services among them. */
function exposureLabel(i: ExposedInterface): string {
  const ports = [...new Set(i.inbound.map(portsText))].join('; ');
  return i.flagged.length ? `${ports} ! ${i.flagged.map((f) => f.service).join(', ')}` : ports;
}

function exposureItems(t: Topology, graphOf: Parameters<typeof resourceElements>[0], i: ExposedInterface): ReportItem[] {
  const name = `${i.id}${i.addresses.length ? ` (${i.addresses.join(', ')})` : ''}`;
  const items: ReportItem[] = [];
  for (const [dir, rows] of [
    ['from the internet', i.inbound],
    ['to the internet', i.outbound],
  ] as const) {
    for (const row of rows) {
      const flagged = dir === 'from the internet' ? flaggedIn(row.protocol, row.ports) : [];
      const peer = dir === 'from the internet' ? row.source : row.destination;
      items.push({
        tag: portsText(row),
        ...(flagged.length ? { severity: 'error' as const } : {}),
        text: `${name} ${dir} (${endText(peer)})${flagged.length ? `: ${flagged.map((f) => `${f.port} ${f.service} (${f.kind})`).join(', ')}` : ''}`,
        detail: `path: ${rowComponents(row).join(' → ')}`,
        resources: [...new Set(rowComponents(row).flatMap((c) => resourceElements(graphOf, t, c)))],
      });
    }
  }
  return items;
}

export function renderExposureHtml(t: Topology, r: ExposureResult): Promise<string> {
  const paths: DrawnPath[] = r.interfaces
    .filter((i) => i.inbound.length)
    .map((i) => ({ components: ['internet', i.id], kind: i.flagged.length ? 'exposure-flagged' : 'exposure', label: exposureLabel(i), direct: true }));
  const title = `vpcsim exposure ${t.name}`;
  const { graph } = pathsGraph(t, paths, title);
  const items = r.interfaces.flatMap((i) => exposureItems(t, graph, i));
  const inbound = r.interfaces.filter((i) => i.inbound.length).length;
  const outbound = r.interfaces.filter((i) => i.outbound.length).length;
  const flagged = r.interfaces.filter((i) => i.flagged.length).length;
  const summary = `${inbound} interface${inbound === 1 ? '' : 's'} reachable from the internet (${flagged} with admin or database ports), ${outbound} reaching the internet`;
  return renderReport(title, [
    { title: t.name, graph, items, summary, empty: 'no exposure: the internet reaches no interface, and no interface reaches the internet' },
  ]);
}
