// The `rule:` of a hop is the rule as written, on one line, whatever the layout: flow style, block style, a rule
// inside a one-line resource, or JSON.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadTopologyText } from '../../src/index.js';
import { run } from '../helpers/trace.js';

const ONE_LINE = `version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]
internetGateways: [ { id: igw-a, vpc: vpc-a } ]
subnets: [ { id: pub, vpc: vpc-a, cidr: 10.0.0.0/24, az: us-east-1a, routeTable: rt-prod } ]
routeTables: [ { id: rt-prod, vpc: vpc-a, routes: [ { destination: 0.0.0.0/0, target: igw-a } ] } ]
securityGroups: [ { id: sg-web, vpc: vpc-a, inbound: [ { protocol: tcp, ports: 443, source: 0.0.0.0/0 } ] } ]
instances: [ { id: web, subnet: pub, privateIp: 10.0.0.10, publicIp: 54.0.0.10, securityGroups: [sg-web] } ]
`;

const BLOCK = `version: 1
vpcs:
  - id: vpc-a
    cidr: 10.0.0.0/16
internetGateways:
  - id: igw-a
    vpc: vpc-a
subnets:
  - id: pub
    vpc: vpc-a
    cidr: 10.0.0.0/24
    az: us-east-1a
    routeTable: rt-prod
routeTables:
  - id: rt-prod
    vpc: vpc-a
    routes:
      - destination: 0.0.0.0/0   # the internet
        target: igw-a
securityGroups:
  - id: sg-web
    vpc: vpc-a
    inbound:
      - protocol: tcp
        ports: 443
        source: 0.0.0.0/0
instances:
  - id: web
    subnet: pub
    privateIp: 10.0.0.10
    publicIp: 54.0.0.10
    securityGroups: [sg-web]
`;

function rules(text: string, file: string): Record<string, string | undefined> {
  const t = loadTopologyText(text, file).topology!;
  const x = run(t, { from: 'internet', to: 'web', port: 443 });
  expect(x.verdict).toBe('ACCEPT');
  const at = (c: string) => [...x.r.forward.hops, ...x.r.return!.hops].find((h) => h.component === c && h.rule?.line)?.rule;
  return { sg: at('sg-web')?.text, route: at('rt-prod')?.text, sgLine: String(at('sg-web')?.line) };
}

describe('the rule line', () => {
  it('in a one-line resource, prints the rule, not the resource', () => {
    const r = rules(ONE_LINE, 'x.yaml');
    expect(r.sg).toBe('{ protocol: tcp, ports: 443, source: 0.0.0.0/0 }');
    expect(r.route).toBe('{ destination: 0.0.0.0/0, target: igw-a }');
    expect(r.sgLine).toBe('6');
  });

  it('in block style, prints every key of the rule, not the first, and drops comments', () => {
    const r = rules(BLOCK, 'x.yaml');
    expect(r.sg).toBe('{ protocol: tcp, ports: 443, source: 0.0.0.0/0 }');
    expect(r.route).toBe('{ destination: 0.0.0.0/0, target: igw-a }');
    expect(r.sgLine).toBe('24');
  });

  it('in JSON (pretty or compact), prints the rule object as written', () => {
    expect(rules(JSON.stringify(parse(BLOCK), null, 2), 'x.json').sg).toBe('{ "protocol": "tcp", "ports": 443, "source": "0.0.0.0/0" }');
    expect(rules(JSON.stringify(parse(BLOCK)), 'x.json').sg).toBe('{"protocol":"tcp","ports":443,"source":"0.0.0.0/0"}');
  });
});
