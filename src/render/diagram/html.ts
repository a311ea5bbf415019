// One self-contained HTML report: the SVG inline, a legend, pan and zoom, and a details panel that shows each
// resource's CIDRs and rules on hover. No script, style or font is fetched: it works offline and from a file.
import { PANZOOM_JS } from './panzoom.js';
import { KIND_STYLE, PATH_STYLE, type ElementKind, type Graph } from './model.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON that is safe inside a <script> element: no `<` can close it. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Graphviz's SVG without its XML prolog, and without its native tooltips (the panel shows the same text). */
function inlineSvg(svg: string): string {
  const at = svg.indexOf('<svg');
  return svg
    .slice(at)
    .replace(/ xlink:title="[^"]*"/g, '')
    .replace(/<title>[^<]*<\/title>\n?/g, '');
}

function legend(g: Graph): string {
  const kinds = [...new Set(g.elements.map((e) => e.kind))] as ElementKind[];
  const items = kinds.map(
    (k) => `<li><span class="sw" style="background:${KIND_STYLE[k].fill};border-color:${KIND_STYLE[k].stroke}"></span>${escapeHtml(KIND_STYLE[k].name)}</li>`,
  );
  const onPath = g.edges.some((e) => e.kind === 'forward' || e.kind === 'return');
  if (onPath) {
    items.push(
      `<li><span class="ln" style="border-color:${PATH_STYLE.forward}"></span>forward path (each component shows its hop numbers as in the text)</li>`,
    );
    items.push(`<li><span class="ln dash" style="border-color:${PATH_STYLE.return}"></span>return path (hops r1, r2, …)</li>`);
  }
  return `<ul class="legend">${items.join('')}</ul>`;
}

const STYLE = `
body{margin:0;font:13px/1.4 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;display:flex;height:100vh}
#main{flex:1;position:relative;overflow:hidden;background:#fff;cursor:grab}
#main.dragging{cursor:grabbing}
#canvas{transform-origin:0 0;position:absolute;left:0;top:0}
#side{width:340px;border-left:1px solid #d0d7de;padding:12px;overflow:auto;background:#f6f8fa}
h1{font-size:15px;margin:0 0 8px}
#details{white-space:pre-wrap;font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px;min-height:3em}
#details:empty::before{content:"Hover over a resource to see its addresses and rules.";color:#59636e;font-family:system-ui,sans-serif}
.legend{list-style:none;padding:0;margin:12px 0}.legend li{margin:3px 0;display:flex;align-items:center;gap:6px}
.sw{display:inline-block;width:14px;height:12px;border:1.5px solid;border-radius:2px}
.ln{display:inline-block;width:22px;border-top:3px solid}.ln.dash{border-top-style:dashed}
.controls{margin:8px 0}.controls button{margin-right:4px}
#summary{white-space:pre-wrap;font:12px/1.45 ui-monospace,monospace}
g.node,g.cluster{cursor:pointer}
g.hover>path,g.hover>polygon,g.hover>ellipse{stroke-width:3px}
`;

const SCRIPT = `${PANZOOM_JS}
(function(){
  var details = JSON.parse(document.getElementById('vpcsim-details').textContent);
  var main = document.getElementById('main'), canvas = document.getElementById('canvas'), panel = document.getElementById('details');
  var pz = vpcsimPanZoom(main, canvas);
  document.getElementById('zoom-in').onclick = function(){ pz.zoom(1.25); };
  document.getElementById('zoom-out').onclick = function(){ pz.zoom(1 / 1.25); };
  document.getElementById('zoom-fit').onclick = pz.fit;
  var current = null;
  canvas.addEventListener('mouseover', function(e){
    var g = e.target.closest && e.target.closest('g.node, g.cluster');
    if (!g || !details[g.id] || g === current) return;
    if (current) current.classList.remove('hover');
    current = g; g.classList.add('hover');
    panel.textContent = details[g.id].join('\\n');
  });
  pz.fit();
})();
`;

export interface HtmlOptions {
  /** the trace as text, shown beside the picture */
  summary?: string;
}

/** The report page. `svg` is Graphviz's output for `renderDot(g)`, whose element ids are `e<N>`. */
export function renderHtml(g: Graph, svg: string, o: HtmlOptions = {}): string {
  const details: Record<string, string[]> = {};
  g.elements.forEach((e, i) => {
    details[`e${i}`] = [e.label[0], `(${KIND_STYLE[e.kind].name})`, ...e.details, ...(e.path ? [pathText(e.path)] : [])];
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="vpcsim">
<title>${escapeHtml(g.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div id="main"><div id="canvas">${inlineSvg(svg)}</div></div>
<div id="side">
<h1>${escapeHtml(g.title)}</h1>
<div class="controls"><button id="zoom-in" type="button">+</button><button id="zoom-out" type="button">−</button><button id="zoom-fit" type="button">fit</button> drag to pan, wheel to zoom</div>
<div id="details"></div>
${legend(g)}
${o.summary !== undefined ? `<pre id="summary">${escapeHtml(o.summary)}</pre>` : ''}
</div>
<script type="application/json" id="vpcsim-details">${scriptJson(details)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function pathText(p: { forward: number[]; return: number[]; blocked: boolean }): string {
  const parts = [
    p.forward.length ? `forward hops ${p.forward.join(', ')}` : '',
    p.return.length ? `return hops ${p.return.join(', ')}` : '',
    p.blocked ? 'REJECTED here' : '',
  ];
  return `on the traced path: ${parts.filter(Boolean).join('; ')}`;
}
