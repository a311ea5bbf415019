// The hops that stop a packet on the links between networks — virtual private gateways and VPN connections, peering
// connections, transit gateways, gateway endpoints, Direct Connect gateways — and routing loops carry what stopped it as
// a typed step (src/trace/steps-links.ts); render/ writes their detail and fix from it. Each case's detail and fix are
// the words the hop carried before it had a step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hopDetail, hopFix, stepFix, stepText } from '../../src/render/trace-detail.js';
import { traceJson } from '../../src/render/trace-text.js';
import { parseIpv4 } from '../../src/net/ip.js';
import { newConnTrack, Walk } from '../../src/trace/engine.js';
import { trace, type FlowSpec } from '../../src/trace/trace.js';
import type { Hop, StepDetail, TraceResult } from '../../src/trace/types.js';
import { change, load, run } from '../helpers/trace.js';

// vpc-a peers with vpc-b, and with vpc-c shares a transit gateway whose default route leads back into vpc-a; vpc-a has a
// virtual private gateway with a VPN connection and an S3 gateway endpoint.
const LINKS = `version: 1
region: us-east-1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
  - { id: vpc-b, cidr: 10.1.0.0/16 }
  - { id: vpc-c, cidr: 10.2.0.0/16 }
subnets:
  - { id: sa, vpc: vpc-a, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-a }
  - { id: sa2, vpc: vpc-a, cidr: 10.0.1.0/24, az: us-east-1b, routeTable: rt-a }
  - { id: sb, vpc: vpc-b, cidr: 10.1.0.0/24, az: us-east-1a, routeTable: rt-b }
  - { id: sc, vpc: vpc-c, cidr: 10.2.0.0/24, az: us-east-1a, routeTable: rt-c }
peeringConnections: [ { id: pcx-ab, requesterVpc: vpc-a, accepterVpc: vpc-b } ]
vpnGateways: [ { id: vgw-a, vpc: vpc-a } ]
vpnConnections: [ { id: vpn-a, vpnGateway: vgw-a, onPremisesCidrs: [192.168.0.0/16] } ]
transitGateways: [ { id: tgw-1 } ]
transitGatewayAttachments:
  - { id: att-a, transitGateway: tgw-1, vpc: vpc-a, subnets: [sa], routeTable: tgw-rt }
  - { id: att-c, transitGateway: tgw-1, vpc: vpc-c, subnets: [sc], routeTable: tgw-rt }
transitGatewayRouteTables:
  - id: tgw-rt
    transitGateway: tgw-1
    propagations: [att-a, att-c]
    routes: [ { destination: 0.0.0.0/0, attachment: att-a }, { destination: 10.8.0.0/16, blackhole: true } ]
vpcEndpoints: [ { id: vpce-s3, vpc: vpc-a, type: gateway, service: s3, routeTables: [rt-a] } ]
routeTables:
  - id: rt-a
    vpc: vpc-a
    routes:
      - { destination: 10.1.0.0/16, target: pcx-ab }
      - { destination: 10.3.0.0/16, target: pcx-ab }
      - { destination: 10.2.0.0/16, target: tgw-1 }
      - { destination: 10.9.0.0/16, target: tgw-1 }
      - { destination: 172.16.0.0/12, target: vgw-a }
  - { id: rt-b, vpc: vpc-b, routes: [ { destination: 10.0.0.0/16, target: pcx-ab }, { destination: 10.2.0.0/16, target: tgw-1 } ] }
  - { id: rt-c, vpc: vpc-c, routes: [ { destination: 0.0.0.0/0, target: tgw-1 } ] }
securityGroups:
  - { id: sg-a, vpc: vpc-a, inbound: [ { protocol: all, source: 0.0.0.0/0 } ] }
  - { id: sg-b, vpc: vpc-b, inbound: [ { protocol: all, source: 0.0.0.0/0 } ] }
  - { id: sg-c, vpc: vpc-c, inbound: [ { protocol: all, source: 0.0.0.0/0 } ] }
instances:
  - { id: a1, subnet: sa, privateIp: 10.0.0.10, securityGroups: [sg-a] }
  - { id: a2, subnet: sa2, privateIp: 10.0.1.10, securityGroups: [sg-a] }
  - { id: b1, subnet: sb, privateIp: 10.1.0.10, securityGroups: [sg-b] }
  - { id: c1, subnet: sc, privateIp: 10.2.0.10, securityGroups: [sg-c] }
`;

