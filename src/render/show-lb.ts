// `vpcsim show` for Elastic Load Balancing: a load balancer (nodes, listeners, target groups), a listener (where it
// forwards, the targets behind it) and a target group (health check, targets, the load balancers using it), and the
// load-balancer table of the summary. Views are plain data (what --json prints); text is rendered from them.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html
import type * as M from '../bind/model.js';
import { cite, citationText } from '../load/cite.js';
import { formatAddr } from '../net/ip.js';
import { c } from './color.js';

type Json = Record<string, unknown>;

function at(t: M.Topology, src: M.Src | undefined): string | undefined {
  if (!src) return undefined;
  const w = cite(t, src.path);
  return w.line > 0 || w.at ? citationText(w) : undefined;
}

/** Drops undefined values so the JSON has only the keys that apply. */
const defined = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function targetName(x: M.Target): string {
  if (x.instance) return x.instance.id;
  if (x.loadBalancer) return x.loadBalancer.id;
  if (x.ip !== undefined) return formatAddr(x.ip);
  return x.eni?.id ?? '?';
}

function targetView(t: M.Topology, x: M.Target): Json {
  const ip = x.ip ?? x.eni?.privateIp;
  return defined({
    target: targetName(x),
    type: x.type,
    ip: ip !== undefined ? formatAddr(ip) : undefined,
    port: x.port,
    zone: x.eni?.subnet.az,
    at: at(t, x.src),
  });
}

/** Where a listener sends traffic: `tg-web`, or `instances:8080 (HTTP)` for a Classic load balancer. */
function forwardText(l: M.Listener): string {
  if (l.targetGroup) return l.targetGroup.id;
  return `instances:${l.instancePort ?? '?'}${l.instanceProtocol ? ` (${l.instanceProtocol})` : ''}`;
}

function listenerRow(t: M.Topology, l: M.Listener): Json {
  return defined({
    id: l.id,
    protocol: l.protocol,
    port: l.port,
    targetGroup: l.targetGroup?.id,
    instancePort: l.instancePort,
    instanceProtocol: l.instanceProtocol,
    at: at(t, l.src),
  });
}

function loadBalancerView(t: M.Topology, lb: M.LoadBalancer): Json {
  const groups = [...new Set(lb.listeners.flatMap((l) => (l.targetGroup ? [l.targetGroup.id] : [])))];
  return defined({
    type: lb.type,
    scheme: lb.scheme,
    vpc: lb.vpc.id,
    ipAddressType: lb.ipAddressType,
    crossZone: lb.crossZone,
    subnets: lb.subnets.map((s) => s.id),
    securityGroups: lb.securityGroups.map((g) => g.id),
    nodes: lb.nodes.map(nodeRow),
    listeners: lb.listeners.map((l) => listenerRow(t, l)),
    targetGroups: groups,
    instances: lb.type === 'classic' ? lb.instances.map((i) => i.id) : undefined,
    healthCheck: classicHealthCheck(t, lb),
  });
}

/**
 * A node: its interface and addresses. A dualstack node also has an IPv6 address of its subnet
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-ip-address-type.html).
 */
function nodeRow(n: M.LoadBalancerNode): Json {
  const v6 = n.eni.ipv6Addresses[0];
  return defined({
    interface: n.eni.id,
    subnet: n.subnet.id,
    az: n.subnet.az,
    privateIp: n.eni.privateIp !== undefined ? formatAddr(n.eni.privateIp) : undefined,
    ipv6: v6 !== undefined ? formatAddr(v6) : undefined,
    publicIp: n.eni.publicIp !== undefined ? formatAddr(n.eni.publicIp) : undefined,
  });
}

/**
 * A Classic load balancer's health check as the file gives it (`target`: PROTOCOL:PORT[/PATH]), split into its parts
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-healthchecks.html). Absent when not modelled.
 */
function classicHealthCheck(t: M.Topology, lb: M.LoadBalancer): Json | undefined {
  const hc = lb.healthCheck;
  if (lb.type !== 'classic' || !hc) return undefined;
  return defined({ target: `${hc.protocol}:${hc.port}${hc.path ?? ''}`, protocol: hc.protocol, port: hc.port, path: hc.path, at: at(t, hc.src) });
}

