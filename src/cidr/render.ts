// Human output for the CIDR calculator: cli-table3 tables, colour only through c() (NO_COLOR and --no-color honoured).
import Table from 'cli-table3';
import { c } from '../render/color.js';
import type { ContainsResult } from './contains.js';
import type { FreeResult } from './free.js';
import type { CidrInfo } from './info.js';
import type { OverlapResult } from './overlap.js';
import type { PlanResult } from './plan.js';
import type { SplitResult } from './split.js';
import type { SummarizeResult } from './summarize.js';
import type { PrefixTable } from './table.js';
import { groupDigits } from './block.js';

type Align = 'left' | 'right';
type Cell = string | number;

function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/** Tables longer than this are cut (cli-table3 slows down badly on tens of thousands of rows). */
export const MAX_ROWS = 1000;

/**
 * A compact table. `max` caps a column's width (text wraps at word boundaries beyond it); columns are otherwise
 * as wide as their content.
 */
function grid(head: string[], all: Cell[][], opts: { align?: Align[]; max?: Array<number | null> } = {}): string {
  const rows = all.length > MAX_ROWS ? all.slice(0, MAX_ROWS) : all;
  const cols = Math.max(head.length, ...rows.map((r) => r.length));
  const widths: Array<number | null> = [];
  let wrap = false;
  for (let k = 0; k < cols; k++) {
    const cap = opts.max?.[k] ?? null;
    const natural = Math.max(visibleLength(head[k] ?? ''), ...rows.map((r) => visibleLength(String(r[k] ?? '')))) + 2;
    if (cap !== null && natural > cap) {
      widths.push(cap);
      wrap = true;
    } else widths.push(null);
  }
  const t = new Table({
    head: head.map((h) => c().bold(h)),
    // cli-table3 colours heads and borders itself, which would ignore NO_COLOR; colour comes from c() instead.
    style: { head: [], border: [], compact: true },
    ...(wrap ? { colWidths: widths, wordWrap: true, wrapOnWordBoundary: true } : {}),
    ...(opts.align ? { colAligns: opts.align } : {}),
  });
  for (const r of rows) t.push(r);
  const more = all.length - rows.length;
  return more > 0 ? `${t.toString()}\n… ${groupDigits(BigInt(more))} more rows; --json prints all of them` : t.toString();
}

function n(s: string): string {
  return groupDigits(BigInt(s));
}

function yesNo(ok: boolean, why: string): string {
  return `${ok ? c().green('yes') : c().red('no')}: ${why}`;
}

function plural(k: number, one: string, many = `${one}s`): string {
  return `${groupDigits(BigInt(k))} ${k === 1 ? one : many}`;
}

export function renderInfo(i: CidrInfo): string {
  const out: string[] = [];
  out.push(c().bold(i.cidr) + (i.explanation ? `  (${i.explanation})` : ''));
  const rows: Cell[][] = [
    ['Network', i.network],
    ['Prefix length', `/${i.prefix}`],
    ['Netmask', i.netmask],
    ['Wildcard mask', i.wildcard],
    ['First address', i.first],
    ['Last address', i.last],
    ['Total addresses', n(i.total)],
    ['AWS usable', `${n(i.usable)} (total minus the ${i.reserved.length} AWS reserves)`],
    ['First usable', i.firstUsable ?? '(none)'],
    ['Last usable', i.lastUsable ?? '(none)'],
    ['AWS VPC CIDR', yesNo(i.aws.vpc.valid, i.aws.vpc.reason)],
    ['AWS subnet CIDR', yesNo(i.aws.subnet.valid, i.aws.subnet.reason)],
    ['Address space', i.space.label],
  ];
  if (i.ipv4Mapped) rows.push(['IPv4-mapped', `maps the IPv4 block ${i.ipv4Mapped}`]);
  out.push(grid([], rows.map(([k, v]) => [c().bold(String(k)), v!]), { max: [null, 72] }));
  out.push(`Reserved by AWS when ${i.cidr} is a subnet:`);
  out.push(grid(['Address', 'Offset', 'Purpose'], i.reserved.map((x) => [x.address, x.offset, x.purpose]), { max: [null, null, 66] }));
  for (const note of i.aws.notes) out.push(`${c().yellow('note')}: ${note}`);
  return out.join('\n') + '\n';
}

export function renderSplit(s: SplitResult): string {
  const out: string[] = [];
  out.push(`${c().bold(s.cidr)} split into ${plural(s.count, 'subnet')} of /${s.prefix}`);
  out.push(
    grid(
      ['#', 'Subnet', 'First', 'Last', 'Addresses', 'AWS usable'],
      s.subnets.map((row, k) => [k + 1, row.cidr, row.first, row.last, n(row.total), n(row.usable)]),
      { align: ['right', 'left', 'left', 'left', 'right', 'right'] },
    ),
  );
  if (s.free.length) out.push(`Left free: ${s.free.join(', ')}`);
  return out.join('\n') + '\n';
}

