// Sorting parsed files into resource lists for one region: classify each file by content, find the
// regions and accounts of the dump, and flatten every list into items that remember their file and path.
import { classify, SINGLE_OUTPUT_KEYS, type ModelledKey } from './aws-kinds.js';
import { ACCOUNT_RE, REGION_RE } from './aws-read.js';
import { AwsImportError, type AwsFile } from './aws-types.js';
import { Collector, isRec, list, str, type Item, type Rec } from './aws-util.js';

export interface Dump {
  region: string;
  regions: string[];
  accounts: string[];
  items: Partial<Record<ModelledKey, Item[]>>;
  /** get-managed-prefix-list-entries outputs, by prefix list id */
  prefixListEntries: Map<string, { cidrs: string[]; file: string }>;
  filesUsed: string[];
  filesSkipped: { file: string; reason: string }[];
}

const TGW_RTB_RE = /tgw-rtb-[0-9a-f]+/;
const PL_RE = /pl-[0-9a-f]+/;

/** The region named by an AZ (us-east-2b → us-east-2; us-west-2-lax-1a → us-west-2) or an ARN. */
function regionFromAz(az: string | undefined): string | undefined {
  if (!az) return undefined;
  const m = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})/.exec(az);
  return m && REGION_RE.test(m[1]!) ? m[1] : undefined;
}

function regionFromArn(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const m = /^arn:aws[a-z-]*:(?:ec2|elasticloadbalancing):([a-z0-9-]+):/.exec(arn);
  return m && REGION_RE.test(m[1]!) ? m[1] : undefined;
}

/** Region and account hints from a file's content (for flat folders that do not say). */
function hints(data: Rec): { regions: string[]; accounts: string[] } {
  const regions: string[] = [];
  const accounts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!Array.isArray(value)) continue;
    for (const e of value.slice(0, 20)) {
      if (!isRec(e)) continue;
      const r =
        (key === 'AvailabilityZones' ? str(e, 'RegionName') : undefined) ??
        regionFromArn(str(e, 'SubnetArn') ?? str(e, 'TransitGatewayArn') ?? str(e, 'NetworkAclArn') ?? str(e, 'LoadBalancerArn') ?? str(e, 'TargetGroupArn')) ??
        regionFromAz(str(e, 'AvailabilityZone')) ??
        regionFromAz(str(isRec(e.Placement) ? e.Placement : undefined, 'AvailabilityZone'));
      if (r) regions.push(r);
      const a = str(e, 'OwnerId');
      if (a && ACCOUNT_RE.test(a)) accounts.push(a);
      if (key === 'Reservations')
        for (const [inst] of list(e, 'Instances')) {
          const rr = regionFromAz(str(isRec(inst.Placement) ? inst.Placement : undefined, 'AvailabilityZone'));
          if (rr) regions.push(rr);
        }
    }
  }
  return { regions, accounts };
}

function mostCommon(xs: string[]): string | undefined {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  let best: string | undefined;
  let bestN = 0;
  for (const [k, c] of n) if (c > bestN) [best, bestN] = [k, c];
  return best;
}

interface Classified {
  f: AwsFile;
  kind: ReturnType<typeof classify>;
}

/** The target group a describe-target-health output belongs to: its ARN, or `targetgroup/<name>/<id>` from the file name. */
function targetGroupOf(data: Rec, file: string): string | undefined {
  const arn = str(data, 'TargetGroupArn');
  if (arn) return arn;
  const m = /^TargetHealth\.([A-Za-z0-9-]{1,32})\.([0-9a-f]{16})\.json$/i.exec(file.split('/').pop() ?? file);
  return m ? `targetgroup/${m[1]}/${m[2]}` : undefined;
}

/** What collecting fills in, shared by the per-file and per-item steps below. */
interface Sink {
  c: Collector;
  items: Partial<Record<ModelledKey, Item[]>>;
  prefixListEntries: Map<string, { cidrs: string[]; file: string }>;
  filesUsed: string[];
  filesSkipped: { file: string; reason: string }[];
  accounts: Set<string>;
  otherRegions: Map<string, number>;
}

function add(sink: Sink, key: ModelledKey, it: Item): void {
  let arr = sink.items[key];
  if (!arr) sink.items[key] = arr = [];
  arr.push(it);
}

