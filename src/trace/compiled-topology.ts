// The bound model flattened to integer ids and typed-array columns, for verdict-only tracing (batch runs). A flow on
// the compiled path touches a few typed arrays instead of chasing object pointers and WeakMaps through 20,000
// interfaces: interface → subnet → route table, ACL and zone; (VPC, address) → interface through one open-addressing
// hash; VPC and transit gateway route tables as disjoint address intervals with an integer target code each.
// Only what src/trace/compiled-walk.ts walks is compiled (NAT gateways and internet gateways included, for IPv4
// egress to the internet); any route target or attachment kind it does not know gets
// a BAIL code and the flow goes to the tracer (src/trace/engine.ts), so kinds added later fall back rather than answer.
import type * as M from '../bind/model.js';
import type { TraceIndex } from '../bind/model.js';
import { type AclRuleFields, aclRuleList, type SgRuleList, sgRuleList, type SgTable } from './compiled-filters.js';

/** Route codes (VPC route tables; a code ≥ 0 is a transit gateway index). */
export const RT_NONE = -1;
export const RT_BLACKHOLE = -2;
export const RT_LOCAL = -3;
export const RT_BAIL = -4;
/** the VPC's internet gateway (one without a gateway route table: traffic entering through it is not steered) */
export const RT_IGW = -5;
/** NAT gateway n of the VPC's own has the code RT_NAT - n */
export const RT_NAT = -6;

/** Interface flags. */
export const ENI_STARTS = 1; // an instance's or a plain interface: may start a flow on the compiled path
export const ENI_FORWARDS = 2; // a NAT gateway's: reached by the local route, translation is the tracer's
export const ENI_OWNS_PUBLIC = 4; // the interface the internet reaches at its public IPv4 address (eniPublicIp)

/** The model objects behind a compiled topology: the main thread's only, never sent to a worker thread. */
export interface CompiledObjects {
  index: TraceIndex;
  enis: readonly M.NetworkInterface[];
  eniId: Map<M.NetworkInterface, number>;
  sgSets: M.SecurityGroup[][];
  subnets: readonly M.Subnet[];
  acls: M.NetworkAcl[];
  /** the id of each ACL in `acls` (the tracer's fallback shares the compiled tables through it) */
  aclIndex: Map<M.NetworkAcl, number>;
}

export interface CompiledTopology extends PortableTopology, CompiledObjects {}

/**
 * What compiled-walk.ts reads: typed arrays, id strings and plain rule lists, no model object, so that it can be
 * posted to worker threads (structured clone) and walked there without loading or binding the topology again.
 */
