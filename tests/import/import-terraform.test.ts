// Traces across imported Terraform plans give the answers AWS would give after apply. Each expectation is
// derived from the fixture's configuration and AWS / Terraform semantics (the comment says why), not from
// vpcsim's output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTerraform } from '../../src/import/terraform/index.js';
import { loadTopologyFromData } from '../../src/index.js';
import { loadPlan, run } from '../helpers/terraform-helpers.js';

describe('basic-plan-1.2.json: a create-only plan (format 1.2), root module', () => {
  const { t, r } = loadPlan('basic-plan-1.2.json');

  it('reads the planned values and names resources by address', () => {
    expect(r.summary).toMatchObject({ kind: 'plan', formatVersion: '1.2', values: 'planned' });
    expect(r.summary.imported).toMatchObject({ aws_vpc: 1, aws_subnet: 2, aws_instance: 6, aws_security_group: 3, aws_route: 1, aws_nat_gateway: 1 });
    expect(t.byId.get('aws_instance.web')?.kind).toBe('instance');
    expect(r.topology.region).toBe('us-east-1');
  });

  it('a security group with no egress block has no egress rule (Terraform removes the AWS default)', () => {
    // aws_security_group.locked has ingress only; the provider removes AWS's allow-all egress rule.
    const out = run(t, { from: 'aws_instance.locked', to: 'internet', port: 443 });
    expect(out).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_security_group.locked' });
    const sg = (r.topology.securityGroups as Record<string, unknown>[]).find((s) => s.id === 'aws_security_group.locked');
    expect(sg?.outbound).toEqual([]);
    // even inside the VPC
    expect(run(t, { from: 'aws_instance.locked', to: 'aws_instance.app', port: 22 })).toMatchObject({
      verdict: 'REJECT',
      blockedBy: 'aws_security_group.locked',
    });
  });

  it('an instance with no security group gets the VPC default group (all outbound allowed)', () => {
    // aws_instance.plain sets no vpc_security_group_ids: AWS puts it in the VPC's default group, whose egress allows all.
    expect(run(t, { from: 'aws_instance.plain', to: 'internet', port: 443 })).toMatchObject({ verdict: 'ACCEPT' });
    // ...and whose ingress allows only members of the group: web's group is not a member
    expect(run(t, { from: 'aws_instance.web', to: 'aws_instance.plain', port: 22 })).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_vpc.main/default-sg' });
  });

  it('instance → internet through the NAT gateway', () => {
    // aws_route.private_nat: 0.0.0.0/0 → aws_nat_gateway.nat in the private table; the NAT sits in the public subnet
    // whose table sends 0.0.0.0/0 to the internet gateway; web SG egress allows all.
    const out = run(t, { from: 'aws_instance.app', to: 'internet', port: 443 });
    expect(out.verdict).toBe('ACCEPT');
    expect(out.hops).toContain('aws_nat_gateway.nat');
    expect(out.hops).toContain('aws_internet_gateway.gw');
  });

  it('internet → instance with a public IP (map_public_ip_on_launch), and the assumption is recorded', () => {
    // aws_subnet.public maps public IPs on launch; aws_instance.web does not set associate_public_ip_address,
    // so it gets one; its SG allows 443 from 0.0.0.0/0.
    expect(run(t, { from: 'internet', to: 'aws_instance.web', port: 443 })).toMatchObject({ verdict: 'ACCEPT' });
    expect(r.assumptions['aws_instance.web']?.[0]).toMatch(/public IP is assigned at launch .* unknown until apply/);
    expect(r.warnings.some((w) => w.code === 'ASSUMPTION' && w.message.startsWith('aws_instance.web:'))).toBe(true);
  });

  it('internet → instance without a public IP is rejected', () => {
    // aws_instance.internal sets associate_public_ip_address = false in the same public subnet.
    expect(run(t, { from: 'internet', to: 'aws_instance.internal', port: 443 })).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_internet_gateway.gw' });
    // aws_instance.app is in the private subnet (map_public_ip_on_launch false): no public IP either.
    expect(run(t, { from: 'internet', to: 'aws_instance.app', port: 443 }).verdict).toBe('REJECT');
  });

  it('a gateway endpoint on only one route table: only that table routes S3 to it', () => {
    // aws_vpc_endpoint.s3 route_table_ids = [aws_route_table.private.id]: AWS adds the S3 prefix-list route there only.
    const priv = run(t, { from: 'aws_instance.app', to: 's3', port: 443 });
    expect(priv.verdict).toBe('ACCEPT');
    expect(priv.hops).toContain('aws_vpc_endpoint.s3');
    const pub = run(t, { from: 'aws_instance.web', to: 's3', port: 443 });
    expect(pub.verdict).toBe('ACCEPT');
    expect(pub.hops).not.toContain('aws_vpc_endpoint.s3');
    expect(pub.hops).toContain('aws_internet_gateway.gw');
  });

  it('an inline rule naming another group by reference (unknown id) is resolved from the configuration', () => {
    // web allows 22 from security_groups = [aws_security_group.bastion.id]
    expect(run(t, { from: 'aws_instance.bastion', to: 'aws_instance.web', port: 22 }).verdict).toBe('ACCEPT');
    expect(run(t, { from: 'aws_instance.app', to: 'aws_instance.web', port: 22 })).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_security_group.web' });
  });
});

describe('the bench plan (count-indexed VPCs, links only as references)', () => {
  it("binds, and each instance gets its own VPC's group (aws_security_group.web[count.index])", async () => {
    const { terraformPlan } = await import('../../bench/terraform-plan.mjs');
    const f = join(mkdtempSync(join(tmpdir(), 'vpcsim-tf-bench-')), 'plan.json');
    writeFileSync(f, JSON.stringify(terraformPlan(3)));
    const r = importTerraform(f);
    expect(loadTopologyFromData(r.topology).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.topology.instances!.map((i) => [i.subnet, i.securityGroups])).toEqual(
      [0, 1, 2].map((i) => [`aws_subnet.public[${i}]`, [`aws_security_group.web[${i}]`]]),
    );
  });
});
