// Network Access Analyzer scopes, offline: the JSON `aws ec2 create-network-insights-access-scope --cli-input-json`
// takes (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkInsightsAccessScope.html).
// MatchPaths become reach queries; ThroughResources and ExcludePaths filter their rows. Fields with no meaning in
// the model are refused by name.
import type * as M from '../bind/model.js';
import { reachSides } from './reach.js';
import { ReachInputError, type Side, allAddresses, externalSpace, resolveSide } from './sides.js';
import { union } from './sets.js';
import { formatPrefix } from '../net/ip.js';
import type { ReachRow } from './types.js';

export class ScopeError extends Error {}

type Obj = Record<string, unknown>;

// https://docs.aws.amazon.com/vpc/latest/network-access-analyzer/ — resource types a scope can name, as the model knows them
const TYPES: Record<string, M.ResourceKind | 'internet'> = {
  'AWS::EC2::InternetGateway': 'internet',
  'AWS::EC2::Instance': 'instance',
  'AWS::EC2::NetworkInterface': 'network-interface',
  'AWS::EC2::Subnet': 'subnet',
  'AWS::EC2::VPC': 'vpc',
  'AWS::EC2::SecurityGroup': 'security-group',
  'AWS::EC2::NatGateway': 'nat-gateway',
  'AWS::EC2::TransitGateway': 'transit-gateway',
  'AWS::EC2::TransitGatewayAttachment': 'tgw-attachment',
  'AWS::EC2::VPCPeeringConnection': 'peering-connection',
  'AWS::EC2::VPNGateway': 'vpn-gateway',
  'AWS::EC2::VPNConnection': 'vpn-connection',
  'AWS::EC2::VPCEndpoint': 'vpc-endpoint',
  'AWS::EC2::RouteTable': 'route-table',
  'AWS::EC2::NetworkAcl': 'network-acl',
  // https://docs.aws.amazon.com/vpc/latest/network-access-analyzer/resource-statement.html — Classic, Application and Network Load Balancers: through only
  'AWS::ElasticLoadBalancing::LoadBalancer': 'load-balancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load-balancer',
};

/** A load balancer type matches the API generation it names: Classic (elb) or Application/Network (elbv2). */
function typeMatches(ty: string, r: M.Resource): boolean {
  if (TYPES[ty] !== r.kind) return false;
  if (r.kind !== 'load-balancer') return true;
  return (r.type === 'classic') === (ty === 'AWS::ElasticLoadBalancing::LoadBalancer');
}

const TOP = ['MatchPaths', 'ExcludePaths', 'ClientToken', 'TagSpecifications', 'DryRun'];
const PATH = ['Source', 'Destination', 'ThroughResources'];
const STATEMENT = ['ResourceStatement', 'PacketHeaderStatement'];
const RESOURCE = ['Resources', 'ResourceTypes'];
const HEADER = ['SourceAddresses', 'DestinationAddresses', 'SourcePorts', 'DestinationPorts', 'SourcePrefixLists', 'DestinationPrefixLists', 'Protocols'];

function obj(v: unknown, at: string): Obj {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ScopeError(`${at} must be an object`);
  return v as Obj;
}

function only(o: Obj, keys: string[], at: string): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw new ScopeError(`${at}.${k} is not a field vpcsim supports here (expected ${keys.join(', ')})`);
}

function strings(v: unknown, at: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new ScopeError(`${at} must be a list of strings`);
  return v as string[];
}

export interface ScopeEnd {
  resources: string[];
  types: string[];
  header: Record<string, string[]>;
}

export interface ScopePath {
  source?: ScopeEnd;
  destination?: ScopeEnd;
  through: { resources: string[]; types: string[] }[];
}

function end(v: unknown, at: string): ScopeEnd | undefined {
  if (v === undefined) return undefined;
  const o = obj(v, at);
  only(o, STATEMENT, at);
  const rs = o.ResourceStatement === undefined ? {} : obj(o.ResourceStatement, `${at}.ResourceStatement`);
  only(rs, RESOURCE, `${at}.ResourceStatement`);
  const hs = o.PacketHeaderStatement === undefined ? {} : obj(o.PacketHeaderStatement, `${at}.PacketHeaderStatement`);
  only(hs, HEADER, `${at}.PacketHeaderStatement`);
  const types = strings(rs.ResourceTypes, `${at}.ResourceStatement.ResourceTypes`);
  for (const ty of types)
    if (!TYPES[ty])
      throw new ScopeError(
        `${at}.ResourceStatement.ResourceTypes: '${ty}' has no counterpart in the topology model (supported: ${Object.keys(TYPES).join(', ')})`,
      );
  const header: Record<string, string[]> = {};
  for (const k of HEADER) header[k] = strings(hs[k], `${at}.PacketHeaderStatement.${k}`);
  return { resources: strings(rs.Resources, `${at}.ResourceStatement.Resources`), types, header };
}

