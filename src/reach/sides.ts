// The two ends of a reach query: interfaces (each with the addresses it is asked about) and external address space
// (the internet, on-premises networks), turned into sets of addresses the engine can divide.
import { candidates, idByName } from '../bind/names.js';
import type * as M from '../bind/model.js';
import { type Addr, type Family, type Prefix, contains, formatAddr, lastAddr, mustCidr, parseCidr, parseIp } from '../net/ip.js';
import { suggest } from '../load/diagnostics.js';
import { big, prefixRange } from './cuts.js';
import { type RangeSet, intersect, normalize, subtract } from './sets.js';
import { NOT_EXTERNAL_V4, NOT_EXTERNAL_V6 } from '../net/ranges.js';
import { V4Ranges } from './v4.js';

declare module '../bind/model.js' {
  interface TopologyDerived {
    /** external address spaces by family and kind, built on first use */
    externalSpaces?: Map<string, RangeSet>;
  }
}

/** The parts of a reach or diff query an input error can name. */
export type ReachField = 'from' | 'to' | 'protocol' | 'ports' | 'srcPorts' | 'scope';
export type ReachFieldNames = Readonly<Record<ReachField, string>>;

/** The library's own words for the fields: what `message` says; the CLI names them by flag instead. */
export const REACH_FIELD_WORDS: ReachFieldNames = {
  from: 'source',
  to: 'destination',
  protocol: 'protocol',
  ports: 'destination ports',
  srcPorts: 'source ports',
  scope: 'scope',
};

/** Bad query input. `say` writes the message with each field named as given (neutral words, or the CLI's flags). */
export class ReachInputError extends Error {
  constructor(readonly say: (names: ReachFieldNames) => string) {
    super(say(REACH_FIELD_WORDS));
  }

  describe(names: ReachFieldNames): string {
    return this.say(names);
  }
}

export interface EniEnd {
  eni: M.NetworkInterface;
  /** the addresses asked about: private IPv4 (primary, secondary), IPv6, public IPv4 */
  addrs: Addr[];
}

export interface Side {
  /** what the user wrote */
  input: string;
  enis: EniEnd[];
  /** external addresses per family */
  ext: Record<Family, RangeSet>;
}

const ALL4: RangeSet = [[0n, 0xffffffffn]];
const ALL6: RangeSet = [[0n, (1n << 128n) - 1n]];

/** Every address an interface can be named by: its private addresses, IPv6 addresses and public IPv4 addresses. */
export function allAddresses(eni: M.NetworkInterface): Addr[] {
  const out: Addr[] = eni.privateIp !== undefined ? [eni.privateIp] : [];
  // indexed loops: `any` lists every interface of the estate on a process's first query, before the code is optimised
  const { secondaryPrivateIps: sec, ipv6Addresses: v6, secondaryPublicIps: pub } = eni;
  for (let i = 0; i < sec.length; i++) out.push(sec[i]!);
  for (let i = 0; i < v6.length; i++) out.push(v6[i]!);
  if (eni.publicIp !== undefined) out.push(eni.publicIp);
  if (pub) for (let i = 0; i < pub.length; i++) out.push(pub[i]!.publicIp);
  return out;
}

/** Addresses that are not external hosts: inside a VPC, public addresses of interfaces, AWS service and special ranges. */
function notExternal(t: M.Topology, family: Family): RangeSet {
  // IPv4 as numbers (V4Ranges): one range per public address of the estate
  const v4 = new V4Ranges();
  const v6: [bigint, bigint][] = [];
  const add = (p: Prefix) => {
    if (p.family !== family) return;
    if (p.family === 4) v4.add(p.base as number, lastAddr(p) as number);
    else v6.push([p.base as bigint, lastAddr(p) as bigint]);
  };
  // src/trace/endpoints.ts refuses or redirects these: not unicast, link-local, IPv4-mapped, the AWS link-local services
  for (const c of family === 4 ? NOT_EXTERNAL_V4 : NOT_EXTERNAL_V6) add(mustCidr(c));
  for (const v of t.vpcs) {
    for (let i = 0; i < v.cidrs.length; i++) add(v.cidrs[i]!);
    for (let i = 0; i < v.ipv6Cidrs.length; i++) add(v.ipv6Cidrs[i]!);
  }
  if (family === 4) for (const pub of t.interfaceByPublicIp.keys()) v4.points.push(pub);
  for (const pl of t.prefixLists) if (pl.service) for (const p of pl.cidrs) add(p);
  for (const s of ['s3', 'dynamodb']) for (const p of t.serviceRanges.get(s) ?? []) add(p);
  return family === 4 ? v4.set() : normalize(v6);
}

