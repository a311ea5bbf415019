// Traces through load balancers: ACCEPT/REJECT pairs for each ELB rule, each citing the AWS page that states it.
import { describe, expect, it } from 'vitest';
import { explanationText } from '../../src/render/trace-explanation.js';
import { trace, traceVerdict, FlowError } from '../../src/trace/trace.js';
import { lbTopology, nlb } from '../helpers/load-balancer-fixture.js';
import { FLOW_FLAGS } from '../../src/trace/flow-error.js';
import { hopDetail } from '../../src/render/trace-detail.js';
import { withFlowLogs } from '../../src/render/flow-logs.js';

const through = (t: ReturnType<typeof lbTopology>, to: string, via: string | undefined, port: number, from = 'internet') =>
  trace(t, { from, to, port, ...(via ? { via } : {}) });

describe('client to listener (leg 1)', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html — a listener checks for connection requests on its protocol and port
  it('accepts on a listener port and rejects at the load balancer on any other', () => {
    const t = lbTopology();
    const ok = through(t, 'lb', undefined, 80);
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.loadBalancer?.listener?.id).toBe('lst');
    const no = through(t, 'lb', undefined, 8443);
    expect(no.verdict).toBe('REJECT');
    expect(no.blockedBy).toBe('lb');
    expect(no.reason).toBe('LB_NO_LISTENER');
    expect(explanationText(no)).toMatch(/no tcp listener on port 8443 \(listeners: HTTP:80\)/);
  });

  // same page: a node's address is the load balancer too — the plain tracer would have delivered any port to the interface
  it('treats a node address as the load balancer: only listener ports are answered', () => {
    const t = lbTopology();
    const ok = trace(t, { from: 'client', to: '10.0.0.4', port: 80 });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.loadBalancer?.node.interfaceId).toBe('ela-lb-pub-a');
    expect(ok.flow.dstIp).toBe('10.0.0.4');
    const no = trace(t, { from: 'client', to: 'ela-lb-pub-b', port: 22 });
    expect([no.verdict, no.blockedBy, no.reason]).toEqual(['REJECT', 'lb', 'LB_NO_LISTENER']);
    expect(traceVerdict(t, { from: 'client', to: '10.0.0.4', port: 22 }).reason).toBe('LB_NO_LISTENER');
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html — the load balancer's security group controls what reaches it
  it("applies the load balancer's security groups to clients", () => {
    expect(through(lbTopology({ lbSgIn: [{ protocol: 'tcp', ports: 80, source: '0.0.0.0/0' }] }), 'lb', undefined, 80).verdict).toBe('ACCEPT');
    const r = through(lbTopology({ lbSgIn: [{ protocol: 'tcp', ports: 80, source: '10.0.0.0/8' }] }), 'lb', undefined, 80);
    expect(r.verdict).toBe('REJECT');
    expect(r.blockedBy).toBe('sg-lb');
    expect(r.reason).toBe('ENI_SG_RULES_MISMATCH');
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#load-balancer-scheme — internal nodes have only
  // private addresses; an internet-facing one's DNS name resolves to public addresses, so a private client needs a way to the internet
  it('reaches an internet-facing load balancer from the internet, never an internal one', () => {
    const priv = trace(lbTopology(), { from: 'client', to: 'lb', port: 80 });
    expect(priv.verdict).toBe('REJECT');
    expect(priv.reason).toBe('NO_ROUTE_TO_DESTINATION');
    expect(through(lbTopology(), 'lb', undefined, 80).verdict).toBe('ACCEPT');
    const r = through(lbTopology({ lb: { scheme: 'internal' } }), 'lb', undefined, 80);
    expect(r.verdict).toBe('REJECT');
    expect(r.reason).toBe('IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS');
    expect(trace(lbTopology({ lb: { scheme: 'internal' } }), { from: 'client', to: 'lb', port: 80 }).verdict).toBe('ACCEPT');
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-basics.html — the node subnet's network ACL filters the client's packets and the replies
  it("applies the node subnet's network ACL", () => {
    const allow = {
      inbound: [
        { rule: 100, protocol: 'tcp', ports: 80, cidr: '0.0.0.0/0', action: 'allow' },
        { rule: 110, protocol: 'tcp', ports: '1024-65535', cidr: '10.0.0.0/16', action: 'allow' },
      ],
      outbound: [{ rule: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }],
    };
    expect(through(lbTopology({ publicAcl: allow }), 'web-a', 'lb', 80).verdict).toBe('ACCEPT');
    const noReply = { ...allow, outbound: [{ rule: 100, protocol: 'tcp', ports: 8080, cidr: '10.0.0.0/16', action: 'allow' }] };
    const r = through(lbTopology({ publicAcl: noReply }), 'lb', undefined, 80);
    expect(r.verdict).toBe('REJECT');
    expect(r.blockedBy).toBe('acl-public');
    expect(r.return?.verdict).toBe('REJECT');
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html — ping requests are answered, not forwarded to any instance
  it('answers ICMP at the nodes but does not forward it to targets', () => {
    const t = lbTopology({ lbSgIn: [{ protocol: 'icmp', source: '0.0.0.0/0' }] });
    expect(trace(t, { from: 'internet', to: 'lb', protocol: 'icmp' }).verdict).toBe('ACCEPT');
    expect(() => trace(t, { from: 'internet', to: 'web-a', via: 'lb', protocol: 'icmp' })).toThrow(FlowError);
    const all = trace(lbTopology({ lbSgIn: [{ protocol: 'all', source: '0.0.0.0/0' }] }), { from: 'internet', to: 'lb', protocol: 'all' });
    expect([all.verdict, all.reason]).toEqual(['REJECT', 'LB_NO_LISTENER']);
  });
});

describe('load balancer to target (leg 2)', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html — "setting the load balancer's security group as the source in the ingress rule of the target's security group"
  it('connects from the node address: a target group admitting the load balancer group passes, one admitting the client does not', () => {
    const ok = through(lbTopology(), 'web-a', 'lb', 80);
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.loadBalancer?.targets?.[0]).toMatchObject({ target: 'web-a', sourceIp: '10.0.0.4', clientIpPreserved: false, verdict: 'ACCEPT' });
    const r = through(lbTopology({ targetSg: [{ protocol: 'tcp', ports: 8080, source: '192.0.2.0/24' }] }), 'web-a', 'lb', 80);
    expect(r.verdict).toBe('REJECT');
    expect(r.blockedBy).toBe('sg-web');
    expect(r.loadBalancer?.legs.map((l) => [l.leg, l.verdict])).toEqual([
      ['client-to-listener', 'ACCEPT'],
      ['listener-to-target', 'REJECT'],
    ]);
    expect(explanationText(r)).toMatch(
      /web-a sees the address of node ela-lb-pub-a \(10\.0\.0\.4\), not the client's; a rule with source sg-lb admits every node of lb\.$/,
    );
    // the library's result keeps why as data; render/trace-explanation.ts writes the sentence
    expect(r.explanation).toBeNull();
    expect(r.blocking).toEqual({
      path: 'forward',
      hint: { kind: 'node-address', target: 'web-a', source: '10.0.0.4', node: 'ela-lb-pub-a', loadBalancer: 'lb', securityGroup: 'sg-lb' },
    });
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html — outbound to the targets on the instance listener port
  it("applies the load balancer's security group outbound rules to the target connection", () => {
    expect(through(lbTopology({ lbSgOut: [{ protocol: 'tcp', ports: 8080, destination: 'sg-web' }] }), 'web-a', 'lb', 80).verdict).toBe('ACCEPT');
    const r = through(lbTopology({ lbSgOut: [{ protocol: 'tcp', ports: 443, destination: 'sg-web' }] }), 'web-a', 'lb', 80);
    expect(r.verdict).toBe('REJECT');
    expect(r.blockedBy).toBe('sg-lb');
    expect(r.forward.hops[r.forward.blockedAt!]!.flow).toBe('egress');
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/nacl-basics.html — the target subnet's ACL sees the node address and must let the replies back
  it("applies the target subnet's network ACL both ways", () => {
    const acl = (out: string) => ({
      inbound: [{ rule: 100, protocol: 'tcp', ports: 8080, cidr: '10.0.0.0/23', action: 'allow' }],
      outbound: [{ rule: 100, protocol: 'tcp', ports: '1024-65535', cidr: out, action: 'allow' }],
    });
    expect(through(lbTopology({ privateAcl: acl('10.0.0.0/23') }), 'web-a', 'lb', 80).verdict).toBe('ACCEPT');
    const r = through(lbTopology({ privateAcl: acl('10.0.20.0/24') }), 'web-a', 'lb', 80);
    expect(r.verdict).toBe('REJECT');
    expect(r.blockedBy).toBe('acl-private');
    expect(r.return?.verdict).toBe('REJECT');
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html — a load balancer sends traffic only to registered targets
  it('rejects at the load balancer a target named with --via that it does not forward to', () => {
    const t = lbTopology({ targetGroups: [{ id: 'tg', vpc: 'vpc-a', protocol: 'HTTP', port: 8080, targets: [{ id: 'web-a' }] }] });
    expect(through(t, 'web-a', 'lb', 80).verdict).toBe('ACCEPT');
    const r = through(t, 'web-b', 'lb', 80);
    expect(r.verdict).toBe('REJECT');
    expect(r.blockedBy).toBe('lb');
    expect(r.reason).toBe('LB_TARGET_NOT_REGISTERED');
    // the ACCEPT means web-b itself: the same target by address is the same answer
    expect(through(t, '10.0.11.10', 'lb', 80).reason).toBe('LB_TARGET_NOT_REGISTERED');
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html — targets in a zone that is not enabled receive no traffic
  it('rejects a target in a zone the load balancer is not enabled in', () => {
    const t = lbTopology({ targetGroups: [{ id: 'tg', vpc: 'vpc-a', protocol: 'HTTP', port: 8080, targets: [{ id: 'web-a' }, { id: 'web-c' }] }] });
    expect(through(t, 'web-a', 'lb', 80).verdict).toBe('ACCEPT');
    const r = through(t, 'web-c', 'lb', 80);
    expect(r.reason).toBe('LB_TARGET_ZONE_NOT_ENABLED');
    expect(r.blockedBy).toBe('lb');
  });

  it('<lb>:<port> goes to every target and is ACCEPT only when all are reached', () => {
    const t = lbTopology({ targetGroups: [{ id: 'tg', vpc: 'vpc-a', protocol: 'HTTP', port: 8080, targets: [{ id: 'web-a' }, { id: 'web-b' }] }] });
    const ok = trace(t, { from: 'internet', to: 'lb:80' });
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.loadBalancer?.targets?.map((x) => x.target)).toEqual(['web-a', 'web-b']);
    const bad = trace(lbTopology({ targetGroups: [{ id: 'tg', vpc: 'vpc-a', protocol: 'HTTP', port: 8080, targets: [{ id: 'web-a' }, { id: 'web-c' }] }] }), {
      from: 'internet',
      to: 'lb:80',
    });
    expect(bad.verdict).toBe('REJECT');
    expect(explanationText(bad)).toMatch(/^Target web-c \(1 of 2 targets fail\)/);
    expect(() => trace(t, { from: 'internet', to: 'lb:80', port: 443 })).toThrow(/names port 80 but destination port is 443/);
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing — always on for ALB; off by default for NLB: a node serves its own zone
  it('uses the client-zone node with cross-zone on, and the target-zone node with it off', () => {
    const alb = trace(lbTopology({ lb: { scheme: 'internal' } }), { from: 'client', to: 'web-b', via: 'lb', port: 80 });
    expect(alb.verdict).toBe('ACCEPT');
    expect(alb.loadBalancer?.node.az).toBe('us-east-1a');
    const n = trace(lbTopology(nlb({ targetSg: [{ protocol: 'tcp', ports: 5000, source: '10.0.0.0/16' }] })), {
      from: 'client',
      to: 'web-b',
      via: 'lb',
      port: 5000,
    });
    expect(n.verdict).toBe('ACCEPT');
    expect(n.loadBalancer?.node.az).toBe('us-east-1b');
  });
});

describe('network load balancers: client IP preservation', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation — instance targets: enabled by default
  it('instance targets see the client address: a target group admitting only the load balancer subnets rejects', () => {
    const lbOnly = [{ protocol: 'tcp', ports: 5000, source: '10.0.0.0/23' }];
    const r = trace(lbTopology(nlb({ targetSg: lbOnly })), { from: 'client', to: 'web-a', via: 'lb', port: 5000 });
    expect(r.verdict).toBe('REJECT');
    expect(r.blockedBy).toBe('sg-web');
    expect(r.loadBalancer?.targets?.[0]).toMatchObject({ sourceIp: '10.0.20.10', clientIpPreserved: true });
    const ok = trace(lbTopology(nlb({ targetSg: [{ protocol: 'tcp', ports: 5000, source: '10.0.20.0/24' }] })), {
      from: 'client',
      to: 'web-a',
      via: 'lb',
      port: 5000,
    });
    expect(ok.verdict).toBe('ACCEPT');
  });

  // same page — IP type target groups (TCP, TLS): disabled by default; preserve_client_ip.enabled turns it on
  it('ip targets over TCP see the node address unless preservation is turned on', () => {
    const ipGroup = (extra: Record<string, unknown>) => [
      { id: 'tg', vpc: 'vpc-a', targetType: 'ip', protocol: 'TCP', port: 5000, targets: [{ ip: '10.0.10.10' }], ...extra },
    ];
    const lbOnly = [{ protocol: 'tcp', ports: 5000, source: '10.0.0.0/23' }];
    const off = trace(lbTopology(nlb({ targetSg: lbOnly, targetGroups: ipGroup({}) })), { from: 'client', to: '10.0.10.10', via: 'lb', port: 5000 });
    expect(off.verdict).toBe('ACCEPT');
    expect(off.loadBalancer?.targets?.[0]?.clientIpPreserved).toBe(false);
    const on = trace(lbTopology(nlb({ targetSg: lbOnly, targetGroups: ipGroup({ preserveClientIp: true }) })), {
      from: 'client',
      to: '10.0.10.10',
      via: 'lb',
      port: 5000,
    });
    expect(on.verdict).toBe('REJECT');
    expect(on.blockedBy).toBe('sg-web');
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html — a target rule referencing the NLB's group admits its traffic "even if you enable client IP preservation"
  it("admits preserved client traffic at a target that references the load balancer's security group", () => {
    const ref = [{ protocol: 'tcp', ports: 5000, source: 'sg-lb' }];
    const withSg = trace(lbTopology(nlb({ lb: { securityGroups: ['sg-lb'] }, targetSg: ref })), { from: 'client', to: 'web-a', via: 'lb', port: 5000 });
    expect(withSg.verdict).toBe('ACCEPT');
    expect(withSg.loadBalancer?.targets?.[0]?.clientIpPreserved).toBe(true);
    const other = trace(lbTopology(nlb({ lb: { securityGroups: ['sg-lb'] }, targetSg: [{ protocol: 'tcp', ports: 5000, source: 'sg-client' }], extra: {} })), {
      from: 'client',
      to: 'web-a',
      via: 'lb',
      port: 5000,
    });
    expect(other.verdict).toBe('ACCEPT'); // sg-client holds the client itself
    const none = trace(lbTopology(nlb({ lb: { securityGroups: ['sg-lb'] }, targetSg: [{ protocol: 'tcp', ports: 5000, source: 'sg-web' }] })), {
      from: 'client',
      to: 'web-a',
      via: 'lb',
      port: 5000,
    });
    expect(none.verdict).toBe('REJECT');
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-register-targets.html#target-security-groups — the target's network ACL must allow the clients' addresses
  it("needs the target subnet's ACL to let replies go to the client address", () => {
    const acl = (out: string) => ({
      inbound: [{ rule: 100, protocol: 'tcp', ports: 5000, cidr: '10.0.0.0/16', action: 'allow' }],
      outbound: [{ rule: 100, protocol: 'tcp', ports: '1024-65535', cidr: out, action: 'allow' }],
    });
    const open = [{ protocol: 'tcp', ports: 5000, source: '10.0.0.0/16' }];
    expect(trace(lbTopology(nlb({ targetSg: open, privateAcl: acl('10.0.0.0/16') })), { from: 'client', to: 'web-a', via: 'lb', port: 5000 }).verdict).toBe(
      'ACCEPT',
    );
    const r = trace(lbTopology(nlb({ targetSg: open, privateAcl: acl('10.0.0.0/23') })), { from: 'client', to: 'web-a', via: 'lb', port: 5000 });
    expect(r.verdict).toBe('REJECT');
    expect(r.blockedBy).toBe('acl-private');
    expect(hopDetail(r.return!.hops.at(-1)!)).toMatch(/outbound tcp\/49152 to 10\.0\.20\.10/);
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html#loopback-timeout — a target calling its own
  // load balancer with client IP preservation times out when routed to itself; without preservation it works
  it('a target that is its own client times out with client IP preservation, and connects without it', () => {
    const open = [{ protocol: 'tcp', ports: 5000, source: '10.0.0.0/16' }];
    const r = trace(lbTopology(nlb({ targetSg: open })), { from: 'web-a', to: 'web-a', via: 'lb', port: 5000 });
    expect([r.verdict, r.blockedBy, r.reason]).toEqual(['REJECT', 'web-a', 'LB_LOOPBACK_CLIENT_IP_PRESERVED']);
    expect(trace(lbTopology(nlb({ targetSg: open })), { from: 'web-b', to: 'web-a', via: 'lb', port: 5000 }).verdict).toBe('ACCEPT');
    const off = nlb({
      targetSg: open,
      targetGroups: [{ id: 'tg', vpc: 'vpc-a', protocol: 'TCP', port: 5000, preserveClientIp: false, targets: [{ id: 'web-a' }] }],
    });
    expect(trace(lbTopology(off), { from: 'web-a', to: 'web-a', via: 'lb', port: 5000 }).verdict).toBe('ACCEPT');
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html — a UDP listener takes UDP; TCP to it finds no listener
  it('matches the transport of UDP and TCP_UDP listeners', () => {
    const udp = (proto: string) =>
      nlb({
        targetSg: [{ protocol: 'udp', ports: 53, source: '10.0.0.0/16' }],
        listeners: [{ id: 'lst', loadBalancer: 'lb', protocol: proto, port: 53, targetGroup: 'tg' }],
        targetGroups: [{ id: 'tg', vpc: 'vpc-a', protocol: proto, port: 53, targets: [{ id: 'web-a' }] }],
      });
    expect(trace(lbTopology(udp('UDP')), { from: 'client', to: 'web-a', via: 'lb', protocol: 'udp', port: 53 }).verdict).toBe('ACCEPT');
    expect(trace(lbTopology(udp('UDP')), { from: 'client', to: 'web-a', via: 'lb', protocol: 'tcp', port: 53 }).reason).toBe('LB_NO_LISTENER');
    expect(trace(lbTopology(udp('TCP_UDP')), { from: 'client', to: 'web-a', via: 'lb', protocol: 'udp', port: 53 }).verdict).toBe('ACCEPT');
  });
});

describe('classic load balancers', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-instances-security-groups.html — instances admit the load balancer's group on the instance listener port
  it('forwards to the instance port of its registered instances', () => {
    const classic = (targetSg: Record<string, unknown>[]) =>
      lbTopology({
        lb: { type: 'classic', instances: ['web-a'] },
        listeners: [{ id: 'lst', loadBalancer: 'lb', protocol: 'HTTP', port: 80, instancePort: 8080 }],
        targetGroups: [],
        targetSg,
      });
    const ok = through(classic([{ protocol: 'tcp', ports: 8080, source: 'sg-lb' }]), 'web-a', 'lb', 80);
    expect(ok.verdict).toBe('ACCEPT');
    expect(ok.loadBalancer?.targets?.[0]).toMatchObject({ port: 8080 });
    const r = through(classic([{ protocol: 'tcp', ports: 80, source: 'sg-lb' }]), 'web-a', 'lb', 80);
    expect(r.verdict).toBe('REJECT');
    expect(r.blockedBy).toBe('sg-web');
  });
});

describe('output contracts', () => {
  it('keeps every existing trace key and adds loadBalancer; batch verdicts match the full tracer', () => {
    const t = lbTopology({ lb: { scheme: 'internal' }, targetSg: [{ protocol: 'tcp', ports: 8080, source: '192.0.2.0/24' }] });
    const r = trace(t, { from: 'client', to: 'web-a', via: 'lb', port: 80 });
    expect(r.blockedBy).toBe('sg-web');
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining(['verdict', 'flow', 'from', 'to', 'forward', 'return', 'blockedBy', 'reason', 'explanation', 'flowLogs', 'loadBalancer']),
    );
    const v = traceVerdict(t, { from: 'client', to: 'web-a', via: 'lb', port: 80 });
    expect([v.verdict, v.blockedBy, v.reason]).toEqual([r.verdict, r.blockedBy, r.reason]);
    expect(trace(t, { from: 'client', to: 'web-a', port: 8080 }).loadBalancer).toBeUndefined();
  });

  // https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html — each interface records what crossed it: srcaddr on ingress is the packet's source
  it('writes flow-log records for the node interfaces, with the client address at a target behind a preserving NLB', () => {
    const albTopology = lbTopology({ lb: { scheme: 'internal' } });
    const alb = withFlowLogs(albTopology, trace(albTopology, { from: 'client', to: 'web-a', via: 'lb', port: 80 }));
    expect(alb.verdict).toBe('ACCEPT');
    expect(alb.flowLogs.some((l) => l.split(' ')[2] === 'ela-lb-pub-a')).toBe(true);
    expect(alb.flowLogs.find((l) => l.split(' ')[2] === 'eni-web-a')?.split(' ')[3]).toBe('10.0.0.4');
    const open = [{ protocol: 'tcp', ports: 5000, source: '10.0.0.0/16' }];
    const nlbTopology = lbTopology(nlb({ targetSg: open }));
    const n = withFlowLogs(nlbTopology, trace(nlbTopology, { from: 'client', to: 'web-a', via: 'lb', port: 5000 }), {
      format: '${interface-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${flow-direction}',
    });
    expect(n.flowLogs).toContain('eni-web-a 10.0.20.10 10.0.10.10 10.0.20.10 ingress');
    expect(n.flowLogs).toContain('ela-lb-pub-a 10.0.0.4 10.0.10.10 10.0.20.10 egress');
  });

  it('refuses a --via that is not a load balancer, and a node as a source', () => {
    const t = lbTopology();
    expect(() => trace(t, { from: 'internet', to: 'web-a', via: 'web-b' })).toThrow(/^via web-b: not a load balancer/);
    try {
      trace(t, { from: 'internet', to: 'web-a', via: 'web-b' });
    } catch (e) {
      expect((e as FlowError).describe(FLOW_FLAGS)).toMatch(/^--via web-b: not a load balancer/);
    }
    expect(() => trace(t, { from: 'ela-lb-pub-a', to: 'web-a', port: 8080 })).toThrow(/node of load balancer lb/);
  });
});
