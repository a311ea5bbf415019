// Senders towards external addresses that the model tells apart only by their addresses and their subnet's zone and
// identity: the engine lets them form one class of sources, and divides a class again by subnet wherever a trace
// shows that the zone or the subnet decided (see engine.ts, splitBySubnet). Wherever a sender's private address matters
// on the way (a route, a rule's prefix, a group reference), the cuts of the components a trace touches divide the class
// like any other, so only what is not an address is in the key.
import type * as M from '../bind/model.js';

declare module '../bind/model.js' {
  interface TopologyDerived {
    /** per trace component id: whether a class of senders in several subnets may pass it alike (alike.ts), built on use */
    sharedComponents?: Map<string, SharedComponent>;
  }
}

/**
 * What the tracer (src/trace/engine.ts) reads from a sender's subnet besides addresses: its VPC, route table and
 * network ACL (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html,
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html) and which families it has. Its zone and its
 * identity are left to the traces (see crossesSubnets).
 */
export function subnetClass(subnet: M.Subnet): string {
  return [subnet.vpc.id, subnet.routeTable.id, subnet.networkAcl.id, subnet.cidr ? 4 : '', subnet.ipv6Cidr ? 6 : ''].join('|');
}

/** 'same': decides alike for senders of every subnet; 'zone': depends on the sender's zone; or the subnets of its interfaces. */
export type SharedComponent = 'same' | 'zone' | Set<M.Subnet>;

/** Components that decide by address and their own rules only. */
const SAME_KINDS = new Set([
  'security-group',
  'route-table',
  'network-acl',
  'internet-gateway',
  'egress-only-internet-gateway',
  'vpc',
  'peering-connection',
  'transit-gateway',
  'tgw-route-table',
  'vpn-gateway',
  'vpn-connection',
  'prefix-list',
  'dx-gateway',
  'virtual-interface',
]);

export function sharedComponent(t: M.Topology, id: string): SharedComponent {
  const m = (t.derived.sharedComponents ??= new Map());
  let r = m.get(id);
  if (r === undefined) m.set(id, (r = classify(t, id)));
  return r;
}

function classify(t: M.Topology, id: string): SharedComponent {
  if (id === 'internet' || id === 'link-local') return 'same';
  const r = t.byId.get(id);
  if (!r) return 'zone';
  if (SAME_KINDS.has(r.kind)) return 'same';
  // a device sits in subnets: traffic between it and an interface of its own subnet crosses no network ACL
  // (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-basics.html)
  switch (r.kind) {
    case 'nat-gateway':
      return new Set([r.subnet]);
    case 'vpc-endpoint':
      return new Set([...r.subnets, ...r.interfaces.map((e) => e.subnet)]);
    case 'instance':
      return new Set([r.subnet, ...r.interfaces.map((e) => e.subnet)]);
    case 'network-interface':
      return new Set([r.subnet]);
    default:
      // transit gateway attachments enter through the interface in the sender's zone
      // (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html), load balancers pick a node by
      // zone; anything else is not known to be alike
      return 'zone';
  }
}
