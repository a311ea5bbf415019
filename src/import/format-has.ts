// Which optional keys topology format v1 has, read from its schema: the importers (AWS dumps, Terraform) write a key
// beyond the fixed format only once the schema accepts it.
import { topologySchema } from '../load/schema.js';

/**
 * Whether format v1's schema has an optional key, e.g. formatHas('routeTables', 'routes', 'origin'). Keys the
 * importer can write beyond the fixed format (route `origin`, `secondaryPublicIps`, a gateway's `routeTable`)
 * are written only once the schema accepts them; until then the fact is reported instead, so that an import
 * always loads.
 */
export function formatHas(...path: string[]): boolean {
  let node: unknown = topologySchema;
  for (const key of path) {
    const n = node as { properties?: Record<string, unknown>; items?: { properties?: Record<string, unknown> } } | undefined;
    const props = n?.properties ?? n?.items?.properties;
    node = props?.[key];
    if (node === undefined) return false;
  }
  return true;
}
