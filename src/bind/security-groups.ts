// Security groups, the default group AWS adds to each VPC, and their rules.
import type { Path } from '../load/diagnostics.js';
import type * as M from './model.js';
import { tgwReference } from './sg-tgw-reference.js';
import { type Binder, type Draft, type Raw, type At, type What, ItemSrc, arr, whatText, src, str, vpcIn } from './context.js';
import { ALL_TRAFFIC, allOutbound, cachedMatch, sgRuleOf } from './factories.js';

/** Security groups: objects now, rules after every group exists (rules reference groups). */
export function bindSecurityGroups(b: Binder, t: Draft): void {
  const { securityGroups, sgRaw } = t;
  b.each('securityGroups', (raw, path) => {
    const vpc = vpcIn(b, raw, path);
    if (!vpc) return;
    const sg = b.register<M.SecurityGroup>({
      kind: 'security-group',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      vpc,
      isDefault: raw.default === true,
      implicit: false,
      inbound: [],
      outbound: [],
      members: [],
      referencedBy: [],
    });
    if (sg.isDefault) {
      if (vpc.defaultSecurityGroup)
        b.error('MULTIPLE_DEFAULTS', `VPC '${vpc.id}' already has default security group '${vpc.defaultSecurityGroup.id}'`, [...path, 'default']);
      else vpc.defaultSecurityGroup = sg;
    }
    securityGroups.push(sg);
    sgRaw.set(sg, { raw, path });
  });
}

/** Every VPC without a declared default security group gets the AWS default one. */
export function addDefaultSecurityGroups(b: Binder, t: Draft): void {
  const { vpcs, securityGroups } = t;
  for (const vpc of vpcs) {
    if (vpc.defaultSecurityGroup) continue;
    // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html — inbound from the group itself, outbound to all
    const sg: M.SecurityGroup = {
      kind: 'security-group',
      id: `${vpc.id}:default-sg`,
      src: vpc.src,
      vpc,
      isDefault: true,
      implicit: true,
      inbound: [],
      outbound: [],
      members: [],
      referencedBy: [],
    };
    sg.inbound.push(sgRuleOf(ALL_TRAFFIC, { type: 'sg', group: sg }, 'default: all traffic from this group', undefined, true));
    sg.outbound.push(...allOutbound(vpc));
    sg.referencedBy.push(sg);
    vpc.defaultSecurityGroup = sg;
    securityGroups.push(sg);
    b.byId.set(sg.id, sg);
  }
}

/** Security group rules, now that every group and prefix list exists. */
export function bindSgRules(b: Binder, t: Draft): void {
  const { sgRaw } = t;
  // A CIDR peer is the same immutable value wherever it is written: parsed and built once per text.
  const cidrPeers = new Map<string, M.SgPeer>();
  // So is a group or prefix-list peer: one per group or list, whichever group's rules name it.
  const refPeers = new Map<M.SecurityGroup | M.PrefixList, M.SgPeer>();
  const peers = { cidrPeers, refPeers };
  for (const [sg, { raw, path }] of sgRaw) {
    sgRules(b, raw.inbound, [...path, 'inbound'], sg, 'source', peers, sg.inbound);
    if (raw.outbound === undefined) sg.outbound.push(...allOutbound(sg.vpc));
    else sgRules(b, raw.outbound, [...path, 'outbound'], sg, 'destination', peers, sg.outbound);
  }
}

interface Peers {
  cidrPeers: Map<string, M.SgPeer>;
  refPeers: Map<M.SecurityGroup | M.PrefixList, M.SgPeer>;
}

function refPeer(refPeers: Peers['refPeers'], target: M.SecurityGroup | M.PrefixList, make: () => M.SgPeer): M.SgPeer {
  let peer = refPeers.get(target);
  if (!peer) {
    peer = make();
    refPeers.set(target, peer);
  }
  return peer;
}