export interface PortableTopology {
  eniSubnet: Int32Array;
  /** primary private IPv4 as an unsigned number; NaN when the interface has none */
  eniIp: Float64Array;
  eniFlags: Uint8Array;
  /** primary public IPv4 (the internet gateway's one-to-one NAT), NaN when none */
  eniPublicIp: Float64Array;
  /** the interface's set of security groups (interfaces with the same groups share one); -1: no groups */
  eniSgSet: Int32Array;
  /** per group set: the first group's id (what blockedBy names) */
  sgSetIds: string[];
  /**
   * per group set × [inbound, outbound]: the rules as address intervals, listed on first use (sgRulesOf); null in a
   * worker thread for the lists the main thread did not list
   */
  sgRules: (SgRuleList | null | undefined)[];
  /** per group set × [in tcp, in udp, out tcp, out udp]: compiled on first use by compiled-filters.ts; null: no rules listed */
  sgTables: (SgTable | null | undefined)[];
  subnetVpc: Int32Array;
  subnetRt: Int32Array;
  subnetAcl: Int32Array;
  subnetAz: Int32Array;
  aclIds: string[];
  /** per ACL × [inbound, outbound]: IPv4 rules as plain objects, listed on first use (aclRulesOf) */
  aclRules: (AclRuleFields[] | undefined)[];
  /** per ACL × [in tcp, in udp, out tcp, out udp] */
  aclTables: (Int32Array | null | undefined)[];
  vpcIds: string[];
  /** per VPC: its internet gateway's id, '' when none */
  vpcIgwIds: string[];
  natIds: string[];
  /** per NAT gateway: its subnet, its interface and its private IPv4 address */
  natSubnet: Int32Array;
  natEni: Int32Array;
  natIp: Float64Array;
  rtIds: string[];
  /** route table r's intervals are [rtFrom[r], rtFrom[r+1]) of rtStarts / rtCode */
  rtFrom: Int32Array;
  rtStarts: Uint32Array;
  rtCode: Int32Array;
  /** (VPC, IPv4 address) → interface: open addressing, key vpc × 2^32 + address, -1 empty */
  addrKey: Float64Array;
  addrEni: Int32Array;
  tgwIds: string[];
  /** per VPC × transit gateway: the VPC's first attachment to it, -1 none */
  vpcTgwAtt: Int32Array;
  attIds: string[];
  /** the attachment's transit gateway route table, -1 none */
  attRt: Int32Array;
  /** per attachment × zone: the attachment's interface there, -1 none */
  attAzEni: Int32Array;
  /** the attachment's first interface (the zone fallback), -1 none; -2: not a VPC attachment (the tracer's) */
  attFirstEni: Int32Array;
  azCount: number;
  tgwRtIds: string[];
  tgwRtFrom: Int32Array;
  tgwRtStarts: Uint32Array;
  /** ≥ 0: the next attachment; RT_NONE, RT_BLACKHOLE, RT_BAIL */
  tgwRtCode: Int32Array;
}

/** Above this many (VPC × transit gateway) or (attachment × zone) cells the estate is not compiled. */
const MAX_CELLS = 1 << 23;

declare module '../bind/model.js' {
  interface TopologyDerived {
    /** the tracer's compiled form; null when the estate is beyond what the flat form holds */
    compiled?: CompiledTopology | null;
  }
}

/** The compiled form of `t`, built on first use and kept on the topology; null when the estate is beyond what the flat form holds. */
export function compiledTopology(t: M.Topology): CompiledTopology | null {
  if (t.derived.compiled === undefined) t.derived.compiled = compile(t);
  return t.derived.compiled;
}

function ids<T>(xs: Iterable<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) if (!m.has(x)) m.set(x, m.size);
  return m;
}

function compile(t: M.Topology): CompiledTopology | null {
  const index: TraceIndex = t;
  const vpcId = ids(t.vpcs);
  const subnetId = ids(t.subnets);
  const aclId = ids(t.subnets.map((s) => s.networkAcl));
  const rtId = ids(t.subnets.map((s) => s.routeTable));
  const azId = ids(t.subnets.map((s) => s.az));
  const tgwId = ids<M.TransitGateway>([]);
  const atts: M.TransitGatewayAttachment[] = [];
  for (const v of t.vpcs) for (const a of v.tgwAttachments) atts.push(a);
  for (const a of atts) if (!tgwId.has(a.transitGateway)) tgwId.set(a.transitGateway, tgwId.size);
  const attId = ids(atts);
  if (vpcId.size * tgwId.size > MAX_CELLS || attId.size * azId.size > MAX_CELLS) return null;
  const enis = compileInterfaces(t, subnetId);
  const subnets = compileSubnets(t, vpcId, rtId, aclId, azId);
  const natId = ids(t.natGateways);
  const routes = compileRouteTables([...rtId.keys()], tgwId, natId);
  const tgw = compileAttachments(t, { vpcId, tgwId, attId, azId, eniId: enis.eniId });
  return {
    index,
    ...enis,
    ...subnets,
    acls: [...aclId.keys()],
    aclIndex: aclId,
    aclIds: [...aclId.keys()].map((a) => a.id),
    aclRules: new Array(aclId.size * 2).fill(undefined),
    aclTables: new Array(aclId.size * 4).fill(undefined),
    vpcIds: t.vpcs.map((v) => v.id),
    vpcIgwIds: t.vpcs.map((v) => v.internetGateway?.id ?? ''),
    natIds: t.natGateways.map((n) => n.id),
    natSubnet: Int32Array.from(t.natGateways, (n) => subnetId.get(n.subnet) ?? -1),
    natEni: Int32Array.from(t.natGateways, (n) => enis.eniId.get(n.eni) ?? -1),
    natIp: Float64Array.from(t.natGateways, (n) => n.privateIp),
    ...routes,
    ...compileAddresses(index, vpcId, enis.eniId),
    tgwIds: [...tgwId.keys()].map((g) => g.id),
    ...tgw,
    azCount: azId.size,
  };
}

