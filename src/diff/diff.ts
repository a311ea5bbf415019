// diff(): every flow whose round-trip verdict differs between two topologies, exactly, merged into rows.
// Only flows that can pass through a changed component are recomputed (src/diff/changes.ts); the two sides'
// exact classes are intersected so each reported class is uniform on both sides (src/diff/compare.ts).
import type * as M from '../bind/model.js';
import { parseProtocol, PROTO } from '../bind/rules.js';
import { type Family, formatAddr } from '../net/ip.js';
import { Engine } from '../reach/engine.js';
import { toRows } from '../reach/merge.js';
import { DEFAULT_SRC_PORTS, parsePortList, ReachInputError } from '../reach/reach.js';
import type { RangeSet } from '../reach/sets.js';
import { type Side, allAddresses, externalSpace, resolveSide } from '../reach/sides.js';
import type { Classified, ReachRow } from '../reach/types.js';
import { ownerId } from '../trace/engine.js';
import { changeScope } from './changes.js';
import { compareClasses, type DiffClass, type ExternalSpace } from './compare.js';
import { sideOf, traceOutcome } from './outcome.js';
import type { DiffInput, DiffResult, DiffRow, EndpointChange } from './types.js';

export { ReachInputError as DiffInputError };
export type { DiffInput };

export interface DiffOptions {
  from?: string;
  to?: string;
  protocol?: string;
  ports?: string;
  srcPorts?: string;
}

export type FailOn = 'internet' | 'opened' | 'any' | 'none';
export const FAIL_ON: readonly FailOn[] = ['internet', 'opened', 'any', 'none'];

const toSet = (r: [number, number][]): RangeSet => r.map(([a, b]) => [BigInt(a), BigInt(b)]);

interface Topo {
  t: M.Topology;
  from: Side;
  to: Side;
  enis: Map<string, M.NetworkInterface>;
  ext: ExternalSpace;
}

/** Resolves a filter on both sides; an endpoint may exist on one side only, not on neither. */
function resolveBoth(before: M.Topology, after: M.Topology, text: string, field: 'from' | 'to'): [Side, Side] {
  const empty = (): Side => ({ input: text, enis: [], ext: { 4: [], 6: [] } });
  let b: Side | undefined;
  let a: Side | undefined;
  let err: unknown;
  try {
    b = resolveSide(before, text, field);
  } catch (e) {
    err = e;
  }
  try {
    a = resolveSide(after, text, field);
  } catch (e) {
    err = e;
  }
  if (!a && !b) throw err;
  return [b ?? empty(), a ?? empty()];
}

function topo(t: M.Topology, from: Side, to: Side): Topo {
  return { t, from, to, enis: new Map(t.interfaces.map((e) => [e.id, e])), ext: { 4: externalSpace(t, 4, 'both'), 6: externalSpace(t, 6, 'both') } };
}

/** Every class with at least one end in `ends` (or every class), classified on one side. */
/** Every class whose source is in `senders` or whose destination is in `receivers` (or every class), on one side. */
function classify(s: Topo, ends: { senders: Set<string>; receivers: Set<string> } | 'all', opts: Parameters<Engine['run']>[2], engine: Engine): Classified[] {
  if (ends === 'all') return engine.run(s.from, s.to, opts);
  const none = { 4: [], 6: [] };
  const sends = (x: Side['enis'][number]) => ends.senders.has(x.eni.id);
  const q1 = ends.senders.size ? engine.run({ ...s.from, enis: s.from.enis.filter(sends), ext: none }, s.to, opts) : [];
  const to = s.to.enis.filter((x) => ends.receivers.has(x.eni.id));
  const q2 = to.length ? engine.run({ ...s.from, enis: s.from.enis.filter((x) => !sends(x)) }, { ...s.to, enis: to, ext: none }, opts) : [];
  return [...q1, ...q2];
}

