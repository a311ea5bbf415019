// The containment tree both text writers walk: roots in graph order, children in graph order, and which
// containers are drawn as boxes (they hold something) rather than as plain nodes.
import { CONTAINER_KINDS, type Element, type Graph } from './model.js';

export interface Tree {
  readonly roots: Element[];
  readonly children: Map<string, Element[]>;
  readonly byId: Map<string, Element>;
  /** a stable short id per element: its position in the graph */
  readonly key: Map<string, number>;
  isBox(e: Element): boolean;
  /** the first plain node inside a box: where an edge to the box is drawn in formats that need a node */
  anchor(e: Element): Element;
  /** true when `inner` is `outer` or inside it */
  within(inner: Element, outer: Element): boolean;
}

export function tree(g: Graph): Tree {
  const byId = new Map<string, Element>();
  const key = new Map<string, number>();
  const children = new Map<string, Element[]>();
  const roots: Element[] = [];
  g.elements.forEach((e, i) => {
    byId.set(e.id, e);
    key.set(e.id, i);
  });
  for (const e of g.elements) {
    if (e.parent === undefined || !byId.has(e.parent)) roots.push(e);
    else {
      const l = children.get(e.parent);
      if (l) l.push(e);
      else children.set(e.parent, [e]);
    }
  }
  const isBox = (e: Element) => CONTAINER_KINDS.has(e.kind) && (children.get(e.id)?.length ?? 0) > 0;
  const anchor = (e: Element): Element => (isBox(e) ? anchor(children.get(e.id)![0]) : e);
  const within = (inner: Element, outer: Element): boolean => {
    for (let x: Element | undefined = inner; x; x = x.parent !== undefined ? byId.get(x.parent) : undefined) if (x === outer) return true;
    return false;
  };
  return { roots, children, byId, key, isBox, anchor, within };
}