// two VPCs over a transit gateway, vpc-b's attachment with IPv6 support off
const V6 = `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: "2600:1f18:a::/56" }
  - { id: vpc-b, cidr: 10.1.0.0/16, ipv6Cidr: "2600:1f18:b::/56" }
subnets:
  - { id: sa, vpc: vpc-a, cidr: 10.0.0.0/24, ipv6Cidr: "2600:1f18:a::/64", az: us-east-1a, routeTable: rt-a }
  - { id: sb, vpc: vpc-b, cidr: 10.1.0.0/24, ipv6Cidr: "2600:1f18:b::/64", az: us-east-1a, routeTable: rt-b }
routeTables:
  - { id: rt-a, vpc: vpc-a, routes: [ { destination: "2600:1f18:b::/56", target: tgw-1 } ] }
  - { id: rt-b, vpc: vpc-b, routes: [ { destination: "2600:1f18:a::/56", target: tgw-1 } ] }
transitGateways: [ { id: tgw-1 } ]
transitGatewayAttachments:
  - { id: att-a, transitGateway: tgw-1, vpc: vpc-a, subnets: [sa], routeTable: tgw-rt }
  - { id: att-b, transitGateway: tgw-1, vpc: vpc-b, subnets: [sb], routeTable: tgw-rt, ipv6Support: false }
transitGatewayRouteTables: [ { id: tgw-rt, transitGateway: tgw-1, propagations: [att-a, att-b] } ]
securityGroups:
  - { id: sg-a, vpc: vpc-a, inbound: [ { protocol: all, source: "::/0" } ] }
  - { id: sg-b, vpc: vpc-b, inbound: [ { protocol: all, source: "::/0" } ] }
instances:
  - { id: a1, subnet: sa, privateIp: 10.0.0.10, ipv6Addresses: ["2600:1f18:a::10"], securityGroups: [sg-a] }
  - { id: b1, subnet: sb, privateIp: 10.1.0.10, ipv6Addresses: ["2600:1f18:b::10"], securityGroups: [sg-b] }
`;

const HYBRID = readFileSync('scenarios/hybrid-dx-vpn.yaml', 'utf8');
const t443 = { protocol: 'tcp', port: 443 } as const;

interface Case {
  topology: () => string;
  flow: FlowSpec;
  blockedBy: string;
  reason: string;
  step: StepDetail;
  detail: string;
  fix?: string;
}

