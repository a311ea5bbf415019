// Published address ranges of AWS services with gateway endpoints (S3, DynamoDB), per region, shipped in
// data/aws-service-prefixes.json and read only when a topology uses them. A topology overrides them with a
// prefix list that has `service:`.
import { readFileSync } from 'node:fs';

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

export function servicePrefixes(region: string, service: string): string[] | undefined {
  const r = load()[region];
  if (!r || typeof r !== 'object') return undefined;
  const list = r[service];
  return Array.isArray(list) && list.length ? list : undefined;
}
