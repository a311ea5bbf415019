// The findings report: one self-contained HTML page with, per section (a checked file, a reach or exposure
// answer), the topology picture and a list of items (findings, failed assertions, result rows). Hovering or
// clicking an item outlines its resources in the picture; an item may carry a picture of its own (the
// counterexample trace of a failed assertion). Like the diagram report, nothing is fetched at view time.
// `check`, `reach` and `exposure --format html` write it; any command with rows that name topology resources can.
import { PANZOOM_JS } from './panzoom.js';
import { escapeHtml } from './html.js';
import { renderDot } from './dot.js';
import { KIND_STYLE, PATH_STYLE, type ElementKind, type Graph } from './model.js';

export interface ReportItem {
  /** a short tag: a rule id, ASSERTION, a protocol */
  tag: string;
  severity?: 'error' | 'warning' | 'info';
  text: string;
  /** file:line:col */
  location?: string;
  /** more text, shown preformatted under the item (a hint, a reason, the trace) */
  detail?: string;
  /** why the finding is suppressed, when it is */
  suppressed?: string;
  /** topology resource ids (or graph element ids) outlined in the section's picture on hover or click */
  resources: string[];
  /** a picture of its own, drawn under the item (a counterexample's path) */
  figure?: Graph;
}

export interface ReportSection {
  title: string;
  /** the section's picture (none when the file could not be read) */
  graph?: Graph;
  items: ReportItem[];
  /** one line under the title (counts, a verdict) */
  summary?: string;
  /** said when there are no items */
  empty?: string;
}

