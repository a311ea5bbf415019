// A traced flow drawn on the topology: every hop's component is outlined and labelled with its hop numbers (as
// printed by `vpcsim trace`), consecutive components are joined by forward / return edges, and a REJECT adds a note
// at the blocking component with its reason. The picture shows the VPCs the path crosses and their neighbours.
import type * as M from '../../bind/model.js';
import type { Hop, PathResult, TraceResult, EndpointSummary } from '../../trace/types.js';
import { buildGraph, countedId, elementIdOf, type GraphBuilder, type InstancesMode } from './build.js';
import { aclLines, sgLines } from './details.js';
import { hopDetail, hopFix } from '../trace-detail.js';
import { neighbourhood, restrict } from './filter.js';
import type { ElementKind, Graph, PathMark } from './model.js';

/** The VPC a resource lives in, if any. */
function vpcOf(r: M.Resource): M.Vpc | undefined {
  if (r.kind === 'vpc') return r;
  if ('vpc' in r && r.vpc && typeof r.vpc === 'object') return r.vpc as M.Vpc;
  if (r.kind === 'instance') return r.subnet.vpc;
  return undefined;
}

/** Rules on the path (security groups, network ACLs) become nodes in their VPC; anything else unknown sits outside. */
function elementFor(b: GraphBuilder, t: M.Topology, hop: Hop): string {
  return componentElement(b, t, hop.component, hop.kind);
}

/** The element that stands for a path component (a hop's or a reach row's), added when it is not drawn yet. */
export function componentElement(b: GraphBuilder, t: M.Topology, component: string, what: string): string {
  if (b.byId.has(component)) return component;
  const r = t.byId.get(component);
  if (r?.kind === 'instance' && b.byId.has(countedId(r.subnet))) return countedId(r.subnet);
  if (r?.kind === 'network-interface' && b.byId.has(elementIdOf(r))) return elementIdOf(r);
  if (r?.kind === 'network-acl') return b.add(r.id, 'network-acl', [r.id], () => aclLines(r), r.vpc.id).id;
  if (r?.kind === 'security-group') return b.add(r.id, 'security-group', [r.id], () => sgLines(r), r.vpc.id).id;
  const kind: ElementKind = component === 'internet' ? 'internet' : 'endpoint';
  return b.add(component, kind, [component], [what], r ? vpcOf(r)?.id : undefined).id;
}

/** Where a path starts: the traced endpoint's element (an instance…), or a node for an address outside. */
function endpointElement(b: GraphBuilder, t: M.Topology, ep: EndpointSummary): string {
  if (ep.id !== undefined) {
    const r = t.byId.get(ep.id);
    const id = r ? elementIdOf(r) : ep.id;
    if (b.byId.has(id)) return id;
    if (r?.kind === 'instance' && b.byId.has(countedId(r.subnet))) return countedId(r.subnet);
  }
  if (ep.kind === 'internet') return b.add('internet', 'internet', ['internet'], ['the public internet']).id;
  return b.add(`endpoint:${ep.input}`, 'endpoint', [ep.input, ...(ep.ip !== ep.input ? [ep.ip] : [])], [`${ep.kind} ${ep.ip}`]).id;
}

/** Characters per line of the REJECT note. */
const NOTE_WIDTH = 44;

/** Words into lines of at most `width` characters (a longer word keeps its own line). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

function drawPath(b: GraphBuilder, t: M.Topology, p: PathResult, dir: 'forward' | 'return', start: string): void {
  // consecutive hops at one element (a network ACL's egress then ingress check) make one run; runs are joined by edges
  const runs: { id: string; numbers: number[] }[] = [];
  p.hops.forEach((hop, i) => {
    const id = elementFor(b, t, hop);
    const el = b.byId.get(id)!;
    el.path ??= { forward: [], return: [], blocked: false };
    el.path[dir].push(i + 1);
    const last = runs[runs.length - 1];
    if (last?.id === id) last.numbers.push(i + 1);
    else runs.push({ id, numbers: [i + 1] });
    if (p.blockedAt === i) {
      el.path.blocked = true;
      const label = [`REJECT at ${hop.component}`, ...(hop.reason ? [hop.reason] : []), ...wrap(hopDetail(hop), NOTE_WIDTH)];
      const note = b.add(`reject:${dir}`, 'reject', label, [hopDetail(hop), ...(hopFix(hop) ? [`fix: ${hopFix(hop)}`] : [])], el.parent);
      b.edge(id, note.id, 'reject');
    }
  });
  let at = start;
  for (const run of runs) {
    if (run.id !== at) b.edge(at, run.id, dir);
    at = run.id;
  }
}

/** The hop numbers of the text, written on the element: `hop 1`, `hops 3,4 · r2` (forward hops, then return hops). */
export function hopLine(p: PathMark): string {
  const n = p.forward.length + p.return.length;
  return `${n === 1 ? 'hop' : 'hops'} ${[p.forward.join(','), p.return.map((x) => `r${x}`).join(',')].filter(Boolean).join(' · ')}`;
}

/** The topology picture with a trace drawn on it. */
export function traceGraph(t: M.Topology, r: TraceResult, instances: InstancesMode = 'auto'): Graph {
  const b = buildGraph(t, { instances });
  const from = endpointElement(b, t, r.from);
  const to = endpointElement(b, t, r.to);
  drawPath(b, t, r.forward, 'forward', from);
  if (r.return) drawPath(b, t, r.return, 'return', to);
  // numbers go on the elements, not the edges: node labels never overlap, and Graphviz misplaces the labels of
  // edges that run against the layout's direction
  for (const e of b.elements) if (e.path) e.label.push(hopLine(e.path));
  const g = b.graph(`${t.name}: ${r.flow.protocol} ${r.from.input} → ${r.to.input}${r.flow.dstPort ? ` port ${r.flow.dstPort}` : ''} — ${r.verdict}`);
  // the VPCs the path crosses, drawn whole, and one step around them and around every component on the path
  const onPath = g.elements.filter((e) => e.path || e.id === from || e.id === to);
  const vpcIds = new Set<string>();
  const parent = new Map(g.elements.map((e) => [e.id, e.parent]));
  for (const e of onPath) {
    let top = e.id;
    for (let p = parent.get(top); p !== undefined; p = parent.get(p)) top = p;
    if (t.byId.get(top)?.kind === 'vpc') vpcIds.add(top);
  }
  const kept = restrict(g, neighbourhood(g, [...vpcIds, ...onPath.map((e) => e.id), ...g.elements.filter((e) => e.kind === 'reject').map((e) => e.id)], 1));
  // the path's numbers are the labels that matter here; route destinations stay in the route tables' hover text
  // (Graphviz places labels of edges drawn against the path's direction on top of other nodes)
  return { ...kept, edges: kept.edges.map((e) => (e.kind === 'route' && e.label !== undefined ? { from: e.from, to: e.to, kind: e.kind } : e)) };
}