function path(v: unknown, at: string): ScopePath {
  const o = obj(v, at);
  only(o, PATH, at);
  const through = o.ThroughResources === undefined ? [] : Array.isArray(o.ThroughResources) ? o.ThroughResources : [null];
  return {
    source: end(o.Source, `${at}.Source`),
    destination: end(o.Destination, `${at}.Destination`),
    through: through.map((x, i) => {
      const e = end(x, `${at}.ThroughResources[${i}]`);
      if (e && Object.values(e.header).some((l) => l.length))
        throw new ScopeError(
          `${at}.ThroughResources[${i}].PacketHeaderStatement is not supported (a path's packet is described at its Source and Destination)`,
        );
      return { resources: e?.resources ?? [], types: e?.types ?? [] };
    }),
  };
}

export function parseScope(json: unknown): { match: ScopePath[]; exclude: ScopePath[] } {
  const o = obj(json, 'the scope');
  only(o, TOP, 'the scope');
  const list = (k: string) =>
    o[k] === undefined
      ? []
      : Array.isArray(o[k])
        ? (o[k] as unknown[])
        : (() => {
            throw new ScopeError(`${k} must be a list`);
          })();
  const match = list('MatchPaths').map((p, i) => path(p, `MatchPaths[${i}]`));
  if (!match.length) throw new ScopeError('the scope has no MatchPaths');
  const exclude = list('ExcludePaths').map((p, i) => path(p, `ExcludePaths[${i}]`));
  for (const [i, p] of exclude.entries())
    for (const e of [p.source, p.destination])
      if (e && Object.values(e.header).some((l) => l.length))
        throw new ScopeError(`ExcludePaths[${i}]: PacketHeaderStatement in an excluded path is not supported; exclude by resources`);
  return { match, exclude };
}

/** The interfaces and external addresses one end of a path stands for. */
function sideOf(t: M.Topology, e: ScopeEnd | undefined, addrKey: string, plKey: string): Side {
  if (!e || (!e.resources.length && !e.types.length && !e.header[addrKey]!.length && !e.header[plKey]!.length)) return resolveSide(t, 'any', 'scope');
  const parts: Side[] = [];
  const internet = () => ({ input: 'internet', enis: [], ext: { 4: externalSpace(t, 4, 'internet'), 6: externalSpace(t, 6, 'internet') } });
  const enis = (list: M.NetworkInterface[]): Side => ({ input: 'scope', enis: list.map((eni) => ({ eni, addrs: allAddresses(eni) })), ext: { 4: [], 6: [] } });
  for (const id of e.resources) {
    const r = t.byId.get(id);
    if (!r) throw new ScopeError(`resource '${id}' is not in the topology`);
    // https://docs.aws.amazon.com/vpc/latest/network-access-analyzer/resource-statement.html — load balancers: through only
    if (r.kind === 'load-balancer')
      throw new ScopeError(`'${id}' is a load balancer: a scope names load balancers in ThroughResources only (a path to its listeners goes through it)`);
    if (r.kind === 'internet-gateway') parts.push(internet());
    else if (r.kind === 'vpc') parts.push(enis(t.interfaces.filter((x) => x.vpc === r)));
    else if (r.kind === 'subnet' || r.kind === 'security-group') parts.push(resolveSide(t, `${r.kind === 'subnet' ? 'subnet' : 'sg'}:${id}`, 'scope'));
    else parts.push(resolveSide(t, id, 'scope'));
  }
  for (const ty of e.types) {
    const kind = TYPES[ty];
    if (kind === 'internet') parts.push(internet());
    else if (kind === 'instance') parts.push(enis(t.instances.flatMap((i) => i.interfaces)));
    else if (kind === 'network-interface') parts.push(enis(t.interfaces));
    else
      throw new ScopeError(
        `ResourceTypes '${ty}' is supported in ThroughResources only; a path starts or ends at an instance, network interface or internet gateway`,
      );
  }
  for (const c of e.header[addrKey]!) parts.push(resolveSide(t, c, 'scope'));
  for (const id of e.header[plKey]!) {
    const pl = t.byId.get(id);
    if (pl?.kind !== 'prefix-list') throw new ScopeError(`${plKey}: '${id}' is not a prefix list of the topology`);
    for (const c of pl.cidrs) parts.push(resolveSide(t, formatPrefix(c), 'scope'));
  }
  return {
    input: 'scope',
    enis: parts.flatMap((p) => p.enis),
    ext: { 4: parts.reduce((s, p) => union(s, p.ext[4]), [] as Side['ext'][4]), 6: parts.reduce((s, p) => union(s, p.ext[6]), [] as Side['ext'][6]) },
  };
}

