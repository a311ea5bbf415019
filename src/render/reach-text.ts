// Text form of reach answers: one table row per merged class (cli-table3), colour only through c().
import { c } from './color.js';
import { compactTable } from './long-table.js';
import type { ReachResult, ReachRow, RowEnd } from '../reach/types.js';

export function endText(e: RowEnd): string {
  if (e.kind === 'interface') return `${e.id}${e.addresses.length ? ` (${e.addresses.join(', ')})` : ''}`;
  if (e.all) return `${e.network}: any ${e.cidrs[0]?.includes(':') ? 'IPv6' : 'IPv4'} address`;
  const shown = e.cidrs.length > 6 ? [...e.cidrs.slice(0, 6), `… ${e.cidrs.length - 6} more`] : e.cidrs;
  return `${e.network}: ${shown.join(' ')}`;
}

export function rangesText(r: [number, number][] | null | undefined): string {
  if (!r) return '';
  return r.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The engine's work behind an answer: "12 exact classes, 30 traces". */
export function workText(stats: { classes: number; traces: number }): string {
  return `${counted(stats.classes, 'exact class', 'exact classes')}, ${counted(stats.traces, 'trace', 'traces')}`;
}

function portsCell(row: ReachRow): string {
  if (row.ports) return rangesText(row.ports);
  if (row.icmpTypes) return `type ${rangesText(row.icmpTypes)}${row.icmpCodes ? ` code ${rangesText(row.icmpCodes)}` : ''}`;
  return 'all';
}

export function rowsTable(rows: ReachRow[]): string {
  const withSrc = rows.some((r) => r.srcPorts);
  const head = ['source', 'destination', 'protocol', 'ports', ...(withSrc ? ['src ports'] : []), 'path'];
  const cells = rows.map((r) => [
    endText(r.source),
    endText(r.destination),
    String(r.protocol),
    portsCell(r),
    ...(withSrc ? [r.srcPorts ? rangesText(r.srcPorts) : 'all asked'] : []),
    r.path.join(' → '),
  ]);
  return compactTable(
    head.map((h) => c().bold(h)),
    cells,
  );
}

export function renderReachText(r: ReachResult): string {
  const q = r.query;
  const lines = [`reach from ${q.from} to ${q.to}, protocol ${q.protocol}, ports ${rangesText(q.ports)}, source ports ${rangesText(q.srcPorts)}`];
  if (!r.rows.length) lines.push(c().yellow('nothing reaches: every packet of the query is rejected on the way there or back'));
  else lines.push(rowsTable(r.rows), `${r.rows.length} row${r.rows.length === 1 ? '' : 's'} (round trips that succeed; ${workText(r.stats)})`);
  if (r.undetermined.length) {
    lines.push(
      '',
      c().yellow('undetermined: the outcome depends on the source port a NAT gateway picks, which AWS does not document'),
      rowsTable(r.undetermined),
    );
  }
  return `${lines.join('\n')}\n`;
}
