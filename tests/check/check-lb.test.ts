// The load balancer rules VPC022–VPC026: each on its broken scenario (the failing case, with the finding users see)
// and on the same file with the fix its page gives (the passing case).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles, exitCode } from '../../src/check/check.js';
import type { Finding } from '../../src/check/types.js';

const dir = mkdtempSync(join(tmpdir(), 'vpcsim-check-lb-'));

function findings(file: string, edit?: [string | RegExp, string][]): Finding[] {
  let path = `scenarios/broken/${file}`;
  if (edit) {
    let text = readFileSync(path, 'utf8');
    for (const [from, to] of edit) {
      const next = text.replace(from, to);
      expect(next, `edit ${from} applies`).not.toBe(text);
      text = next;
    }
    path = join(dir, file);
    writeFileSync(path, text);
  }
  const r = checkFiles([path]);
  expect(r.assertions.every((a) => a.passed)).toBe(true);
  return r.findings.filter((f) => f.ruleId !== 'VPC021');
}

describe('VPC022 lb-target-bypass', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html
  it('reports a target the internet reaches directly on the traffic port, at its targets entry, with the path', () => {
    const [f, ...rest] = findings('VPC022-lb-target-bypass.yaml');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ruleId: 'VPC022', severity: 'warning', line: 51 });
    expect(f!.message).toContain(
      "'web-a' is a target of internet-facing load balancer 'alb-web' (target group 'tg-web'), but the internet also reaches it directly at 54.0.0.20 on port 8080",
    );
    expect(f!.evidence).toBe('internet -> igw-web -> vpc-web:default-acl -> sg-web -> web-a');
    expect(f!.hint).toContain('(sg-alb)');
  });
  it('passes when the target admits the port only from the load balancer', () => {
    expect(
      findings('VPC022-lb-target-bypass.yaml', [
        ['ports: 8080, source: 0.0.0.0/0', 'ports: 8080, source: sg-alb'],
        [/to: 54\.0\.0\.20, protocol: tcp, port: 8080, expect: accept/, 'to: 54.0.0.20, protocol: tcp, port: 8080, expect: reject'],
      ]),
    ).toEqual([]);
  });
});

describe('VPC023 lb-target-sg-blocks-lb', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-register-targets.html#target-security-groups
  it("reports a target whose security group does not admit the load balancer's nodes on the target port", () => {
    const all = findings('VPC023-lb-target-sg.yaml');
    expect(all.map((f) => f.ruleId)).toEqual(['VPC023']);
    expect(all[0]!.message).toMatch(
      /^the security groups of 'web-a' \(sg-web\) do not allow load balancer 'alb-web' on port 8080: the connection from node 10\.0\.0\.\d+ \(us-east-1a\) is refused/,
    );
    expect(all[0]!.hint).toBe("add an inbound rule for tcp 8080 from the load balancer's security group 'sg-alb'");
    expect(exitCode(checkFiles(['scenarios/broken/VPC023-lb-target-sg.yaml']))).toBe(1);
  });
  it("passes with the fix: 8080 from the load balancer's security group", () => {
    expect(
      findings('VPC023-lb-target-sg.yaml', [
        ['source: 10.0.20.0/24', 'source: sg-alb'],
        ['expect: reject', 'expect: accept'],
      ]),
    ).toEqual([]);
  });
});

