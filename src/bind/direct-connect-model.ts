// AWS Direct Connect resources of the bound model (src/bind/direct-connect.ts binds them).
import type { Prefix } from '../net/ip.js';
import type { Src, TransitGateway, TransitGatewayAttachment, VpnGateway } from './network-model.js';

// The field of the VPC network that points at a Direct Connect gateway.
declare module './network-model.js' {
  interface TransitGatewayAttachment {
    /** Direct Connect gateway attachments */
    readonly directConnectGateway?: DirectConnectGateway;
  }
}

export interface DirectConnectAssociation {
  readonly gateway: VpnGateway | TransitGateway;
  /** as written; undefined: not given (a virtual private gateway then advertises its VPC CIDRs) */
  readonly allowedPrefixes?: Prefix[];
  readonly src?: Src;
}

export interface DirectConnectGateway {
  readonly kind: 'dx-gateway';
  readonly id: string;
  readonly name?: string;
  readonly src: Src;
  readonly amazonSideAsn?: number;
  readonly associations: DirectConnectAssociation[];
  readonly virtualInterfaces: VirtualInterface[];
  /** transit gateway attachments that attach this Direct Connect gateway */
  readonly tgwAttachments: TransitGatewayAttachment[];
}

export interface VirtualInterface {
  readonly kind: 'virtual-interface';
  readonly id: string;
  readonly name?: string;
  readonly src: Src;
  readonly type: 'private' | 'transit';
  readonly directConnectGateway: DirectConnectGateway;
  readonly onPremisesCidrs: Prefix[];
  readonly vlan?: number;
  readonly asn?: number;
}