/** The files whose content is an EC2 describe output this importer knows; the rest are skipped with a reason. */
function classifyFiles(files: AwsFile[], filesSkipped: { file: string; reason: string }[]): Classified[] {
  const usable: Classified[] = [];
  for (const f of files) {
    if (f.unparsed) continue;
    const kind = classify(f.data);
    if (kind.type === 'unknown') {
      const keys = kind.keys.length ? `top-level keys: ${kind.keys.slice(0, 5).join(', ')}` : 'not a JSON object';
      filesSkipped.push({ file: f.file, reason: `not an EC2 describe output this importer knows (${keys})` });
      continue;
    }
    usable.push({ f, kind });
  }
  return usable;
}

/** Region and account of each folder: from the path (<account>/<region>/), else from the content. */
function folderOrigins(usable: Classified[]): { dirRegion: Map<string, string | undefined>; dirAccount: Map<string, string | undefined> } {
  const byDir = new Map<string, Classified[]>();
  for (const u of usable) {
    const d = u.f.dir ?? '';
    const arr = byDir.get(d);
    if (arr) arr.push(u);
    else byDir.set(d, [u]);
  }
  const dirRegion = new Map<string, string | undefined>();
  const dirAccount = new Map<string, string | undefined>();
  for (const [d, us] of byDir) {
    const pathRegion = us.find((u) => u.f.region)?.f.region;
    const pathAccount = us.find((u) => u.f.account)?.f.account;
    let hr: string[] = [];
    let ha: string[] = [];
    if (!pathRegion || !pathAccount) {
      for (const u of us) {
        if (!isRec(u.f.data)) continue;
        const h = hints(u.f.data);
        hr = hr.concat(h.regions);
        ha = ha.concat(h.accounts);
      }
    }
    dirRegion.set(d, pathRegion ?? mostCommon(hr));
    dirAccount.set(d, pathAccount ?? mostCommon(ha));
  }
  return { dirRegion, dirAccount };
}

/** The region to import: --region if given (and in the dump), else the dump's only one, else us-east-1 with a note. */
function chooseRegion(asked: string | undefined, regions: string[], c: Collector): string {
  if (asked !== undefined) {
    if (!REGION_RE.test(asked)) throw new AwsImportError('BAD_REGION', `'${asked}' is not an AWS region name (e.g. us-east-1)`);
    if (regions.length > 0 && !regions.includes(asked)) {
      throw new AwsImportError('REGION_NOT_IN_DUMP', `region ${asked} is not in the dump (it holds ${regions.join(', ')})`);
    }
    return asked;
  }
  if (regions.length > 1) {
    throw new AwsImportError(
      'DUMP_MANY_REGIONS',
      `the dump holds ${regions.length} regions (${regions.join(', ')}); import one at a time with --region <name>`,
    );
  }
  if (regions.length === 1) return regions[0]!;
  c.note('no region found in the folder names or the data; assuming us-east-1 (name it with --region)');
  return 'us-east-1';
}

/** search-transit-gateway-routes and get-managed-prefix-list-entries outputs: the table or list id is in the file name. */
function collectPerTable(sink: Sink, kind: 'tgw-search-routes' | 'prefix-list-entries', data: Rec, file: string, acct: string | undefined): void {
  const idRe = kind === 'tgw-search-routes' ? TGW_RTB_RE : PL_RE;
  const id = idRe.exec(file.split('/').pop() ?? file)?.[0];
  const key = kind === 'tgw-search-routes' ? 'Routes' : 'Entries';
  if (!id) {
    sink.c.warn(
      'DUMP_TABLE_UNKNOWN',
      kind === 'tgw-search-routes'
        ? `${file} holds search-transit-gateway-routes output but its name does not say which table (name it like TransitGatewayRoutes.tgw-rtb-0123.json); skipped`
        : `${file} holds get-managed-prefix-list-entries output but its name does not say which list (name it like PrefixListEntries.pl-0123.json); skipped`,
      { file, path: '$' },
      `.${key}`,
    );
    sink.filesUsed.pop();
    sink.filesSkipped.push({ file, reason: 'table or list id not in the file name' });
    return;
  }
  if (kind === 'tgw-search-routes') {
    for (const [r0, i] of list(data, 'Routes'))
      add(sink, 'TransitGatewayRoutes', { v: r0, file, path: `$.Routes[${i}]`, tableId: id, ...(acct ? { account: acct } : {}) });
  } else {
    const cidrs = list(data, 'Entries')
      .map(([e]) => str(e, 'Cidr'))
      .filter((x): x is string => x !== undefined);
    const prev = sink.prefixListEntries.get(id);
    sink.prefixListEntries.set(id, { cidrs: [...(prev?.cidrs ?? []), ...cidrs], file });
  }
}

