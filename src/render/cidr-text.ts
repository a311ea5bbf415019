// Human output for the CIDR calculator: cli-table3 tables, colour only through c() (NO_COLOR and --no-color honoured).
import Table from 'cli-table3';
import { c } from './color.js';
import type { ContainsResult } from '../cidr/contains.js';
import type { FreeResult } from '../cidr/free.js';
import type { CidrInfo } from '../cidr/info.js';
import type { OverlapResult } from '../cidr/overlap.js';
import type { PlanResult } from '../cidr/plan.js';
import type { SplitResult } from '../cidr/split.js';
import type { SummarizeResult } from '../cidr/summarize.js';
import type { PrefixTable } from '../cidr/table.js';
import { groupDigits } from '../cidr/block.js';
import { DEFAULT_WIDTH, fitProse, fitWidths, wrapRows } from './fit-table.js';
import { visibleLength } from './wrap.js';

/** Text rendering options. `width`: the columns the output fits (default 80); the CLI passes the terminal's. */
export interface CidrTextOptions {
  width?: number;
}

type Align = 'left' | 'right';
type Cell = string | number;

/** Tables longer than this are cut (cli-table3 slows down badly on tens of thousands of rows). */
export const MAX_ROWS = 1000;

/**
 * A compact table that fits `width` columns (default 80): too wide, its columns shrink and their text wraps
 * (fit-table.ts). `max` caps a column's width further; columns are otherwise as wide as their content.
 */
