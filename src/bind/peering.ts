import { formatPrefix, overlaps } from '../net/ip.js';
import type * as M from './model.js';
import { type Binder, type Draft, src, str, vpcRef } from './context.js';

/** VPC peering connections. */
export function bindPeeringConnections(b: Binder, t: Draft): void {
  const { peeringConnections } = t;
  b.each('peeringConnections', (raw, path) => {
    const requester = vpcRef(b, raw.requesterVpc, [...path, 'requesterVpc']);
    const accepter = vpcRef(b, raw.accepterVpc, [...path, 'accepterVpc']);
    if (!requester || !accepter) return;
    if (requester === accepter)
      return b.error('INVALID_PEERING', `peering connection '${raw.id}' peers VPC '${requester.id}' with itself`, [...path, 'accepterVpc']);
    // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html — peered VPCs cannot have overlapping CIDR blocks
    for (const x of requester.cidrs) {
      const y = accepter.cidrs.find((c) => overlaps(c, x));
      if (y)
        b.error(
          'PEERING_CIDR_OVERLAP',
          `peering connection '${raw.id}': ${formatPrefix(x)} of '${requester.id}' overlaps ${formatPrefix(y)} of '${accepter.id}'; AWS cannot peer VPCs with overlapping CIDRs`,
          path,
        );
    }
    const accepterRegion = str(raw.accepterRegion);
    const pcx = b.register<M.PeeringConnection>({
      kind: 'peering-connection',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      requester,
      accepter,
      status: (str(raw.status) as M.PeeringStatus) ?? 'active',
      interRegion: accepterRegion !== undefined && accepterRegion !== b.region,
    });
    requester.peerings.push(pcx);
    accepter.peerings.push(pcx);
    if (pcx.interRegion && accepterRegion) accepter.region = accepterRegion;
    peeringConnections.push(pcx);
  });
}