describe('VPC024 lb-health-check-blocked', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html#target-not-in-service
  it('reports health checks on a port the target does not admit, naming the blocking component and the tracer reason', () => {
    const all = findings('VPC024-lb-health-check-blocked.yaml');
    expect(all.map((f) => f.ruleId)).toEqual(['VPC024']);
    expect(all[0]!.message).toMatch(
      /^health checks of 'tg-web' \(HTTP port 8081\) from node 10\.0\.0\.\d+ of 'alb-web' \(us-east-1a\) to 'web-a': it is blocked by 'sg-web' \(ENI_SG_RULES_MISMATCH\)/,
    );
  });
  it('passes when the health check uses the traffic port', () => {
    expect(findings('VPC024-lb-health-check-blocked.yaml', [['port: 8081 }', 'port: traffic-port }']])).toEqual([]);
  });
  it("quotes the blocking hop in the words describeHop gives it (the CLI passes render's), and the hop's own text without it", () => {
    const file = 'scenarios/broken/VPC024-lb-health-check-blocked.yaml';
    const seen: string[] = [];
    const worded = checkFiles([file], {
      describeHop: (hop) => {
        seen.push(hop.component);
        return { detail: 'DETAIL-WORDS', fix: 'FIX-WORDS' };
      },
    }).findings.find((f) => f.ruleId === 'VPC024')!;
    expect(seen).toContain('sg-web');
    expect(worded.message).toMatch(/to 'web-a': it is blocked by 'sg-web' \(ENI_SG_RULES_MISMATCH\): DETAIL-WORDS; the target would be marked unhealthy/);
    expect(worded.hint).toBe('FIX-WORDS');
    const plain = checkFiles([file]).findings.find((f) => f.ruleId === 'VPC024')!;
    expect(plain.message).not.toContain('DETAIL-WORDS');
  });
  it('a network ACL that drops the reply of the health check is reported as the reply being blocked', () => {
    const acl = `
networkAcls:
  - id: acl-private
    vpc: vpc-web
    inbound:
      - { rule: 100, protocol: tcp, ports: 8080-8081, cidr: 10.0.0.0/16, action: allow }
    outbound:
      - { rule: 100, protocol: tcp, ports: 8080, cidr: 10.0.0.0/16, action: allow }
`;
    const all = findings('VPC024-lb-health-check-blocked.yaml', [
      ['port: 8081 }', 'port: traffic-port }'],
      ['\nassertions:', `${acl}\nassertions:`],
      ['expect: accept', 'expect: reject'],
      [/(cidr: 10\.0\.1[01]\.0\/24, az: us-east-1[ab]) \}/g, '$1, networkAcl: acl-private }'],
    ]);
    expect(all.map((f) => f.ruleId)).toEqual(['VPC024']);
    expect(all[0]!.message).toContain("the reply is blocked by 'acl-private'");
  });
});

describe('VPC025 lb-single-zone', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#availability-zones
  it('reports a load balancer with subnets in one zone', () => {
    const all = findings('VPC025-lb-single-zone.yaml');
    expect(all).toMatchObject([
      {
        ruleId: 'VPC025',
        line: 26,
        message: "load balancer 'nlb-app' has subnets in one Availability Zone only (us-east-1a): an outage of that zone takes it down",
      },
    ]);
  });
  it('passes with a second zone', () => {
    const second = [
      '  - { id: client-a, vpc: vpc-app',
      '  - { id: app-b,    vpc: vpc-app, cidr: 10.0.11.0/24, az: us-east-1b }\n  - { id: client-a, vpc: vpc-app',
    ] as [string, string];
    expect(findings('VPC025-lb-single-zone.yaml', [second, ['subnets: [app-a] }', 'subnets: [app-a, app-b] }']])).toEqual([]);
  });
});

describe('VPC026 lb-internet-facing-no-igw', () => {
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html (Scheme)
  it('reports each subnet of an internet-facing load balancer without an internet gateway route', () => {
    const all = findings('VPC026-lb-internet-facing-no-igw.yaml');
    expect(all.map((f) => [f.ruleId, f.line])).toEqual([
      ['VPC026', 39],
      ['VPC026', 39],
    ]);
    expect(all[0]!.message).toContain("subnet 'private-a' (us-east-1a), whose route table 'vpc-web:main-rtb' has no route to an internet gateway");
  });
  it('passes in public subnets', () => {
    expect(
      findings('VPC026-lb-internet-facing-no-igw.yaml', [
        ['subnets: [private-a, private-b]', 'subnets: [public-a, public-b]'],
        ['expect: reject', 'expect: accept'],
      ]),
    ).toEqual([]);
  });
});