function compileInterfaces(t: M.Topology, subnetId: Map<M.Subnet, number>) {
  const n = t.interfaces.length;
  const eniId = ids(t.interfaces);
  const eniSubnet = new Int32Array(n);
  const eniIp = new Float64Array(n);
  const eniFlags = new Uint8Array(n);
  const eniPublicIp = new Float64Array(n);
  const eniSgSet = new Int32Array(n);
  const setId = new Map<string | M.SecurityGroup, number>();
  const sgSets: M.SecurityGroup[][] = [];
  t.interfaces.forEach((eni, i) => {
    eniSubnet[i] = subnetId.get(eni.subnet) ?? -1;
    eniIp[i] = typeof eni.privateIp === 'number' ? eni.privateIp : Number.NaN;
    const o = eni.owner.type;
    eniPublicIp[i] = eni.publicIp ?? Number.NaN;
    const owns = eni.publicIp !== undefined && t.interfaceByPublicIp.get(eni.publicIp) === eni;
    eniFlags[i] = (o === 'instance' || o === 'none' ? ENI_STARTS : 0) | (o === 'nat-gateway' ? ENI_FORWARDS : 0) | (owns ? ENI_OWNS_PUBLIC : 0);
    if (eni.securityGroups.length === 0) {
      eniSgSet[i] = -1;
      return;
    }
    // one group (the usual case) is keyed by the group itself, several by their ids in order
    const groups = eni.securityGroups;
    const key = groups.length === 1 ? groups[0]! : groups.map((g) => g.id).join('\n');
    let s = setId.get(key);
    if (s === undefined) {
      s = sgSets.length;
      setId.set(key, s);
      sgSets.push(groups.slice());
    }
    eniSgSet[i] = s;
  });
  const sgSetIds = sgSets.map((set) => set[0]!.id);
  return {
    enis: t.interfaces,
    eniId,
    eniSubnet,
    eniIp,
    eniFlags,
    eniPublicIp,
    eniSgSet,
    sgSets,
    sgSetIds,
    sgRules: new Array<SgRuleList | null | undefined>(sgSets.length * 2).fill(undefined),
    sgTables: new Array<SgTable | null | undefined>(sgSets.length * 4).fill(undefined),
  };
}

function compileSubnets(
  t: M.Topology,
  vpcId: Map<M.Vpc, number>,
  rtId: Map<M.RouteTable, number>,
  aclId: Map<M.NetworkAcl, number>,
  azId: Map<string, number>,
) {
  const n = t.subnets.length;
  const subnetVpc = new Int32Array(n);
  const subnetRt = new Int32Array(n);
  const subnetAcl = new Int32Array(n);
  const subnetAz = new Int32Array(n);
  t.subnets.forEach((s, i) => {
    subnetVpc[i] = vpcId.get(s.vpc)!;
    subnetRt[i] = rtId.get(s.routeTable)!;
    subnetAcl[i] = aclId.get(s.networkAcl)!;
    subnetAz[i] = azId.get(s.az)!;
  });
  return { subnets: t.subnets, subnetVpc, subnetRt, subnetAcl, subnetAz };
}