/** One list element of a modelled output, where it is in its file, and the account it belongs to. */
interface Element {
  e: Rec;
  key: ModelledKey;
  data: Rec;
  file: string;
  path: string;
  base: { account?: string };
}

type ElementCollector = (sink: Sink, x: Element) => void;

const tableMissing = (sink: Sink, x: Element, what: string) =>
  sink.c.warn('DUMP_TABLE_UNKNOWN', `${x.file} ${x.path} has no TransitGatewayRouteTableId; its ${what} are skipped`, { file: x.file, path: x.path });

// Outputs that nest their resources or do not name their table; every other key is one resource per element.
const ELEMENT_COLLECTORS: Partial<Record<ModelledKey, ElementCollector>> = {
  Reservations: (sink, { e, file, path, base }) => {
    for (const [inst, j] of list(e, 'Instances')) add(sink, 'Reservations', { v: inst, file, path: `${path}.Instances[${j}]`, ...base });
  },
  TransitGatewayStaticRoutes: (sink, x) => tgwRoutes(sink, x),
  TransitGatewayRoutes: (sink, x) => tgwRoutes(sink, x),
  TransitGatewayPropagations: (sink, x) => {
    const t = str(x.e, 'TransitGatewayRouteTableId');
    if (!t) {
      tableMissing(sink, x, 'propagations');
      return;
    }
    for (const [p, j] of list(x.e, 'TransitGatewayRouteTablePropagations'))
      add(sink, 'TransitGatewayPropagations', { v: p, file: x.file, path: `${x.path}.TransitGatewayRouteTablePropagations[${j}]`, tableId: t, ...x.base });
  },
  TransitGatewayRouteTablePropagations: (sink, { e, file, path, base }) => {
    const t = str(e, 'TransitGatewayRouteTableId') ?? TGW_RTB_RE.exec(file.split('/').pop() ?? file)?.[0];
    if (!t) {
      sink.c.warn(
        'DUMP_TABLE_UNKNOWN',
        `${file} holds get-transit-gateway-route-table-propagations output but its name does not say which table (name it like TransitGatewayPropagations.tgw-rtb-0123.json); skipped`,
        { file, path },
      );
      return;
    }
    add(sink, 'TransitGatewayPropagations', { v: e, file, path, tableId: t, ...base });
  },
  TargetHealthDescriptions: (sink, { e, key, data, file, path, base }) => {
    // describe-target-health does not name its target group: collect-aws.sh adds TargetGroupArn beside the
    // list, or the file name carries it (TargetHealth.<name>.<id>.json for targetgroup/<name>/<id>).
    const t = targetGroupOf(data, file);
    if (!t) {
      sink.c.warn(
        'DUMP_TABLE_UNKNOWN',
        `${file} holds describe-target-health output but neither a TargetGroupArn key nor its name says which target group (name it like TargetHealth.my-targets.73e2d6bc24d8a067.json); skipped`,
        { file, path },
      );
      return;
    }
    add(sink, key, { v: e, file, path, tableId: t, ...base });
  },
  Attributes: (sink, { e, key, data, file, path, base }) => {
    const lb = loadBalancerOf(data, file, path.endsWith('[0]'), sink.c);
    if (lb) add(sink, key, { v: e, file, path, tableId: lb, ...base });
  },
};

/** describe-load-balancer-attributes does not name its load balancer: collect-aws.sh adds LoadBalancerArn beside the
 *  list. Without it (or for target group attributes) the file says nothing usable: noted once (for the first item). */
function loadBalancerOf(data: Rec, file: string, first: boolean, c: Collector): string | undefined {
  const lb = str(data, 'LoadBalancerArn');
  if (!lb && first) c.note(`${file} holds attributes without a LoadBalancerArn beside them; not read (collect-aws.sh adds it)`);
  return lb;
}

function tgwRoutes(sink: Sink, x: Element): void {
  const t = str(x.e, 'TransitGatewayRouteTableId');
  if (!t) {
    tableMissing(sink, x, 'routes');
    return;
  }
  for (const [r0, j] of list(x.e, 'Routes')) add(sink, 'TransitGatewayRoutes', { v: r0, file: x.file, path: `${x.path}.Routes[${j}]`, tableId: t, ...x.base });
}

