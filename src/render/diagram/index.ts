// `vpcsim diagram`: the picture of a topology, filtered to a VPC or to a resource's neighbourhood.
import type * as M from '../../bind/model.js';
import { closest } from 'fastest-levenshtein';
import { buildGraph, countedId, type InstancesMode } from './build.js';
import { neighbourhood, restrict } from './filter.js';
import type { Graph } from './model.js';

export type DiagramFormat = 'mermaid' | 'dot' | 'svg' | 'html';
export const DIAGRAM_FORMATS: readonly DiagramFormat[] = ['mermaid', 'dot', 'svg', 'html'];
export const INSTANCE_MODES: readonly InstancesMode[] = ['auto', 'all', 'count', 'none'];

export interface DiagramOptions {
  instances: InstancesMode;
  /** VPC ids: only these VPCs and what they connect to */
  vpcs?: string[];
  /** a resource id: it, what it holds, and its neighbours */
  focus?: string;
  /** how many steps of neighbours around the focus (default 1) */
  depth?: number;
}

/** A diagram request that cannot be drawn (an unknown id, a resource kind that is not drawn). */
export class DiagramError extends Error {}

/** Resources that are rules rather than places: they appear in hover text, not as boxes. */
const NOT_DRAWN: Partial<Record<M.ResourceKind, string>> = {
  'security-group': 'security groups are shown in the hover text of the instances that use them',
  'network-acl': 'network ACLs are shown in the hover text of their subnets',
  'prefix-list': 'prefix lists are shown on the routes that use them',
};

function suggest(t: M.Topology, id: string): string {
  const near = closest(id, [...t.byId.keys()]);
  return near ? `; did you mean '${near}'?` : '';
}

function focusId(t: M.Topology, g: Graph, id: string): string {
  if (g.elements.some((e) => e.id === id)) return id;
  const r = t.byId.get(id);
  if (!r) throw new DiagramError(`--focus: no resource '${id}' in the topology${suggest(t, id)}`);
  if (r.kind === 'instance' && g.elements.some((e) => e.id === countedId(r.subnet))) return countedId(r.subnet);
  if (r.kind === 'instance') throw new DiagramError(`--focus: instance '${id}' is not drawn with --instances none`);
  const why = NOT_DRAWN[r.kind];
  if (why) throw new DiagramError(`--focus: '${id}' is not drawn as a box: ${why}; focus on a subnet, instance, route table or gateway instead`);
  throw new DiagramError(`--focus: '${id}' (${r.kind}) is not drawn`);
}

/** The graph to draw for these options. */
export function topologyGraph(t: M.Topology, o: DiagramOptions): Graph {
  const g = buildGraph(t, { instances: o.instances }).graph(t.name);
  if (o.depth !== undefined && o.focus === undefined) throw new DiagramError('--depth applies only with --focus');
  let out = g;
  if (o.vpcs?.length) {
    for (const v of o.vpcs) {
      if (t.byId.get(v)?.kind !== 'vpc') throw new DiagramError(`--vpc: no VPC '${v}' in the topology${suggest(t, v)}`);
    }
    out = restrict(out, neighbourhood(out, o.vpcs, 1));
  }
  if (o.focus !== undefined) {
    if (out !== g && !out.elements.some((e) => e.id === o.focus) && g.elements.some((e) => e.id === o.focus)) {
      throw new DiagramError(`--focus: '${o.focus}' is not in --vpc ${o.vpcs!.join(',')} or next to it`);
    }
    const seed = focusId(t, out, o.focus);
    out = restrict(out, neighbourhood(out, [seed], o.depth ?? 1));
  }
  const what = [o.vpcs?.length ? `VPC ${o.vpcs.join(', ')}` : '', o.focus !== undefined ? `around ${o.focus}` : ''].filter(Boolean).join(', ');
  return { ...out, title: what ? `${t.name}: ${what}` : t.name };
}
