// Rules and routes are built by these factories only, so every object of a kind has one hidden class and the
// tracer's hot loops stay monomorphic; the implicit rules and routes AWS adds are built here too.
import type { Path } from '../load/diagnostics.js';
import { type Prefix, mustCidr } from '../net/ip.js';
import type * as M from './model.js';
import { hasPorts, isIcmp, parsePorts, parseProtocol } from './rules.js';
import { type Binder, type Raw, type What, whatText } from './context.js';

export const ALL_TRAFFIC: M.Match = { protocol: -1, ports: undefined, icmpType: -1, icmpCode: -1 };
const LOCAL: M.RouteTarget = { type: 'local' };

export function aclRuleOf(m: M.Match, number: number, cidr: Prefix, action: 'allow' | 'deny', at: M.Src | undefined): M.NetworkAclRule {
  return { protocol: m.protocol, ports: m.ports, icmpType: m.icmpType, icmpCode: m.icmpCode, number, cidr, action, src: at };
}

export function sgRuleOf(m: M.Match, peer: M.SgPeer, description: string | undefined, at: M.Src | undefined, implicit: boolean): M.SecurityGroupRule {
  return { protocol: m.protocol, ports: m.ports, icmpType: m.icmpType, icmpCode: m.icmpCode, peer, description, src: at, implicit };
}

export function routeOf(
  destination: Prefix,
  prefixList: M.PrefixList | undefined,
  target: M.RouteTarget,
  origin: M.RouteOrigin,
  targetId: string,
  at: M.Src | undefined,
  rank: number,
): M.Route {
  return { destination, prefixList, target, origin, targetId, src: at, rank };
}

export function tgwRouteOf(
  destination: Prefix,
  attachment: M.TransitGatewayAttachment | undefined,
  blackhole: boolean,
  origin: 'static' | 'propagated',
  at: M.Src | undefined,
  rank: number,
): M.TgwRoute {
  return { destination, attachment, blackhole, origin, src: at, rank };
}

export function localRoutes(vpc: M.Vpc): M.Route[] {
  // https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#route-table-routes — a local route for every VPC CIDR
  return [...vpc.cidrs, ...vpc.ipv6Cidrs].map((c) => routeOf(c, undefined, LOCAL, 'local', 'local', undefined, 1));
}

export function allOutbound(vpc: M.Vpc): M.SecurityGroupRule[] {
  // https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html — a new group allows all outbound (IPv6 too when the VPC has IPv6)
  const mk = (c: string): M.SecurityGroupRule =>
    sgRuleOf(ALL_TRAFFIC, { type: 'cidr', prefix: mustCidr(c), text: c }, 'default: all outbound', undefined, true);
  return [mk('0.0.0.0/0'), ...(vpc.ipv6Cidrs.length ? [mk('::/0')] : [])];
}

const ICMP_KEYS = ['icmpType', 'icmpCode'] as const;

/** `ports` is given apart when a rule lists several: one match per entry, without copying the rule. */
export function bindMatch(b: Binder, r: Raw, path: Path, what: What, ports: unknown = r.ports): M.Match | undefined {
  const proto = parseProtocol(r.protocol);
  if (!proto.ok) {
    if (r.protocol !== undefined) b.error('INVALID_PROTOCOL', `${whatText(what)}: ${proto.error}`, [...path, 'protocol']);
    return undefined;
  }
  const range = parsePorts(ports);
  if (!range.ok) {
    b.error('INVALID_PORTS', `${whatText(what)}: ${range.error}`, [...path, 'ports']);
    return undefined;
  }
  if (range.value && !hasPorts(proto.value)) {
    b.error('INVALID_PORTS', `${whatText(what)}: ports apply only to tcp and udp, not protocol ${String(r.protocol)}`, [...path, 'ports'], {
      hint: 'remove ports, or use icmpType/icmpCode for ICMP',
    });
    return undefined;
  }
  const hasIcmp = r.icmpType !== undefined || r.icmpCode !== undefined;
  if (hasIcmp && !isIcmp(proto.value)) {
    b.error(
      'INVALID_VALUE',
      `${whatText(what)}: icmpType/icmpCode apply only to icmp and icmpv6`,
      [...path, r.icmpType !== undefined ? 'icmpType' : 'icmpCode'],
      { key: true },
    );
    return undefined;
  }
  if (hasIcmp)
    for (const k of ICMP_KEYS) {
      const v = r[k];
      if (v !== undefined && (typeof v !== 'number' || v < -1 || v > 255)) {
        b.error('INVALID_VALUE', `${whatText(what)}: ${k} must be -1 (all) or 0-255`, [...path, k]);
        return undefined;
      }
    }
  return {
    protocol: proto.value,
    ports: range.value,
    icmpType: typeof r.icmpType === 'number' ? r.icmpType : -1,
    icmpCode: typeof r.icmpCode === 'number' ? r.icmpCode : -1,
  };
}

/** bindMatch of a rule at `[...list, j]`, shared by every rule written with the same protocol and ports and no ICMP
 *  keys: a Match is immutable, and an estate repeats a few such pairs thousands of times. The rule's path is built
 *  only when the pair is new; a wrong pair is not kept, so each rule that writes it is reported. */
export function cachedMatch(b: Binder, r: Raw, list: Path, j: number, what: What, ports: unknown = r.ports): M.Match | undefined {
  const proto = r.protocol;
  const plain =
    r.icmpType === undefined &&
    r.icmpCode === undefined &&
    (typeof proto === 'string' || typeof proto === 'number') &&
    (typeof ports === 'string' || typeof ports === 'number' || (ports === undefined && r.ports === undefined));
  if (!plain) return bindMatch(b, r, [...list, j], what, ports);
  let byPorts = b.matches.get(proto);
  if (byPorts === undefined) {
    byPorts = new Map();
    b.matches.set(proto, byPorts);
  }
  const known = byPorts.get(ports);
  if (known !== undefined) return known;
  const m = bindMatch(b, r, [...list, j], what, ports);
  if (m !== undefined) byPorts.set(ports, m);
  return m;
}
