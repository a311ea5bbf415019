// The outcome on a side that did not classify a class (its security groups admit none of it, or it is not a flow
// there): trace one packet of the class on that side for the component that decides and its reason.
import type * as M from '../bind/model.js';
import { type Addr, type Family, formatAddr } from '../net/ip.js';
import { FlowError, trace } from '../trace/trace.js';
import { FLOW_FLAGS } from '../trace/flow-error.js';
import type { CellEnd, Outcome } from '../reach/types.js';
import { allAddresses } from '../reach/sides.js';
import { ownerId } from '../trace/engine.js';
import type { DiffClass } from './compare.js';
import type { DiffSide } from './types.js';

interface SideTopo {
  t: M.Topology;
  enis: Map<string, M.NetworkInterface>;
}

const addrOf = (family: Family, v: bigint): Addr => (family === 4 ? Number(v) : v);

/** How trace() names this end on this side: the address when it resolves to the same interface, else the id. */
function endText(s: SideTopo, end: CellEnd, a: Addr): string | { missing: string } {
  if (end.kind === 'external') return formatAddr(a);
  const eni = s.enis.get(end.eni.id);
  if (!eni) return { missing: `${end.eni.id} does not exist on this side` };
  if (!allAddresses(eni).includes(a)) return { missing: `${formatAddr(a)} is not an address of ${ownerId(eni)} on this side` };
  const owner = s.t.interfaceByIp.get(a) ?? (typeof a === 'number' ? s.t.interfaceByPublicIp.get(a) : undefined);
  if (owner === eni) return formatAddr(a);
  if (s.t.byId.get(eni.id) === eni) return eni.id;
  return formatAddr(a);
}

function rejected(blockedBy: string | null, reason: string): Outcome {
  return { verdict: 'REJECT', path: [], blockedBy, reason, srcKind: 'interface', dstKind: 'interface', natPortDependent: false };
}

export function traceOutcome(s: SideTopo, d: DiffClass): Outcome {
  const c = d.cell;
  const src = addrOf(c.family, c.src[0]![0]);
  const dst = addrOf(c.family, c.dst[0]![0]);
  const from = endText(s, d.src, src);
  const to = endText(s, d.dst, dst);
  if (typeof from !== 'string') return rejected(null, from.missing);
  if (typeof to !== 'string') return rejected(null, to.missing);
  try {
    const r = trace(s.t, {
      from,
      to,
      protocol: Number(c.protocols[0]![0]),
      port: Number(c.ports[0]![0]),
      srcPort: Number(c.srcPorts[0]![0]),
      icmpType: Number(c.icmpTypes[0]![0]),
      icmpCode: Number(c.icmpCodes[0]![0]),
      explain: true,
      flowLogs: false,
    });
    if (r.verdict === 'REJECT') return rejected(r.blockedBy, r.reason ?? 'rejected');
    return rejected(null, `not this flow on this side: the packet from ${r.flow.srcIp} to ${r.flow.dstIp} reaches another interface`);
  } catch (e) {
    if (e instanceof FlowError) return rejected(null, `not a flow on this side: ${e.describe(FLOW_FLAGS)}`);
    throw e;
  }
}

export function sideOf(o: Outcome): DiffSide {
  return o.verdict === 'ACCEPT' ? { verdict: 'ACCEPT', path: o.path } : { verdict: 'REJECT', blockedBy: o.blockedBy, reason: o.reason };
}