/** The code of a route: a transit gateway, the VPC's own internet gateway or NAT gateway, or what the tracer takes. */
function routeCode(rt: M.RouteTable, target: M.RouteTarget | undefined, tgwId: Map<M.TransitGateway, number>, natId: Map<M.NatGateway, number>): number {
  if (!target) return RT_NONE;
  switch (target.type) {
    case 'blackhole':
      return RT_BLACKHOLE;
    case 'local':
      return RT_LOCAL;
    case 'tgw':
      return tgwId.get(target.tgw) ?? RT_BAIL;
    case 'gateway':
      // a gateway route table steers what enters through the gateway (replies from the internet): the tracer's
      return target.gateway === rt.vpc.internetGateway && !target.gateway.edgeRouteTable ? RT_IGW : RT_BAIL;
    case 'nat': {
      const n = natId.get(target.nat);
      return n !== undefined && target.nat.vpc === rt.vpc ? RT_NAT - n : RT_BAIL;
    }
    default:
      return RT_BAIL;
  }
}

/** Route tables' IPv4 interval tables, one after another, each interval labelled with a route code. */
function compileRouteTables(rts: M.RouteTable[], tgwId: Map<M.TransitGateway, number>, natId: Map<M.NatGateway, number>) {
  const from: number[] = [];
  const starts: number[] = [];
  const codes: number[] = [];
  for (const rt of rts) {
    from.push(starts.length);
    const iv = rt.lookup4.intervals4();
    for (let k = 0; k < iv.starts.length; k++) {
      starts.push(iv.starts[k]!);
      codes.push(routeCode(rt, iv.values[k]?.target, tgwId, natId));
    }
  }
  from.push(starts.length);
  return { rtIds: rts.map((r) => r.id), rtFrom: Int32Array.from(from), rtStarts: Uint32Array.from(starts), rtCode: Int32Array.from(codes) };
}

interface AttIds {
  vpcId: Map<M.Vpc, number>;
  tgwId: Map<M.TransitGateway, number>;
  attId: Map<M.TransitGatewayAttachment, number>;
  azId: Map<string, number>;
  eniId: Map<M.NetworkInterface, number>;
}

/** Transit gateway attachments of VPCs, their interfaces per zone, and the transit gateway route tables they use. */
function compileAttachments(t: M.Topology, x: AttIds) {
  const nAz = x.azId.size;
  const vpcTgwAtt = new Int32Array(x.vpcId.size * x.tgwId.size).fill(-1);
  // the first attachment of a VPC to a transit gateway, as the tracer takes it
  for (const v of t.vpcs) {
    for (const a of v.tgwAttachments) {
      const cell = x.vpcId.get(v)! * x.tgwId.size + x.tgwId.get(a.transitGateway)!;
      if (vpcTgwAtt[cell] === -1) vpcTgwAtt[cell] = x.attId.get(a)!;
    }
  }
  const nAtt = x.attId.size;
  const attAzEni = new Int32Array(nAtt * nAz).fill(-1);
  const attFirstEni = new Int32Array(nAtt).fill(-1);
  const attRt = new Int32Array(nAtt).fill(-1);
  const rtId = new Map<M.TransitGatewayRouteTable, number>();
  for (const [a, i] of x.attId) {
    for (const [az, eni] of a.interfacesByAz) {
      const z = x.azId.get(az);
      const e = x.eniId.get(eni) ?? -1;
      if (z !== undefined) attAzEni[i * nAz + z] = e;
      if (attFirstEni[i] === -1) attFirstEni[i] = e;
    }
    if (a.type !== 'vpc') attFirstEni[i] = -2;
    if (a.routeTable) {
      if (!rtId.has(a.routeTable)) rtId.set(a.routeTable, rtId.size);
      attRt[i] = rtId.get(a.routeTable)!;
    }
  }
  const from: number[] = [];
  const starts: number[] = [];
  const codes: number[] = [];
  for (const rt of rtId.keys()) {
    from.push(starts.length);
    const iv = rt.lookup4.intervals4();
    iv.starts.forEach((s, k) => {
      starts.push(s);
      const r = iv.values[k];
      // an attachment outside the VPCs (VPN, peering, Direct Connect...) is the tracer's
      codes.push(!r ? RT_NONE : r.blackhole || !r.attachment ? RT_BLACKHOLE : r.attachment.type === 'vpc' ? (x.attId.get(r.attachment) ?? RT_BAIL) : RT_BAIL);
    });
  }
  from.push(starts.length);
  return {
    vpcTgwAtt,
    attIds: [...x.attId.keys()].map((a) => a.id),
    attRt,
    attAzEni,
    attFirstEni,
    tgwRtIds: [...rtId.keys()].map((r) => r.id),
    tgwRtFrom: Int32Array.from(from),
    tgwRtStarts: Uint32Array.from(starts),
    tgwRtCode: Int32Array.from(codes),
  };
}

