// `vpcsim import terraform` and plan/state files given directly to trace, check and validate: output
// files, the report, exit codes, and --before on an update plan.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadTopology } from '../../src/index.js';
import { FX, loadPlan, run } from '../helpers/terraform-helpers.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/vpcsim.js', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const tmp = () => mkdtempSync(join(tmpdir(), 'vpcsim-tf-'));
const BASIC = join(FX, 'basic-plan-1.2.json');

describe('vpcsim import terraform', () => {
  it('writes YAML to stdout and a report of imported and ignored resources by type on stderr', () => {
    const r = cli('import', 'terraform', join(FX, 'hub.tfstate'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Imported by vpcsim import terraform from .*hub\.tfstate \(state\)\. Ids are Terraform resource addresses\.\n\nversion: 1\n/);
    expect(parse(r.stdout).vpcs).toHaveLength(4);
    expect(r.stderr).toContain('terraform.tfstate (version 4), Terraform 1.7.5; state → stdout');
    expect(r.stderr).toMatch(/imported: 6 aws_instance, 5 aws_route, 5 aws_subnet, /);
    expect(r.stderr).toContain('ignored (not modelled): 1 aws_lb, 1 data.aws_ami');
  });

  it('writes a file that validates, as JSON when -o ends in .json; --json reports as JSON', () => {
    const out = join(tmp(), 'net.json');
    const r = cli('import', 'terraform', BASIC, '-o', out, '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stderr);
    expect(report.summary).toMatchObject({ kind: 'plan', formatVersion: '1.2', values: 'planned', imported: { aws_instance: 6 } });
    expect(report.warnings.some((w: { code: string }) => w.code === 'ASSUMPTION')).toBe(true);
    const b = loadTopology(out);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe(1);
  });

  it('bad input: one line naming the problem, exit 2 (also as --json)', () => {
    const r = cli('import', 'terraform', join(FX, 'nope.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`vpcsim: file not found: ${join(FX, 'nope.json')}\n`);
    const j = cli('import', 'terraform', join(FX, 'nope.json'), '--json');
    expect(JSON.parse(j.stderr).error.code).toBe('TF_UNREADABLE');
    const f = cli('import', 'terraform', BASIC, '--format', 'toml');
    expect(f.status).toBe(2);
    expect(f.stderr).toContain("--format must be yaml or json, not 'toml'");
  });
});

describe('plan and state files given to every command', () => {
  it('trace reads a plan by content, exits by verdict, and lists the assumptions on the path', () => {
    const ok = cli('trace', BASIC, '--from', 'internet', '--to', 'aws_instance.web', '--port', '443');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Verdict: ACCEPT');
    expect(ok.stdout).toMatch(/Assumptions \(values unknown until apply\):\n {2}aws_instance\.web: a public IP is assigned at launch/);
    const no = cli('trace', BASIC, '--from', 'aws_instance.locked', '--to', 'internet', '--port', '443', '--json');
    expect(no.status).toBe(1);
    expect(JSON.parse(no.stdout).verdict).toBe('REJECT');
  });

  it("--from and --to also take a resource's AWS id or unique Name tag", () => {
    // i-0a1b2c3d4e5f60031 is aws_instance.bastion; "app" is the Name tag of aws_instance.app only
    const r = cli('trace', join(FX, 'hub.tfstate'), '--from', 'i-0a1b2c3d4e5f60031', '--to', 'app', '--port', '8080');
    // each endpoint is shown by its address with its Name tag beside it (the line wraps at 80 columns)
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('Flow: tcp aws_instance.bastion (bastion) (10.0.1.10:49152) → aws_instance.app (app) (10.0.2.10:8080)');
    expect(r.status).toBe(0);
    const { r: imported } = loadPlan('hub.tfstate');
    expect(imported.aliases).toMatchObject({
      'i-0a1b2c3d4e5f60031': 'aws_instance.bastion',
      app: 'aws_instance.app',
      'rtb-0a1b2c3d4e5f60001': 'aws_vpc.hub/main-rtb',
    });
    // a Name shared by two resources is no alias
    expect(imported.aliases.this).toBeUndefined();
  });

  it('a trace that rests on a placeholder says so', () => {
    const r = cli('trace', join(FX, 'update-plan-0.1.json'), '--from', 'internet', '--to', 'aws_instance.new', '--port', '443', '--json');
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.assumptions).toContainEqual({
      component: 'sg-0aaaaaaaaaaaaaaa1',
      assumption: expect.stringMatching(/placeholder for sg-0aaaaaaaaaaaaaaa1, which is not in the file: its rules are unknown/),
    });
  });

  it('check runs assertions against a plan; validate accepts a state', () => {
    const dir = tmp();
    const a = join(dir, 'a.yaml');
    writeFileSync(
      a,
      'assertions:\n  - { from: aws_instance.locked, to: internet, port: 443, expect: reject, blockedBy: aws_security_group.locked }\n  - { from: aws_instance.app, to: internet, port: 443, expect: accept, via: [aws_nat_gateway.nat] }\n',
    );
    const c = cli('check', BASIC, '--assertions', a);
    expect(c.status).toBe(0);
    expect(c.stdout).toContain('2 assertions: 2 passed');
    writeFileSync(a, 'assertions:\n  - { from: aws_instance.locked, to: internet, port: 443, expect: accept }\n');
    expect(cli('check', BASIC, '--assertions', a).status).toBe(1);
    const v = cli('validate', join(FX, 'hub.tfstate'));
    expect(v.status).toBe(0);
  });

  it('errors in a plan given to trace point into the plan file', () => {
    const f = join(tmp(), 'plan.json');
    writeFileSync(f, '{"format_version":"1.2","terraform_version":"1.6.6","planned_values":{"root_module":{"resources":[');
    const r = cli('trace', f, '--from', 'a', '--to', 'b');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+ error TF_BAD_JSON: invalid JSON .*truncated`));
  });
});

describe('update-plan-0.1.json: an update plan (format 0.1), planned values and --before', () => {
  const after = loadPlan('update-plan-0.1.json');
  const before = loadPlan('update-plan-0.1.json', true);

  it('the update opens 443: rejected before, accepted after', () => {
    // aws_security_group.web: before ingress tcp/22 only; after tcp/22 and tcp/443 from 0.0.0.0/0. web has public IP 18.184.0.10.
    expect(run(before.t, { from: 'internet', to: 'aws_instance.web', port: 443 })).toMatchObject({ verdict: 'REJECT', blockedBy: 'aws_security_group.web' });
    expect(run(after.t, { from: 'internet', to: 'aws_instance.web', port: 443 }).verdict).toBe('ACCEPT');
    expect(before.r.summary.values).toBe('prior');
  });

  it('a deleted instance exists only before; created ones only after', () => {
    expect(before.t.byId.has('aws_instance.old')).toBe(true);
    expect(after.t.byId.has('aws_instance.old')).toBe(false);
    expect(after.t.byId.has('aws_instance.new')).toBe(true);
    expect(before.t.byId.has('aws_instance.new')).toBe(false);
  });

  it('a route on the VPC main route table (main_route_table_id) lands there', () => {
    // aws_route.default: route_table_id = aws_vpc.web.main_route_table_id (rtb-0f1e2d3c4b5a60001)
    const main = after.r.topology.routeTables!.find((x) => x.id === 'aws_vpc.web/main-rtb')!;
    expect(main.routes).toEqual([{ destination: '0.0.0.0/0', target: 'aws_internet_gateway.gw', description: 'aws_route.default' }]);
  });

  it('resources outside the file become placeholders, with a warning', () => {
    expect(after.r.summary.placeholders.sort()).toEqual(['sg-0aaaaaaaaaaaaaaa1', 'vpc-0bbbbbbbbbbbbbbb1']);
    // the placeholder group has no known rules: the new instance is modelled unreachable, and the warning says so
    expect(run(after.t, { from: 'internet', to: 'aws_instance.new', port: 443 })).toMatchObject({ verdict: 'REJECT', blockedBy: 'sg-0aaaaaaaaaaaaaaa1' });
    expect(after.r.warnings.find((w) => w.code === 'PLACEHOLDER' && w.message.startsWith('sg-0aaaaaaaaaaaaaaa1'))?.message).toMatch(/rules are unknown/);
    // the placeholder VPC takes its subnet's CIDR, so the subnet binds
    expect(after.r.topology.vpcs!.find((v) => v.id === 'vpc-0bbbbbbbbbbbbbbb1')).toMatchObject({ cidr: '10.60.1.0/24' });
  });

  it('--before on a state is refused', () => {
    const r = cli('import', 'terraform', join(FX, 'hub.tfstate'), '--before');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--before reads a plan's prior state");
  });
});
