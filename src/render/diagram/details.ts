// Hover text for each drawn resource: its addresses and the rules that decide traffic through it.
import type * as M from '../../bind/model.js';
import { hasPorts, isIcmp, portsText, protocolName } from '../../net/protocol.js';
import { formatAddr, formatPrefix } from '../../net/ip.js';

function matchText(m: M.Match): string {
  const proto = protocolName(m.protocol);
  if (hasPorts(m.protocol)) return `${proto} ${portsText(m.ports)}`;
  if (isIcmp(m.protocol) && m.icmpType !== -1) return `${proto} type ${m.icmpType}${m.icmpCode === -1 ? '' : ` code ${m.icmpCode}`}`;
  return proto;
}

export function aclLines(acl: M.NetworkAcl): string[] {
  const out = [`network ACL ${acl.id}`];
  for (const dir of ['inbound', 'outbound'] as const) {
    for (const r of acl[dir])
      out.push(`  ${dir === 'inbound' ? 'in ' : 'out'} ${r.number} ${r.action} ${matchText(r)} ${dir === 'inbound' ? 'from' : 'to'} ${formatPrefix(r.cidr)}`);
    // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html — the final '*' rule denies what no rule matched
    out.push(`  ${dir === 'inbound' ? 'in ' : 'out'} * deny all`);
  }
  return out;
}

function peerText(p: M.SgPeer): string {
  if (p.type === 'cidr') return p.text;
  if (p.type === 'sg') return p.group.id;
  return p.list.id;
}

export function sgLines(sg: M.SecurityGroup): string[] {
  const out = [`security group ${sg.id}`];
  for (const dir of ['inbound', 'outbound'] as const) {
    if (!sg[dir].length) out.push(`  ${dir === 'inbound' ? 'in ' : 'out'} (none)`);
    for (const r of sg[dir])
      out.push(
        `  ${dir === 'inbound' ? 'in ' : 'out'} ${matchText(r)} ${dir === 'inbound' ? 'from' : 'to'} ${peerText(r.peer)}${r.description ? ` (${r.description})` : ''}`,
      );
  }
  return out;
}

export function routeLines(routes: readonly M.Route[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of routes) {
    const dest = r.prefixList ? r.prefixList.id : formatPrefix(r.destination);
    const line = `${dest} → ${r.targetId}${r.origin === 'static' ? '' : ` (${r.origin})`}`;
    if (!seen.has(line)) out.push(line);
    seen.add(line);
  }
  return out;
}

export function tgwRouteLines(rt: M.TransitGatewayRouteTable): string[] {
  const lines = rt.routes.map(
    (r) => `${formatPrefix(r.destination)} → ${r.blackhole ? 'blackhole' : (r.attachment?.id ?? '?')}${r.origin === 'propagated' ? ' (propagated)' : ''}`,
  );
  return [...lines, ...(rt.propagations.length ? [`propagations: ${rt.propagations.map((a) => a.id).join(', ')}`] : [])];
}

export function interfaceLines(e: M.NetworkInterface): string[] {
  const out = e.privateIp !== undefined ? [`private IP ${formatAddr(e.privateIp)}`] : [];
  if (e.secondaryPrivateIps.length) out.push(`secondary IPs ${e.secondaryPrivateIps.map(formatAddr).join(', ')}`);
  if (e.ipv6Addresses.length) out.push(`IPv6 ${e.ipv6Addresses.map(formatAddr).join(', ')}`);
  if (e.publicIp !== undefined) out.push(`public IP ${formatAddr(e.publicIp)}`);
  if (!e.sourceDestCheck) out.push('source/destination check off');
  for (const g of e.securityGroups) out.push(...sgLines(g));
  return out;
}

export function subnetLines(s: M.Subnet): string[] {
  return [
    ...(s.cidr ? [`CIDR ${formatPrefix(s.cidr)}`] : []),
    ...(s.ipv6Cidr ? [`IPv6 ${formatPrefix(s.ipv6Cidr)}`] : []),
    `zone ${s.az}${s.azId ? ` (${s.azId})` : ''}`,
    `route table ${s.routeTable.id}${s.implicitRouteTable ? ' (main, implicit)' : ''}`,
    ...aclLines(s.networkAcl),
  ];
}

export function vpcLines(v: M.Vpc): string[] {
  return [
    `CIDR ${v.cidrs.map(formatPrefix).join(', ')}`,
    ...(v.ipv6Cidrs.length ? [`IPv6 ${v.ipv6Cidrs.map(formatPrefix).join(', ')}`] : []),
    ...(v.region ? [`region ${v.region}`] : []),
  ];
}
