// The reference for exposure's classes of alike subnets (src/reach/alike.ts): the outbound rows towards the internet of
// every sender, classified one subnet at a time with interfaces grouped within their own subnet only, as exposure did
// before it grouped alike subnets. Exposure's rows must be exactly these.
import type { Topology } from '../../src/index.js';
import { EPHEMERAL_PORTS, MAX_PORT } from '../../src/net/protocol.js';
import { ownerId } from '../../src/trace/engine.js';
import { Engine } from '../../src/reach/engine.js';
import { toRows } from '../../src/reach/merge.js';
import { allAddresses, canStart, externalSpace, type Side } from '../../src/reach/sides.js';
import type { Classified } from '../../src/reach/types.js';

type Interface = Topology['interfaces'][number];
type Sender = { eni: Interface; addrs: ReturnType<typeof allAddresses> };

const SRC_PORTS = [[BigInt(EPHEMERAL_PORTS.from), BigInt(EPHEMERAL_PORTS.to)]] as [bigint, bigint][];
/** Every destination port from ephemeral source ports, accepted flows only: what exposure's outbound rows hold. */
export const OPTS = { ports: [[0n, BigInt(MAX_PORT)]] as [bigint, bigint][], srcPorts: SRC_PORTS, acceptedOnly: true };

export const internetOf = (t: Topology): Side => ({
  input: 'internet',
  enis: [],
  ext: { 4: externalSpace(t, 4, 'internet'), 6: externalSpace(t, 6, 'internet') },
});

/** The interfaces that can send, with their addresses, grouped by subnet. */
export function sendersBySubnet(t: Topology): Sender[][] {
  const bySubnet = new Map<unknown, Sender[]>();
  for (const eni of t.interfaces.filter(canStart)) {
    const l = bySubnet.get(eni.subnet) ?? bySubnet.set(eni.subnet, []).get(eni.subnet)!;
    l.push({ eni, addrs: allAddresses(eni) });
  }
  return [...bySubnet.values()];
}

/** The outbound rows of every sender (load balancer nodes left out), by owner id, one subnet at a time. */
export function perSubnet(t: Topology): Map<string, string> {
  const internet = internetOf(t);
  const engine = new Engine(t);
  const out = new Map<string, string>();
  for (const enis of sendersBySubnet(t)) {
    const mine = new Map<Interface, Classified[]>();
    for (const c of engine.run({ input: 'any', enis, ext: { 4: [], 6: [] } }, internet, OPTS)) {
      if (c.outcome.verdict !== 'ACCEPT' || c.outcome.natPortDependent || c.src.kind !== 'interface') continue;
      (mine.get(c.src.eni) ?? mine.set(c.src.eni, []).get(c.src.eni)!).push(c);
    }
    for (const [eni, list] of mine)
      if (eni.owner.type !== 'load-balancer') out.set(ownerId(eni), JSON.stringify(toRows(list, SRC_PORTS, (f) => internet.ext[f])));
  }
  return out;
}
