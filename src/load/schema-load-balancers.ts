// Elastic Load Balancing in the topology format: loadBalancers, listeners, targetGroups (docs/load-balancers.md).
type S = Record<string, unknown>;

const id = (kind: string): S => ({ type: 'string', minLength: 1, description: `id of ${kind}` });
const idList = (kind: string): S => ({ type: 'array', items: id(kind) });
const ip: S = { type: 'string', description: 'an IPv4 or IPv6 address' };
const port: S = { type: 'integer', minimum: 1, maximum: 65535 };
const named = { name: { type: 'string', description: 'a human-readable name (the AWS Name tag)' }, description: { type: 'string' } };

function obj(required: string[], properties: S, description?: string): S {
  const o: S = { type: 'object', additionalProperties: false, required, properties };
  if (description) o.description = description;
  return o;
}

const node = obj(['subnet'], {
  subnet: id('one of the load balancer subnets'),
  privateIp: { ...ip, description: "the node's private IPv4 address (default: the first free address of the subnet)" },
  publicIp: { ...ip, description: 'internet-facing: the public IPv4 address of the node (for a Network Load Balancer, its Elastic IP)' },
  ipv6Address: { ...ip, description: "dualstack: the node's IPv6 address (default: the first free address of the subnet's IPv6 CIDR)" },
  allocationId: { type: 'string', description: 'Network Load Balancer: the allocation id of the Elastic IP (recorded)' },
  interfaceId: { type: 'string', description: 'the id of the node network interface (flow logs); default ela-<load balancer>-<subnet>' },
});

const healthCheck = obj([], {
  protocol: { type: 'string', description: 'HTTP | HTTPS | TCP | SSL (default: the target group protocol; TCP for UDP groups)' },
  port: { type: ['integer', 'string'], description: 'traffic-port (default) or a port number' },
});

const target = obj([], {
  id: id('an instance (instance targets) or a load balancer (alb targets)'),
  ip: { ...ip, description: 'ip targets: the address' },
  port: { ...port, description: 'the port on the target (default: the target group port)' },
});

export const loadBalancerSchema: S = {
  loadBalancers: {
    type: 'array',
    items: obj(['id', 'type', 'subnets'], {
      id: id('this load balancer'),
      type: { enum: ['application', 'network', 'classic'] },
      scheme: { enum: ['internet-facing', 'internal'], description: 'default internet-facing (as AWS)' },
      subnets: { ...idList('a subnet (one per Availability Zone)'), minItems: 1 },
      securityGroups: idList('a security group (required for application and classic; optional for network)'),
      ipAddressType: { enum: ['ipv4', 'dualstack'] },
      crossZone: { type: 'boolean', description: 'cross-zone load balancing: always on for application; default off for network and classic' },
      nodes: { type: 'array', items: node, description: 'per-zone node addresses' },
      instances: idList('an instance registered with a classic load balancer'),
      healthCheck: obj(
        ['target'],
        { target: { type: 'string', description: 'classic: TCP:<port>, SSL:<port>, HTTP:<port>/<path> or HTTPS:<port>/<path>' } },
        'classic: the health check of the registered instances',
      ),
      ...named,
    }),
  },
  listeners: {
    type: 'array',
    items: obj(['id', 'loadBalancer', 'protocol', 'port'], {
      id: id('this listener'),
      loadBalancer: id('a load balancer'),
      protocol: { type: 'string', description: 'HTTP | HTTPS (application); TCP | UDP | TLS | TCP_UDP (network); HTTP | HTTPS | TCP | SSL (classic)' },
      port,
      targetGroup: id('the target group of the default forward action (application, network)'),
      instancePort: { ...port, description: 'classic: the port on the instances' },
      instanceProtocol: { type: 'string', description: 'classic: HTTP | HTTPS | TCP | SSL on the instances' },
      ...named,
    }),
  },
  targetGroups: {
    type: 'array',
    items: obj(['id', 'vpc', 'protocol', 'port'], {
      id: id('this target group'),
      vpc: id('a VPC'),
      targetType: { enum: ['instance', 'ip', 'alb'], description: 'default instance' },
      protocol: { type: 'string', description: 'HTTP | HTTPS (application); TCP | UDP | TLS | TCP_UDP (network)' },
      port,
      preserveClientIp: {
        type: 'boolean',
        description: 'network: targets see the client address (AWS default: on for instance targets and UDP/TCP_UDP; off for ip targets over TCP/TLS)',
      },
      healthCheck,
      targets: { type: 'array', items: target },
      ...named,
    }),
  },
};