/** A security group rule's peer: a CIDR, a security group (this VPC's, or a same-region peer's) or a prefix list. */
function sgPeer(
  b: Binder,
  pv: string,
  at: At,
  what: What,
  sg: M.SecurityGroup,
  dir: 'inbound' | 'outbound',
  { cidrPeers, refPeers }: Peers,
): M.SgPeer | undefined {
  const known = cidrPeers.get(pv);
  if (known) return known;
  if (/^[0-9a-fA-F:.]+\/\d+$/.test(pv)) {
    const c = b.cidr(pv, at, what);
    if (!c) return undefined;
    const peer: M.SgPeer = { type: 'cidr', prefix: c, text: pv };
    cidrPeers.set(pv, peer);
    return peer;
  }
  // A VPC's implicit default group (no group of the VPC is declared `default: true`) is referred to as `<vpc>:default-sg`.
  const implicit = pv.endsWith(':default-sg') ? b.byId.get(pv) : undefined;
  const target =
    implicit?.kind === 'security-group' && implicit.implicit ? implicit : b.ref(pv, ['security-group', 'prefix-list'], at, 'security group or prefix list');
  if (target?.kind === 'prefix-list') return refPeer(refPeers, target, () => ({ type: 'prefix-list', list: target }));
  if (target?.kind !== 'security-group') return undefined;
  // https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html — a peered VPC's group may be referenced (same region)
  const peered = target.vpc === sg.vpc || sg.vpc.peerings.some((p) => !p.interRegion && (p.requester === target.vpc || p.accepter === target.vpc));
  if (!peered) {
    // Across a transit gateway: inbound rules only, with the option on (src/bind/sg-tgw-reference.ts)
    const viaTgw = tgwReference(sg, target, dir);
    if (!viaTgw?.ok) {
      b.error(
        'CROSS_VPC_REFERENCE',
        `${whatText(what)}: ${viaTgw ? viaTgw.message : `security group '${target.id}' is in VPC '${target.vpc.id}', which is neither this VPC nor peered with it in the same region (nor attached to the same transit gateway)`}`,
        at,
      );
      return undefined;
    }
  }
  if (!target.referencedBy.includes(sg)) target.referencedBy.push(sg);
  return refPeer(refPeers, target, () => ({ type: 'sg', group: target }));
}

/** The rules of one direction, appended to `out`. */
function sgRules(b: Binder, list: unknown, path: Path, sg: M.SecurityGroup, peerKey: 'source' | 'destination', peers: Peers, out: M.SecurityGroupRule[]): void {
  const dir = path[path.length - 1] as string;
  const peerDir = peerKey === 'source' ? 'inbound' : 'outbound';
  const rules = arr(list);
  for (let j = 0; j < rules.length; j++) {
    const r = (rules[j] ?? {}) as Raw;
    // The message text is built only when a rule is wrong.
    const what = ruleWhat(dir, j, sg);
    const matches = ruleMatches(b, r, path, j, what);
    if (!matches) continue;
    const pv = r[peerKey];
    if (pv === undefined) {
      b.error('MISSING_KEY', `${what()} is missing '${peerKey}' (a CIDR, security group id or prefix list id)`, [...path, j]);
      continue;
    }
    // The rule's place: the list's path and the rule's index, its path built only when read.
    const at = new ItemSrc(path, j);
    const description = str(r.description);
    if (Array.isArray(pv)) {
      for (let i = 0; i < pv.length; i++) {
        const one = pv[i];
        if (typeof one !== 'string') continue; // the schema reports it
        const peer = peers.cidrPeers.get(one) ?? sgPeer(b, one, () => [...path, j, peerKey, i], what, sg, peerDir, peers);
        if (peer) addRules(out, matches, peer, description, at);
      }
    } else if (typeof pv === 'string') {
      const peer = peers.cidrPeers.get(pv) ?? sgPeer(b, pv, () => [...path, j, peerKey], what, sg, peerDir, peers);
      if (peer) addRules(out, matches, peer, description, at);
    }
  }
}

/** What a rule's messages call it, as a function: the text is built only for a diagnostic. */
function ruleWhat(dir: string, j: number, sg: M.SecurityGroup): () => string {
  return () => `${dir} rule #${j + 1} of security group '${sg.id}'`;
}

function addRules(out: M.SecurityGroupRule[], matches: M.Match | M.Match[], peer: M.SgPeer, description: string | undefined, at: M.Src): void {
  if (!Array.isArray(matches)) out.push(sgRuleOf(matches, peer, description, at, false));
  else for (const m of matches) out.push(sgRuleOf(m, peer, description, at, false));
}

/** One match per entry of the rule's `ports` (one match for one value, a list for a list); undefined when any is wrong (reported). */
function ruleMatches(b: Binder, r: Raw, list: Path, j: number, what: What): M.Match | M.Match[] | undefined {
  const ports = r.ports;
  if (!Array.isArray(ports)) return cachedMatch(b, r, list, j, what);
  const out: M.Match[] = [];
  let ok = true;
  for (const p of ports) {
    const m = cachedMatch(b, r, list, j, what, p);
    if (m) out.push(m);
    else ok = false;
  }
  return ok ? out : undefined;
}
