// One entry for every format, so `diagram` and `trace --diagram` write the same things.
import { renderDot } from './dot.js';
import { renderHtml } from './html.js';
import { renderMermaid } from './mermaid.js';
import type { Graph } from './model.js';
import type { DiagramFormat } from './index.js';

const BY_EXTENSION: Record<string, DiagramFormat> = { mmd: 'mermaid', mermaid: 'mermaid', dot: 'dot', gv: 'dot', svg: 'svg', html: 'html', htm: 'html' };

/** The format a file name asks for, from its extension. */
export function formatOfFile(file: string): DiagramFormat | undefined {
  const m = /\.([A-Za-z]+)$/.exec(file);
  return m ? BY_EXTENSION[m[1].toLowerCase()] : undefined;
}

export const DIAGRAM_EXTENSIONS = Object.keys(BY_EXTENSION).map((e) => `.${e}`);

export async function renderDiagram(g: Graph, format: DiagramFormat, summary?: string): Promise<string> {
  if (format === 'mermaid') return renderMermaid(g);
  const dot = renderDot(g);
  if (format === 'dot') return dot;
  const { dotToSvg } = await import('./svg.js');
  const svg = await dotToSvg(dot);
  return format === 'svg' ? svg : renderHtml(g, svg, { summary });
}

/** The graph as JSON (what --json prints): elements with their container, kind, label and details; edges. */
export function graphJson(g: Graph): object {
  const elements = g.elements.map((e) => ({
    id: e.id,
    kind: e.kind,
    label: e.label,
    ...(e.parent !== undefined ? { parent: e.parent } : {}),
    details: e.details,
    ...(e.path ? { path: e.path } : {}),
  }));
  return { title: g.title, elements, edges: g.edges };
}