export function renderPlan(p: PlanResult): string {
  const out: string[] = [];
  const tiers = p.tiers.map((t) => `${t.name} /${t.prefix}`).join(', ');
  out.push(`${c().bold(p.vpc)}: ${plural(p.azs, 'AZ')} × ${plural(p.tiers.length, 'tier')} (${tiers}); sizes from ${p.sizing}`);
  out.push(
    grid(
      ['Subnet', 'CIDR', 'First', 'Last', 'AWS usable', 'Terraform'],
      p.subnets.map((s) => [s.name, s.cidr, s.first, s.last, n(s.usable), s.terraform]),
      { align: ['left', 'left', 'left', 'left', 'right', 'left'] },
    ),
  );
  out.push(`Allocated ${n(p.totals.allocated)} of ${n(p.totals.vpc)} addresses; ${n(p.totals.free)} free${p.free.length ? ':' : '.'}`);
  if (p.free.length) out.push(grid(['Free block', 'Addresses'], p.free.map((x) => [x.cidr, n(x.total)]), { align: ['left', 'right'] }));
  out.push(`Terraform: ${p.terraform}`);
  for (const w of p.warnings) out.push(`${c().yellow('warning')}: ${w}`);
  return out.join('\n') + '\n';
}

export function renderContains(r: ContainsResult): string {
  const t = grid(['Address or CIDR', 'Inside', 'Why'], r.items.map((i) => [i.value, i.contained ? c().green('yes') : c().red('no'), i.reason]));
  const missing = r.items.filter((i) => !i.contained).length;
  const summary = missing === 0 ? c().green(`all ${r.items.length} inside ${r.cidr}`) : c().red(`${missing} of ${r.items.length} not inside ${r.cidr}`);
  return `${t}\n${summary}\n`;
}

export function renderOverlap(r: OverlapResult): string {
  if (!r.overlapping) return `${c().green('no overlaps')} among ${plural(r.cidrs.length, 'CIDR')}: ${r.cidrs.join(', ')}\n`;
  const t = grid(
    ['CIDR A', 'CIDR B', 'Relation', 'Shared', 'Addresses'],
    r.pairs.map((p) => [p.a, p.b, p.relation, p.shared, n(p.addresses)]),
    { align: ['left', 'left', 'left', 'left', 'right'] },
  );
  return `${t}\n${c().red(plural(r.pairs.length, 'overlapping pair'))} among ${plural(r.cidrs.length, 'CIDR')}\n`;
}

export function renderFree(r: FreeResult): string {
  const out: string[] = [];
  for (const i of r.ignored) out.push(`${c().yellow('ignored')}: ${i.cidr} (${i.reason})`);
  out.push(`${c().bold(r.cidr)}: ${n(r.totals.total)} addresses, ${n(r.totals.used)} used, ${n(r.totals.free)} free in ${plural(r.free.length, 'block')}`);
  if (r.free.length) {
    out.push(grid(['Free block', 'First', 'Last', 'Addresses'], r.free.map((f) => [f.cidr, f.first, f.last, n(f.total)]), { align: ['left', 'left', 'left', 'right'] }));
  }
  return out.join('\n') + '\n';
}

export function renderSummarize(r: SummarizeResult): string {
  const t = grid(['CIDR'], r.summary.map((s) => [s]));
  const counts = [r.addresses.ipv4 !== '0' ? `${n(r.addresses.ipv4)} IPv4` : '', r.addresses.ipv6 !== '0' ? `${n(r.addresses.ipv6)} IPv6` : ''].filter(Boolean);
  return `${t}\n${plural(r.input.length, 'CIDR')} → ${plural(r.summary.length, 'CIDR')}, ${counts.join(' and ')} addresses\n`;
}

export function renderTable(p: PrefixTable): string {
  const mark = (ok: boolean) => (ok ? c().green('yes') : '');
  if (p.family === 4) {
    const t = grid(
      ['Prefix', 'Netmask', 'Wildcard', 'Addresses', 'AWS usable', 'AWS VPC', 'AWS subnet'],
      p.rows.map((r) => [`/${r.prefix}`, r.netmask, r.wildcard, n(r.addresses), r.awsUsable ? n(r.awsUsable) : '', mark(r.awsVpc), mark(r.awsSubnet)]),
      { align: ['right', 'left', 'left', 'right', 'right', 'left', 'left'] },
    );
    return `${t}\nAWS usable = addresses − 5: AWS reserves the first four and the last address of every subnet.\n`;
  }
  const t = grid(
    ['Prefix', 'Addresses', '= 2^n', '/64 subnets', 'AWS VPC', 'AWS subnet'],
    p.rows.map((r) => [`/${r.prefix}`, n(r.addresses), `2^${128 - r.prefix}`, r.prefix <= 64 ? n((1n << BigInt(64 - r.prefix)).toString()) : '', mark(r.awsVpc), mark(r.awsSubnet)]),
    { align: ['right', 'right', 'left', 'right', 'left', 'left'] },
  );
  return `${t}\nAWS: VPC blocks /44 to /60 in steps of /4 (Amazon-provided blocks are /56); subnets /44 to /64 in steps of /4.\n`;
}