/** The elements of one modelled output (`$.<Key>[i]`, or the whole file for single-object outputs). */
function collectModelled(sink: Sink, key: ModelledKey, data: Rec, file: string, acct: string | undefined): void {
  const single = SINGLE_OUTPUT_KEYS.has(key);
  const arr = single ? [data] : data[key];
  if (!Array.isArray(arr)) {
    sink.c.warn('DUMP_NOT_A_LIST', `${file}: $.${key} is not a list; file skipped`, { file, path: '$' }, `.${key}`);
    sink.filesUsed.pop();
    sink.filesSkipped.push({ file, reason: `$.${key} is not a list` });
    return;
  }
  arr.forEach((e, i) => {
    const path = single ? '$' : `$.${key}[${i}]`;
    if (!isRec(e)) {
      sink.c.warn('DUMP_NOT_AN_OBJECT', `${file} ${path} is not an object; skipped`, { file, path });
      return;
    }
    const account = str(e, 'OwnerId') ?? acct;
    const base = account ? { account } : {};
    const collect = ELEMENT_COLLECTORS[key];
    if (collect) collect(sink, { e, key, data, file, path, base });
    else add(sink, key, { v: e, file, path, ...base });
  });
}

/** One usable file of the chosen region: warnings about partial outputs, then its items. */
function collectFile(sink: Sink, u: Classified, acct: string | undefined): void {
  const data = u.f.data as Rec;
  const file = u.f.file;
  const kind = u.kind;
  if (kind.type === 'unmodelled') {
    sink.c.ignore(kind.label, kind.count);
    sink.filesSkipped.push({ file, reason: `${kind.key}: ${kind.label}, not modelled` });
    return;
  }
  if (typeof data.NextToken === 'string' && data.NextToken !== '') {
    sink.c.warn(
      'DUMP_PAGINATED',
      `${file} ends with a NextToken: the output is one page of several; run its aws command again without --no-paginate / --max-items`,
      { file, path: '$' },
      '.NextToken',
    );
  }
  sink.filesUsed.push(file);
  if (acct) sink.accounts.add(acct);

  // search-transit-gateway-routes returns at most 1000 routes and says when there are more.
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SearchTransitGatewayRoutes.html
  if (data.AdditionalRoutesAvailable === true) {
    sink.c.warn(
      'DUMP_ROUTES_TRUNCATED',
      `${file} says AdditionalRoutesAvailable: the route table has more routes than the search returned`,
      { file, path: '$' },
      '.AdditionalRoutesAvailable',
    );
  }
  if (kind.type === 'tgw-search-routes' || kind.type === 'prefix-list-entries') collectPerTable(sink, kind.type, data, file, acct);
  else if (kind.type === 'modelled') collectModelled(sink, kind.key, data, file, acct);
}

export function collectDump(files: AwsFile[], opts: { region?: string }, c: Collector, preSkipped: { file: string; reason: string }[] = []): Dump {
  const filesSkipped = [...preSkipped];
  const usable = classifyFiles(files, filesSkipped);
  const unparsed = files.filter((f) => f.unparsed);
  const { dirRegion, dirAccount } = folderOrigins(usable);
  const regions = [...new Set([...dirRegion.values(), ...unparsed.map((f) => f.region)].filter((r): r is string => r !== undefined))].sort();
  const region = chooseRegion(opts.region, regions, c);
  // A folder whose region is unknown belongs to the chosen one when the dump has at most one region.
  for (const [d, r] of dirRegion) if (r === undefined && regions.length <= 1) dirRegion.set(d, region);

  const sink: Sink = { c, items: {}, prefixListEntries: new Map(), filesUsed: [], filesSkipped, accounts: new Set(), otherRegions: new Map() };
  const { otherRegions } = sink;
  for (const u of usable) {
    const d = u.f.dir ?? '';
    const r = dirRegion.get(d);
    if (r !== region) {
      if (r === undefined) filesSkipped.push({ file: u.f.file, reason: 'its region is unknown (put it under a <region>/ folder)' });
      else otherRegions.set(r, (otherRegions.get(r) ?? 0) + 1);
      continue;
    }
    collectFile(sink, u, dirAccount.get(d));
  }
  for (const f of unparsed) if (f.region !== region) otherRegions.set(f.region!, (otherRegions.get(f.region!) ?? 0) + 1);
  if (otherRegions.size > 0) {
    c.note(`other regions in the dump, not imported: ${[...otherRegions].map(([r, n]) => `${r} (${n} files)`).join(', ')}; import each with --region`);
  }
  const { items, prefixListEntries, filesUsed, accounts } = sink;
  return { region, regions: regions.length ? regions : [region], accounts: [...accounts].sort(), items, prefixListEntries, filesUsed, filesSkipped };
}
