// Turning `--from` / `--to` into something the tracer can start or end at.
import { candidates, idByName } from '../bind/names.js';
import { suggest } from '../load/diagnostics.js';
import type { NetworkInterface, Topology, VpnConnection, PrefixList, Vpc, VirtualInterface } from '../bind/model.js';
import { onPremisesLink } from './direct-connect.js';
import { type Addr, contains, formatAddr, parseIp, isRfc1918, RFC6598, mustCidr } from '../net/ip.js';
import { LINK_LOCAL_V4_CIDR } from '../net/ranges.js';

export type Endpoint =
  | { type: 'interface'; eni: NetworkInterface; addr?: Addr; input: string; viaPublic?: boolean }
  | { type: 'internet'; addr?: Addr; input: string }
  | { type: 'on-premises'; conn: VpnConnection | VirtualInterface; addr: Addr; input: string }
  | { type: 'service'; service: string; list: PrefixList | undefined; addr: Addr; input: string }
  | { type: 'link-local'; service: string | undefined; addr: Addr; input: string; dnsVpc?: Vpc }
  /** an address inside a VPC that no interface holds and nothing answers at (a peer VPC's Amazon DNS address) */
  | { type: 'address'; vpc: Vpc; addr: Addr; input: string };

// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html (169.254.169.254, [fd00:ec2::254]),
// https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html (169.254.169.253, VPC base + 2, [fd00:ec2::253]),
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/set-time.html (169.254.169.123, [fd00:ec2::123])
const LINK_LOCAL_SERVICES = new Map<Addr, string>([
  [0xa9fea9fe, 'the instance metadata service'],
  [0xa9fea9fd, 'the Amazon DNS server'],
  [0xa9fea97b, 'Amazon Time Sync'],
  [0xfd000ec2000000000000000000000254n, 'the instance metadata service'],
  [0xfd000ec2000000000000000000000253n, 'the Amazon DNS server'],
  [0xfd000ec2000000000000000000000123n, 'Amazon Time Sync'],
]);
const LINK_LOCAL_V4 = mustCidr(LINK_LOCAL_V4_CIDR);

export class EndpointError extends Error {}

// Documentation ranges (RFC 5737 TEST-NET-1, RFC 3849): addresses that are surely nobody's in the file.
const DEFAULT_INTERNET_V4: Addr = 0xc0000250; // 192.0.2.80
const DEFAULT_INTERNET_V6: Addr = 0x20010db8ffff00000000000000000080n; // 2001:db8:ffff::80

declare module '../bind/model.js' {
  interface TopologyDerived {
    /** endpoints resolved so far, by the text that names them */
    endpoints?: Map<string, Endpoint>;
    /** VPCs by DNS address and by CIDR (see vpcAddressIndex) */
    vpcsByAddress?: VpcAddressIndex;
  }
}

/** Resolves an endpoint, memoised on the topology: batches name the same endpoints many times. */
export function resolveEndpoint(t: Topology, text: string): Endpoint {
  const m = (t.derived.endpoints ??= new Map());
  let e = m.get(text);
  if (!e) {
    e = resolveUncached(t, text);
    if (m.size < 100_000) m.set(text, e);
  }
  return e;
}

/** The endpoint at a bound address (a load balancer's target given by IP), without writing and re-reading its text. */
export function endpointAt(t: Topology, a: Addr): Endpoint {
  return addressEndpoint(t, a, formatAddr(a));
}

/** What a name may stand for as an endpoint (the same kinds an id may). */
const ENDPOINT_NAME_KINDS = ['instance', 'network-interface', 'nat-gateway', 'vpc-endpoint', 'vpn-connection', 'virtual-interface'];

