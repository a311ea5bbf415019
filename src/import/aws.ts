// `vpcsim import aws`: a folder of `aws ec2 describe-*` JSON outputs → a topology in vpcsim's format.
// Nothing is fetched and no credentials are involved: the user dumps their account with the AWS CLI
// (scripts/collect-aws.sh) and vpcsim reads the files.
//
// One topology holds one region (the format has a single `region`). A dump with several regions is
// imported one region at a time with `region`; accounts of that region (`<account>/<region>/`) merge.
import { basename, resolve } from 'node:path';
import { collectDump } from './aws-collect.js';
import { convertDump, normaliseCidr, RECORD_OF } from './aws-convert.js';
import { checkedImport, ImportInvalidError, loads, type Origin } from './import-check.js';
import { readDumpFolder } from './aws-read.js';
import { AwsImportError, type AwsFile, type ImportOptions, type ImportResult, type Obj, type TopologyData, type TopologyDraft } from './aws-types.js';
import { Collector, type Item, type Rec } from './aws-util.js';
import { mergeOverlay } from './overlay.js';
import { mergedTopologyErrors } from './overlay-check.js';
import { overlaps, parseCidr, type Prefix } from '../net/ip.js';
import type { Diagnostic } from '../load/diagnostics.js';

export { AwsImportError } from './aws-types.js';
export type { AwsFile, ImportOptions, ImportResult, ImportSummary, ImportWarning, TopologyData } from './aws-types.js';
export { isAwsDumpFolder } from './aws-read.js';
export { formatTopology } from './format.js';

/** Imports a dump folder. Throws AwsImportError for input that cannot be imported (malformed JSON ...). */
export function importAws(folder: string, opts: ImportOptions = {}): ImportResult {
  const { files, skipped } = readDumpFolder(folder, opts.region !== undefined ? { region: opts.region } : {});
  const base = basename(resolve(folder));
  return importAwsFiles(files, opts, { name: base, skipped });
}

/**
 * Imports already-parsed describe-* outputs (what importAws reads from a folder). `name` prefixes the
 * topology name; `skipped` lists files the caller did not parse.
 */
export function importAwsFiles(
  files: AwsFile[],
  opts: ImportOptions = {},
  meta: { name?: string; skipped?: { file: string; reason: string }[] } = {},
): ImportResult {
  const c = new Collector();
  if (files.length === 0)
    throw new AwsImportError('DUMP_EMPTY', 'no JSON files found; expected the output of aws ec2 describe-* commands (see scripts/collect-aws.sh)');
  const dump = collectDump(files, opts, c, meta.skipped ?? []);
  if (dump.filesUsed.length === 0) {
    throw new AwsImportError(
      'DUMP_EMPTY',
      `none of the ${files.length} JSON files is an aws ec2 describe-* output this importer reads (Vpcs, Subnets, RouteTables, ...)`,
    );
  }
  const base = meta.name ?? 'aws';
  const name = base.includes(dump.region) ? base : `${base}-${dump.region}`;
  const built = convertDump(dump, c, name);
  const origins = originsOf(built.topology, dump);

  addOnPremisesOption(built.topology, opts, built.onPremSources, dump.region);
  // Never write a topology that does not load: what is left is reported against the dump files it came from.
  const topology = opts.overlay !== undefined ? applyOverlay(built.topology, opts, c) : checkedImport(built.topology, origins);

  const vpnWithoutOnPremises = (topology.vpnConnections ?? []).filter((v) => !v.onPremisesCidrs?.length).map((v) => v.id);
  for (const n of unexplainedTgwRoutes(topology)) c.note(n);
  for (const [vpn, src] of built.onPremSources) {
    if (!vpnWithoutOnPremises.includes(vpn)) c.note(`on-premises prefixes of ${vpn} from ${[...src].join(', ')}`);
  }

  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(topology)) if (Array.isArray(v)) counts[k] = v.length;

  return {
    topology,
    origins,
    warnings: c.warnings,
    ignored: c.ignored,
    summary: {
      region: dump.region,
      regions: dump.regions,
      accounts: dump.accounts,
      filesUsed: dump.filesUsed,
      filesSkipped: dump.filesSkipped,
      counts,
      vpnWithoutOnPremises,
      notes: c.notes,
    },
  };
}