/** Slot of (vpc, addr) in a table of `mask + 1` slots: multiplicative hashing, linear probing. */
export function addrSlot(vpc: number, addr: number, mask: number): number {
  return (Math.imul(addr ^ Math.imul(vpc, 0x9e3779b1), 0x85ebca6b) >>> 7) & mask;
}

function compileAddresses(index: TraceIndex, vpcId: Map<M.Vpc, number>, eniId: Map<M.NetworkInterface, number>) {
  let n = 0;
  for (const m of index.vpcAddr.values()) n += m.size;
  let size = 16;
  while (size < n * 2) size *= 2;
  const addrKey = new Float64Array(size).fill(-1);
  const addrEni = new Int32Array(size).fill(-1);
  const mask = size - 1;
  for (const [vpc, m] of index.vpcAddr) {
    const v = vpcId.get(vpc)!;
    for (const [a, eni] of m) {
      if (typeof a !== 'number') continue;
      let s = addrSlot(v, a, mask);
      while (addrKey[s] !== -1) s = (s + 1) & mask;
      addrKey[s] = v * 2 ** 32 + a;
      addrEni[s] = eniId.get(eni)!;
    }
  }
  return { addrKey, addrEni };
}

/** The interface holding `addr` in VPC `vpc`, or -1. */
export function eniAt(c: PortableTopology, vpc: number, addr: number): number {
  const keys = c.addrKey;
  const mask = keys.length - 1;
  const key = vpc * 2 ** 32 + addr;
  for (let s = addrSlot(vpc, addr, mask); ; s = (s + 1) & mask) {
    const k = keys[s]!;
    if (k === key) return c.addrEni[s]!;
    if (k === -1) return -1;
  }
}

/** The code of the interval of `addr` in interval tables laid one after another. */
export function intervalCode(from: Int32Array, starts: Uint32Array, codes: Int32Array, table: number, addr: number): number {
  let lo = from[table]!;
  let hi = from[table + 1]! - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= addr) lo = mid;
    else hi = mid - 1;
  }
  return codes[lo]!;
}

/**
 * The rules of group set `set` in one direction; listed from the model on first use (the main thread's). null in a
 * worker thread when the main thread did not list them.
 */
export function sgRulesOf(c: PortableTopology, set: number, inbound: boolean): SgRuleList | null {
  const slot = set * 2 + (inbound ? 0 : 1);
  let r = c.sgRules[slot];
  if (r === undefined) {
    const o = c as CompiledTopology;
    r = c.sgRules[slot] = sgRuleList(o.sgSets[set]!, inbound ? 'inbound' : 'outbound', o.index);
  }
  return r;
}

/** The IPv4 rules of ACL `acl` in one direction; listed from the model on first use (the main thread's). */
export function aclRulesOf(c: PortableTopology, acl: number, inbound: boolean): AclRuleFields[] {
  const slot = acl * 2 + (inbound ? 0 : 1);
  let r = c.aclRules[slot];
  if (r === undefined) {
    const a = (c as CompiledTopology).acls[acl]!;
    r = c.aclRules[slot] = aclRuleList(inbound ? a.inbound : a.outbound);
  }
  return r;
}
