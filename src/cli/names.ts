// Anything with a `name` (the AWS Name tag) can be named by it wherever an id is accepted on the command line.
// An id always wins; a name that several resources carry is refused with the candidates.
import type { Topology } from '../bind/model.js';
import { UsageError } from './exit.js';

/** The kinds `trace --from/--to` can start or end at. */
export const ENDPOINT_KINDS = ['instance', 'network-interface', 'nat-gateway', 'vpc-endpoint', 'vpn-connection'];

/**
 * The id `text` stands for: itself when it is an id (or not a name at all), else the id of the one resource of
 * `kinds` (any kind when omitted) with that name.
 */
export function idForName(t: Topology, text: string, kinds?: string[], flag = ''): string {
  if (t.byId.has(text)) return text;
  const all = [...new Set(t.byId.values())].filter((r) => (r as { name?: string }).name === text && (!kinds || kinds.includes(r.kind)));
  // An instance's primary interface carries the instance's name: the instance stands for both.
  const named = all.filter((r) => !(r.kind === 'network-interface' && r.owner.type === 'instance' && all.includes(r.owner.instance)));
  if (named.length === 1) return named[0]!.id;
  if (named.length > 1) {
    const list = named.slice(0, 10).map((r) => `${r.id} (${r.kind.replace(/-/g, ' ')})`).join(', ');
    throw new UsageError(`${flag ? `${flag} ` : ''}'${text}' is the name of ${named.length} resources: ${list}${named.length > 10 ? ', …' : ''}; give an id`, 'AMBIGUOUS_NAME');
  }
  return text;
}