const CASES: Record<string, Case> = {
  'peer no interface': {
    topology: () => LINKS,
    flow: { from: 'a1', to: '10.1.0.2', protocol: 'udp', port: 53 },
    blockedBy: 'vpc-b',
    reason: 'NO_INTERFACE_FOR_DESTINATION',
    step: { type: 'vpc', action: 'no-interface', vpc: 'vpc-b', address: '10.1.0.2', enteredBy: 'peering', through: 'pcx-ab' },
    detail: 'no interface in vpc-b has address 10.1.0.2',
  },
  'peering inactive': {
    topology: () => change(LINKS, 'accepterVpc: vpc-b }', 'accepterVpc: vpc-b, status: pending-acceptance }'),
    flow: { from: 'a1', to: 'b1', ...t443 },
    blockedBy: 'pcx-ab',
    reason: 'BAD_STATE',
    step: { type: 'peering-connection', action: 'inactive', connection: 'pcx-ab', status: 'pending-acceptance' },
    detail: 'peering connection pcx-ab is pending-acceptance, not active',
    fix: 'accept the peering connection pcx-ab',
  },
  'peering not in peer': {
    topology: () => LINKS,
    flow: { from: 'a1', to: '10.3.0.5', ...t443 },
    blockedBy: 'pcx-ab',
    reason: 'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR',
    step: {
      type: 'peering-connection',
      action: 'not-in-peer-vpc',
      connection: 'pcx-ab',
      vpc: 'vpc-a',
      peerVpc: 'vpc-b',
      address: '10.3.0.5',
      peerCidrs: ['10.1.0.0/16'],
    },
    detail: '10.3.0.5 is not in vpc-b (10.1.0.0/16); pcx-ab reaches only that VPC — peering is not transitive',
    fix: 'peer vpc-a directly with the VPC that holds 10.3.0.5, or use a transit gateway',
  },
  'peering edge to edge': {
    topology: () => LINKS,
    flow: { from: 'c1', to: 'b1', ...t443 },
    blockedBy: 'pcx-ab',
    reason: 'EDGE_TO_EDGE_ROUTING',
    step: { type: 'peering-connection', action: 'edge-to-edge', connection: 'pcx-ab', vpc: 'vpc-a', enteredBy: 'tgw' },
    detail: 'pcx-ab carries only traffic from interfaces of vpc-a; this packet entered vpc-a through tgw (peering is not transitive)',
  },
  'vgw edge to edge': {
    topology: () => LINKS,
    flow: { from: 'c1', to: '172.16.0.5', ...t443 },
    blockedBy: 'vgw-a',
    reason: 'VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS',
    step: { type: 'vpn-gateway', action: 'edge-to-edge', gateway: 'vgw-a', enteredBy: 'tgw' },
    detail: 'vgw-a accepts only traffic from interfaces of its VPC; this packet entered through tgw (no edge-to-edge routing)',
  },
  'vgw no route': {
    topology: () => LINKS,
    flow: { from: 'a1', to: '172.16.0.5', ...t443 },
    blockedBy: 'vgw-a',
    reason: 'NO_ROUTE_TO_DESTINATION',
    step: { type: 'vpn-gateway', action: 'no-route', gateway: 'vgw-a', address: '172.16.0.5' },
    detail: "none of vgw-a's VPN connections or Direct Connect virtual interfaces routes 172.16.0.5",
    fix: "add 172.16.0.5's network to the onPremisesCidrs of a VPN connection on vgw-a or of a virtual interface of its Direct Connect gateway",
  },
  'endpoint edge to edge': {
    topology: () => LINKS,
    flow: { from: 'c1', to: 's3', ...t443 },
    blockedBy: 'vpce-s3',
    reason: 'EDGE_TO_EDGE_ROUTING',
    step: { type: 'gateway-endpoint', action: 'edge-to-edge', endpoint: 'vpce-s3', service: 's3', vpc: 'vpc-a', enteredBy: 'tgw' },
    detail: 'gateway endpoint vpce-s3 serves only resources in vpc-a; this packet entered through tgw',
    fix: 'give the source its own s3 endpoint, or use an interface endpoint, which is reachable over peering, VPN and transit gateways',
  },
  'endpoint protocol': {
    topology: () => LINKS,
    flow: { from: 'a1', to: 's3', protocol: 'udp', port: 443 },
    blockedBy: 'vpce-s3',
    reason: 'VPCE_GATEWAY_PROTOCOL_RESTRICTION',
    step: { type: 'gateway-endpoint', action: 'protocol', endpoint: 'vpce-s3', traffic: { protocol: 17, port: 443 } },
    detail: 'gateway endpoint vpce-s3 passes only TCP and ICMP echo, not udp/443',
    fix: 'use TCP',
  },
  'endpoint from on-premises': {
    topology: () => LINKS,
    flow: { from: '192.168.1.5', to: 's3', ...t443 },
    blockedBy: 'vpce-s3',
    reason: 'EDGE_TO_EDGE_ROUTING',
    step: { type: 'gateway-endpoint', action: 'from-on-premises', endpoint: 'vpce-s3', service: 's3', vpc: 'vpc-a', links: ['vpn-a'] },
    detail: 'gateway endpoint vpce-s3 serves only resources in vpc-a; traffic from on-premises over vpn-a cannot use it',
    fix: 'reach s3 from on-premises through an interface endpoint for s3 in vpc-a, which is reachable over VPN and Direct Connect',
  },
  'vgw not in vpc': {
    topology: () => LINKS,
    flow: { from: '192.168.1.5', to: 'b1', ...t443 },
    blockedBy: 'vgw-a',
    reason: 'VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS',
    step: { type: 'vpn-gateway', action: 'not-in-vpc', gateway: 'vgw-a', vpc: 'vpc-a', address: '10.1.0.10', vpcCidrs: ['10.0.0.0/16'] },
    detail: '10.1.0.10 is not a private address of an interface in vpc-a',
    fix: 'send to an address inside vpc-a (10.0.0.0/16)',
  },
  'vgw detached': {
    topology: () => change(change(LINKS, '{ id: vgw-a, vpc: vpc-a }', '{ id: vgw-a }'), '      - { destination: 172.16.0.0/12, target: vgw-a }\n', ''),
    flow: { from: '192.168.1.5', to: 'a1', ...t443 },
    blockedBy: 'vgw-a',
    reason: 'BAD_STATE_ATTACHMENT',
    step: { type: 'vpn-gateway', action: 'detached', gateway: 'vgw-a' },
    detail: 'vgw-a is not attached to a VPC',
  },
  'vpn no attachment': {
    topology: () =>
      change(
        LINKS,
        'onPremisesCidrs: [192.168.0.0/16] } ]',
        'onPremisesCidrs: [192.168.0.0/16] }, { id: vpn-t, transitGateway: tgw-1, onPremisesCidrs: [172.20.0.0/16] } ]',
      ),
    flow: { from: '172.20.0.5', to: 'a1', ...t443 },
    blockedBy: 'vpn-t',
    reason: 'BAD_STATE_VPN',
    step: { type: 'vpn-connection', action: 'no-attachment', connection: 'vpn-t' },
    detail: 'vpn-t terminates on a transit gateway but has no attachment',
    fix: 'add a transitGatewayAttachments entry with vpnConnection: vpn-t',
  },
  'no tgw attachment': {
    topology: () => LINKS,
    flow: { from: 'b1', to: 'c1', ...t443 },
    blockedBy: 'tgw-1',
    reason: 'NO_TGW_ATTACHMENT',
    step: { type: 'transit-gateway', action: 'no-attachment', transitGateway: 'tgw-1', vpc: 'vpc-b' },
    detail: 'vpc-b has no attachment to tgw-1',
    fix: 'attach vpc-b to tgw-1',
  },
  'tgw zone': {
    topology: () => LINKS,
    flow: { from: 'a2', to: 'c1', ...t443 },
    blockedBy: 'att-a',
    reason: 'TGW_ROUTE_AZ_RESTRICTION',
    step: { type: 'tgw-attachment', action: 'no-subnet-in-zone', attachment: 'att-a', zone: 'us-east-1b' },
    detail: 'att-a has no subnet in us-east-1b, where the traffic starts',
    fix: 'add a subnet in us-east-1b to att-a',
  },
  'tgw no route table': {
    topology: () => change(LINKS, 'subnets: [sc], routeTable: tgw-rt }', 'subnets: [sc] }'),
    flow: { from: 'c1', to: 'a1', ...t443 },
    blockedBy: 'att-c',
    reason: 'TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION',
    step: { type: 'tgw-attachment', action: 'no-route-table', attachment: 'att-c', transitGateway: 'tgw-1' },
    detail: 'att-c is not associated with a route table of tgw-1',
    fix: 'set routeTable on att-c',
  },
  'tgw no route': {
    topology: () => change(LINKS, '{ destination: 0.0.0.0/0, attachment: att-a }, ', ''),
    flow: { from: 'a1', to: '10.9.0.5', ...t443 },
    blockedBy: 'tgw-rt',
    reason: 'NO_ROUTE_TO_DESTINATION',
    step: { type: 'transit-gateway-route', action: 'no-route', routeTable: 'tgw-rt', address: '10.9.0.5' },
    detail: 'no route for 10.9.0.5 in transit gateway route table tgw-rt',
    fix: 'add a static route or a propagation for 10.9.0.5 to tgw-rt',
  },
  'tgw blackhole': {
    topology: () => LINKS,
    flow: { from: 'c1', to: '10.8.0.5', ...t443 },
    blockedBy: 'tgw-rt',
    reason: 'BLACKHOLE_ROUTE',
    step: { type: 'transit-gateway-route', action: 'blackhole', routeTable: 'tgw-rt', address: '10.8.0.5', destination: '10.8.0.0/16' },
    detail: 'route 10.8.0.0/16 in tgw-rt is a blackhole',
    fix: 'remove the blackhole route 10.8.0.0/16 from tgw-rt if this traffic should pass',
  },
  'routing loop': {
    topology: () => LINKS,
    flow: { from: 'a1', to: '10.9.0.5', ...t443 },
    blockedBy: 'rt-a',
    reason: 'ROUTING_LOOP',
    step: { type: 'routing-loop', routeTable: 'rt-a', path: ['sg-a', 'rt-a', 'vpc-a:default-acl', 'att-a', 'tgw-1', 'tgw-rt'] },
    detail: 'routing loop: the packet returns to rt-a unchanged (sg-a → rt-a → vpc-a:default-acl → att-a → tgw-1 → tgw-rt)',
    fix: 'change one of the routes on the loop so that it points toward the destination',
  },
  'dx not advertised (vgw)': {
    topology: () => change(HYBRID, 'allowedPrefixes: [10.60.0.0/16]', 'allowedPrefixes: [10.60.1.0/24]'),
    flow: { from: '192.168.10.20', to: 'app-1', ...t443 },
    blockedBy: 'dxgw-private',
    reason: 'DX_PREFIX_NOT_ADVERTISED',
    step: {
      type: 'direct-connect-gateway',
      action: 'not-advertised',
      gateway: 'dxgw-private',
      address: '10.60.1.10',
      allowedPrefixes: ['10.60.1.0/24'],
      owner: { vpnGateway: 'vgw-app', vpcCidrs: ['10.60.0.0/16'] },
    },
    detail:
      'dxgw-private does not advertise 10.60.1.10 to on-premises: the allowed prefixes (10.60.1.0/24) of its association with vgw-app are not the same as or wider than 10.60.0.0/16, so on-premises has no Direct Connect route to it (what the on-premises router does instead is outside AWS)',
    fix: 'add an allowed prefix that is the same as or wider than the VPC CIDR to the association of dxgw-private',
  },
  'dx not advertised (tgw)': {
    topology: () => change(HYBRID, 'allowedPrefixes: [10.70.0.0/16]', 'allowedPrefixes: [10.71.0.0/16]'),
    flow: { from: '172.16.4.4', to: 'shared-1', ...t443 },
    blockedBy: 'dxgw-transit',
    reason: 'DX_PREFIX_NOT_ADVERTISED',
    step: { type: 'direct-connect-gateway', action: 'not-advertised', gateway: 'dxgw-transit', address: '10.70.1.10', allowedPrefixes: ['10.71.0.0/16'] },
    detail:
      'dxgw-transit does not advertise 10.70.1.10 to on-premises: no allowed prefix (10.71.0.0/16) contains it, so on-premises has no Direct Connect route to it (what the on-premises router does instead is outside AWS)',
    fix: 'add an allowed prefix that is the same as or wider than the VPC CIDR to the association of dxgw-transit',
  },
  'dx no gateway': {
    topology: () => HYBRID,
    flow: { from: '192.168.10.20', to: 'shared-1', ...t443 },
    blockedBy: 'dxgw-private',
    reason: 'NO_ROUTE_TO_DESTINATION',
    step: { type: 'direct-connect-gateway', action: 'no-gateway', gateway: 'dxgw-private', address: '10.70.1.10', interfaceType: 'private' },
    detail: '10.70.1.10 is not behind any virtual private gateway associated with dxgw-private',
    fix: 'associate dxgw-private with the gateway of the VPC that holds 10.70.1.10',
  },
  'dx no attachment': {
    topology: () =>
      change(
        change(HYBRID, '  - { id: att-dx, transitGateway: tgw-hub, directConnectGateway: dxgw-transit, routeTable: tgw-rt }\n', ''),
        'propagations: [att-shared, att-dx, att-vpn]',
        'propagations: [att-shared, att-vpn]',
      ),
    flow: { from: '172.16.4.4', to: 'shared-1', ...t443 },
    blockedBy: 'dxgw-transit',
    reason: 'BAD_STATE_ATTACHMENT',
    step: { type: 'direct-connect-gateway', action: 'no-attachment', gateway: 'dxgw-transit', transitGateway: 'tgw-hub' },
    detail: 'dxgw-transit is associated with tgw-hub, but the file has no transit gateway attachment for it',
    fix: 'add a transitGatewayAttachments entry with transitGateway: tgw-hub and directConnectGateway: dxgw-transit',
  },
  'dx no route': {
    topology: () =>
      change(
        change(
          HYBRID,
          'propagations: [att-shared, att-dx, att-vpn]',
          'propagations: [att-shared, att-dx, att-vpn]\n    routes: [ { destination: 172.32.0.0/16, attachment: att-dx } ]',
        ),
        '      - { destination: 172.16.0.0/12, target: tgw-hub }\n',
        '      - { destination: 172.16.0.0/12, target: tgw-hub }\n      - { destination: 172.32.0.0/16, target: tgw-hub }\n',
      ),
    flow: { from: 'shared-1', to: '172.32.0.9', ...t443 },
    blockedBy: 'dxgw-transit',
    reason: 'NO_ROUTE_TO_DESTINATION',
    step: { type: 'direct-connect-gateway', action: 'no-route', gateway: 'dxgw-transit', address: '172.32.0.9' },
    detail: 'no transit virtual interface of dxgw-transit has an on-premises route for 172.32.0.9',
    fix: "advertise 172.32.0.9's network from on-premises over a transit virtual interface of dxgw-transit",
  },
  'dx reply not advertised': {
    topology: () => change(HYBRID, 'allowedPrefixes: [10.70.0.0/16]', 'allowedPrefixes: [10.71.0.0/16]'),
    flow: { from: 'shared-1', to: '172.16.4.4', ...t443 },
    blockedBy: 'dxgw-transit',
    reason: 'DX_PREFIX_NOT_ADVERTISED',
    step: {
      type: 'direct-connect-gateway',
      action: 'reply-not-advertised',
      gateway: 'dxgw-transit',
      address: '10.70.1.10',
      transitGateway: 'tgw-hub',
      allowedPrefixes: ['10.71.0.0/16'],
    },
    detail:
      'dxgw-transit does not advertise 10.70.1.10 to on-premises (allowed prefixes for tgw-hub: 10.71.0.0/16), so the reply has no Direct Connect route back',
    fix: "add a prefix containing 10.70.1.10 to the allowed prefixes of dxgw-transit's association with tgw-hub",
  },
  'tgw ipv6': {
    topology: () => V6,
    flow: { from: 'a1', to: 'b1', ...t443, ipv6: true },
    blockedBy: 'att-b',
    reason: 'TGW_ATTACH_IPV6_NOT_SUPPORTED',
    step: { type: 'tgw-attachment', action: 'ipv6-not-supported', attachment: 'att-b', source: '2600:1f18:a::10', destination: '2600:1f18:b::10' },
    detail: 'att-b has IPv6 support disabled, so it drops IPv6 traffic (2600:1f18:a::10 → 2600:1f18:b::10)',
    fix: 'set ipv6Support: true on att-b (and give its subnets IPv6 CIDRs)',
  },
};

