// `show` on a large estate: --vpc keeps one VPC and its subnets, --kind one table, --limit cuts each list with
// "… N more" (text: 50 rows by default; JSON: everything unless --limit is given).
import type { Topology } from '../bind/model.js';
import { UsageError } from './exit.js';
import { idForName } from './names.js';

export const DEFAULT_SHOW_LIMIT = 50;
const KINDS = ['vpcs', 'subnets'] as const;

export interface ShowFilter {
  vpc?: string;
  kind?: (typeof KINDS)[number];
  /** rows per list; 0 for all */
  limit: number;
}

export function showFilter(t: Topology, opts: Record<string, unknown>, json: boolean): ShowFilter {
  const f: ShowFilter = { limit: json ? 0 : DEFAULT_SHOW_LIMIT };
  if (typeof opts.vpc === 'string') {
    const id = idForName(t, opts.vpc, ['vpc'], '--vpc');
    if (!t.vpcs.some((v) => v.id === id))
      throw new UsageError(
        `--vpc: no VPC '${opts.vpc}' (VPCs: ${t.vpcs
          .slice(0, 5)
          .map((v) => v.id)
          .join(', ')}${t.vpcs.length > 5 ? ', …' : ''})`,
        'UNKNOWN_RESOURCE',
      );
    f.vpc = id;
  }
  if (opts.kind !== undefined) {
    if (!(KINDS as readonly unknown[]).includes(opts.kind)) throw new UsageError(`--kind must be vpcs or subnets, got '${String(opts.kind)}'`);
    f.kind = opts.kind as ShowFilter['kind'];
  }
  if (opts.limit !== undefined) {
    const s = String(opts.limit);
    if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) throw new UsageError(`--limit must be a whole number (0 for all), got '${s}'`);
    f.limit = Number(s);
  }
  return f;
}

/** Applies the filter to a summary view; returns how many rows of each list were left out. */
export function filterSummary(data: Record<string, unknown>, f: ShowFilter): Record<string, number> {
  const more: Record<string, number> = {};
  for (const key of KINDS) {
    let rows = (data[key] as { id: string; vpc?: string }[]) ?? [];
    if (f.vpc) rows = rows.filter((r) => (key === 'vpcs' ? r.id === f.vpc : r.vpc === f.vpc));
    if (f.kind && f.kind !== key) rows = [];
    if (f.limit > 0 && rows.length > f.limit) {
      more[key] = rows.length - f.limit;
      rows = rows.slice(0, f.limit);
    }
    data[key] = rows;
  }
  if (Object.keys(more).length) data.truncated = more;
  return more;
}

export function moreText(more: Record<string, number>): string {
  return Object.entries(more)
    .map(
      ([k, n]) =>
        `… ${n.toLocaleString('en-US')} more ${k === 'vpcs' ? 'VPC' : 'subnet'}${n === 1 ? '' : 's'} (narrow with --vpc, or use --limit 0 or --json for all)\n`,
    )
    .join('');
}
