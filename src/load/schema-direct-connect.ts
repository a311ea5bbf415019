// AWS Direct Connect in the topology format: directConnectGateways and virtualInterfaces (docs/hybrid.md).
type S = Record<string, unknown>;

const id = (kind: string): S => ({ type: 'string', minLength: 1, description: `id of ${kind}` });
const cidr: S = { type: 'string', description: 'CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56' };
const named = { name: { type: 'string', description: 'a human-readable name (the AWS Name tag)' }, description: { type: 'string' } };

function obj(required: string[], properties: S, description?: string): S {
  const o: S = { type: 'object', additionalProperties: false, required, properties };
  if (description) o.description = description;
  return o;
}

const association = obj(['gateway'], {
  gateway: id('the associated virtual private gateway or transit gateway'),
  allowedPrefixes: {
    type: 'array',
    items: cidr,
    description:
      'prefixes advertised to on-premises. Virtual private gateway: a filter, a VPC CIDR is advertised only when one of these is the same or wider (omitted: the VPC CIDRs). Transit gateway: advertised as written (required by AWS)',
  },
});

export const directConnectSchema: S = {
  directConnectGateways: {
    type: 'array',
    items: obj(['id'], {
      id: id('this Direct Connect gateway'),
      amazonSideAsn: { type: 'integer', description: 'the Amazon side BGP ASN (recorded)' },
      associations: { type: 'array', items: association },
      ...named,
    }),
  },
  virtualInterfaces: {
    type: 'array',
    items: obj(['id', 'type', 'directConnectGateway'], {
      id: id('this virtual interface'),
      type: { enum: ['private', 'transit'], description: 'private: reaches virtual private gateways; transit: reaches transit gateways' },
      directConnectGateway: id('a Direct Connect gateway'),
      onPremisesCidrs: { type: 'array', items: cidr, description: 'prefixes advertised from on-premises over BGP' },
      vlan: { type: 'integer', minimum: 1, maximum: 4094, description: 'the 802.1Q VLAN (recorded)' },
      asn: { type: 'integer', description: 'the on-premises BGP ASN (recorded)' },
      ...named,
    }),
  },
};