/** On-premises prefixes given by the user for VPN connections (BGP routes are not in a dump). */
function addOnPremisesOption(topology: TopologyDraft, opts: ImportOptions, onPremSources: Map<string, Set<string>>, region: string): void {
  const vpns = topology.vpnConnections ?? [];
  for (const [vpnId, cidrs] of Object.entries(opts.onPrem ?? {})) {
    const vpn = vpns.find((v) => v.id === vpnId);
    if (!vpn) {
      const known = vpns.map((v) => v.id).join(', ') || 'none';
      throw new AwsImportError(
        'ON_PREM_UNKNOWN_VPN',
        `--on-prem names ${vpnId}, which is not a VPN connection in the dump for ${region} (VPN connections: ${known})`,
      );
    }
    const list = new Set<string>(Array.isArray(vpn.onPremisesCidrs) ? (vpn.onPremisesCidrs as string[]) : []);
    for (const cidr of cidrs) {
      const n = normaliseCidr(cidr);
      if (!n.ok) throw new AwsImportError('ON_PREM_BAD_CIDR', `--on-prem ${vpnId}: ${n.error}`);
      list.add(n.value);
    }
    vpn.onPremisesCidrs = [...list];
    const src = onPremSources.get(vpnId) ?? new Set();
    src.add('--on-prem');
    onPremSources.set(vpnId, src);
  }
}

/** Merges the user's overlay; a merged topology that does not load is refused with its errors. */
function applyOverlay(topology: TopologyDraft, opts: ImportOptions, c: Collector): TopologyData {
  const label = opts.overlaySource?.file ?? 'overlay';
  const m = mergeOverlay(topology, opts.overlay, label);
  const merged = m.topology;
  const errors = mergedTopologyErrors(merged, opts.overlay as Rec, opts.overlaySource, label);
  if (!loads(merged, errors.count)) {
    const n = errors.count === 1 ? '1 error' : `${errors.count} errors`;
    const list = errors.lines.map((e) => `\n  ${e}`).join('');
    throw new AwsImportError('OVERLAY_INVALID', `with ${label} merged, the topology does not load (${n}); nothing written:${list}`);
  }
  c.note(`overlay merged: ${m.updated} resources updated, ${m.added} added`);
  return merged;
}

/**
 * VPC routes that send a prefix to a transit gateway behind which the dump shows nothing for it (no
 * attached VPC, no static route, no known on-premises prefix): usually prefixes learned over BGP.
 * Reported as a hint; the importer never guesses where they lead.
 */
function unexplainedTgwRoutes(t: TopologyData): string[] {
  const p = (x: unknown): Prefix | undefined => {
    const r = typeof x === 'string' ? parseCidr(x) : undefined;
    return r && r.ok ? r.value : undefined;
  };
  const behind = new Map<string, Prefix[]>();
  const vpnsOf = new Map<string, string[]>();
  const add = (tgw: string, x: unknown) => {
    const q = p(x);
    if (q) behind.set(tgw, [...(behind.get(tgw) ?? []), q]);
  };
  const vpcs = new Map(((t.vpcs ?? []) as Rec[]).map((v) => [v.id, v]));
  const vpns = new Map(((t.vpnConnections ?? []) as Rec[]).map((v) => [v.id, v]));
  for (const a of (t.transitGatewayAttachments ?? []) as Rec[]) {
    const tgw = String(a.transitGateway);
    const vpc = vpcs.get(a.vpc);
    if (vpc) for (const x of [vpc.cidr, ...((vpc.secondaryCidrs as unknown[]) ?? []), vpc.ipv6Cidr]) add(tgw, x);
    const vpn = vpns.get(a.vpnConnection);
    if (vpn) {
      vpnsOf.set(tgw, [...(vpnsOf.get(tgw) ?? []), String(vpn.id)]);
      for (const x of (vpn.onPremisesCidrs as unknown[]) ?? []) add(tgw, x);
    }
    for (const x of (a.peerCidrs as unknown[]) ?? []) add(tgw, x);
  }
  for (const rt of (t.transitGatewayRouteTables ?? []) as Rec[]) for (const r of (rt.routes as Rec[]) ?? []) add(String(rt.transitGateway), r.destination);
  const out = new Map<string, string[]>();
  for (const rt of (t.routeTables ?? []) as Rec[]) {
    for (const r of (rt.routes as Rec[]) ?? []) {
      const tgw = r.target;
      if (typeof tgw !== 'string' || !tgw.startsWith('tgw-')) continue;
      const d = p(r.destination);
      if (!d || d.len === 0 || (behind.get(tgw) ?? []).some((b) => overlaps(b, d))) continue;
      const key = `${r.destination} to ${tgw}`;
      out.set(key, [...(out.get(key) ?? []), String(rt.id)]);
    }
  }
  return [...out].map(([key, rts]) => {
    const [dest, , tgw] = key.split(' ');
    const vpn = vpnsOf.get(tgw!)?.[0];
    const tables = rts.length > 3 ? `${rts.slice(0, 3).join(', ')} and ${rts.length - 3} more route tables` : rts.join(', ');
    return `${tables} send${rts.length === 1 ? 's' : ''} ${key}, but the dump shows nothing behind that transit gateway for it (no attached VPC, static route or known on-premises prefix)${vpn ? `; if it is on-premises, give it with --on-prem ${vpn}=${dest}` : ''}`;
  });
}