function onPremises(t: M.Topology, family: Family): RangeSet {
  // on-premises is reached over VPN connections and Direct Connect virtual interfaces alike
  return normalize([...t.vpnConnections, ...t.virtualInterfaces].flatMap((c) => c.onPremisesCidrs.filter((p) => p.family === family).map(prefixRange)));
}

/**
 * External addresses of one kind: `internet`, `on-premises`, or both. Built once per topology (it walks every VPC and
 * public address, and the engine asks for it per pair); callers never change the set they get.
 */
export function externalSpace(t: M.Topology, family: Family, which: 'internet' | 'on-premises' | 'both'): RangeSet {
  t.derived.externalSpaces ??= new Map();
  const m = t.derived.externalSpaces;
  const k = `${family}${which}`;
  let r = m.get(k);
  if (!r) m.set(k, (r = computeExternalSpace(t, family, which)));
  return r;
}

function computeExternalSpace(t: M.Topology, family: Family, which: 'internet' | 'on-premises' | 'both'): RangeSet {
  // every kind starts from the addresses outside the topology: computed once per family (it walks every public address)
  const m = t.derived.externalSpaces!;
  let outside = m.get(`${family}both`);
  if (!outside) m.set(`${family}both`, (outside = subtract(family === 4 ? ALL4 : ALL6, notExternal(t, family))));
  if (which === 'both') return outside;
  const onPrem = onPremises(t, family);
  return which === 'on-premises' ? intersect(outside, onPrem) : subtract(outside, onPrem);
}

/** Interfaces that start connections (trace refuses NAT gateways, attachments and endpoints as sources). */
export function canStart(eni: M.NetworkInterface): boolean {
  return eni.owner.type === 'instance' || eni.owner.type === 'none';
}

function interfacesOf(r: M.Resource): M.NetworkInterface[] | undefined {
  switch (r.kind) {
    case 'instance':
      return r.interfaces.length ? r.interfaces : [r.primary];
    case 'network-interface':
      return [r];
    case 'nat-gateway':
      return [r.eni];
    case 'vpc-endpoint':
      return r.interfaces;
    case 'subnet':
      return r.interfaces;
    case 'security-group':
      return r.members;
    case 'load-balancer':
      // its nodes: one interface per zone, answering on the listener ports only
      return r.nodes.map((n) => n.eni);
    default:
      return undefined;
  }
}

/**
 * An interface of `any` with its addresses listed on first read: `reach --to` an interface lists its sources through
 * the source index (source-index.ts) and never reads them, and `any` is every interface of the estate.
 */
class AnyEnd implements EniEnd {
  private listed: Addr[] | undefined = undefined;

  constructor(readonly eni: M.NetworkInterface) {}

  get addrs(): Addr[] {
    this.listed ??= allAddresses(this.eni);
    return this.listed;
  }
}

/** Sides resolveSide() gave for `any`: every interface with all its addresses, in order (nothing changes a side). */
const everyInterface = new WeakMap<Side, M.Topology>();

/** True when resolveSide() gave `side` for `any` of topology `t`. */
export function isAnySide(t: M.Topology, side: Side): boolean {
  return everyInterface.get(side) === t;
}