/** The hop that rejected, in the forward or the return path. */
function blocking(r: TraceResult): Hop {
  return [...r.forward.hops, ...(r.return?.hops ?? [])].find((h) => h.reason === r.reason)!;
}

describe('rejecting hops on links between networks, as typed steps', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.reason} at ${c.blockedBy}, its step, detail and fix, in the trace and in --json`, () => {
      const x = run(c.topology(), c.flow);
      expect([x.verdict, x.blockedBy, x.reason]).toEqual(['REJECT', c.blockedBy, c.reason]);
      const h = blocking(x.r);
      expect(h.step).toEqual(c.step);
      expect(h.detail).toBeUndefined();
      expect(hopDetail(h)).toBe(c.detail);
      expect(hopFix(h)).toBe(c.fix);
      const j = traceJson(x.r) as { forward: { hops: Hop[] }; return?: { hops: Hop[] } };
      const jh = [...j.forward.hops, ...(j.return?.hops ?? [])].find((y) => y.reason === c.reason)!;
      expect(jh.step).toEqual(c.step);
      expect(jh.detail).toBe(c.detail);
      expect(jh.fix).toBe(c.fix);
    });
  }

  it('an attachment with no subnet (which the binder refuses in a file): the step names it, and there is no fix to suggest', () => {
    const t = load(LINKS);
    const att = t.transitGateways.flatMap((g) => g.attachments).find((a) => a.id === 'att-c')!;
    att.interfacesByAz.clear();
    const r = trace(t, { from: 'a1', to: 'c1', ...t443, flowLogs: false });
    expect([r.blockedBy, r.reason]).toEqual(['att-c', 'NO_ROUTE_TO_DESTINATION']);
    const h = blocking(r);
    expect(h.step).toEqual({ type: 'tgw-attachment', action: 'no-subnet', attachment: 'att-c' });
    expect(hopDetail(h)).toBe('att-c has no subnet');
    expect(hopFix(h)).toBeUndefined();
  });

  it("a gateway endpoint's reply to an address no interface of its VPC has: the step names the VPC, the address and the endpoint", () => {
    const t = load(LINKS);
    const ep = t.vpcEndpoints.find((e) => e.id === 'vpce-s3')!;
    const ip = (s: string): number => {
      const p = parseIpv4(s);
      if (!p.ok) throw new Error(p.error);
      return p.value;
    };
    const w = new Walk(t, 'return', newConnTrack(), { explain: true });
    const pkt = { protocol: 6, src: ip('52.216.0.10'), dst: ip('10.0.0.99'), srcPort: 443, dstPort: 40000, icmpType: 0, icmpCode: 0 };
    expect(w.fromGatewayEndpoint(ep, pkt)).toBe(false);
    expect([w.blockedBy, w.reason]).toEqual(['vpc-a', 'NO_INTERFACE_FOR_DESTINATION']);
    const h = w.hops.at(-1)!;
    expect(h.step).toEqual({ type: 'vpc', action: 'no-interface', vpc: 'vpc-a', address: '10.0.0.99', enteredBy: 'service', through: 'vpce-s3' });
    expect(hopDetail(h)).toBe('no interface in vpc-a has address 10.0.0.99');
    expect(hopFix(h)).toBeUndefined();
  });

  it('the steps of other components keep their own words: a forwarding vpn-gateway, tgw-attachment and direct-connect-gateway step', () => {
    expect(stepText({ type: 'vpn-gateway', gateway: 'vgw-a', vpc: 'vpc-a' })).toBe('into vpc-a');
    expect(stepFix({ type: 'vpn-gateway', gateway: 'vgw-a', vpc: 'vpc-a' })).toBeUndefined();
    expect(stepText({ type: 'tgw-attachment', attachment: 'att-a', action: 'to-vpn', vpnConnection: 'vpn-a' })).toBe('to VPN connection vpn-a');
    expect(stepText({ type: 'direct-connect-gateway', gateway: 'dx', to: 'vpn-gateway', vpnGateway: 'vgw-a', advertised: [] })).toBe(
      'to vgw-a (advertised: none)',
    );
  });

  it('a run without explanations builds no step for these hops', () => {
    const r = trace(load(LINKS), { from: 'a1', to: '10.9.0.5', ...t443, explain: false, flowLogs: false });
    expect(r.reason).toBe('ROUTING_LOOP');
    expect(blocking(r).step).toBeUndefined();
  });
});