function resolveUncached(t: Topology, text: string): Endpoint {
  const input = text.trim();
  if (input === '') throw new EndpointError('empty endpoint');
  const lower = input.toLowerCase();
  if (lower === 'internet') return { type: 'internet', input };
  if (lower === 's3' || lower === 'dynamodb') return serviceEndpoint(t, lower, input);
  const r = t.byId.get(input);
  if (r) {
    switch (r.kind) {
      case 'instance':
        return { type: 'interface', eni: r.primary, input };
      case 'network-interface':
        return { type: 'interface', eni: r, input };
      case 'nat-gateway':
        return { type: 'interface', eni: r.eni, input };
      case 'vpc-endpoint':
        if (r.type === 'interface' && r.interfaces[0]) return { type: 'interface', eni: r.interfaces[0], input };
        if (r.type === 'gateway') return serviceEndpoint(t, r.service, input);
        // Inspection endpoints forward traffic with its addresses unchanged: they are hops, never a flow's end.
        if (r.type === 'gatewayLoadBalancer' || r.type === 'networkFirewall')
          throw new EndpointError(
            `'${input}' is a ${r.type === 'networkFirewall' ? 'Network Firewall' : 'Gateway Load Balancer'} endpoint, which inspects traffic routed through it but is not a destination; trace to the host behind it`,
          );
        throw new EndpointError(`endpoint '${input}' has no network interface`);
      case 'vpn-connection':
      case 'virtual-interface': {
        const c = r.onPremisesCidrs[0];
        if (!c)
          throw new EndpointError(
            `${r.kind === 'vpn-connection' ? 'VPN connection' : 'virtual interface'} '${input}' has no onPremisesCidrs to pick an address from`,
          );
        return { type: 'on-premises', conn: r, addr: hostIn(c.base, c.family === 4 ? 10 : 10n), input };
      }
      default:
        throw new EndpointError(
          `'${input}' is a ${r.kind.replace(/-/g, ' ')}; an endpoint is an instance, network interface, NAT gateway, interface endpoint, IP address, 'internet', 's3' or 'dynamodb'`,
        );
    }
  }
  const ip = parseIp(input);
  if (ip.ok) return addressEndpoint(t, ip.value, input);
  if (/^[\d.:/a-fA-F]+$/.test(input) && /[.:]/.test(input)) throw new EndpointError(ip.error);
  const named = idByName(t, input, ENDPOINT_NAME_KINDS);
  if (named && 'ambiguous' in named)
    throw new EndpointError(`'${input}' is the name of ${named.ambiguous.length} resources: ${candidates(named.ambiguous)}; give an id`);
  if (named) return { ...resolveUncached(t, named.id), input };
  const ids = [...t.byId.keys()].filter((id) => {
    const k = t.byId.get(id)!.kind;
    return k === 'instance' || k === 'network-interface' || k === 'nat-gateway' || k === 'vpc-endpoint';
  });
  const guess = suggest(input, ids);
  const near = guess !== undefined;
  const some = ids.slice(0, 6).join(', ');
  throw new EndpointError(
    `unknown endpoint '${input}'${near ? ` (did you mean '${guess}'?)` : ''}; expected an instance or interface id${some ? ` (e.g. ${some})` : ''}, an IP address, 'internet', 's3' or 'dynamodb'`,
  );
}

function hostIn(base: Addr, off: number | bigint): Addr {
  return typeof base === 'number' ? (base + (off as number)) >>> 0 : base + (off as bigint);
}

function serviceEndpoint(t: Topology, service: string, input: string): Endpoint {
  const list = t.prefixLists.find((p) => p.service === service);
  const cidrs = list?.cidrs.length ? list.cidrs : (t.serviceRanges.get(service) ?? []);
  const first = cidrs[0];
  if (!first) throw new EndpointError(`no address ranges known for '${service}' in ${t.region}; add a prefix list with 'service: ${service}' and its cidrs`);
  return { type: 'service', service, list, addr: hostIn(first.base, first.family === 4 ? 10 : 10n), input };
}

/** Addresses no flow between hosts can use: loopback, unspecified, multicast, reserved and broadcast. */
const NOT_UNICAST: [string, string][] = [
  ['0.0.0.0/8', 'an unspecified ("this network") address'],
  ['127.0.0.0/8', 'a loopback address'],
  ['224.0.0.0/4', 'a multicast address'],
  ['240.0.0.0/4', 'a reserved or broadcast address'],
  ['::/128', 'the unspecified address'],
  ['::1/128', 'the loopback address'],
  ['ff00::/8', 'a multicast address'],
];
let notUnicast: [ReturnType<typeof mustCidr>, string][] | undefined;

/**
 * The VPCs by address, built once per topology: each VPC by its Amazon DNS address (primary IPv4 CIDR base + 2), and
 * per prefix length of the VPC CIDRs, the first VPC (by position in the file) of each base. Where VPCs overlap, the
 * first in the file wins, as a scan of every VPC in order would give.
 */
interface VpcAddressIndex {
  dns: Map<number, Vpc>;
  cidrs: { family: 4 | 6; mask: Addr; first: Map<Addr, number> }[];
}

