// reach(): every packet between two ends, classified exactly, merged into rows.
import type { Topology } from '../bind/model.js';
import { parseProtocol, PROTO } from '../bind/rules.js';
import { Engine } from './engine.js';
import { toRows } from './merge.js';
import { type RangeSet, intersect, normalize, union } from './sets.js';
import { ReachInputError, type Side, externalSpace, resolveSide } from './sides.js';
import type { ReachQuery, ReachResult } from './types.js';

export { REACH_FIELD_WORDS, type ReachField, type ReachFieldNames, ReachInputError } from './sides.js';

export interface ReachOptions {
  from?: string;
  to?: string;
  /** tcp | udp | icmp | icmpv6 | all | a number (default all) */
  protocol?: string;
  /** destination ports, e.g. `22`, `80,443`, `1024-65535` (default 0-65535) */
  ports?: string;
  /** source ports (default 1024-65535) */
  srcPorts?: string;
}

export const DEFAULT_SRC_PORTS = '1024-65535';

/** `80,443,8000-8100` → ranges; errors name the flag and the part that is wrong. */
export function parsePortList(text: string, field: 'ports' | 'srcPorts'): [number, number][] {
  const out: [number, number][] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(part);
    const lo = m ? Number(m[1]) : NaN;
    const hi = m ? Number(m[2] ?? m[1]) : NaN;
    if (!m || lo > 65535 || hi > 65535)
      throw new ReachInputError((n) => `${n[field]}: '${part.trim()}' is not a port or port range (expected N or N-M with 0 ≤ N ≤ M ≤ 65535, comma-separated)`);
    if (lo > hi) throw new ReachInputError((n) => `${n[field]}: '${part.trim()}' runs backwards; write ${hi}-${lo}`);
    out.push([lo, hi]);
  }
  return normalize(out.map(([a, b]) => [BigInt(a), BigInt(b)])).map(([a, b]) => [Number(a), Number(b)]);
}

function protocolsOf(text: string): number[] | undefined {
  const p = parseProtocol(text);
  if (!p.ok) throw new ReachInputError((n) => `${n.protocol}: ${p.error}`);
  return p.value === PROTO.ALL ? undefined : [p.value];
}

const toSet = (r: [number, number][]): RangeSet => r.map(([a, b]) => [BigInt(a), BigInt(b)]);

export function reach(t: Topology, o: ReachOptions): ReachResult {
  const query: ReachQuery = {
    from: o.from ?? 'any',
    to: o.to ?? 'any',
    protocol: (o.protocol ?? 'all').trim().toLowerCase(),
    ports: parsePortList(o.ports ?? '0-65535', 'ports'),
    srcPorts: parsePortList(o.srcPorts ?? DEFAULT_SRC_PORTS, 'srcPorts'),
  };
  return reachSides(t, query, resolveSide(t, query.from, 'from'), resolveSide(t, query.to, 'to'));
}

/** reach() between ends already resolved (scopes build theirs from resource statements). */
export function reachSides(t: Topology, query: ReachQuery, from: Side, to: Side): ReachResult {
  const protocols = protocolsOf(query.protocol);
  if (!from.enis.length && !to.enis.length)
    throw new ReachInputError(
      (n) => `one end must be inside the topology (an interface, instance, subnet:ID or sg:ID): got ${n.from} ${query.from} and ${n.to} ${query.to}`,
    );
  const engine = new Engine(t);
  const srcPorts = toSet(query.srcPorts);
  const classes = engine.run(from, to, { protocols, ports: toSet(query.ports), srcPorts, acceptedOnly: true });
  const sure = classes.filter((c) => !c.outcome.natPortDependent);
  const whole = wholeOf(t, from, to);
  return {
    query,
    rows: toRows(
      sure.filter((c) => c.outcome.verdict === 'ACCEPT'),
      srcPorts,
      whole,
    ),
    undetermined: toRows(
      classes.filter((c) => c.outcome.natPortDependent),
      srcPorts,
      whole,
    ),
    classes,
    stats: { traces: engine.traces, classes: classes.length + engine.refused },
  };
}

/** Every external address of a network the query asked about (to mark rows that cover all of it). */
function wholeOf(t: Topology, from: Side, to: Side) {
  const memo = new Map<string, RangeSet>();
  return (family: 4 | 6, network: string): RangeSet => {
    const k = `${family}${network}`;
    let r = memo.get(k);
    if (!r)
      memo.set(k, (r = intersect(externalSpace(t, family, network === 'on-premises' ? 'on-premises' : 'internet'), union(from.ext[family], to.ext[family]))));
    return r;
  };
}

/** The JSON contract of `reach --json` (docs/reach.md). */
export function reachJson(r: ReachResult): Record<string, unknown> {
  return { query: r.query, rows: r.rows, ...(r.undetermined.length ? { undetermined: r.undetermined } : {}) };
}
