// Published address ranges of AWS services with gateway endpoints (S3, DynamoDB), per region, shipped in
// data/aws-service-prefixes.json, read once per process and parsed once per region. A topology overrides them with a
// prefix list that has `service:`.
import { readFileSync } from 'node:fs';
import { mustCidr, type Prefix } from '../net/ip.js';

type Table = Record<string, Record<string, string[]> | string>;
let table: Table | undefined;

function load(): Table {
  if (!table) {
    try {
      table = JSON.parse(readFileSync(new URL('../../data/aws-service-prefixes.json', import.meta.url), 'utf8')) as Table;
    } catch {
      table = {};
    }
  }
  return table;
}

function servicePrefixes(region: string, service: string): string[] | undefined {
  const r = load()[region];
  if (!r || typeof r !== 'object') return undefined;
  const list = r[service];
  return Array.isArray(list) && list.length ? list : undefined;
}

const parsed = new Map<string, ReadonlyMap<string, Prefix[]>>();

/** Every shipped service's ranges for a region, parsed: the binder puts them in the topology, so no trace reads them. */
export function serviceRanges(region: string): ReadonlyMap<string, Prefix[]> {
  const known = parsed.get(region);
  if (known) return known;
  const r = load()[region];
  const out = new Map<string, Prefix[]>();
  for (const service of r && typeof r === 'object' ? Object.keys(r) : []) {
    const list = servicePrefixes(region, service);
    if (list) out.set(service, list.map(mustCidr));
  }
  parsed.set(region, out);
  return out;
}
