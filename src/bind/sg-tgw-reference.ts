// Security-group references across a transit gateway (docs/hybrid.md).
// https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html — security group referencing support: "Enables you to reference a
// security group across VPCs attached to a transit gateway". AWS's announcement
// (https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-security-group-referencing-for-aws-transit-gateway/): inbound rules
// only, VPCs attached to the same transit gateway in the same Region; outbound rules referencing over a transit gateway are not supported.
import type * as M from './model.js';

export type TgwReference = { ok: true; tgw: M.TransitGateway } | { ok: false; message: string } | undefined;

/**
 * Whether `rule`'s group (in `sg.vpc`) may reference `target` (in another VPC) through a transit gateway both VPCs are attached to.
 * undefined: no transit gateway connects the two VPCs. Defaults follow the EC2 API (CreateTransitGateway: disabled; CreateTransitGatewayVpcAttachment:
 * enabled — https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachmentRequestOptions.html). CloudFormation's
 * AWS::EC2::TransitGatewayAttachment page says the attachment option is "disabled by default": the pages conflict; docs/hybrid.md says so.
 */
export function tgwReference(sg: M.SecurityGroup, target: M.SecurityGroup, dir: 'inbound' | 'outbound'): TgwReference {
  const shared = sg.vpc.tgwAttachments.flatMap((a) =>
    target.vpc.tgwAttachments.filter((b) => b.transitGateway === a.transitGateway).map((b) => ({ mine: a, theirs: b })),
  );
  if (!shared.length) return undefined;
  if (dir === 'outbound') {
    return {
      ok: false,
      message: `security group '${target.id}' is in VPC '${target.vpc.id}', reached through transit gateway '${shared[0]!.mine.transitGateway.id}': AWS supports security group references across a transit gateway in inbound rules only`,
    };
  }
  const problems: string[] = [];
  for (const { mine, theirs } of shared) {
    const tgw = mine.transitGateway;
    if (tgw.securityGroupReferencingSupport !== true) {
      problems.push(
        `transit gateway '${tgw.id}' has securityGroupReferencingSupport ${tgw.securityGroupReferencingSupport === false ? 'false' : 'unset (AWS default: disabled)'}`,
      );
      continue;
    }
    const off = [mine, theirs].filter((a) => a.securityGroupReferencingSupport === false);
    if (off.length) {
      problems.push(
        `attachment${off.length > 1 ? 's' : ''} ${off.map((a) => `'${a.id}'`).join(' and ')} of '${tgw.id}' ha${off.length > 1 ? 've' : 's'} securityGroupReferencingSupport: false`,
      );
      continue;
    }
    return { ok: true, tgw };
  }
  return {
    ok: false,
    message: `security group '${target.id}' is in VPC '${target.vpc.id}', attached to the same transit gateway, but referencing across it is off: ${problems.join('; ')}`,
  };
}
