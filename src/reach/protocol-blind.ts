// Refusals no protocol escapes. A class refused on its way out by a route table, a transit gateway or an internet
// gateway (a missing or blackhole route, no public address, a private destination) is refused for any protocol, port
// or ICMP type between the same addresses: the hops before it route by address alone or translate only the source
// (a NAT gateway), and the security groups, network ACLs and NAT gateways among them can only refuse earlier. The
// engine classifies a pair's protocols one after the other, so the destinations every source of the pair is refused
// this way need no class for the protocols that follow.
import type * as M from '../bind/model.js';
import type { Hop, TraceResult } from '../trace/types.js';
import { isFilterKind } from './cuts.js';
import { type RangeSet, normalize, sameSet, setKey } from './sets.js';

/** Hops that decide by address only (trace: route(), tgwRoute(), the internet gateway's checks). */
const BY_ADDRESS = new Set(['route-table', 'tgw-route-table', 'transit-gateway', 'internet-gateway', 'vpc', 'internet']);

function byAddress(t: M.Topology, h: Hop): boolean {
  if (BY_ADDRESS.has(h.kind)) return true;
  // an attachment in appliance mode keeps a flow on one appliance: not a decision by address alone
  if (h.kind !== 'tgw-attachment') return false;
  const att = t.byId.get(h.component);
  return att?.kind === 'tgw-attachment' && !att.applianceMode;
}

/**
 * A hop a packet of any protocol leaves the same way or not at all: one that decides by address, or a NAT gateway,
 * which rewrites only the source (and its port) of the protocols it translates and refuses the others
 * (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html — TCP, UDP and ICMP), so the hops behind
 * it see the same destination and the same source for every protocol it passes.
 */
function passesByAddress(t: M.Topology, h: Hop): boolean {
  return byAddress(t, h) || h.kind === 'nat-gateway';
}

/** Was the request refused on its way out by a hop that decides by address, after hops that route by address or filter? */
export function refusedByAddress(t: M.Topology, res: TraceResult): boolean {
  const fwd = res.forward;
  if (fwd.verdict !== 'REJECT' || fwd.blockedAt === undefined || fwd.blockedAt !== fwd.hops.length - 1) return false;
  const hops = fwd.hops;
  for (let i = 0; i < hops.length - 1; i++) if (!isFilterKind(hops[i]!.kind) && !passesByAddress(t, hops[i]!)) return false;
  return byAddress(t, hops[hops.length - 1]!);
}

/** The refusals of one pair by destination set: the sources each was seen for. */
export class AddressRefusals {
  private readonly by = new Map<string, { dst: RangeSet; src: RangeSet }>();

  add(src: RangeSet, dst: RangeSet): void {
    const k = setKey(dst);
    const have = this.by.get(k);
    if (have) have.src = normalize([...have.src, ...src]);
    else this.by.set(k, { dst, src });
  }

  /** The destinations refused from every address of `src`. */
  refusedFrom(src: RangeSet): RangeSet {
    const out = [];
    for (const { dst, src: seen } of this.by.values()) if (sameSet(seen, src)) out.push(...dst);
    return normalize(out);
  }
}