/** JSON that is safe inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Graphviz's SVG without prolog and native tooltips, its ids prefixed so several pictures share one page. */
function figureSvg(svg: string, prefix: string): string {
  return svg
    .slice(svg.indexOf('<svg'))
    .replace(/ xlink:title="[^"]*"/g, '')
    .replace(/<title>[^<]*<\/title>\n?/g, '')
    .replace(/ id="/g, ` id="${prefix}-`);
}

/** The element ids of the graph (as in the SVG: `e<index>`) that stand for the given resource ids. */
export function elementRefs(g: Graph, resources: readonly string[]): string[] {
  const index = new Map(g.elements.map((e, i) => [e.id, i]));
  const out = new Set<string>();
  for (const r of resources) {
    const i = index.get(r);
    if (i !== undefined) out.add(`e${i}`);
  }
  return [...out];
}

type Svg = (dot: string) => Promise<string>;

interface Page {
  details: Record<string, string[]>;
  figures: number;
}

async function figure(g: Graph, page: Page, svgOf: Svg, cls: string): Promise<{ html: string; prefix: string }> {
  const prefix = `f${page.figures++}`;
  const svg = await svgOf(renderDot(g));
  g.elements.forEach((e, i) => {
    page.details[`${prefix}-e${i}`] = [e.label[0], `(${KIND_STYLE[e.kind].name})`, ...e.details];
  });
  const html = `<div class="figure ${cls}" id="${prefix}"><div class="controls"><button type="button" data-zoom="in">+</button><button type="button" data-zoom="out">−</button><button type="button" data-zoom="fit">fit</button></div><div class="canvas">${figureSvg(svg, prefix)}</div></div>`;
  return { html, prefix };
}

function itemHtml(it: ReportItem, targets: string[], sub: string): string {
  const sev = it.severity ? `<span class="sev sev-${it.severity}">${it.severity}</span>` : '';
  const loc = it.location ? `<span class="loc">${escapeHtml(it.location)}</span>` : '';
  const sup = it.suppressed !== undefined ? `<div class="sup">suppressed: ${escapeHtml(it.suppressed)}</div>` : '';
  const detail = it.detail ? `<pre class="detail">${escapeHtml(it.detail)}</pre>` : '';
  return `<li class="item${it.suppressed !== undefined ? ' suppressed' : ''}" tabindex="0" data-targets="${targets.join(' ')}">${sev}<span class="tag">${escapeHtml(it.tag)}</span> ${escapeHtml(it.text)} ${loc}${sup}${detail}${sub}</li>`;
}

async function sectionHtml(s: ReportSection, n: number, page: Page, svgOf: Svg): Promise<string> {
  const main = s.graph ? await figure(s.graph, page, svgOf, 'topology') : undefined;
  const items: string[] = [];
  for (const it of s.items) {
    const targets = main && s.graph ? elementRefs(s.graph, it.resources).map((id) => `${main.prefix}-${id}`) : [];
    const sub = it.figure ? (await figure(it.figure, page, svgOf, 'path')).html : '';
    items.push(itemHtml(it, targets, sub));
  }
  const list = items.length ? `<ul class="items">${items.join('\n')}</ul>` : `<p class="empty">${escapeHtml(s.empty ?? 'nothing to report')}</p>`;
  const summary = s.summary ? `<p class="summary">${escapeHtml(s.summary)}</p>` : '';
  return `<section id="s${n}"><h2>${escapeHtml(s.title)}</h2>${summary}<div class="body">${main?.html ?? ''}<div class="list">${list}</div></div></section>`;
}

function legend(graphs: Graph[]): string {
  const kinds = [...new Set(graphs.flatMap((g) => g.elements.map((e) => e.kind)))].sort() as ElementKind[];
  const items = kinds.map(
    (k) => `<li><span class="sw" style="background:${KIND_STYLE[k].fill};border-color:${KIND_STYLE[k].stroke}"></span>${escapeHtml(KIND_STYLE[k].name)}</li>`,
  );
  const edges = new Set(graphs.flatMap((g) => g.edges.map((e) => e.kind)));
  if (edges.has('forward')) items.push(`<li><span class="ln" style="border-color:${PATH_STYLE.forward}"></span>forward path</li>`);
  if (edges.has('return')) items.push(`<li><span class="ln dash" style="border-color:${PATH_STYLE.return}"></span>return path</li>`);
  if (edges.has('exposure'))
    items.push(`<li><span class="ln" style="border-color:${PATH_STYLE.exposure}"></span>reachable from the internet (ports on the edge)</li>`);
  if (edges.has('exposure-flagged'))
    items.push(`<li><span class="ln" style="border-color:${PATH_STYLE.reject}"></span>an admin or database port reachable from the internet</li>`);
  items.push('<li><span class="sw hl-sw"></span>resources of the item under the pointer or clicked</li>');
  return `<ul class="legend">${items.join('')}</ul>`;
}

/** The report page. `svgOf` lays out DOT (the WebAssembly Graphviz by default). */
export async function renderReport(title: string, sections: ReportSection[], svgOf?: Svg): Promise<string> {
  const layout = svgOf ?? (await import('./svg.js')).dotToSvg;
  const page: Page = { details: {}, figures: 0 };
  const body: string[] = [];
  for (const [i, s] of sections.entries()) body.push(await sectionHtml(s, i, page, layout));
  const graphs = sections.flatMap((s) => [...(s.graph ? [s.graph] : []), ...s.items.flatMap((it) => (it.figure ? [it.figure] : []))]);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="vpcsim">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>${legend(graphs)}</header>
${body.join('\n')}
<div id="details" role="status"></div>
<script type="application/json" id="vpcsim-details">${scriptJson(page.details)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const STYLE = `
body{margin:0;font:13px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;background:#fff}
header{padding:10px 16px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
h1{font-size:16px;margin:0 0 4px}h2{font-size:14px;margin:0 0 4px}
section{padding:12px 16px;border-bottom:1px solid #d0d7de}
.summary{margin:0 0 8px;color:#59636e}
.body{display:flex;gap:12px;align-items:flex-start}
.figure{position:relative;overflow:hidden;border:1px solid #d0d7de;border-radius:6px;cursor:grab;background:#fff}
.figure.topology{flex:1 1 60%;height:560px}.figure.path{height:420px;margin-top:6px}
.figure .canvas{transform-origin:0 0;position:absolute;left:0;top:0}
.figure .controls{position:absolute;right:6px;top:6px;z-index:1}
.list{flex:1 1 40%;max-height:none;min-width:320px}
.items{list-style:none;margin:0;padding:0}
.item{border:1px solid #d0d7de;border-radius:6px;padding:6px 8px;margin:0 0 6px;cursor:pointer}
.item:hover,.item.pinned{border-color:#cf222e;background:#fff8f7}
.item.suppressed{opacity:.65}
.sev{display:inline-block;border-radius:10px;padding:0 7px;margin-right:6px;font-size:11px;color:#fff}
.sev-error{background:#cf222e}.sev-warning{background:#9a6700}.sev-info{background:#0969da}
.tag{font-weight:600;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.loc{color:#59636e;font-family:ui-monospace,monospace;font-size:12px}
.sup{color:#59636e;font-style:italic}
.detail{white-space:pre-wrap;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f6f8fa;border-radius:4px;padding:6px;margin:6px 0 0;max-height:260px;overflow:auto}
.legend{list-style:none;padding:0;margin:4px 0 0;display:flex;flex-wrap:wrap;gap:4px 14px}.legend li{display:flex;align-items:center;gap:6px}
.sw{display:inline-block;width:14px;height:12px;border:1.5px solid;border-radius:2px}.hl-sw{border:3px solid #cf222e}
.ln{display:inline-block;width:22px;border-top:3px solid}.ln.dash{border-top-style:dashed}
#details{position:fixed;right:12px;bottom:12px;max-width:420px;max-height:40vh;overflow:auto;white-space:pre-wrap;font:12px/1.45 ui-monospace,monospace;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px;box-shadow:0 4px 12px rgba(0,0,0,.12)}
#details:empty{display:none}
g.node,g.cluster{cursor:pointer}
g.hl path,g.hl polygon,g.hl ellipse{stroke:#cf222e!important;stroke-width:5px!important}
`;

const SCRIPT = `${PANZOOM_JS}
(function(){
  var details = JSON.parse(document.getElementById('vpcsim-details').textContent);
  var panel = document.getElementById('details');
  function panzoom(fig){
    var pz = vpcsimPanZoom(fig, fig.querySelector('.canvas'));
    fig.querySelectorAll('button[data-zoom]').forEach(function(b){
      b.onclick = function(){ var z = b.getAttribute('data-zoom'); if (z === 'fit') pz.fit(); else pz.zoom(z === 'in' ? 1.25 : 1 / 1.25); };
    });
    pz.fit();
  }
  document.querySelectorAll('.figure').forEach(panzoom);
  var pinned = null;
  function mark(item, on){
    (item.getAttribute('data-targets') || '').split(' ').forEach(function(id){
      var g = id && document.getElementById(id); if (g) g.classList.toggle('hl', on);
    });
  }
  document.querySelectorAll('.item').forEach(function(item){
    item.addEventListener('mouseenter', function(){ mark(item, true); });
    item.addEventListener('mouseleave', function(){ if (item !== pinned) mark(item, false); });
    item.addEventListener('click', function(e){
      e.stopPropagation();
      if (pinned && pinned !== item) { mark(pinned, false); pinned.classList.remove('pinned'); }
      pinned = pinned === item ? null : item;
      item.classList.toggle('pinned', pinned === item); mark(item, pinned === item);
    });
  });
  document.addEventListener('mouseover', function(e){
    var g = e.target.closest && e.target.closest('g.node, g.cluster');
    if (g && details[g.id]) panel.textContent = details[g.id].join('\\n');
    else if (!g && !(e.target.closest && e.target.closest('#details'))) panel.textContent = '';
  });
})();
`;