function vpcAddressIndex(t: Topology): VpcAddressIndex {
  if (t.derived.vpcsByAddress) return t.derived.vpcsByAddress;
  const dns = new Map<number, Vpc>();
  const byLength = new Map<string, VpcAddressIndex['cidrs'][number]>();
  t.vpcs.forEach((v, i) => {
    const primary = v.cidrs[0];
    if (primary && !dns.has((primary.base as number) + 2)) dns.set((primary.base as number) + 2, v);
    for (const c of [...v.cidrs, ...v.ipv6Cidrs]) {
      const k = `${c.family}/${c.len}`;
      let e = byLength.get(k);
      if (!e) {
        e = { family: c.family, mask: c.mask, first: new Map() };
        byLength.set(k, e);
      }
      const base = c.family === 4 ? (c.base as number) >>> 0 : c.base;
      if (!e.first.has(base)) e.first.set(base, i);
    }
  });
  t.derived.vpcsByAddress = { dns, cidrs: [...byLength.values()] };
  return t.derived.vpcsByAddress;
}

/** The first VPC in the file whose CIDRs hold `a`: a lookup per prefix length, not a scan of every VPC. */
function vpcContaining(t: Topology, a: Addr): Vpc | undefined {
  let best: number | undefined;
  for (const e of vpcAddressIndex(t).cidrs) {
    if ((e.family === 4) !== (typeof a === 'number')) continue;
    const base = typeof a === 'number' ? (a & (e.mask as number)) >>> 0 : (a as bigint) & (e.mask as bigint);
    const i = e.first.get(base);
    if (i !== undefined && (best === undefined || i < best)) best = i;
  }
  return best === undefined ? undefined : t.vpcs[best];
}

function addressEndpoint(t: Topology, a: Addr, input: string): Endpoint {
  // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) names the IPv4 host.
  if (typeof a === 'bigint' && a >> 32n === 0xffffn) return addressEndpoint(t, Number(a & 0xffffffffn), input);
  notUnicast ??= NOT_UNICAST.map(([c, what]) => [mustCidr(c), what]);
  for (const [c, what] of notUnicast) if (contains(c, a)) throw new EndpointError(`${formatAddr(a)} is ${what}, not a host a flow can start or end at`);
  if (LINK_LOCAL_SERVICES.has(a) || contains(LINK_LOCAL_V4, a)) return { type: 'link-local', service: LINK_LOCAL_SERVICES.get(a), addr: a, input };
  // The Amazon DNS server also answers at the base of the VPC's primary IPv4 CIDR plus two — to that VPC's own
  // resources only (the tracer checks the sender: https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html).
  const dnsVpc = typeof a === 'number' ? vpcAddressIndex(t).dns.get(a) : undefined;
  if (dnsVpc) return { type: 'link-local', service: 'the Amazon DNS server', addr: a, input, dnsVpc };
  const eni = t.interfaceByIp.get(a);
  if (eni) return { type: 'interface', eni, addr: a, input };
  if (typeof a === 'number') {
    const pub = t.interfaceByPublicIp.get(a);
    if (pub) return { type: 'interface', eni: pub, addr: a, input, viaPublic: true };
  }
  const vpc = vpcContaining(t, a);
  if (vpc) throw new EndpointError(`${formatAddr(a)} is inside VPC '${vpc.id}' but no interface has that address`);
  // The on-premises router picks the link (outside AWS): vpcsim takes the most specific on-premises prefix, Direct Connect on a tie.
  const conn = onPremisesLink(t, a);
  if (conn) return { type: 'on-premises', conn, addr: a, input };
  for (const pl of t.prefixLists)
    if (pl.service && pl.cidrs.some((c) => contains(c, a))) return { type: 'service', service: pl.service, list: pl, addr: a, input };
  for (const service of ['s3', 'dynamodb']) {
    const ranges = t.serviceRanges.get(service);
    if (ranges?.some((c) => contains(c, a))) return { type: 'service', service, list: undefined, addr: a, input };
  }
  if (typeof a === 'number' && (isRfc1918(a) || contains(RFC6598, a))) return { type: 'internet', addr: a, input };
  return { type: 'internet', addr: a, input };
}

/** An internet address for the word `internet`: one that no resource in the file uses. */
export function internetAddress(t: Topology, family: 4 | 6): Addr {
  let a = family === 4 ? DEFAULT_INTERNET_V4 : DEFAULT_INTERNET_V6;
  for (let i = 0; i < 256; i++) {
    const used = typeof a === 'number' ? t.interfaceByPublicIp.has(a) || onPremisesLink(t, a) !== undefined : t.interfaceByIp.has(a);
    if (!used) return a;
    a = typeof a === 'number' ? a + 1 : a + 1n;
  }
  return a;
}
