// Mermaid flowchart, for Markdown on GitHub: containers become subgraphs, kinds get a shape and a class
// (colours from KIND_STYLE), path edges a linkStyle. Ids are `n_` plus the resource id with every other character
// than a letter, digit or underscore replaced, made unique; labels are quoted with everything else as an entity code.
import { CONTAINER_KINDS, KIND_STYLE, PATH_STYLE, type Edge, type Element, type ElementKind, type Graph } from './model.js';
import { tree, type Tree } from './tree.js';

// Mermaid's defaults, which GitHub uses: past them the diagram is replaced by an error
// ("Maximum text size in diagram exceeded", "Too many edges").
// https://mermaid.js.org/config/schema-docs/config-properties-maxtextsize.html
// https://mermaid.js.org/config/schema-docs/config-properties-maxedges.html
export const MERMAID_MAX_TEXT_SIZE = 50_000;
export const MERMAID_MAX_EDGES = 500;

/** Label text: safe characters as they are, the rest as Mermaid entity codes (#<decimal>;). */
export function mermaidText(s: string): string {
  let out = '';
  for (const ch of s) out += /[A-Za-z0-9 .,:/_+\-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

function label(ls: readonly string[]): string {
  return `"${ls.map(mermaidText).join('<br/>')}"`;
}

function ids(g: Graph): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const e of g.elements) {
    const base = `n_${e.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    out.set(e.id, id);
  }
  return out;
}

const kindClass = (k: ElementKind) => `k_${k.replace(/-/g, '_')}`;

function walk(t: Tree, id: Map<string, string>, e: Element, indent: string, out: string[]): void {
  if (t.isBox(e)) {
    out.push(`${indent}subgraph ${id.get(e.id)}[${label(e.label)}]`);
    for (const c of t.children.get(e.id) ?? []) walk(t, id, c, `${indent}  `, out);
    out.push(`${indent}end`);
    return;
  }
  const [open, close] = CONTAINER_KINDS.has(e.kind) ? ['(', ')'] : KIND_STYLE[e.kind].mermaid;
  out.push(`${indent}${id.get(e.id)}${open}${label(e.label)}${close}`);
}

const ARROW: Record<Edge['kind'], string> = {
  route: '-->',
  association: '-.-',
  attachment: '---',
  forward: '==>',
  return: '-.->',
  reject: '-.-',
  exposure: '==>',
  'exposure-flagged': '==>',
};

function styles(t: Tree, g: Graph, id: Map<string, string>, out: string[]): void {
  const used = [...new Set(g.elements.map((e) => e.kind))];
  for (const k of used) {
    const s = KIND_STYLE[k];
    out.push(`  classDef ${kindClass(k)} fill:${s.fill},stroke:${s.stroke}${k === 'zone' ? ',stroke-dasharray:4 3' : ''}`);
    out.push(
      `  class ${g.elements
        .filter((e) => e.kind === k)
        .map((e) => id.get(e.id))
        .join(',')} ${kindClass(k)}`,
    );
  }
  const on = g.elements.filter((e) => e.path && !e.path.blocked);
  const blocked = g.elements.filter((e) => e.path?.blocked);
  if (on.length) out.push(`  classDef onPath stroke:${PATH_STYLE.forward},stroke-width:3px`, `  class ${on.map((e) => id.get(e.id)).join(',')} onPath`);
  if (blocked.length)
    out.push(
      `  classDef blocked fill:${KIND_STYLE.reject.fill},stroke:${PATH_STYLE.reject},stroke-width:3px`,
      `  class ${blocked.map((e) => id.get(e.id)).join(',')} blocked`,
    );
  void t;
}

/** The graph as a Mermaid flowchart. Line numbers of edges index linkStyle, so edges are written in graph order. */
export function renderMermaid(g: Graph): string {
  const t = tree(g);
  const id = ids(g);
  const out = [`%% vpcsim diagram: ${mermaidText(g.title)}`, 'flowchart TB'];
  for (const r of t.roots) walk(t, id, r, '  ', out);
  const linkStyles: Record<string, number[]> = {};
  g.edges.forEach((e, i) => {
    const text = e.label !== undefined ? `|${label([e.label])}|` : '';
    out.push(`  ${id.get(e.from)} ${ARROW[e.kind]}${text} ${id.get(e.to)}`);
    (linkStyles[e.kind] ??= []).push(i);
  });
  styles(t, g, id, out);
  const colour: Partial<Record<Edge['kind'], string>> = {
    forward: `stroke:${PATH_STYLE.forward},stroke-width:3px`,
    return: `stroke:${PATH_STYLE.return},stroke-width:3px`,
    reject: `stroke:${PATH_STYLE.reject},stroke-width:2px`,
    exposure: `stroke:${PATH_STYLE.exposure},stroke-width:3px`,
    'exposure-flagged': `stroke:${PATH_STYLE.reject},stroke-width:3px`,
  };
  for (const [kind, list] of Object.entries(linkStyles)) {
    const c = colour[kind as Edge['kind']];
    if (c) out.push(`  linkStyle ${list.join(',')} ${c}`);
  }
  return `${out.join('\n')}\n`;
}

/** What GitHub would refuse to draw, if anything. */
export function mermaidLimits(text: string, g: Graph): string[] {
  const out: string[] = [];
  if (text.length > MERMAID_MAX_TEXT_SIZE)
    out.push(`the Mermaid text is ${text.length} characters; GitHub draws at most ${MERMAID_MAX_TEXT_SIZE} ("Maximum text size in diagram exceeded")`);
  if (g.edges.length > MERMAID_MAX_EDGES) out.push(`the diagram has ${g.edges.length} edges; GitHub draws at most ${MERMAID_MAX_EDGES} ("Too many edges")`);
  return out;
}
