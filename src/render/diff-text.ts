// Text form of a diff: opened flows first, then closed ones, then endpoints present on one side only (cli-table3).
import { compactTable } from './long-table.js';
import { c } from './color.js';
import { endText, rangesText, rowsTable, workText } from './reach-text.js';
import type { ReachRow } from '../reach/types.js';
import type { DiffResult, DiffRow, DiffSide, EndpointChange } from '../diff/types.js';

export function portsText(row: ReachRow): string {
  if (row.ports) return `${rangesText(row.ports)}${row.srcPorts ? ` (from ${rangesText(row.srcPorts)})` : ''}`;
  if (row.icmpTypes) return `type ${rangesText(row.icmpTypes)}${row.icmpCodes ? ` code ${rangesText(row.icmpCodes)}` : ''}`;
  return 'all';
}

export function sideText(s: DiffSide): string {
  if (s.verdict === 'ACCEPT') return `ACCEPT via ${s.path.join(' → ')}`;
  return `REJECT${s.blockedBy ? ` at ${s.blockedBy}` : ''}${s.reason ? ` (${s.reason})` : ''}`;
}

function diffTable(rows: DiffRow[]): string {
  return compactTable(
    ['source', 'destination', 'protocol', 'ports', 'before', 'after'].map((h) => c().bold(h)),
    rows.map((r) => [endText(r.source), endText(r.destination), String(r.protocol), portsText(r), sideText(r.before), sideText(r.after)]),
    { colWidths: [null, null, null, null, 40, 40], wordWrap: true },
  );
}

function endpointsText(title: string, es: EndpointChange[]): string[] {
  if (!es.length) return [];
  const lines = ['', c().bold(`${title} (${es.length})`)];
  for (const e of es) {
    lines.push(
      `${endText(e.endpoint)}: ${e.rows.length ? `${e.rows.length} row${e.rows.length === 1 ? '' : 's'} that succeed` : 'nothing succeeds to or from it'}`,
    );
    if (e.rows.length) lines.push(rowsTable(e.rows));
  }
  return lines;
}

/** The one-line answer: what the change opens, from the internet first. */
export function verdictLine(r: DiffResult): string {
  const internet = r.opened.filter((x) => x.source.kind === 'external' && x.source.network === 'internet').length;
  const added = r.addedEndpoints.reduce((n, e) => n + e.rows.length, 0);
  const parts: string[] = [];
  if (r.opened.length) parts.push(`opens ${r.opened.length} row${r.opened.length === 1 ? '' : 's'}${internet ? `, ${internet} from the internet` : ''}`);
  if (r.closed.length) parts.push(`closes ${r.closed.length} row${r.closed.length === 1 ? '' : 's'}`);
  if (r.addedEndpoints.length)
    parts.push(`adds ${r.addedEndpoints.length} interface${r.addedEndpoints.length === 1 ? '' : 's'} (${added} row${added === 1 ? '' : 's'} that succeed)`);
  if (r.removedEndpoints.length) parts.push(`removes ${r.removedEndpoints.length} interface${r.removedEndpoints.length === 1 ? '' : 's'}`);
  if (!parts.length)
    return r.undetermined.length
      ? 'no new access proved; some classes are undetermined (see below)'
      : 'no new access: every flow has the same verdict on both sides';
  return `the change ${parts.join('; ')}`;
}

export function renderDiffText(r: DiffResult, names: { before: string; after: string }): string {
  const q = r.query;
  const lines = [
    `diff ${names.before} → ${names.after}: from ${q.from} to ${q.to}, protocol ${q.protocol}, ports ${rangesText(q.ports)}, source ports ${rangesText(q.srcPorts)}`,
  ];
  lines.push(
    `changed: ${r.scope.changed.length ? r.scope.changed.join(', ') : 'nothing'} (flows of ${r.scope.endpoints === 'all' ? 'every interface' : `${r.scope.endpoints} interface${r.scope.endpoints === 1 ? '' : 's'}`} compared; ${workText(r.stats)})`,
  );
  if (r.opened.length) lines.push('', c().bold.red(`opened (${r.opened.length})`), diffTable(r.opened));
  if (r.closed.length) lines.push('', c().bold.yellow(`closed (${r.closed.length})`), diffTable(r.closed));
  lines.push(...endpointsText('added endpoints', r.addedEndpoints), ...endpointsText('removed endpoints', r.removedEndpoints));
  if (r.undetermined.length)
    lines.push(
      '',
      c().yellow('undetermined: on one side the outcome depends on the source port a NAT gateway picks, which AWS does not document'),
      diffTable(r.undetermined),
    );
  lines.push('', verdictLine(r));
  return `${lines.join('\n')}\n`;
}
