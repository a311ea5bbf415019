// Comparing two exact partitions of the same flows. The engine divides each topology's packets into classes that
// every component on their path treats alike; the intersections of a class of one side with the classes of the
// other are uniform on both sides (the common refinement: a division by the union of both topologies' boundaries),
// so one verdict per side decides each intersection exactly. Space a side did not classify (its security groups
// admit none of it, or it is not a flow there) is rejected on that side.
import type { Family } from '../net/ip.js';
import { type RangeSet, intersect, subtract } from '../reach/sets.js';
import type { Cell, CellEnd, Classified, Outcome } from '../reach/types.js';

const FIELDS = ['src', 'dst', 'protocols', 'ports', 'srcPorts', 'icmpTypes', 'icmpCodes'] as const;

/** A class whose verdict differs; an outcome is undefined on a side that did not classify it. */
export interface DiffClass {
  cell: Cell;
  src: CellEnd;
  dst: CellEnd;
  before?: Outcome;
  after?: Outcome;
}

export function intersectCell(a: Cell, b: Cell): Cell | undefined {
  if (a.family !== b.family) return undefined;
  const out: Cell = { ...a };
  for (const f of FIELDS) {
    const s = intersect(a[f], b[f]);
    if (!s.length) return undefined;
    out[f] = s;
  }
  return out;
}

/** a minus b as disjoint products: the part outside b in one field, inside b in the fields before it. */
export function subtractCell(a: Cell, b: Cell): Cell[] {
  if (!intersectCell(a, b)) return [a];
  const out: Cell[] = [];
  let cur: Cell = { ...a };
  for (const f of FIELDS) {
    const outside = subtract(cur[f], b[f]);
    if (outside.length) out.push({ ...cur, [f]: outside });
    cur = { ...cur, [f]: intersect(cur[f], b[f]) };
  }
  return out;
}

function endKey(e: CellEnd): string {
  return e.kind === 'interface' ? `i:${e.eni.id}` : 'e';
}

function pairKey(c: Classified): string {
  return `${c.cell.family}|${endKey(c.src)}|${endKey(c.dst)}`;
}

function byPair(cs: Classified[]): Map<string, Classified[]> {
  const m = new Map<string, Classified[]>();
  for (const c of cs) {
    const k = pairKey(c);
    const l = m.get(k);
    if (l) l.push(c);
    else m.set(k, [c]);
  }
  return m;
}

/** External addresses per family on the other side: only addresses external on both sides are compared as such. */
export type ExternalSpace = Record<Family, RangeSet>;

function remainder(a: Classified, others: Classified[], otherExt: ExternalSpace): Cell[] {
  let cell: Cell = a.cell;
  if (a.src.kind === 'external') cell = { ...cell, src: intersect(cell.src, otherExt[cell.family]) };
  if (a.dst.kind === 'external') cell = { ...cell, dst: intersect(cell.dst, otherExt[cell.family]) };
  if (!cell.src.length || !cell.dst.length) return [];
  let pieces = [cell];
  for (const o of others) {
    if (!pieces.length) break;
    pieces = pieces.flatMap((p) => subtractCell(p, o.cell));
  }
  return pieces;
}

/** Every class whose verdict differs between the two partitions of the same pairs of ends. */
export function compareClasses(before: Classified[], after: Classified[], extBefore: ExternalSpace, extAfter: ExternalSpace): DiffClass[] {
  const out: DiffClass[] = [];
  const b = byPair(before);
  const a = byPair(after);
  for (const [key, as] of a) {
    const bs = b.get(key) ?? [];
    for (const x of as) {
      for (const y of bs) {
        if (x.outcome.verdict === y.outcome.verdict) continue;
        const cell = intersectCell(x.cell, y.cell);
        if (!cell) continue;
        const acc = x.outcome.verdict === 'ACCEPT' ? x : y;
        out.push({ cell, src: acc.src, dst: acc.dst, before: y.outcome, after: x.outcome });
      }
      if (x.outcome.verdict === 'ACCEPT') for (const cell of remainder(x, bs, extBefore)) out.push({ cell, src: x.src, dst: x.dst, after: x.outcome });
    }
  }
  for (const [key, bs] of b) {
    const as = a.get(key) ?? [];
    for (const y of bs)
      if (y.outcome.verdict === 'ACCEPT') for (const cell of remainder(y, as, extAfter)) out.push({ cell, src: y.src, dst: y.dst, before: y.outcome });
  }
  return out;
}
