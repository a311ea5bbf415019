// VPCs and their IPv4 and IPv6 CIDR blocks.
import type { Path } from '../load/diagnostics.js';
import { type Prefix, formatPrefix, overlaps } from '../net/ip.js';
import type * as M from './model.js';
import { IPV4_CIDRS_PER_VPC, IPV4_VPC, IPV6_AMAZON_PROVIDED, IPV6_VPC, sizeAllowed } from '../aws/limits.js';
import { type Binder, type Draft, arr, src, str } from './context.js';

const MAX_VPC_CIDRS = IPV4_CIDRS_PER_VPC;

/** VPCs: their IPv4 and IPv6 blocks, within the AWS limits. */
export function bindVpcs(b: Binder, t: Draft): void {
  const { vpcs } = t;
  b.each('vpcs', (raw, path) => {
    const cidrs: Prefix[] = [];
    const all = [raw.cidr, ...arr(raw.secondaryCidrs)];
    all.forEach((c, j) => {
      const p: Path = j === 0 ? [...path, 'cidr'] : [...path, 'secondaryCidrs', j - 1];
      const pre = b.cidr(c, p, `CIDR of VPC '${raw.id}'`);
      if (!pre) return;
      if (pre.family !== 4) return b.error('INVALID_CIDR', `VPC '${raw.id}': ${formatPrefix(pre)} is IPv6; put IPv6 blocks in ipv6Cidr`, p);
      // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html — "between /16 and /28"
      if (!sizeAllowed(IPV4_VPC, pre.len))
        return b.error(
          'VPC_CIDR_SIZE',
          `VPC '${raw.id}': ${formatPrefix(pre)} is /${pre.len}; AWS allows VPC IPv4 CIDR blocks from /${IPV4_VPC.largest} to /${IPV4_VPC.smallest}`,
          p,
        );
      const clash = cidrs.find((x) => overlaps(x, pre));
      if (clash) return b.error('VPC_CIDR_OVERLAP', `VPC '${raw.id}': ${formatPrefix(pre)} overlaps its other CIDR ${formatPrefix(clash)}`, p);
      cidrs.push(pre);
    });
    // Reported at the first block beyond the limit (secondaryCidrs[MAX - 1], the primary being block 1).
    if (all.length > MAX_VPC_CIDRS)
      b.error('VPC_CIDR_LIMIT', `VPC '${raw.id}' has ${all.length} IPv4 CIDR blocks; AWS allows at most ${MAX_VPC_CIDRS} (default quota)`, [
        ...path,
        'secondaryCidrs',
        MAX_VPC_CIDRS - 1,
      ]);
    const ipv6Cidrs: Prefix[] = [];
    if (raw.ipv6Cidr !== undefined) {
      const p = b.cidr(raw.ipv6Cidr, [...path, 'ipv6Cidr'], `IPv6 CIDR of VPC '${raw.id}'`);
      if (p && p.family !== 6) b.error('INVALID_CIDR', `VPC '${raw.id}': ipv6Cidr ${formatPrefix(p)} is not IPv6`, [...path, 'ipv6Cidr']);
      // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html — IPv6 VPC CIDRs /44 to /60 in increments of /4 (Amazon-provided: /56)
      else if (p && !sizeAllowed(IPV6_VPC, p.len))
        b.error(
          'VPC_CIDR_SIZE',
          `VPC '${raw.id}': IPv6 ${formatPrefix(p)} is /${p.len}; AWS allows /${IPV6_VPC.largest} to /${IPV6_VPC.smallest} in steps of ${IPV6_VPC.step} (Amazon-provided blocks are /${IPV6_AMAZON_PROVIDED})`,
          [...path, 'ipv6Cidr'],
        );
      else if (p) ipv6Cidrs.push(p);
    }
    const vpc = {
      kind: 'vpc',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      cidrs,
      ipv6Cidrs,
      subnets: [],
      peerings: [],
      tgwAttachments: [],
      gatewayEndpoints: [],
    } as unknown as M.Vpc;
    vpcs.push(b.register(vpc));
  });
}