function listenerView(t: M.Topology, l: M.Listener): Json {
  const targets = l.targetGroup
    ? l.targetGroup.targets.map((x) => targetView(t, x))
    : l.loadBalancer.instances.map((i) =>
        defined({
          target: i.id,
          type: 'instance',
          ip: i.primary.privateIp !== undefined ? formatAddr(i.primary.privateIp) : undefined,
          port: l.instancePort,
          zone: i.subnet.az,
        }),
      );
  return defined({
    loadBalancer: l.loadBalancer.id,
    protocol: l.protocol,
    port: l.port,
    targetGroup: l.targetGroup?.id,
    instancePort: l.instancePort,
    instanceProtocol: l.instanceProtocol,
    targets,
  });
}

function targetGroupView(t: M.Topology, tg: M.TargetGroup): Json {
  const listeners = tg.loadBalancers.flatMap((lb) => lb.listeners.filter((l) => l.targetGroup === tg).map((l) => l.id));
  return defined({
    vpc: tg.vpc.id,
    targetType: tg.targetType,
    protocol: tg.protocol,
    port: tg.port,
    // only a Network Load Balancer can keep the client's address
    preserveClientIp: tg.loadBalancers.some((lb) => lb.type === 'network') ? tg.preserveClientIp : undefined,
    healthCheck: { protocol: tg.healthCheck.protocol, port: tg.healthCheck.port },
    loadBalancers: tg.loadBalancers.map((lb) => lb.id),
    listeners,
    targets: tg.targets.map((x) => targetView(t, x)),
  });
}

/** The view of a load balancer, listener or target group, after the common `head` (kind, id, name, at). */
export function lbResourceView(t: M.Topology, r: M.LoadBalancer | M.Listener | M.TargetGroup, head: Json): Json {
  if (r.kind === 'load-balancer') return { ...head, ...loadBalancerView(t, r) };
  if (r.kind === 'listener') return { ...head, ...listenerView(t, r) };
  return { ...head, ...targetGroupView(t, r) };
}

/** The summary's `loadBalancers` rows; undefined when the topology has none (the key is left out). */
export function lbSummaryView(t: M.Topology): Json[] | undefined {
  if (t.loadBalancers.length === 0) return undefined;
  return t.loadBalancers.map((lb) => ({
    id: lb.id,
    type: lb.type,
    scheme: lb.scheme,
    vpc: lb.vpc.id,
    zones: [...new Set(lb.subnets.map((s) => s.az))],
    listeners: lb.listeners.map((l) => `${l.protocol}:${l.port} -> ${forwardText(l)}`),
  }));
}

/** The text helpers of show.ts, passed in (they stay private there). */
export interface ShowHelpers {
  table(head: string[], rows: string[][], width: number): string;
  kv(pairs: [string, unknown][], width: number): string;
}

const heading = (s: string) => `\n${c().bold(s)}`;
const none = (what: string) => c().dim(`  (no ${what})`);
const line = (a: unknown) => (typeof a === 'string' ? a.slice(a.lastIndexOf(':') + 1) : '');

function targetsTable(h: ShowHelpers, targets: Json[], w: number): string {
  if (targets.length === 0) return none('targets');
  return h.table(
    ['Target', 'Type', 'IP', 'Port', 'AZ', 'Line'],
    targets.map((x) => [c().cyan(String(x.target)), String(x.type), String(x.ip ?? ''), String(x.port ?? ''), String(x.zone ?? ''), line(x.at)]),
    w,
  );
}

/** `HTTP:80/index.html (line 42)`, for the text of a Classic load balancer. */
function healthCheckText(hc: Json | undefined): string | undefined {
  if (!hc) return undefined;
  const n = line(hc.at);
  return `${String(hc.target)}${n ? ` (line ${n})` : ''}`;
}