/** Parses one end of a query: `any`, `internet`, `on-premises`, an id, `subnet:ID`, `sg:ID`, an IP or a CIDR. */
export function resolveSide(t: M.Topology, text: string, field: ReachField): Side {
  const input = text.trim();
  const lower = input.toLowerCase();
  const none: Record<Family, RangeSet> = { 4: [], 6: [] };
  const ext = (w: 'internet' | 'on-premises' | 'both') => ({ 4: externalSpace(t, 4, w), 6: externalSpace(t, 6, w) });
  if (lower === 'any') {
    const side = { input, enis: t.interfaces.map((eni) => new AnyEnd(eni)), ext: ext('both') };
    everyInterface.set(side, t);
    return side;
  }
  if (lower === 'internet' || lower === 'on-premises') return { input, enis: [], ext: ext(lower) };
  const m = /^(subnet|sg):(.+)$/i.exec(input);
  const raw = m ? m[2]!.trim() : input;
  const named = idByName(t, raw);
  if (named && 'ambiguous' in named)
    throw new ReachInputError((n) => `${n[field]} '${raw}' is the name of ${named.ambiguous.length} resources: ${candidates(named.ambiguous)}; give an id`);
  const id = named?.id ?? raw;
  const r = t.byId.get(id);
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html — nodes accept clients' connections and open connections to targets only
  if (r?.kind === 'load-balancer' && !m && field !== 'to')
    throw new ReachInputError(
      (n) =>
        `${n[field]} ${input}: load balancer '${r.id}' starts no connections of its own (its nodes only answer clients on listener ports and connect to its targets); use it as ${n.to}, or trace its target leg with trace --to <target> --via ${r.id}`,
    );
  if (r && (!m || r.kind === (m[1]!.toLowerCase() === 'sg' ? 'security-group' : 'subnet'))) {
    const enis = interfacesOf(r);
    if (enis) return { input, enis: enis.map((eni) => ({ eni, addrs: allAddresses(eni) })), ext: none };
  }
  if (m || r) throw new ReachInputError((n) => unknownMessage(t, n, field, input, r));
  const ip = parseIp(input);
  if (ip.ok) return addressSide(t, input, ip.value, field);
  const cidr = parseCidr(input);
  if (cidr.ok) {
    const set = [prefixRange(cidr.value)];
    return {
      input,
      enis: t.interfaces
        .filter((e) => allAddresses(e).some((a) => contains(cidr.value, a)))
        .map((eni) => ({ eni, addrs: allAddresses(eni).filter((a) => contains(cidr.value, a)) })),
      ext: { 4: cidr.value.family === 4 ? intersect(set, ext('both')[4]) : [], 6: cidr.value.family === 6 ? intersect(set, ext('both')[6]) : [] },
    };
  }
  throw new ReachInputError((n) => unknownMessage(t, n, field, input, undefined));
}

function addressSide(t: M.Topology, input: string, a: Addr, field: ReachField): Side {
  const owner = t.interfaces.find((e) => allAddresses(e).includes(a));
  if (owner) return { input, enis: [{ eni: owner, addrs: [a] }], ext: { 4: [], 6: [] } };
  const family: Family = typeof a === 'number' ? 4 : 6;
  const set = intersect([[big(a), big(a)]], externalSpace(t, family, 'both'));
  if (!set.length)
    throw new ReachInputError(
      (n) =>
        `${n[field]} ${input}: ${formatAddr(a)} is neither an address of an interface nor an external host (it is inside a VPC, an AWS service range or a special-purpose range)`,
    );
  return { input, enis: [], ext: family === 4 ? { 4: set, 6: [] } : { 4: [], 6: set } };
}

function unknownMessage(t: M.Topology, n: ReachFieldNames, field: ReachField, input: string, r: M.Resource | undefined): string {
  if (r)
    return `${n[field]} ${input}: '${r.id}' is a ${r.kind.replace(/-/g, ' ')}; expected an instance, network interface, NAT gateway, VPC endpoint or (as ${n.to}) load balancer id, subnet:ID, sg:ID, an IP address or CIDR, internet, on-premises or any`;
  const ids = [...t.byId.values()]
    .filter((x) => ['instance', 'network-interface', 'nat-gateway', 'vpc-endpoint', 'load-balancer'].includes(x.kind))
    .map((x) => x.id);
  const bare = input.replace(/^(subnet|sg):/i, '');
  const pool = /^subnet:/i.test(input) ? t.subnets.map((s) => s.id) : /^sg:/i.test(input) ? t.securityGroups.map((g) => g.id) : ids;
  const guess = suggest(bare, pool);
  return `${n[field]}: unknown endpoint '${input}'${guess ? ` (did you mean '${guess}'?)` : ''}; expected an instance, network interface, NAT gateway, VPC endpoint or (as ${n.to}) load balancer id, subnet:ID, sg:ID, an IP address or CIDR, internet, on-premises or any`;
}
