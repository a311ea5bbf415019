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
      if (key === 'Reservations') for (const [inst] of list(e, 'Instances')) {
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

/** describe-load-balancer-attributes does not name its load balancer: collect-aws.sh adds LoadBalancerArn beside the
 *  list. Without it (or for target group attributes) the file says nothing usable: noted once (for item 0). */
function loadBalancerOf(data: Rec, file: string, i: number, c: Collector): string | undefined {
  const lb = str(data, 'LoadBalancerArn');
  if (!lb && i === 0) c.note(`${file} holds attributes without a LoadBalancerArn beside them; not read (collect-aws.sh adds it)`);
  return lb;
}

export function collectDump(files: AwsFile[], opts: { region?: string }, c: Collector, preSkipped: { file: string; reason: string }[] = []): Dump {
  const filesSkipped = [...preSkipped];
  const usable: Classified[] = [];
  const unparsed = files.filter((f) => f.unparsed);
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

  // Region and account of each folder: from the path (<account>/<region>/), else from the content.
  const byDir = new Map<string, Classified[]>();
  for (const u of usable) {
    const d = u.f.dir ?? '';
    let arr = byDir.get(d);
    if (!arr) byDir.set(d, (arr = []));
    arr.push(u);
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
  const regions = [...new Set([...dirRegion.values(), ...unparsed.map((f) => f.region)].filter((r): r is string => r !== undefined))].sort();
  let region: string;
  if (opts.region !== undefined) {
    if (!REGION_RE.test(opts.region)) throw new AwsImportError('BAD_REGION', `'${opts.region}' is not an AWS region name (e.g. us-east-1)`);
    if (regions.length > 0 && !regions.includes(opts.region)) {
      throw new AwsImportError('REGION_NOT_IN_DUMP', `region ${opts.region} is not in the dump (it holds ${regions.join(', ')})`);
    }
    region = opts.region;
  } else if (regions.length > 1) {
    throw new AwsImportError('DUMP_MANY_REGIONS', `the dump holds ${regions.length} regions (${regions.join(', ')}); import one at a time with --region <name>`);
  } else if (regions.length === 1) {
    region = regions[0]!;
  } else {
    region = 'us-east-1';
    c.note('no region found in the folder names or the data; assuming us-east-1 (name it with --region)');
  }
  // A folder whose region is unknown belongs to the chosen one when the dump has at most one region.
  for (const [d, r] of dirRegion) if (r === undefined && regions.length <= 1) dirRegion.set(d, region);

  const items: Partial<Record<ModelledKey, Item[]>> = {};
  const prefixListEntries = new Map<string, { cidrs: string[]; file: string }>();
  const filesUsed: string[] = [];
  const accounts = new Set<string>();
  const otherRegions = new Map<string, number>();
  const add = (key: ModelledKey, it: Item) => {
    let arr = items[key];
    if (!arr) items[key] = arr = [];
    arr.push(it);
  };

  for (const u of usable) {
    const d = u.f.dir ?? '';
    const r = dirRegion.get(d);
    if (r !== region) {
      if (r === undefined) filesSkipped.push({ file: u.f.file, reason: 'its region is unknown (put it under a <region>/ folder)' });
      else otherRegions.set(r, (otherRegions.get(r) ?? 0) + 1);
      continue;
    }
    const acct = dirAccount.get(d);
    const data = u.f.data as Rec;
    const file = u.f.file;
    const kind = u.kind;
    if (kind.type === 'unmodelled') {
      c.ignore(kind.label, kind.count);
      filesSkipped.push({ file, reason: `${kind.key}: ${kind.label}, not modelled` });
      continue;
    }
    if (typeof data.NextToken === 'string' && data.NextToken !== '') {
      c.warn('DUMP_PAGINATED', `${file} ends with a NextToken: the output is one page of several; run its aws command again without --no-paginate / --max-items`, { file, path: '$' }, '.NextToken');
    }
    filesUsed.push(file);
    if (acct) accounts.add(acct);

    // search-transit-gateway-routes returns at most 1000 routes and says when there are more.
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SearchTransitGatewayRoutes.html
    if (data.AdditionalRoutesAvailable === true) {
      c.warn('DUMP_ROUTES_TRUNCATED', `${file} says AdditionalRoutesAvailable: the route table has more routes than the search returned`, { file, path: '$' }, '.AdditionalRoutesAvailable');
    }
    if (kind.type === 'tgw-search-routes' || kind.type === 'prefix-list-entries') {
      const idRe = kind.type === 'tgw-search-routes' ? TGW_RTB_RE : PL_RE;
      const id = idRe.exec(file.split('/').pop() ?? file)?.[0];
      const key = kind.type === 'tgw-search-routes' ? 'Routes' : 'Entries';
      if (!id) {
        c.warn(
          'DUMP_TABLE_UNKNOWN',
          kind.type === 'tgw-search-routes'
            ? `${file} holds search-transit-gateway-routes output but its name does not say which table (name it like TransitGatewayRoutes.tgw-rtb-0123.json); skipped`
            : `${file} holds get-managed-prefix-list-entries output but its name does not say which list (name it like PrefixListEntries.pl-0123.json); skipped`,
          { file, path: '$' },
          `.${key}`,
        );
        filesUsed.pop();
        filesSkipped.push({ file, reason: 'table or list id not in the file name' });
        continue;
      }
      if (kind.type === 'tgw-search-routes') {
        for (const [r0, i] of list(data, 'Routes')) add('TransitGatewayRoutes', { v: r0, file, path: `$.Routes[${i}]`, tableId: id, ...(acct ? { account: acct } : {}) });
      } else {
        const cidrs = list(data, 'Entries').map(([e]) => str(e, 'Cidr')).filter((x): x is string => x !== undefined);
        const prev = prefixListEntries.get(id);
        prefixListEntries.set(id, { cidrs: [...(prev?.cidrs ?? []), ...cidrs], file });
      }
      continue;
    }

    if (kind.type !== 'modelled') continue;
    const key = kind.key;
    const single = SINGLE_OUTPUT_KEYS.has(key);
    const arr = single ? [data] : data[key];
    if (!Array.isArray(arr)) {
      c.warn('DUMP_NOT_A_LIST', `${file}: $.${key} is not a list; file skipped`, { file, path: '$' }, `.${key}`);
      filesUsed.pop();
      filesSkipped.push({ file, reason: `$.${key} is not a list` });
      continue;
    }
    arr.forEach((e, i) => {
      const path = single ? '$' : `$.${key}[${i}]`;
      if (!isRec(e)) {
        c.warn('DUMP_NOT_AN_OBJECT', `${file} ${path} is not an object; skipped`, { file, path });
        return;
      }
      const account = str(e, 'OwnerId') ?? acct;
      const base = account ? { account } : {};
      switch (key) {
        case 'Reservations':
          for (const [inst, j] of list(e, 'Instances')) add(key, { v: inst, file, path: `${path}.Instances[${j}]`, ...base });
          return;
        case 'TransitGatewayStaticRoutes':
        case 'TransitGatewayRoutes': {
          const t = str(e, 'TransitGatewayRouteTableId');
          if (!t) {
            c.warn('DUMP_TABLE_UNKNOWN', `${file} ${path} has no TransitGatewayRouteTableId; its routes are skipped`, { file, path });
            return;
          }
          for (const [r0, j] of list(e, 'Routes')) add('TransitGatewayRoutes', { v: r0, file, path: `${path}.Routes[${j}]`, tableId: t, ...base });
          return;
        }
        case 'TransitGatewayPropagations': {
          const t = str(e, 'TransitGatewayRouteTableId');
          if (!t) {
            c.warn('DUMP_TABLE_UNKNOWN', `${file} ${path} has no TransitGatewayRouteTableId; its propagations are skipped`, { file, path });
            return;
          }
          for (const [p, j] of list(e, 'TransitGatewayRouteTablePropagations'))
            add('TransitGatewayPropagations', { v: p, file, path: `${path}.TransitGatewayRouteTablePropagations[${j}]`, tableId: t, ...base });
          return;
        }
        case 'TransitGatewayRouteTablePropagations': {
          const t = str(e, 'TransitGatewayRouteTableId') ?? TGW_RTB_RE.exec(file.split('/').pop() ?? file)?.[0];
          if (!t) {
            c.warn('DUMP_TABLE_UNKNOWN', `${file} holds get-transit-gateway-route-table-propagations output but its name does not say which table (name it like TransitGatewayPropagations.tgw-rtb-0123.json); skipped`, { file, path });
            return;
          }
          add('TransitGatewayPropagations', { v: e, file, path, tableId: t, ...base });
          return;
        }
        case 'TargetHealthDescriptions': {
          // describe-target-health does not name its target group: collect-aws.sh adds TargetGroupArn beside the
          // list, or the file name carries it (TargetHealth.<name>.<id>.json for targetgroup/<name>/<id>).
          const t = targetGroupOf(data, file);
          if (!t) {
            c.warn('DUMP_TABLE_UNKNOWN', `${file} holds describe-target-health output but neither a TargetGroupArn key nor its name says which target group (name it like TargetHealth.my-targets.73e2d6bc24d8a067.json); skipped`, { file, path });
            return;
          }
          add(key, { v: e, file, path, tableId: t, ...base });
          return;
        }
        case 'Attributes':
          if (loadBalancerOf(data, file, i, c)) add(key, { v: e, file, path, tableId: loadBalancerOf(data, file, 1, c), ...base });
          return;
        default:
          add(key, { v: e, file, path, ...base });
      }
    });
  }
  for (const f of unparsed) if (f.region !== region) otherRegions.set(f.region!, (otherRegions.get(f.region!) ?? 0) + 1);
  if (otherRegions.size > 0) {
    c.note(`other regions in the dump, not imported: ${[...otherRegions].map(([r, n]) => `${r} (${n} files)`).join(', ')}; import each with --region`);
  }
  return { region, regions: regions.length ? regions : [region], accounts: [...accounts].sort(), items, prefixListEntries, filesUsed, filesSkipped };
}
