// A create-only Terraform plan (format 1.2) of `n` VPCs, shaped as `terraform show -json` prints it: every id
// unknown, links only in the configuration's references (count.index), as a large first apply is.
const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const ref = (type, name, attr = 'id') => ({ references: [`${type}.${name}`, 'count.index'], _attr: attr });
const clean = (e) => JSON.parse(JSON.stringify(e, (k, v) => (k === '_attr' ? undefined : v)));

/** The resources of one VPC: [type, name, values, unknown attributes] */
function vpcResources(i) {
  const b = `10.${i >> 2}.${(i & 3) * 64}`;
  const rule = (port) => ({
    cidr_blocks: ['0.0.0.0/0'],
    description: '',
    from_port: port,
    ipv6_cidr_blocks: [],
    prefix_list_ids: [],
    protocol: 'tcp',
    security_groups: [],
    self: false,
    to_port: port,
  });
  return [
    [
      'aws_vpc',
      'vpc',
      { cidr_block: `${b}.0/18`, tags: { Name: `vpc-${i}` } },
      ['id', 'arn', 'main_route_table_id', 'default_security_group_id', 'default_network_acl_id'],
    ],
    ['aws_subnet', 'public', { cidr_block: `${b}.0/20`, availability_zone: 'us-east-1a', map_public_ip_on_launch: true }, ['id', 'arn', 'vpc_id']],
    [
      'aws_subnet',
      'private',
      { cidr_block: `${b.replace(/\.(\d+)$/, (m, x) => `.${Number(x) + 16}`)}.0/20`, availability_zone: 'us-east-1b', map_public_ip_on_launch: false },
      ['id', 'arn', 'vpc_id'],
    ],
    ['aws_internet_gateway', 'igw', {}, ['id', 'arn', 'vpc_id']],
    ['aws_route_table', 'public', { route: [{ cidr_block: '0.0.0.0/0', ipv6_cidr_block: '', nat_gateway_id: '', transit_gateway_id: '' }] }, ['id', 'vpc_id']],
    ['aws_route_table_association', 'public', {}, ['id', 'subnet_id', 'route_table_id']],
    ['aws_security_group', 'web', { ingress: [rule(443)], name: `web-${i}` }, ['id', 'vpc_id', 'egress']],
    [
      'aws_instance',
      'web',
      { ami: 'ami-0c7217cdde317cfec', instance_type: 't3.micro', source_dest_check: true },
      ['id', 'subnet_id', 'private_ip', 'public_ip', 'associate_public_ip_address', 'vpc_security_group_ids'],
    ],
  ];
}

const CONFIG = {
  aws_vpc: { cidr_block: { references: ['var.cidrs', 'count.index'] } },
  aws_subnet: { vpc_id: ref('aws_vpc', 'vpc') },
  aws_internet_gateway: { vpc_id: ref('aws_vpc', 'vpc') },
  aws_route_table: { vpc_id: ref('aws_vpc', 'vpc'), route: [{ cidr_block: { constant_value: '0.0.0.0/0' }, gateway_id: ref('aws_internet_gateway', 'igw') }] },
  aws_route_table_association: { subnet_id: ref('aws_subnet', 'public'), route_table_id: ref('aws_route_table', 'public') },
  aws_security_group: {
    vpc_id: ref('aws_vpc', 'vpc'),
    ingress: [
      {
        from_port: { constant_value: 443 },
        to_port: { constant_value: 443 },
        protocol: { constant_value: 'tcp' },
        cidr_blocks: { constant_value: ['0.0.0.0/0'] },
      },
    ],
  },
  aws_instance: { subnet_id: ref('aws_subnet', 'public'), vpc_security_group_ids: ref('aws_security_group', 'web') },
};

export function terraformPlan(n) {
  const resources = [];
  const changes = [];
  const seen = new Map();
  for (let i = 0; i < n; i++) {
    for (const [type, name, values, unknown] of vpcResources(i)) {
      const address = `${type}.${name}[${i}]`;
      resources.push({ address, mode: 'managed', type, name, index: i, provider_name: PROVIDER, schema_version: 0, values, sensitive_values: {} });
      changes.push({
        address,
        mode: 'managed',
        type,
        name,
        index: i,
        provider_name: PROVIDER,
        change: {
          actions: ['create'],
          before: null,
          after: values,
          after_unknown: Object.fromEntries(unknown.map((u) => [u, true])),
          before_sensitive: false,
          after_sensitive: {},
        },
      });
      if (!seen.has(`${type}.${name}`))
        seen.set(`${type}.${name}`, {
          address: `${type}.${name}`,
          mode: 'managed',
          type,
          name,
          provider_config_key: 'aws',
          expressions: clean(CONFIG[type] ?? {}),
          schema_version: 0,
          count_expression: { constant_value: n },
        });
    }
  }
  return {
    format_version: '1.2',
    terraform_version: '1.6.6',
    planned_values: { root_module: { resources } },
    resource_changes: changes,
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: PROVIDER, expressions: { region: { constant_value: 'us-east-1' } } } },
      root_module: { resources: [...seen.values()] },
    },
  };
}
