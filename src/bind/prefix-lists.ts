// Prefix lists: declared ones, and the AWS-managed list of a service with a gateway endpoint.
import type { Path } from '../load/diagnostics.js';
import type { Prefix } from '../net/ip.js';
import type * as M from './model.js';
import { serviceRanges } from './service-prefixes.js';
import { type Binder, type Draft, type Mutable, arr, src, str } from './context.js';

/** Prefix lists first: routes and rules refer to them. */
export function bindPrefixLists(b: Binder, t: Draft): void {
  const { prefixLists, servicePl } = t;
  b.each('prefixLists', (raw, path) => {
    const cidrs: Prefix[] = [];
    arr(raw.cidrs).forEach((c, j) => {
      const p = b.cidr(c, [...path, 'cidrs', j], `prefix list '${raw.id}'`);
      if (p) cidrs.push(p);
    });
    const service = str(raw.service);
    if (!service && cidrs.length === 0) b.diag('warning', 'EMPTY_PREFIX_LIST', `prefix list '${raw.id}' has no CIDRs`, path);
    prefixLists.push(b.register({ kind: 'prefix-list', id: raw.id, name: str(raw.name), src: src(path), cidrs, service, implicit: false }));
  });
  for (const pl of prefixLists) if (pl.service) servicePl.set(pl.service, pl);
}

/** The prefix list of an AWS service: declared, or the ranges shipped with vpcsim for the region. */
export function serviceList(b: Binder, t: Draft, service: string, path: Path): M.PrefixList | undefined {
  const { prefixLists, servicePl } = t;
  const short = service.replace(/^com\.amazonaws\.[a-z0-9-]+\./, '');
  let pl = servicePl.get(short);
  if (pl) {
    if (pl.cidrs.length === 0) {
      const shipped = serviceRanges(b.region).get(short);
      if (shipped) (pl as Mutable<M.PrefixList>).cidrs = [...shipped];
    }
    return pl;
  }
  const shipped = serviceRanges(b.region).get(short);
  if (!shipped) {
    b.diag(
      'warning',
      'UNKNOWN_SERVICE_RANGES',
      `no published address ranges for '${short}' in ${b.region} are shipped with vpcsim; add a prefix list with 'service: ${short}' and its CIDRs`,
      path,
    );
    return undefined;
  }
  pl = { kind: 'prefix-list', id: `com.amazonaws.${b.region}.${short}`, src: src(path), cidrs: [...shipped], service: short, implicit: true };
  servicePl.set(short, pl);
  prefixLists.push(pl);
  return pl;
}
