// Load balancers in the format: defaults, and a positioned error for each wrong input.
import { describe, expect, it } from 'vitest';
import { loadTopologyText } from '../../src/index.js';

const base = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
  - { id: vpc-b, cidr: 10.1.0.0/16 }
subnets:
  - { id: pub-a, vpc: vpc-a, cidr: 10.0.0.0/24, az: us-east-1a }
  - { id: pub-b, vpc: vpc-a, cidr: 10.0.1.0/24, az: us-east-1b }
  - { id: pub-a2, vpc: vpc-a, cidr: 10.0.2.0/24, az: us-east-1a }
  - { id: other, vpc: vpc-b, cidr: 10.1.0.0/24, az: us-east-1a }
securityGroups:
  - { id: sg-lb, vpc: vpc-a }
  - { id: sg-b, vpc: vpc-b }
instances:
  - { id: web-a, subnet: pub-a, privateIp: 10.0.0.10 }
  - { id: web-other, name: far, subnet: other, privateIp: 10.1.0.10 }
`;

/** The errors of `base` plus `more`, as "line:col CODE". */
function errors(more: string): string[] {
  const r = loadTopologyText(base + more, 'lb.yaml');
  return r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`);
}
const at = (line: number) => line + base.split('\n').length - 1;

describe('binding load balancers', () => {
  it('binds nodes with AWS defaults: first free addresses, internet-facing, cross-zone per type, client IP preservation per target type', () => {
    const r = loadTopologyText(
      `${base}loadBalancers:
  - { id: nlb, type: network, subnets: [pub-a, pub-b] }
listeners:
  - { id: l1, loadBalancer: nlb, protocol: TCP, port: 80, targetGroup: tg-i }
  - { id: l2, loadBalancer: nlb, protocol: UDP, port: 53, targetGroup: tg-u }
  - { id: l3, loadBalancer: nlb, protocol: TCP, port: 81, targetGroup: tg-ip }
targetGroups:
  - { id: tg-i, vpc: vpc-a, protocol: TCP, port: 80, targets: [{ id: web-a }] }
  - { id: tg-u, vpc: vpc-a, targetType: ip, protocol: UDP, port: 53, targets: [{ ip: 10.0.0.10 }] }
  - { id: tg-ip, vpc: vpc-a, targetType: ip, protocol: TCP, port: 81, targets: [{ ip: 10.0.0.10 }] }
`,
      'lb.yaml',
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const t = r.topology!;
    const lb = t.loadBalancers[0]!;
    expect([lb.scheme, lb.crossZone, lb.securityGroups.length]).toEqual(['internet-facing', false, 0]);
    // https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html — the first four addresses are reserved: the first free one is .4
    expect(lb.nodes.map((n) => [n.eni.id, n.eni.privateIp! & 255, n.eni.publicIp !== undefined])).toEqual([
      ['ela-nlb-pub-a', 4, true],
      ['ela-nlb-pub-b', 4, true],
    ]);
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation
    expect(t.targetGroups.map((g) => [g.id, g.preserveClientIp])).toEqual([
      ['tg-i', true],
      ['tg-u', true],
      ['tg-ip', false],
    ]);
    expect(t.targetGroups[0]!.healthCheck).toMatchObject({ protocol: 'TCP', port: 'traffic-port' });
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#availability-zones — one subnet per zone, at least two zones
  it('refuses two subnets in one zone, and an application load balancer in one zone', () => {
    expect(
      errors(`loadBalancers:
  - { id: alb, type: application, subnets: [pub-a, pub-a2], securityGroups: [sg-lb] }
`),
    ).toEqual([
      `${at(2)}:52 LB_DUPLICATE_ZONE subnets 'pub-a' and 'pub-a2' of load balancer 'alb' are both in us-east-1a; a load balancer takes one subnet per Availability Zone`,
    ]);
    expect(
      errors(`loadBalancers:
  - { id: alb, type: application, subnets: [pub-a], securityGroups: [sg-lb] }
`)[0],
    ).toMatch(/^\d+:\d+ LB_TOO_FEW_ZONES application load balancer 'alb' has one subnet/);
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html — an Application Load Balancer has security groups
  it('refuses an application load balancer without security groups, and groups of another VPC', () => {
    expect(
      errors(`loadBalancers:
  - { id: alb, type: application, subnets: [pub-a, pub-b] }
`),
    ).toEqual([
      `${at(2)}:5 MISSING_KEY application load balancer 'alb' needs securityGroups (AWS always attaches at least one to an application load balancer)`,
    ]);
    expect(
      errors(`loadBalancers:
  - { id: alb, type: application, subnets: [pub-a, pub-b], securityGroups: [sg-b] }
`)[0],
    ).toMatch(/CROSS_VPC_REFERENCE security group 'sg-b' is in VPC 'vpc-b'/);
    expect(
      errors(`loadBalancers:
  - { id: alb, type: application, subnets: [pub-a, other], securityGroups: [sg-lb] }
`)[0],
    ).toMatch(/CROSS_VPC_REFERENCE subnet 'other' is in VPC 'vpc-b'/);
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html (HTTP, HTTPS) and
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html (TCP, TLS, UDP, TCP_UDP)
  it('refuses a listener protocol the type does not have, and a target group of the wrong family', () => {
    const lbs = `loadBalancers:
  - { id: alb, type: application, subnets: [pub-a, pub-b], securityGroups: [sg-lb] }
targetGroups:
  - { id: tg-tcp, vpc: vpc-a, protocol: TCP, port: 80 }
listeners:
`;
    expect(
      errors(`${lbs}  - { id: l1, loadBalancer: alb, protocol: TCP, port: 80, targetGroup: tg-tcp }
`),
    ).toEqual([`${at(6)}:44 LB_LISTENER_PROTOCOL listener 'l1' has protocol 'TCP', which application load balancer 'alb' does not support`]);
    expect(
      errors(`${lbs}  - { id: l1, loadBalancer: alb, protocol: HTTP, port: 80, targetGroup: tg-tcp }
`)[0],
    ).toMatch(/LB_TARGET_GROUP_PROTOCOL target group 'tg-tcp' \(TCP\) cannot serve HTTP listener 'l1'/);
  });

  it('refuses unknown load balancer and target group references, with the closest id', () => {
    const e = errors(`loadBalancers:
  - { id: alb, type: application, subnets: [pub-a, pub-b], securityGroups: [sg-lb] }
targetGroups:
  - { id: tg-web, vpc: vpc-a, protocol: HTTP, port: 80 }
listeners:
  - { id: l1, loadBalancer: alb, protocol: HTTP, port: 80, targetGroup: tg-wbe }
  - { id: l2, loadBalancer: abl, protocol: HTTP, port: 81, targetGroup: tg-web }
`);
    expect(e).toEqual([
      `${at(6)}:73 UNKNOWN_REFERENCE unknown target group 'tg-wbe' (did you mean 'tg-web'?)`,
      `${at(7)}:29 UNKNOWN_REFERENCE unknown load balancer 'abl' (did you mean 'alb'?)`,
    ]);
  });

  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-type — instance targets in the group's VPC;
  // ip targets in the VPC, RFC 1918 or RFC 6598 space
  it("refuses an instance target outside the group's VPC and a public ip target", () => {
    expect(
      errors(`targetGroups:
  - { id: tg, vpc: vpc-a, protocol: HTTP, port: 80, targets: [{ id: far }] }
`),
    ).toEqual([`${at(2)}:69 TARGET_OUTSIDE_VPC instance 'web-other' is in VPC 'vpc-b', but target group 'tg' is in VPC 'vpc-a'`]);
    expect(
      errors(`targetGroups:
  - { id: tg, vpc: vpc-a, targetType: ip, protocol: HTTP, port: 80, targets: [{ ip: 8.8.8.8 }] }
`)[0],
    ).toMatch(/INVALID_TARGET ip target 8\.8\.8\.8 of 'tg' is neither in VPC 'vpc-a'/);
  });

  it('refuses crossZone: false on an application load balancer, a public address on an internal node, two listeners on a port', () => {
    expect(
      errors(`loadBalancers:
  - { id: alb, type: application, subnets: [pub-a, pub-b], securityGroups: [sg-lb], crossZone: false }
`)[0],
    ).toMatch(/INVALID_VALUE crossZone: false on application load balancer 'alb'/);
    expect(
      errors(`loadBalancers:
  - { id: nlb, type: network, scheme: internal, subnets: [pub-a], nodes: [{ subnet: pub-a, publicIp: 203.0.113.5 }] }
`)[0],
    ).toMatch(/INVALID_VALUE node 'ela-nlb-pub-a' of internal load balancer 'nlb' has a publicIp/);
    expect(
      errors(`loadBalancers:
  - { id: nlb, type: network, subnets: [pub-a] }
targetGroups:
  - { id: tg, vpc: vpc-a, protocol: TCP_UDP, port: 53 }
listeners:
  - { id: l1, loadBalancer: nlb, protocol: TCP_UDP, port: 53, targetGroup: tg }
  - { id: l2, loadBalancer: nlb, protocol: TCP_UDP, port: 53, targetGroup: tg }
`),
    ).toEqual([`${at(7)}:59 DUPLICATE_LISTENER load balancer 'nlb' already has listener 'l1' on TCP_UDP port 53`]);
  });

  it('gives schema errors for an unknown type and a missing key', () => {
    const e = errors(`loadBalancers:
  - { id: x, type: gateway, subnets: [pub-a] }
listeners:
  - { id: l1, protocol: HTTP, port: 80 }
`);
    expect(e.some((m) => /INVALID_VALUE|WRONG_TYPE/.test(m) && m.includes('gateway'))).toBe(true);
    expect(e.some((m) => m.includes('MISSING_KEY') && m.includes('loadBalancer'))).toBe(true);
  });
});
