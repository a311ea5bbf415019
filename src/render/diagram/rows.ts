// Result rows drawn on the topology: a reach row's forward path as joined components, an exposure as one edge from
// the internet to each interface it reaches (its ports on the edge). The picture keeps the components on the
// drawn paths and one step around them, so a large estate stays readable.
import type * as M from '../../bind/model.js';
import { buildGraph, countedId, elementIdOf, type GraphBuilder, type InstancesMode } from './build.js';
import { neighbourhood, restrict } from './filter.js';
import type { EdgeKind, Graph } from './model.js';
import { componentElement } from './path.js';

export interface DrawnPath {
  /** component ids in order (a reach row's `path`), or for a direct edge its two ends */
  components: string[];
  kind: Extract<EdgeKind, 'forward' | 'exposure' | 'exposure-flagged'>;
  /** drawn on the path's last edge */
  label?: string;
  /** one edge from the first component to the last (exposure), rather than one per step */
  direct?: boolean;
}

/**
 * The graph elements that stand for a topology resource: the element itself; the counted box of an instance;
 * an interface's owner; a security group's member interfaces; a network ACL's or route table's subnets.
 */
export function resourceElements(g: Graph, t: M.Topology, id: string): string[] {
  const drawn = new Set(g.elements.map((e) => e.id));
  if (drawn.has(id)) return [id];
  const r = t.byId.get(id);
  if (!r) return [];
  const ofInterface = (eni: M.NetworkInterface): string[] => {
    const own = elementIdOf(eni);
    if (drawn.has(own)) return [own];
    const counted = countedId(eni.subnet);
    return drawn.has(counted) ? [counted] : drawn.has(eni.subnet.id) ? [eni.subnet.id] : [];
  };
  if (r.kind === 'instance') return ofInterface(r.primary);
  if (r.kind === 'network-interface') return ofInterface(r);
  if (r.kind === 'security-group') return [...new Set(r.members.flatMap(ofInterface))];
  if (r.kind === 'network-acl' || r.kind === 'route-table') return r.subnets.map((s) => s.id).filter((s) => drawn.has(s));
  return [];
}

function drawOne(b: GraphBuilder, t: M.Topology, p: DrawnPath, seen: Set<string>): string[] {
  const ids = p.components.map((c) => componentElement(b, t, c, c === 'internet' ? 'the public internet' : 'outside the topology'));
  const steps: [string, string][] = [];
  if (p.direct && ids.length > 1) steps.push([ids[0]!, ids[ids.length - 1]!]);
  else for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[i - 1]) steps.push([ids[i - 1]!, ids[i]!]);
  steps.forEach(([from, to], i) => {
    const label = i === steps.length - 1 ? p.label : undefined;
    const key = `${from}\u0000${to}\u0000${p.kind}\u0000${label ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    b.edge(from, to, p.kind, label);
  });
  return [...new Set(ids)];
}

/** The topology with these paths drawn, cut to what they cross and one step around; each path's element ids. */
export function pathsGraph(t: M.Topology, paths: DrawnPath[], title: string, instances: InstancesMode = 'auto'): { graph: Graph; elements: string[][] } {
  const b = buildGraph(t, { instances });
  const seen = new Set<string>();
  const elements = paths.map((p) => drawOne(b, t, p, seen));
  const g = b.graph(title);
  const onPath = [...new Set(elements.flat())];
  if (onPath.length === 0) return { graph: g, elements };
  const kept = restrict(g, neighbourhood(g, onPath, 1));
  // route destinations stay in the route tables' hover text: the drawn paths' labels are the ones that matter here
  return {
    graph: { ...kept, edges: kept.edges.map((e) => (e.kind === 'route' && e.label !== undefined ? { from: e.from, to: e.to, kind: e.kind } : e)) },
    elements,
  };
}
