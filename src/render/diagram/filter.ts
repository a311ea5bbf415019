// Cutting a large estate down to a readable picture: keep some elements (with everything inside them) and their
// neighbours up to a depth. A neighbour is an element one edge away, or the element's container or contents.
// Containers of kept elements are always kept, so every element is drawn where it lives.
import type { Edge, Element, Graph } from './model.js';

function index(g: Graph) {
  const byId = new Map<string, Element>();
  const children = new Map<string, Element[]>();
  const adjacent = new Map<string, string[]>();
  for (const e of g.elements) {
    byId.set(e.id, e);
    if (e.parent === undefined) continue;
    const l = children.get(e.parent);
    if (l) l.push(e);
    else children.set(e.parent, [e]);
  }
  const link = (a: string, b: string) => {
    let l = adjacent.get(a);
    if (!l) adjacent.set(a, (l = []));
    l.push(b);
  };
  for (const e of g.edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  return { byId, children, adjacent };
}

/** The ids to draw: `seeds` and everything inside them, their neighbours within `depth`, and their containers. */
export function neighbourhood(g: Graph, seeds: readonly string[], depth: number): Set<string> {
  const { byId, children, adjacent } = index(g);
  const kept = new Set<string>();
  const addTree = (id: string) => {
    const stack = [id];
    while (stack.length) {
      const x = stack.pop()!;
      if (kept.has(x)) continue;
      kept.add(x);
      for (const c of children.get(x) ?? []) stack.push(c.id);
    }
  };
  for (const s of seeds) addTree(s);
  let frontier = [...kept];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      const el = byId.get(id);
      const near = [...(adjacent.get(id) ?? []), ...(children.get(id) ?? []).map((c) => c.id), ...(el?.parent !== undefined ? [el.parent] : [])];
      for (const n of near) {
        if (kept.has(n)) continue;
        kept.add(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  for (const id of [...kept]) {
    for (let p = byId.get(id)?.parent; p !== undefined && !kept.has(p); p = byId.get(p)?.parent) kept.add(p);
  }
  return kept;
}

/** The graph with only the kept elements, in their original order, and the edges between them. */
export function restrict(g: Graph, kept: ReadonlySet<string>): Graph {
  const edges: Edge[] = g.edges.filter((e) => kept.has(e.from) && kept.has(e.to));
  return { title: g.title, elements: g.elements.filter((e) => kept.has(e.id)), edges };
}
