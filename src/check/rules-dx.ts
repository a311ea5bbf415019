// Lint rules about AWS Direct Connect (VPC027). Each has a page in docs/rules/<ID>.md.
import { prefixText, unadvertisedVpcCidrs } from '../bind/direct-connect.js';
import { type Rule, at, meta } from './rule-kit.js';

export const DX_RULES: Rule[] = [
  // https://docs.aws.amazon.com/directconnect/latest/UserGuide/allowed-to-prefixes.html — a VPC CIDR is advertised over Direct Connect only
  // when an allowed prefix is the same or wider ("When the allowed prefixes list is set to 10.0.0.0/24, you do not receive any route")
  meta('VPC027', 'dx-vpc-cidr-not-advertised', 'warning', "VPC CIDR not covered by the Direct Connect gateway association's allowed prefixes", ({ t }, self) =>
    t.directConnectGateways.flatMap((g) =>
      g.associations.flatMap((a) => {
        const missing = unadvertisedVpcCidrs(a);
        if (!missing.length || a.gateway.kind !== 'vpn-gateway') return [];
        const vpc = a.gateway.vpc!;
        const path = a.allowedPrefixes !== undefined && a.src ? { path: [...a.src.path, 'allowedPrefixes'] } : a.src;
        return [
          at(
            t,
            path,
            self,
            `the association of '${g.id}' with '${a.gateway.id}' does not advertise ${prefixText(missing)} of VPC '${vpc.id}' to on-premises: no allowed prefix (${prefixText(a.allowedPrefixes ?? [])}) is the same or wider, so traffic from on-premises has no Direct Connect route to it`,
            `set allowedPrefixes to the VPC CIDR (${prefixText(missing)}) or a wider prefix`,
          ),
        ];
      }),
    ),
  ),
];