/** Does a row's end, path or hop match a resource statement? */
function rowTouches(t: M.Topology, ids: string[], resources: string[], types: string[]): boolean {
  for (const id of ids) {
    if (resources.includes(id)) return true;
    const r = t.byId.get(id);
    if (r && types.some((ty) => typeMatches(ty, r))) return true;
    if (id === 'internet' && types.includes('AWS::EC2::InternetGateway')) return true;
  }
  return false;
}

function endIds(t: M.Topology, e: ReachRow['source']): string[] {
  if (e.kind === 'external') return e.network === 'internet' ? ['internet', ...t.internetGateways.map((g) => g.id)] : [];
  const r = t.byId.get(e.id);
  const eni = r?.kind === 'instance' ? r.primary : r?.kind === 'network-interface' ? r : undefined;
  return [e.id, ...(eni ? [eni.id, eni.subnet.id, eni.vpc.id, ...eni.securityGroups.map((g) => g.id)] : [])];
}

function pathMatches(t: M.Topology, p: ScopePath, row: ReachRow): boolean {
  const ok = (e: ScopeEnd | undefined, end: ReachRow['source']) =>
    !e || (!e.resources.length && !e.types.length) || rowTouches(t, endIds(t, end), e.resources, e.types);
  return ok(p.source, row.source) && ok(p.destination, row.destination) && p.through.every((th) => rowTouches(t, row.path, th.resources, th.types));
}

export interface ScopeResult {
  findings: { matchPath: number; row: ReachRow }[];
}

export function runScope(t: M.Topology, json: unknown): ScopeResult {
  const scope = parseScope(json);
  const findings: ScopeResult['findings'] = [];
  for (const [i, p] of scope.match.entries()) {
    const h = (k: string) => [...(p.source?.header[k] ?? []), ...(p.destination?.header[k] ?? [])];
    const protocols = h('Protocols').length ? h('Protocols') : ['all'];
    try {
      const from = sideOf(t, p.source, 'SourceAddresses', 'SourcePrefixLists');
      const to = sideOf(t, p.destination, 'DestinationAddresses', 'DestinationPrefixLists');
      for (const protocol of protocols) {
        const query = {
          from: 'scope',
          to: 'scope',
          protocol: protocol.toLowerCase(),
          ports: portList(h('DestinationPorts'), [0, 65535]),
          srcPorts: portList(h('SourcePorts'), [0, 65535]),
        };
        for (const row of reachSides(t, query, from, to).rows) {
          if (!pathMatches(t, { ...p, source: undefined, destination: undefined }, row)) continue;
          if (scope.exclude.some((x) => pathMatches(t, x, row))) continue;
          findings.push({ matchPath: i, row });
        }
      }
    } catch (e) {
      if (e instanceof ReachInputError) throw new ScopeError(`MatchPaths[${i}]: ${e.message}`);
      throw e;
    }
  }
  return { findings };
}

function portList(list: string[], dflt: [number, number]): [number, number][] {
  if (!list.length) return [dflt];
  return list.map((x) => {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(x.trim());
    const lo = Number(m?.[1]);
    const hi = Number(m?.[2] ?? m?.[1]);
    if (!m || lo > hi || hi > 65535) throw new ScopeError(`port '${x}' is not a port or range (N or N-M, 0-65535)`);
    return [lo, hi];
  });
}