function grid(head: string[], all: Cell[][], opts: { align?: Align[]; max?: Array<number | null>; width?: number } = {}): string {
  const rows = (all.length > MAX_ROWS ? all.slice(0, MAX_ROWS) : all).map((r) => r.map(String));
  const cols = Math.max(head.length, ...rows.map((r) => r.length));
  const fit = fitWidths(head, rows, opts.width ?? DEFAULT_WIDTH);
  const widths: number[] = [];
  let wrap = fit !== null;
  for (let k = 0; k < cols; k++) {
    const natural = Math.max(visibleLength(head[k] ?? ''), ...rows.map((r) => visibleLength(r[k] ?? ''))) + 2;
    const cap = Math.min(opts.max?.[k] ?? natural, fit?.[k] ?? natural);
    if (cap < natural) wrap = true;
    widths.push(Math.min(cap, natural));
  }
  const [h, ...body] = wrap ? wrapRows([head, ...rows], widths) : [head, ...rows];
  const t = new Table({
    head: h!.slice(0, head.length).map((x) => c().bold(x)),
    // cli-table3 colours heads and borders itself, which would ignore NO_COLOR; colour comes from c() instead.
    style: { head: [], border: [], compact: true },
    ...(wrap ? { colWidths: widths, wordWrap: true } : {}),
    ...(opts.align ? { colAligns: opts.align } : {}),
  });
  for (const r of body) t.push(r);
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

export function renderInfo(i: CidrInfo, text: CidrTextOptions = {}): string {
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
  out.push(
    grid(
      [],
      rows.map(([k, v]) => [c().bold(String(k)), v!]),
      { max: [null, 72], width: text.width },
    ),
  );
  out.push(`Reserved by AWS when ${i.cidr} is a subnet:`);
  out.push(
    grid(
      ['Address', 'Offset', 'Purpose'],
      i.reserved.map((x) => [x.address, x.offset, x.purpose]),
      { max: [null, null, 66], width: text.width },
    ),
  );
  for (const note of i.aws.notes) out.push(`${c().yellow('note')}: ${note}`);
  return fitProse(out.join('\n') + '\n', text.width ?? DEFAULT_WIDTH);
}

export function renderSplit(s: SplitResult, text: CidrTextOptions = {}): string {
  const out: string[] = [];
  out.push(`${c().bold(s.cidr)} split into ${plural(s.count, 'subnet')} of /${s.prefix}`);
  out.push(
    grid(
      ['#', 'Subnet', 'First', 'Last', 'Addresses', 'AWS usable'],
      s.subnets.map((row, k) => [k + 1, row.cidr, row.first, row.last, n(row.total), n(row.usable)]),
      { align: ['right', 'left', 'left', 'left', 'right', 'right'], width: text.width },
    ),
  );
  if (s.free.length) out.push(`Left free: ${s.free.join(', ')}`);
  return fitProse(out.join('\n') + '\n', text.width ?? DEFAULT_WIDTH);
}

export function renderPlan(p: PlanResult, text: CidrTextOptions = {}): string {
  const out: string[] = [];
  const tiers = p.tiers.map((t) => `${t.name} /${t.prefix}`).join(', ');
  out.push(`${c().bold(p.vpc)}: ${plural(p.azs, 'AZ')} × ${plural(p.tiers.length, 'tier')} (${tiers}); sizes from ${p.sizing}`);
  const width = text.width ?? DEFAULT_WIDTH;
  const head = ['Subnet', 'CIDR', 'First', 'Last', 'AWS usable', 'Terraform'];
  const rows = p.subnets.map((s) => [s.name, s.cidr, s.first, s.last, n(s.usable), s.terraform]);
  // First and Last follow from the CIDR: they give way before the Terraform call has to wrap
  const narrow = fitWidths(head, rows, width) !== null;
  const keep = (_: unknown, k: number) => !narrow || (k !== 2 && k !== 3);
  const align: Align[] = ['left', 'left', 'left', 'left', 'right', 'left'];
  out.push(
    grid(
      head.filter(keep),
      rows.map((r) => r.filter(keep)),
      { align: align.filter(keep), width },
    ),
  );
  if (narrow) out.push(c().dim(`(first and last addresses left out to fit ${width} columns; --json has them)`));
  out.push(`Allocated ${n(p.totals.allocated)} of ${n(p.totals.vpc)} addresses; ${n(p.totals.free)} free${p.free.length ? ':' : '.'}`);
  if (p.free.length)
    out.push(
      grid(
        ['Free block', 'Addresses'],
        p.free.map((x) => [x.cidr, n(x.total)]),
        { align: ['left', 'right'], width: text.width },
      ),
    );
  out.push(`Terraform: ${p.terraform}`);
  for (const w of p.warnings) out.push(`${c().yellow('warning')}: ${w}`);
  return fitProse(out.join('\n') + '\n', text.width ?? DEFAULT_WIDTH);
}

export function renderContains(r: ContainsResult, text: CidrTextOptions = {}): string {
  const t = grid(
    ['Address or CIDR', 'Inside', 'Why'],
    r.items.map((i) => [i.value, i.contained ? c().green('yes') : c().red('no'), i.reason]),
    { width: text.width },
  );
  const missing = r.items.filter((i) => !i.contained).length;
  const summary = missing === 0 ? c().green(`all ${r.items.length} inside ${r.cidr}`) : c().red(`${missing} of ${r.items.length} not inside ${r.cidr}`);
  return fitProse(`${t}\n${summary}\n`, text.width ?? DEFAULT_WIDTH);
}

export function renderOverlap(r: OverlapResult, text: CidrTextOptions = {}): string {
  if (!r.overlapping)
    return fitProse(`${c().green('no overlaps')} among ${plural(r.cidrs.length, 'CIDR')}: ${r.cidrs.join(', ')}\n`, text.width ?? DEFAULT_WIDTH);
  const t = grid(
    ['CIDR A', 'CIDR B', 'Relation', 'Shared', 'Addresses'],
    r.pairs.map((p) => [p.a, p.b, p.relation, p.shared, n(p.addresses)]),
    { align: ['left', 'left', 'left', 'left', 'right'], width: text.width },
  );
  return fitProse(`${t}\n${c().red(plural(r.pairs.length, 'overlapping pair'))} among ${plural(r.cidrs.length, 'CIDR')}\n`, text.width ?? DEFAULT_WIDTH);
}

export function renderFree(r: FreeResult, text: CidrTextOptions = {}): string {
  const out: string[] = [];
  for (const i of r.ignored) out.push(`${c().yellow('ignored')}: ${i.cidr} (${i.reason})`);
  out.push(`${c().bold(r.cidr)}: ${n(r.totals.total)} addresses, ${n(r.totals.used)} used, ${n(r.totals.free)} free in ${plural(r.free.length, 'block')}`);
  if (r.free.length) {
    out.push(
      grid(
        ['Free block', 'First', 'Last', 'Addresses'],
        r.free.map((f) => [f.cidr, f.first, f.last, n(f.total)]),
        { align: ['left', 'left', 'left', 'right'], width: text.width },
      ),
    );
  }
  return fitProse(out.join('\n') + '\n', text.width ?? DEFAULT_WIDTH);
}

export function renderSummarize(r: SummarizeResult, text: CidrTextOptions = {}): string {
  const t = grid(
    ['CIDR'],
    r.summary.map((s) => [s]),
    { width: text.width },
  );
  const counts = [r.addresses.ipv4 !== '0' ? `${n(r.addresses.ipv4)} IPv4` : '', r.addresses.ipv6 !== '0' ? `${n(r.addresses.ipv6)} IPv6` : ''].filter(Boolean);
  return fitProse(
    `${t}\n${plural(r.input.length, 'CIDR')} → ${plural(r.summary.length, 'CIDR')}, ${counts.join(' and ')} addresses\n`,
    text.width ?? DEFAULT_WIDTH,
  );
}

export function renderTable(p: PrefixTable, text: CidrTextOptions = {}): string {
  const mark = (ok: boolean) => (ok ? c().green('yes') : '');
  if (p.family === 4) {
    const t = grid(
      ['Prefix', 'Netmask', 'Wildcard', 'Addresses', 'AWS usable', 'AWS VPC', 'AWS subnet'],
      p.rows.map((r) => [`/${r.prefix}`, r.netmask, r.wildcard, n(r.addresses), r.awsUsable ? n(r.awsUsable) : '', mark(r.awsVpc), mark(r.awsSubnet)]),
      { align: ['right', 'left', 'left', 'right', 'right', 'left', 'left'], width: text.width },
    );
    return fitProse(`${t}\nAWS usable = addresses − 5: AWS reserves the first four and the last address of every subnet.\n`, text.width ?? DEFAULT_WIDTH);
  }
  const t = grid(
    ['Prefix', 'Addresses', '= 2^n', '/64 subnets', 'AWS VPC', 'AWS subnet'],
    p.rows.map((r) => [
      `/${r.prefix}`,
      n(r.addresses),
      `2^${128 - r.prefix}`,
      r.prefix <= 64 ? n((1n << BigInt(64 - r.prefix)).toString()) : '',
      mark(r.awsVpc),
      mark(r.awsSubnet),
    ]),
    { align: ['right', 'right', 'left', 'right', 'left', 'left'], width: text.width },
  );
  return fitProse(
    `${t}\nAWS: VPC blocks /44 to /60 in steps of /4 (Amazon-provided blocks are /56); subnets /44 to /64 in steps of /4.\n`,
    text.width ?? DEFAULT_WIDTH,
  );
}
