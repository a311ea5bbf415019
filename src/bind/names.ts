// Anything with a `name` (the AWS Name tag) can be named by it wherever an id is accepted. An id always wins; a
// name that several resources carry names none of them, and the caller lists the candidates.
import type { Resource, Topology } from './model.js';

export type NameLookup = { id: string } | { ambiguous: Resource[] } | undefined;

/** The one resource of `kinds` (any kind when omitted) named `text`; an instance stands for its primary interface. */
export function idByName(t: Topology, text: string, kinds?: readonly string[]): NameLookup {
  if (t.byId.has(text)) return { id: text };
  const all = [...new Set(t.byId.values())].filter((r) => (r as { name?: string }).name === text && (!kinds || kinds.includes(r.kind)));
  // An instance's primary interface carries the instance's name: the instance stands for both.
  const named = all.filter((r) => !(r.kind === 'network-interface' && r.owner.type === 'instance' && all.includes(r.owner.instance)));
  if (named.length === 1) return { id: named[0]!.id };
  return named.length > 1 ? { ambiguous: named } : undefined;
}

/** "i-1 (instance), i-2 (instance)", at most ten. */
export function candidates(rs: readonly Resource[]): string {
  return `${rs
    .slice(0, 10)
    .map((r) => `${r.id} (${r.kind.replace(/-/g, ' ')})`)
    .join(', ')}${rs.length > 10 ? ', …' : ''}`;
}
