// The diagram's graph: elements (containers and nodes) and edges, built from the bound topology and drawn by
// the mermaid, dot, svg and html writers. Every writer reads the same graph, so the pictures agree.

export type ElementKind =
  | 'vpc'
  | 'zone'
  | 'subnet'
  | 'transit-gateway'
  | 'instance'
  | 'instances'
  | 'network-interface'
  | 'route-table'
  | 'blackhole'
  | 'internet-gateway'
  | 'egress-only-internet-gateway'
  | 'nat-gateway'
  | 'vpn-gateway'
  | 'vpn-connection'
  | 'dx-gateway'
  | 'virtual-interface'
  | 'peering-connection'
  | 'tgw-attachment'
  | 'tgw-route-table'
  | 'vpc-endpoint'
  | 'internet'
  | 'service'
  | 'network-acl'
  | 'security-group'
  | 'endpoint'
  | 'reject';

// exposure: the internet reaches an interface (`exposure --format html`); exposure-flagged: on an admin or database port
export type EdgeKind = 'route' | 'association' | 'attachment' | 'forward' | 'return' | 'reject' | 'exposure' | 'exposure-flagged';

/** Where the trace passed an element: hop numbers as printed by the text output. */
export interface PathMark {
  forward: number[];
  return: number[];
  blocked: boolean;
}

export interface Element {
  /** the resource id as written in the topology (or a derived id such as `<vpc>/<az>`) */
  readonly id: string;
  readonly kind: ElementKind;
  /** lines of the visible label; the first is the id or name */
  readonly label: string[];
  /** the containing element's id */
  readonly parent?: string;
  /** hover text: CIDRs, addresses, rules */
  readonly details: string[];
  path?: PathMark;
}

export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** short text drawn on the edge (route destinations) */
  readonly label?: string;
}

export interface Graph {
  readonly title: string;
  readonly elements: Element[];
  readonly edges: Edge[];
}

/** Kinds that hold other elements: drawn as boxes around their children, or as a plain node when empty. */
export const CONTAINER_KINDS: ReadonlySet<ElementKind> = new Set(['vpc', 'zone', 'subnet']);

export interface KindStyle {
  /** the legend's name for the kind */
  readonly name: string;
  readonly dotShape: string;
  /** mermaid node shape: opening and closing brackets around the quoted label */
  readonly mermaid: readonly [string, string];
  readonly fill: string;
  readonly stroke: string;
}

/** One home for every kind's look: the legend in docs/diagram.md is this table. */
export const KIND_STYLE: Readonly<Record<ElementKind, KindStyle>> = {
  vpc: { name: 'VPC', dotShape: 'box', mermaid: ['[', ']'], fill: '#f3f7fd', stroke: '#1f4e9c' },
  zone: { name: 'Availability Zone', dotShape: 'box', mermaid: ['[', ']'], fill: '#ffffff', stroke: '#8c9bb0' },
  subnet: { name: 'Subnet', dotShape: 'box', mermaid: ['[', ']'], fill: '#edf7ee', stroke: '#2f7a3b' },
  'transit-gateway': { name: 'Transit gateway', dotShape: 'doubleoctagon', mermaid: ['{{', '}}'], fill: '#f6effc', stroke: '#7a3fb3' },
  instance: { name: 'Instance', dotShape: 'box', mermaid: ['[', ']'], fill: '#ffffff', stroke: '#3d444d' },
  instances: { name: 'Instances (counted)', dotShape: 'box3d', mermaid: ['[', ']'], fill: '#ffffff', stroke: '#3d444d' },
  'network-interface': { name: 'Network interface', dotShape: 'box', mermaid: ['(', ')'], fill: '#ffffff', stroke: '#6e7781' },
  'route-table': { name: 'Route table', dotShape: 'tab', mermaid: ['[[', ']]'], fill: '#fff8e1', stroke: '#9a6700' },
  blackhole: { name: 'Blackhole (routes that drop)', dotShape: 'Msquare', mermaid: ['[', ']'], fill: '#eaeef2', stroke: '#1f2328' },
  'internet-gateway': { name: 'Internet gateway', dotShape: 'house', mermaid: ['([', '])'], fill: '#ddf4ff', stroke: '#0969da' },
  'egress-only-internet-gateway': { name: 'Egress-only internet gateway', dotShape: 'invhouse', mermaid: ['([', '])'], fill: '#ddf4ff', stroke: '#54aeff' },
  'nat-gateway': { name: 'NAT gateway', dotShape: 'hexagon', mermaid: ['{{', '}}'], fill: '#fff1e5', stroke: '#bc4c00' },
  'vpn-gateway': { name: 'Virtual private gateway', dotShape: 'trapezium', mermaid: ['[/', '\\]'], fill: '#fbefff', stroke: '#8250df' },
  'vpn-connection': { name: 'VPN connection (on-premises)', dotShape: 'cds', mermaid: ['>', ']'], fill: '#fbefff', stroke: '#8250df' },
  'dx-gateway': { name: 'Direct Connect gateway', dotShape: 'invtrapezium', mermaid: ['[\\', '/]'], fill: '#fff8c5', stroke: '#9a6700' },
  'virtual-interface': { name: 'Direct Connect virtual interface (on-premises)', dotShape: 'cds', mermaid: ['>', ']'], fill: '#fff8c5', stroke: '#9a6700' },
  'peering-connection': { name: 'Peering connection', dotShape: 'ellipse', mermaid: ['(', ')'], fill: '#fff8c5', stroke: '#7d4e00' },
  'tgw-attachment': { name: 'Transit gateway attachment', dotShape: 'octagon', mermaid: ['{{', '}}'], fill: '#f6effc', stroke: '#7a3fb3' },
  'tgw-route-table': { name: 'Transit gateway route table', dotShape: 'tab', mermaid: ['[[', ']]'], fill: '#f6effc', stroke: '#7a3fb3' },
  'vpc-endpoint': { name: 'VPC endpoint', dotShape: 'parallelogram', mermaid: ['[/', '/]'], fill: '#dafbe1', stroke: '#1a7f37' },
  internet: { name: 'Internet', dotShape: 'doublecircle', mermaid: ['((', '))'], fill: '#ddf4ff', stroke: '#0969da' },
  service: { name: 'AWS service', dotShape: 'cylinder', mermaid: ['[(', ')]'], fill: '#dafbe1', stroke: '#1a7f37' },
  'network-acl': { name: 'Network ACL (on a traced path)', dotShape: 'component', mermaid: ['[', ']'], fill: '#ffffff', stroke: '#6e7781' },
  'security-group': { name: 'Security group (on a traced path)', dotShape: 'component', mermaid: ['[', ']'], fill: '#ffffff', stroke: '#6e7781' },
  endpoint: { name: 'Trace endpoint outside the topology', dotShape: 'ellipse', mermaid: ['(', ')'], fill: '#ffffff', stroke: '#3d444d' },
  reject: { name: 'Where a traced packet is rejected, and why', dotShape: 'note', mermaid: ['>', ']'], fill: '#ffebe9', stroke: '#cf222e' },
};

/** Edge and path colours: forward path, return path, rejection. */
export const PATH_STYLE = {
  forward: '#0550ae',
  return: '#1a7f37',
  reject: '#cf222e',
  route: '#57606a',
  association: '#8c959f',
  attachment: '#57606a',
  exposure: '#bc4c00',
} as const;
