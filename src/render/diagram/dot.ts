// Graphviz DOT: containers become clusters, kinds get the shapes and colours of KIND_STYLE, edges to a
// container are drawn to its border (compound=true, lhead/ltail). Element ids in the output are `e<N>` (the
// element's position), so nothing a topology names can break the syntax; names appear only in quoted labels.
import { KIND_STYLE, PATH_STYLE, type Edge, type Element, type Graph } from './model.js';
import { tree, type Tree } from './tree.js';

/** A DOT double-quoted string: backslash and quote escaped, so escString sequences (\N, \G, …) stay literal. */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** Already-quoted DOT text (several label lines joined with \n). */
interface Quoted {
  readonly quoted: string;
}
type Value = string | number | Quoted | undefined;

function lines(ls: readonly string[]): Quoted {
  return {
    quoted: `"${ls
      .map((l) =>
        l
          .replace(/\\/g, '\\\\')
          .replace(/"/g, '\\"')
          .replace(/[\r\n]/g, ' '),
      )
      .join('\\n')}"`,
  };
}

function value(v: Exclude<Value, undefined>): string {
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? dotString(v) : v.quoted;
}

function attrs(a: Record<string, Value>): string {
  return `[${Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${value(v!)}`)
    .join(', ')}]`;
}

function pathClass(e: Element): string {
  if (!e.path) return '';
  return `${e.path.forward.length ? ' on-forward' : ''}${e.path.return.length ? ' on-return' : ''}${e.path.blocked ? ' blocked' : ''}`;
}

function pathColour(e: Element): string | undefined {
  if (!e.path) return undefined;
  return e.path.blocked ? PATH_STYLE.reject : e.path.forward.length ? PATH_STYLE.forward : PATH_STYLE.return;
}

function nodeLine(t: Tree, e: Element, indent: string): string {
  const s = KIND_STYLE[e.kind];
  const k = t.key.get(e.id)!;
  return `${indent}e${k} ${attrs({
    id: `e${k}`,
    class: `kind-${e.kind}${pathClass(e)}`,
    label: lines(e.label),
    shape: s.dotShape,
    style: CONTAINERLESS_ROUNDED.has(e.kind) ? 'filled,rounded' : 'filled',
    fillcolor: e.path?.blocked ? KIND_STYLE.reject.fill : s.fill,
    color: pathColour(e) ?? s.stroke,
    penwidth: e.path ? 3 : 1,
    tooltip: lines([e.label[0], ...e.details]),
  })};`;
}

/** Containers drawn as nodes (nothing inside them is shown) keep a rounded box, so they still read as containers. */
const CONTAINERLESS_ROUNDED = new Set(['vpc', 'zone', 'subnet', 'network-interface']);

function cluster(t: Tree, e: Element, indent: string, out: string[]): void {
  if (!t.isBox(e)) {
    out.push(nodeLine(t, e, indent));
    return;
  }
  const s = KIND_STYLE[e.kind];
  const k = t.key.get(e.id)!;
  out.push(`${indent}subgraph cluster_e${k} {`);
  const inner = `${indent}  `;
  const a: Record<string, Value> = {
    id: `e${k}`,
    class: `kind-${e.kind}${pathClass(e)}`,
    label: lines(e.label),
    fontsize: e.kind === 'zone' ? 10 : 12,
    style: e.kind === 'zone' ? 'dashed,rounded' : 'filled,rounded',
    fillcolor: s.fill,
    color: pathColour(e) ?? s.stroke,
    penwidth: e.path ? 3 : 1,
    tooltip: lines([e.label[0], ...e.details]),
  };
  for (const [name, v] of Object.entries(a)) if (v !== undefined) out.push(`${inner}${name}=${value(v)};`);
  for (const c of t.children.get(e.id) ?? []) cluster(t, c, inner, out);
  out.push(`${indent}}`);
}

function edgeStyle(e: Edge): Record<string, Value> {
  switch (e.kind) {
    case 'route':
      return { color: PATH_STYLE.route, fontcolor: PATH_STYLE.route };
    case 'association':
      return { color: PATH_STYLE.association, style: 'dashed', arrowhead: 'none' };
    case 'attachment':
      return { color: PATH_STYLE.attachment, arrowhead: 'none' };
    case 'forward':
      return { color: PATH_STYLE.forward, fontcolor: PATH_STYLE.forward, penwidth: 2.5, class: 'path-forward' };
    case 'return':
      return { color: PATH_STYLE.return, fontcolor: PATH_STYLE.return, penwidth: 2.5, style: 'dashed', class: 'path-return' };
    case 'reject':
      return { color: PATH_STYLE.reject, penwidth: 2, style: 'dashed', arrowhead: 'none', class: 'path-reject' };
    case 'exposure':
      return { color: PATH_STYLE.exposure, fontcolor: PATH_STYLE.exposure, penwidth: 2.5, class: 'exposure' };
    case 'exposure-flagged':
      return { color: PATH_STYLE.reject, fontcolor: PATH_STYLE.reject, penwidth: 3, class: 'exposure flagged' };
  }
}

/** A forward edge whose ends the return path also joins (either way): one edge drawn in both colours. */
function pairPathEdges(edges: readonly Edge[]): Map<Edge, Edge> {
  const pairs = new Map<Edge, Edge>();
  const used = new Set<Edge>();
  for (const f of edges) {
    if (f.kind !== 'forward') continue;
    const joins = (x: Edge) => (x.from === f.to && x.to === f.from) || (x.from === f.from && x.to === f.to);
    const r = edges.find((x) => x.kind === 'return' && !used.has(x) && joins(x));
    if (!r) continue;
    used.add(r);
    pairs.set(f, r);
  }
  return pairs;
}

function edgeLine(t: Tree, e: Edge, i: number, back?: Edge): string | undefined {
  const from = t.byId.get(e.from);
  const to = t.byId.get(e.to);
  if (!from || !to) return undefined;
  const a = t.anchor(from);
  const b = t.anchor(to);
  const extra: Record<string, string | undefined> = {};
  // an edge from or to a box is clipped at its border; not when one end is inside the other
  if (t.isBox(from) && !t.within(to, from)) extra.ltail = `cluster_e${t.key.get(from.id)}`;
  if (t.isBox(to) && !t.within(from, to)) extra.lhead = `cluster_e${t.key.get(to.id)}`;
  const style = back
    ? {
        color: `${PATH_STYLE.forward}:${PATH_STYLE.return}`,
        fontcolor: PATH_STYLE.forward,
        penwidth: 2,
        dir: back.from === e.from ? 'forward' : 'both',
        class: 'path-forward path-return',
      }
    : edgeStyle(e);
  const label = back && e.label !== undefined && back.label !== undefined ? `${e.label} / ${back.label}` : e.label;
  return `  e${t.key.get(a.id)} -> e${t.key.get(b.id)} ${attrs({ id: `edge${i}`, ...style, ...extra, label })};`;
}

/** The graph as a DOT digraph. Laid out left to right: the internet and on-premises on one side, VPCs on the other. */
export function renderDot(g: Graph): string {
  const t = tree(g);
  const out = [
    `// vpcsim diagram: ${g.title.replace(/[\r\n]/g, ' ')}`,
    'digraph vpcsim {',
    `  graph ${attrs({ label: g.title, labelloc: 't', fontname: 'Helvetica', fontsize: 14, compound: 'true', rankdir: 'TB', nodesep: 0.3, ranksep: 0.5, newrank: 'true' })};`,
    `  node ${attrs({ fontname: 'Helvetica', fontsize: 10, margin: '0.12,0.04' })};`,
    `  edge ${attrs({ fontname: 'Helvetica', fontsize: 9 })};`,
  ];
  for (const r of t.roots) cluster(t, r, '  ', out);
  const pairs = pairPathEdges(g.edges);
  const merged = new Set(pairs.values());
  g.edges.forEach((e, i) => {
    const l = merged.has(e) ? undefined : edgeLine(t, e, i, pairs.get(e));
    if (l) out.push(l);
  });
  out.push('}');
  return `${out.join('\n')}\n`;
}
