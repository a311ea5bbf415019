// AWS Direct Connect from `aws directconnect describe-direct-connect-gateways`, `describe-direct-connect-gateway-associations`
// and `describe-virtual-interfaces` → the format's directConnectGateways and virtualInterfaces (docs/hybrid.md).
// The Direct Connect API answers in camelCase: {"directConnectGateways": [...]}, {"directConnectGatewayAssociations": [...]},
// {"virtualInterfaces": [...]} (https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeDirectConnectGateways.html,
// API_DescribeDirectConnectGatewayAssociations.html, API_DescribeVirtualInterfaces.html).
import type { Obj } from './aws-types.js';
import { list, num, put, rec, str, type Collector, type Item } from './aws-util.js';

const used = (...keys: string[]) => new Set(keys);
const F = {
  // https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DirectConnectGateway.html
  directConnectGateways: used('directConnectGatewayId', 'directConnectGatewayName', 'amazonSideAsn', 'directConnectGatewayState', 'ownerAccount'),
  // https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DirectConnectGatewayAssociation.html
  directConnectGatewayAssociations: used(
    'directConnectGatewayId',
    'associatedGateway',
    'associationState',
    'allowedPrefixesToDirectConnectGateway',
    'associationId',
    'virtualGatewayId',
    'directConnectGatewayOwnerAccount',
    'virtualGatewayOwnerAccount',
    'virtualGatewayRegion',
  ),
  // https://docs.aws.amazon.com/directconnect/latest/APIReference/API_VirtualInterface.html
  virtualInterfaces: used(
    'virtualInterfaceId',
    'virtualInterfaceName',
    'virtualInterfaceType',
    'virtualInterfaceState',
    'directConnectGatewayId',
    'virtualGatewayId',
    'vlan',
    'asn',
    'ownerAccount',
    'connectionId',
    'region',
  ),
};

export interface DxInput {
  items: (kind: 'directConnectGateways' | 'directConnectGatewayAssociations' | 'virtualInterfaces') => Item[];
  c: Collector;
  /** virtual private gateways and transit gateways written, by id */
  vgws: ReadonlyMap<string, Obj>;
  tgws: ReadonlyMap<string, Obj>;
}

export interface DxLists {
  directConnectGateways: Obj[];
  virtualInterfaces: Obj[];
}

/** Gateways, their associations with gateways in the import, and their private and transit virtual interfaces. */
export function convertDirectConnect(x: DxInput): DxLists {
  const { c } = x;
  const gws = new Map<string, Obj>();
  for (const it of x.items('directConnectGateways')) {
    c.fields('directConnectGateways', it.v, F.directConnectGateways);
    const id = str(it.v, 'directConnectGatewayId');
    if (!id || gws.has(id)) continue;
    if (str(it.v, 'directConnectGatewayState') === 'deleted' || str(it.v, 'directConnectGatewayState') === 'deleting') {
      c.ignore('deleted Direct Connect gateways');
      continue;
    }
    const o: Obj = { id };
    put(o, 'name', str(it.v, 'directConnectGatewayName'));
    put(o, 'amazonSideAsn', num(it.v, 'amazonSideAsn'));
    gws.set(id, o);
  }
  for (const it of x.items('directConnectGatewayAssociations')) convertAssociation(x, it, gws);
  const vifs: Obj[] = [];
  for (const it of x.items('virtualInterfaces')) {
    const o = convertVirtualInterface(x, it, gws);
    if (o) vifs.push(o);
  }
  return { directConnectGateways: [...gws.values()], virtualInterfaces: vifs };
}

function convertAssociation(x: DxInput, it: Item, gws: Map<string, Obj>): void {
  const { c } = x;
  c.fields('directConnectGatewayAssociations', it.v, F.directConnectGatewayAssociations);
  if ((str(it.v, 'associationState') ?? 'associated') !== 'associated') {
    c.ignore(`Direct Connect gateway associations not associated (${str(it.v, 'associationState')})`);
    return;
  }
  const g = gws.get(str(it.v, 'directConnectGatewayId') ?? '');
  const gw = str(rec(it.v, 'associatedGateway'), 'id') ?? str(it.v, 'virtualGatewayId');
  if (!g || !gw) {
    c.warn(
      'DX_ASSOC_GATEWAY_MISSING',
      `Direct Connect gateway association ${str(it.v, 'associationId') ?? '?'} names a Direct Connect gateway that is not in the dump; skipped`,
      it,
      '.directConnectGatewayId',
    );
    return;
  }
  if (!x.vgws.has(gw) && !x.tgws.has(gw)) {
    c.warn(
      'DX_ASSOC_GATEWAY_MISSING',
      `Direct Connect gateway ${String(g.id)} is associated with ${gw}, which is not in this import (another region or account?); skipped`,
      it,
      '.associatedGateway.id',
    );
    return;
  }
  const a: Obj = { gateway: gw };
  const allowed = list(it.v, 'allowedPrefixesToDirectConnectGateway')
    .map(([p]) => str(p, 'cidr'))
    .filter((p): p is string => p !== undefined);
  if (allowed.length || x.tgws.has(gw)) a.allowedPrefixes = allowed;
  g.associations = [...((g.associations as Obj[] | undefined) ?? []), a];
}

function convertVirtualInterface(x: DxInput, it: Item, gws: Map<string, Obj>): Obj | undefined {
  const { c } = x;
  c.fields('virtualInterfaces', it.v, F.virtualInterfaces);
  const id = str(it.v, 'virtualInterfaceId');
  const type = str(it.v, 'virtualInterfaceType');
  const st = str(it.v, 'virtualInterfaceState') ?? 'available';
  if (!id) return undefined;
  if (type !== 'private' && type !== 'transit') {
    c.ignore(`Direct Connect ${type ?? 'unknown'} virtual interfaces`);
    return undefined;
  }
  if (['deleted', 'deleting', 'rejected', 'unknown'].includes(st)) {
    c.ignore(`Direct Connect virtual interfaces ${st}`);
    return undefined;
  }
  const gw = str(it.v, 'directConnectGatewayId');
  if (!gw || !gws.has(gw)) {
    // A private virtual interface attached to a virtual private gateway directly (no Direct Connect gateway) is not modelled.
    c.warn(
      'DX_VIF_GATEWAY_MISSING',
      `virtual interface ${id} is not on a Direct Connect gateway in the dump${str(it.v, 'virtualGatewayId') ? ` (it attaches ${str(it.v, 'virtualGatewayId')} directly, which vpcsim does not model)` : ''}; skipped`,
      it,
      '.directConnectGatewayId',
    );
    return undefined;
  }
  const o: Obj = { id, type, directConnectGateway: gw };
  put(o, 'name', str(it.v, 'virtualInterfaceName'));
  put(o, 'vlan', num(it.v, 'vlan'));
  put(o, 'asn', num(it.v, 'asn'));
  // The prefixes on-premises advertises over BGP are not in describe-virtual-interfaces: the user adds them.
  o.onPremisesCidrs = [];
  c.warn(
    'DX_VIF_PREFIXES_UNKNOWN',
    `virtual interface ${id}: the prefixes on-premises advertises over BGP are not in describe-virtual-interfaces; add them as onPremisesCidrs (--overlay with virtualInterfaces: [{ id: ${id}, onPremisesCidrs: [...] }])`,
    it,
  );
  return o;
}
