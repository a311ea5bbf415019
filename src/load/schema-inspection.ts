// Inspection in the topology format: gatewayLoadBalancers, networkFirewalls, firewallPolicies, firewallRuleGroups
// (docs/inspection.md). Gateway route tables (routeTables[].gateways) and GWLB endpoints are in schema.ts.
type S = Record<string, unknown>;

const id = (kind: string): S => ({ type: 'string', minLength: 1, description: `id of ${kind}` });
const idList = (kind: string): S => ({ type: 'array', items: id(kind) });
const ip: S = { type: 'string', description: 'an IPv4 or IPv6 address' };
const named = { name: { type: 'string', description: 'a human-readable name (the AWS Name tag)' }, description: { type: 'string' } };
const ports: S = { type: ['integer', 'string'], description: 'a port (443), a range ("1024-65535") or "all"; omitted means all ports' };

function obj(required: string[], properties: S, description?: string): S {
  const o: S = { type: 'object', additionalProperties: false, required, properties };
  if (description) o.description = description;
  return o;
}

const fiveTuple = (actions: string[], extra: S = {}): S =>
  obj(['action'], {
    ...extra,
    protocol: { type: ['string', 'integer'], description: 'tcp | udp | icmp | all | a protocol number; omitted means all' },
    source: { type: 'string', description: 'a CIDR, or any (default)' },
    destination: { type: 'string', description: 'a CIDR, or any (default)' },
    sourcePorts: ports,
    ports: { ...ports, description: 'destination ports; omitted means all' },
    action: { enum: actions },
    description: { type: 'string' },
  });

const applianceAction: S = {
  description: 'what the appliance does with a packet: allow-all, or ordered 5-tuple rules (first match wins) with a default',
  oneOf: [
    { const: 'allow-all' },
    obj(['rules'], {
      rules: { type: 'array', items: fiveTuple(['allow', 'drop']) },
      default: { enum: ['allow', 'drop'], description: 'when no rule matches (default drop)' },
    }),
  ],
};

export const inspectionSchema: S = {
  gatewayLoadBalancers: {
    type: 'array',
    items: obj(['id', 'subnets'], {
      id: id('this Gateway Load Balancer'),
      subnets: { ...idList('a subnet (one per Availability Zone)'), minItems: 1 },
      crossZone: { type: 'boolean', description: 'cross-zone load balancing (default off, as AWS)' },
      targets: {
        type: 'array',
        description: 'the appliances registered in its GENEVE target group',
        items: {
          oneOf: [
            id('an instance or network interface'),
            obj(['id'], { id: id('an instance or network interface'), healthy: { type: 'boolean', description: 'default true' }, action: applianceAction }),
          ],
        },
      },
      action: applianceAction,
      ...named,
    }),
  },
  networkFirewalls: {
    type: 'array',
    items: obj(['id', 'vpc', 'firewallPolicy', 'subnetMappings'], {
      id: id('this firewall'),
      vpc: id('a VPC'),
      firewallPolicy: id('a firewall policy'),
      subnetMappings: {
        type: 'array',
        minItems: 1,
        items: {
          oneOf: [
            id('a firewall subnet'),
            obj(['subnet'], {
              subnet: id('a firewall subnet (one per Availability Zone)'),
              endpointId: { type: 'string', description: 'the endpoint id routes name (vpce-…); default <firewall>-<az>' },
              privateIp: ip,
            }),
          ],
        },
      },
      ...named,
    }),
  },
  firewallPolicies: {
    type: 'array',
    items: obj(['id'], {
      id: id('this firewall policy'),
      statelessDefaultActions: {
        type: 'array',
        items: { enum: ['aws:pass', 'aws:drop', 'aws:forward_to_sfe'] },
        description: 'for full packets (default aws:forward_to_sfe)',
      },
      statelessFragmentDefaultActions: { type: 'array', items: { type: 'string' }, description: 'recorded (vpcsim traces whole packets)' },
      statelessRuleGroups: {
        type: 'array',
        items: obj(['ruleGroup', 'priority'], { ruleGroup: id('a stateless rule group'), priority: { type: 'integer', minimum: 1 } }),
      },
      statefulRuleGroups: {
        type: 'array',
        items: obj(['ruleGroup'], { ruleGroup: id('a stateful rule group'), priority: { type: 'integer', minimum: 1, description: 'STRICT_ORDER only' } }),
      },
      statefulEngineOptions: obj([], { ruleOrder: { enum: ['DEFAULT_ACTION_ORDER', 'STRICT_ORDER'] } }),
      statefulDefaultActions: { type: 'array', items: { enum: ['aws:drop_strict', 'aws:drop_established', 'aws:alert_strict', 'aws:alert_established'] } },
      ...named,
    }),
  },
  firewallRuleGroups: {
    type: 'array',
    items: obj(['id', 'type'], {
      id: id('this rule group'),
      type: { enum: ['STATELESS', 'STATEFUL', 'stateless', 'stateful'] },
      capacity: { type: 'integer', description: 'recorded' },
      rules: {
        type: 'array',
        items: fiveTuple(['aws:pass', 'aws:drop', 'aws:forward_to_sfe', 'PASS', 'DROP', 'ALERT', 'REJECT', 'pass', 'drop', 'alert', 'reject'], {
          priority: { type: 'integer', description: 'stateless rules: 1-65535, lowest first' },
        }),
      },
      domainList: { type: 'object', description: 'accepted, NOT EVALUATED: the trace says the verdict assumes it passes' },
      rulesString: { type: 'string', description: 'Suricata rules: accepted, NOT EVALUATED (the verdict assumes they pass)' },
      ...named,
    }),
  },
};