/** `before` and `after` each carry the document they were bound from: resources are compared as written. */
export function diff(beforeSide: DiffInput, afterSide: DiffInput, o: DiffOptions): DiffResult {
  const before = beforeSide.topology;
  const after = afterSide.topology;
  const query = {
    from: o.from ?? 'any',
    to: o.to ?? 'any',
    protocol: (o.protocol ?? 'all').trim().toLowerCase(),
    ports: parsePortList(o.ports ?? '0-65535', 'ports'),
    srcPorts: parsePortList(o.srcPorts ?? DEFAULT_SRC_PORTS, 'srcPorts'),
  };
  const p = parseProtocol(query.protocol);
  if (!p.ok) throw new ReachInputError((n) => `${n.protocol}: ${p.error}`);
  const [fromB, fromA] = resolveBoth(before, after, query.from, 'from');
  const [toB, toA] = resolveBoth(before, after, query.to, 'to');
  const B = topo(before, fromB, toB);
  const A = topo(after, fromA, toA);
  if (![fromB, fromA, toB, toA].some((s) => s.enis.length))
    throw new ReachInputError(
      (n) => `one end must be inside the topology (an interface, instance, subnet:ID or sg:ID): got ${n.from} ${query.from} and ${n.to} ${query.to}`,
    );
  const scope = changeScope(beforeSide, afterSide);
  const only = (x: Topo, y: Topo) => [...x.enis.keys()].filter((id) => !y.enis.has(id));
  const removed = new Set(only(B, A));
  const added = new Set(only(A, B));
  const ends = scope.ends === 'all' ? 'all' : new Set([...scope.ends, ...removed, ...added]);
  const dirs =
    ends === 'all'
      ? 'all'
      : {
          senders: new Set([...ends].filter((id) => scope.oneWay.get(id) !== 'in')),
          receivers: new Set([...ends].filter((id) => scope.oneWay.get(id) !== 'out')),
        };
  const opts = { protocols: p.value === PROTO.ALL ? undefined : [p.value], ports: toSet(query.ports), srcPorts: toSet(query.srcPorts) };
  const eb = new Engine(before);
  const ea = new Engine(after);
  const cb = classify(B, dirs, opts, eb);
  const ca = classify(A, dirs, opts, ea);
  const oneSided = (c: Classified, ids: Set<string>) =>
    (c.src.kind === 'interface' && ids.has(c.src.eni.id)) || (c.dst.kind === 'interface' && ids.has(c.dst.eni.id));
  const classes = compareClasses(
    cb.filter((c) => !oneSided(c, removed)),
    ca.filter((c) => !oneSided(c, added)),
    B.ext,
    A.ext,
  );
  const traced = { n: 0 };
  const rows = diffRows(classes, B, A, opts.srcPorts, traced);
  return {
    query,
    opened: rows.opened,
    closed: rows.closed,
    addedEndpoints: endpointChanges(ca, added, opts.srcPorts),
    removedEndpoints: endpointChanges(cb, removed, opts.srcPorts),
    undetermined: rows.undetermined,
    scope: { changed: scope.changed, endpoints: ends === 'all' ? 'all' : ends.size },
    stats: { traces: eb.traces + ea.traces + traced.n, classes: cb.length + ca.length },
  };
}

/** Flows that succeed to or from each interface present on one side only. */
function endpointChanges(classes: Classified[], ids: Set<string>, srcPorts: RangeSet): EndpointChange[] {
  const out: EndpointChange[] = [];
  const enis = new Map<string, M.NetworkInterface>();
  for (const c of classes) for (const e of [c.src, c.dst]) if (e.kind === 'interface' && ids.has(e.eni.id)) enis.set(e.eni.id, e.eni);
  for (const id of [...ids].sort()) {
    const eni = enis.get(id);
    if (!eni) continue;
    const mine = classes.filter(
      (c) =>
        c.outcome.verdict === 'ACCEPT' &&
        !c.outcome.natPortDependent &&
        ((c.src.kind === 'interface' && c.src.eni === eni) || (c.dst.kind === 'interface' && c.dst.eni === eni)),
    );
    out.push({ endpoint: { kind: 'interface', id: ownerId(eni), addresses: allAddresses(eni).map(formatAddr) }, rows: toRows(mine, srcPorts) });
  }
  return out;
}

