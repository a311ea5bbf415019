// A plan of a VPC wrapped in a module shaped like the community terraform-aws-modules/vpc module
// (count-indexed resources, links through `local.vpc_id`, outputs read by the root module), format 1.0.
// Expectations follow from the configuration in the fixture and AWS semantics; the comments say why.
import { describe, expect, it } from 'vitest';
import { loadPlan, run } from '../helpers/terraform-helpers.js';

describe('module-vpc-plan-1.0.json: module.vpc like terraform-aws-modules/vpc', () => {
  const { t, r } = loadPlan('module-vpc-plan-1.0.json');

  it('names module resources by full address, with count indexes', () => {
    for (const id of ['module.vpc.aws_vpc.this[0]', 'module.vpc.aws_subnet.private[1]', 'module.vpc.aws_nat_gateway.this[0]', 'aws_instance.app[1]'])
      expect(t.byId.has(id)).toBe(true);
  });

  it('follows module outputs indexed by count.index and by a literal index', () => {
    // aws_instance.app[count.index] uses module.vpc.private_subnets[count.index]; proxy uses public_subnets[0]; legacy private_subnets[1]
    const inst = (id: string) => (r.topology.instances as Record<string, unknown>[]).find((i) => i.id === id)!;
    expect(inst('aws_instance.app[0]').subnet).toBe('module.vpc.aws_subnet.private[0]');
    expect(inst('aws_instance.app[1]').subnet).toBe('module.vpc.aws_subnet.private[1]');
    expect(inst('aws_instance.proxy').subnet).toBe('module.vpc.aws_subnet.public[0]');
    expect(inst('aws_instance.legacy').subnet).toBe('module.vpc.aws_subnet.private[1]');
  });

  it('links the JSON cannot follow (local.vpc_id) are taken by type, with a warning each', () => {
    const w = r.warnings.filter((x) => x.code === 'UNRESOLVED').map((x) => x.message);
    expect(w.some((m) => m.startsWith('module.vpc.aws_subnet.private[0]: its VPC (local.vpc_id)'))).toBe(true);
    expect(w.some((m) => m.includes('module.vpc.aws_nat_gateway.this[0]: its Elastic IP'))).toBe(true);
  });

  it('both private subnets reach the internet through the single NAT gateway', () => {
    // single_nat_gateway = true: one private route table with 0.0.0.0/0 → NAT in public[0]; both private subnets use it.
    for (const from of ['aws_instance.app[0]', 'aws_instance.app[1]']) {
      const out = run(t, { from, to: 'internet', port: 443 });
      expect(out.verdict).toBe('ACCEPT');
      expect(out.hops).toContain('module.vpc.aws_nat_gateway.this[0]');
    }
  });

  it('internet → the proxy (associate_public_ip_address = true) is accepted; → an app instance is not', () => {
    // the module's public subnets do not map public IPs by default (map_public_ip_on_launch false)
    expect(run(t, { from: 'internet', to: 'aws_instance.proxy', port: 443 }).verdict).toBe('ACCEPT');
    expect(run(t, { from: 'internet', to: 'aws_instance.app[0]', port: 8080 }).verdict).toBe('REJECT');
  });

  it('the proxy reaches the app on 8080 (app SG allows 8080 from the lb group)', () => {
    expect(run(t, { from: 'aws_instance.proxy', to: 'aws_instance.app[1]', port: 8080 }).verdict).toBe('ACCEPT');
    expect(run(t, { from: 'aws_instance.proxy', to: 'aws_instance.app[1]', port: 22 })).toMatchObject({
      verdict: 'REJECT',
      blockedBy: 'aws_security_group.app',
    });
  });

  it('a managed default security group without rules allows nothing', () => {
    // aws_default_security_group.this: Terraform removes every rule and adds only the configured ones (none).
    expect(run(t, { from: 'aws_instance.legacy', to: 'internet', port: 443 })).toMatchObject({
      verdict: 'REJECT',
      blockedBy: 'module.vpc.aws_default_security_group.this[0]',
    });
  });

  it('the managed default route table is the main route table, with only its configured routes', () => {
    const main = (r.topology.routeTables as Record<string, unknown>[]).find((x) => x.main === true);
    expect(main).toMatchObject({ id: 'module.vpc.aws_default_route_table.default[0]', routes: [] });
  });
});