/**
 * For loaders that accept a dump folder wherever a topology file goes: the imported topology as plain
 * data. Throws AwsImportError when the folder cannot be imported (e.g. several regions and none chosen).
 */
export function importAwsToData(folder: string, opts: ImportOptions = {}): TopologyData {
  return importAws(folder, opts).topology;
}

/** Resource id → the dump file and JSONPath it was converted from. */
function originsOf(topology: TopologyDraft, dump: { items: Partial<Record<string, Item[]>> }): Map<string, Origin> {
  const itemOf = new Map<Rec, Item>();
  for (const items of Object.values(dump.items)) for (const it of items ?? []) itemOf.set(it.v, it);
  const out = new Map<string, Origin>();
  for (const list of Object.values(topology)) {
    if (!Array.isArray(list)) continue;
    for (const o of list as Obj[]) {
      const v = o && typeof o === 'object' ? RECORD_OF.get(o) : undefined;
      const it = v ? itemOf.get(v) : undefined;
      if (it && typeof o.id === 'string' && !out.has(o.id)) out.set(o.id, { file: it.file, path: it.path });
    }
  }
  return out;
}

/**
 * The same, for a loader that reports diagnostics instead of catching exceptions: the import's warnings
 * become warnings and a failed import one error (with file, line and column for malformed JSON).
 */
export function importAwsForLoader(
  folder: string,
  opts: ImportOptions = {},
): { data?: TopologyData; origins?: ReadonlyMap<string, Origin>; diagnostics: Diagnostic[] } {
  const at = (file?: string) => (file ? `${folder.replace(/\/+$/, '')}/${file}` : folder);
  try {
    const r = importAws(folder, opts);
    const diagnostics: Diagnostic[] = r.warnings.map((w) => ({
      code: `AWS_${w.code}`,
      severity: 'warning',
      message: w.path ? `${w.path}: ${w.message}` : w.message,
      file: at(w.file),
      line: 1,
      col: 1,
    }));
    return { data: r.topology, ...(r.origins ? { origins: r.origins } : {}), diagnostics };
  } catch (e) {
    if (!(e instanceof AwsImportError)) throw e;
    if (e instanceof ImportInvalidError) {
      return { diagnostics: e.errors.map((x) => ({ code: 'AWS_IMPORT_INVALID', severity: 'error', message: x.message, file: at(x.file), line: 1, col: 1 })) };
    }
    const message = e.file && e.line ? e.message.replace(`${e.file}:${e.line}:${e.col}: `, '') : e.message;
    return { diagnostics: [{ code: `AWS_${e.code}`, severity: 'error', message, file: at(e.file), line: e.line ?? 1, col: e.col ?? 1 }] };
  }
}