/** Merges diff classes into rows: classes with the same change and the same outcome on both sides merge. */
function diffRows(
  classes: DiffClass[],
  B: Topo,
  A: Topo,
  srcPorts: RangeSet,
  traced: { n: number },
): { opened: DiffRow[]; closed: DiffRow[]; undetermined: DiffRow[] } {
  const keys: { change: DiffRow['change']; before: DiffRow['before']; after: DiffRow['after']; undetermined: boolean }[] = [];
  const index = new Map<string, number>();
  const tagged: Classified[] = [];
  for (const d of classes) {
    const bo = d.before ?? (traced.n++, traceOutcome(B, d));
    const ao = d.after ?? (traced.n++, traceOutcome(A, d));
    const acc = ao.verdict === 'ACCEPT' ? ao : bo;
    const k = {
      change: ao.verdict === 'ACCEPT' ? ('opened' as const) : ('closed' as const),
      before: sideOf(bo),
      after: sideOf(ao),
      undetermined: bo.natPortDependent || ao.natPortDependent,
    };
    const text = JSON.stringify([k, acc.path]);
    let i = index.get(text);
    if (i === undefined) {
      index.set(text, (i = keys.length));
      keys.push(k);
    }
    tagged.push({ cell: d.cell, src: d.src, dst: d.dst, outcome: { ...acc, path: [String(i)] } });
  }
  const out = { opened: [] as DiffRow[], closed: [] as DiffRow[], undetermined: [] as DiffRow[] };
  for (const row of toRows(tagged, srcPorts)) {
    const k = keys[Number(row.path[0])]!;
    const side = k.change === 'opened' ? k.after : k.before;
    const r: DiffRow = { ...row, path: side.verdict === 'ACCEPT' ? side.path : [], change: k.change, before: k.before, after: k.after };
    (k.undetermined ? out.undetermined : k.change === 'opened' ? out.opened : out.closed).push(r);
  }
  out.opened.sort(byExposure);
  out.closed.sort(byExposure);
  return out;
}

/** Internet-facing rows first (from the internet, then to it), otherwise in the order rows were merged. */
function byExposure(a: ReachRow, b: ReachRow): number {
  const rank = (r: ReachRow) =>
    r.source.kind === 'external' && r.source.network === 'internet' ? 0 : r.destination.kind === 'external' && r.destination.network === 'internet' ? 1 : 2;
  return rank(a) - rank(b);
}

/** Whether the change opens (or changes) something `--fail-on` names. */
export function failsOn(r: DiffResult, on: FailOn): boolean {
  const fromInternet = (row: ReachRow) => row.source.kind === 'external' && row.source.network === 'internet';
  const newRows = [...r.opened, ...r.addedEndpoints.flatMap((e) => e.rows)];
  switch (on) {
    case 'internet':
      return newRows.some(fromInternet);
    case 'opened':
      return newRows.length > 0;
    case 'any':
      return newRows.length > 0 || r.closed.length > 0 || r.removedEndpoints.length > 0 || r.undetermined.length > 0;
    case 'none':
      return false;
  }
}

export type { Family };

/** The JSON contract of `diff --json` (docs/diff.md). */
export function diffJson(r: DiffResult): Record<string, unknown> {
  return {
    query: r.query,
    opened: r.opened,
    closed: r.closed,
    addedEndpoints: r.addedEndpoints,
    removedEndpoints: r.removedEndpoints,
    ...(r.undetermined.length ? { undetermined: r.undetermined } : {}),
    changed: r.scope.changed,
  };
}