/** The nodes table; the IPv6 column only when some node has an IPv6 address (dualstack). */
function nodesTable(h: ShowHelpers, nodes: Json[], w: number): string {
  if (!nodes.length) return none('nodes');
  const v6 = nodes.some((n) => n.ipv6 !== undefined);
  const head = ['Interface', 'Subnet', 'AZ', 'Private IP', ...(v6 ? ['IPv6'] : []), 'Public IP'];
  return h.table(
    head,
    nodes.map((n) => [
      String(n.interface),
      String(n.subnet),
      String(n.az),
      String(n.privateIp ?? ''),
      ...(v6 ? [String(n.ipv6 ?? '')] : []),
      String(n.publicIp ?? ''),
    ]),
    w,
  );
}

function renderLoadBalancer(h: ShowHelpers, v: Json, w: number): string[] {
  const out = [
    h.kv(
      [
        ['type', v.type],
        ['scheme', v.scheme],
        ['VPC', v.vpc],
        ['IP address type', v.ipAddressType],
        ['cross-zone', v.crossZone ? 'on' : 'off'],
        ['security groups', (v.securityGroups as string[]).length ? v.securityGroups : '(none: not filtered at the load balancer)'],
        ['target groups', v.targetGroups],
        ['instances', v.instances],
        ['health check', healthCheckText(v.healthCheck as Json | undefined)],
      ],
      w,
    ),
  ];
  out.push(heading('Nodes'));
  out.push(nodesTable(h, v.nodes as Json[], w));
  const listeners = v.listeners as Json[];
  out.push(heading('Listeners'));
  out.push(
    listeners.length
      ? h.table(
          ['Listener', 'Protocol', 'Port', 'Forwards to', 'Line'],
          listeners.map((l) => [
            c().cyan(String(l.id)),
            String(l.protocol),
            String(l.port),
            l.targetGroup ? String(l.targetGroup) : `instances:${String(l.instancePort)}${l.instanceProtocol ? ` (${String(l.instanceProtocol)})` : ''}`,
            line(l.at),
          ]),
          w,
        )
      : none('listeners'),
  );
  return out;
}

/** Text lines of a load balancer, listener or target group view (after the title). */
export function renderLbResource(h: ShowHelpers, v: Json, w: number): string[] {
  if (v.kind === 'load-balancer') return renderLoadBalancer(h, v, w);
  if (v.kind === 'listener') {
    const fwd = v.targetGroup
      ? `target group ${String(v.targetGroup)}`
      : `instance port ${String(v.instancePort)}${v.instanceProtocol ? ` (${String(v.instanceProtocol)})` : ''}`;
    return [
      h.kv(
        [
          ['load balancer', v.loadBalancer],
          ['protocol', v.protocol],
          ['port', v.port],
          ['forwards to', fwd],
        ],
        w,
      ),
      heading('Targets'),
      targetsTable(h, v.targets as Json[], w),
    ];
  }
  const hc = v.healthCheck as Json;
  const pairs: [string, unknown][] = [
    ['VPC', v.vpc],
    ['target type', v.targetType],
    ['protocol', v.protocol],
    ['port', v.port],
    ['health check', `${String(hc.protocol)} on ${hc.port === 'traffic-port' ? 'the traffic port' : `port ${String(hc.port)}`}`],
    ['client IP preserved', v.preserveClientIp === undefined ? undefined : v.preserveClientIp ? 'yes' : 'no'],
    ['load balancers', v.loadBalancers],
    ['listeners', v.listeners],
  ];
  return [h.kv(pairs, w), heading('Targets'), targetsTable(h, v.targets as Json[], w)];
}

/** The summary's load balancer table (nothing when there are none). */
export function renderLbSummary(h: ShowHelpers, v: Json, w: number): string[] {
  const rows = v.loadBalancers as Json[] | undefined;
  if (!rows?.length) return [];
  return [
    heading('Load balancers'),
    h.table(
      ['Load balancer', 'Type', 'Scheme', 'AZs', 'Listeners'],
      rows.map((r) => [c().cyan(String(r.id)), String(r.type), String(r.scheme), (r.zones as string[]).join('\n'), (r.listeners as string[]).join('\n')]),
      w,
    ),
  ];
}
