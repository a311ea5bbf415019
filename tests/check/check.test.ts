import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles, collectFiles, exitCode } from '../../src/check/check.js';
import { portClasses, runAssertion, assertionsOf } from '../../src/check/assertions.js';
import { RULES } from '../../src/check/rules.js';
import type { Finding } from '../../src/check/types.js';
import { loadTopology } from '../../src/index.js';
import { trace } from '../../src/trace/trace.js';
import { withAssertionTraces } from '../../src/render/trace-assertion.js';

const good = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `scenarios/${f}`);
const broken = readdirSync('scenarios/broken')
  .filter((f) => f.endsWith('.yaml'))
  .sort();
// VPC021 (subnets use under 25% of their VPC's addresses) is an info note, off by default, that most scenarios trip on
// purpose: their VPCs are /16s with a few /24s, room to grow. It is checked on its own below.
const notVpc021 = (f: Finding) => f.ruleId !== 'VPC021';

describe('vpcsim check on the shipped scenarios', () => {
  it('passes every top-level scenario, each of which carries assertions', () => {
    const r = checkFiles(good);
    expect(r.findings.filter((f) => !f.suppressed && notVpc021(f))).toEqual([]);
    expect(r.findings.filter((f) => !notVpc021(f)).every((f) => f.severity === 'info')).toBe(true);
    for (const f of r.files) expect(f.assertions.length, f.file).toBeGreaterThan(0);
    expect(r.assertions.every((a) => a.passed)).toBe(true);
    expect(exitCode(r)).toBe(0);
  });

  it('reports the deliberate misconfigurations of the scenarios as suppressed, with the reason', () => {
    const r = checkFiles(good);
    const s = r.findings.filter((f) => f.suppressed).map((f) => `${f.file}:${f.ruleId}`);
    expect(s).toEqual(expect.arrayContaining(['scenarios/tgw-hub.yaml:VPC004', 'scenarios/peering-abc.yaml:VPC005', 'scenarios/site-to-site-vpn.yaml:VPC020']));
    expect(r.findings.find((f) => f.suppressed)!.suppressed!.reason.length).toBeGreaterThan(5);
  });
});

describe('scenarios/broken: each file trips exactly one rule or assertion', () => {
  it.each(broken)('%s', (file) => {
    const want = file.split('-')[0]!;
    const r = checkFiles([`scenarios/broken/${file}`], want === 'VPC021' ? { enable: ['VPC021'] } : {});
    const ids = [...new Set(r.findings.filter((f) => !f.suppressed && (want === 'VPC021' || notVpc021(f))).map((f) => f.ruleId))];
    expect(ids).toEqual([want]);
    expect(exitCode(r, 'info')).toBe(1);
  });

  it('has a file for every rule', () => {
    for (const rule of RULES)
      expect(
        broken.some((f) => f.startsWith(`${rule.id}-`)),
        rule.id,
      ).toBe(true);
  });

  it('each broken file passes once its one rule is skipped (the failing and the passing case)', () => {
    for (const file of broken) {
      const id = file.split('-')[0]!;
      if (id === 'ASSERTION' || id === 'VPC014' || id === 'VPC006') continue; // binder errors and assertions are not rules to skip
      const r = checkFiles([`scenarios/broken/${file}`], { skip: [id, 'VPC021'] });
      expect(
        r.findings.filter((f) => !f.suppressed),
        file,
      ).toEqual([]);
    }
  });
});

describe('assertions', () => {
  it('expands a subnet and an all-ports range into port classes, not 65,536 traces', () => {
    const t = loadTopology('scenarios/three-tier.yaml').topology!;
    let calls = 0;
    const counting: typeof trace = (topo, spec) => {
      calls++;
      return trace(topo, spec);
    };
    const a = assertionsOf(t).find((x) => x.raw.name === 'nothing public reaches the db tier')!;
    const res = runAssertion(t, a, counting);
    expect(res.passed).toBe(true);
    expect(calls).toBe(res.traces);
    expect(calls).toBeLessThanOrEqual(20);
    const classes = portClasses(t, { from: 0, to: 65535 }, 6);
    expect(classes[0]).toBe(0);
    expect(classes).toEqual(expect.arrayContaining([22, 23, 80, 81, 443, 444, 1024, 5432, 5433, 8080, 8081]));
  });

  it('fails a subnet-wide assertion when one member breaks it, naming the member and port and printing the trace', () => {
    const r = withAssertionTraces(checkFiles(['scenarios/broken/ASSERTION-subnet-ports.yaml']));
    const failed = r.assertions.find((a) => !a.passed)!;
    expect(failed.failure).toMatch(/expected REJECT, got ACCEPT for internet -> 54\.0\.0\.1[01] port 443/);
    expect(failed.failure).toMatch(/Forward: ACCEPT/);
    // the finding carries the same trace as its evidence, which every check format prints
    expect(r.findings.find((f) => f.ruleId === 'ASSERTION')?.evidence).toMatch(/^Flow: .*\n[\s\S]*Forward: ACCEPT/);
    expect(failed.traces).toBeLessThan(10);
  });

  it('expands sg: endpoints to the group members', () => {
    const t = loadTopology('scenarios/three-tier.yaml').topology!;
    const res = runAssertion(t, {
      raw: { from: 'sg:sg-web', to: 'db-1', protocol: 'tcp', port: 5432, expect: 'reject', blockedBy: 'acl-db' },
      file: 'x',
      line: 1,
      col: 1,
    });
    expect(res.passed).toBe(true);
    expect(res.traces).toBe(1);
    const ok = runAssertion(t, {
      raw: { from: 'sg:sg-app', to: 'sg:sg-db', protocol: 'tcp', ports: '5432', expect: 'accept', via: ['acl-db'], notVia: ['igw-shop'] },
      file: 'x',
      line: 1,
      col: 1,
    });
    expect(ok.passed).toBe(true);
  });

  it('checks via, notVia and blockedBy', () => {
    const t = loadTopology('scenarios/three-tier.yaml').topology!;
    const run = (raw: object) => runAssertion(t, { raw: raw as never, file: 'x', line: 1, col: 1 });
    expect(run({ from: 'web-1', to: 'app-1', port: 8080, expect: 'accept', via: ['acl-app'] }).passed).toBe(true);
    expect(run({ from: 'web-1', to: 'app-1', port: 8080, expect: 'accept', via: ['igw-shop'] }).failure).toMatch(/does not pass igw-shop/);
    expect(run({ from: 'web-1', to: 'app-1', port: 8080, expect: 'accept', notVia: ['acl-app'] }).failure).toMatch(/passes acl-app/);
    expect(run({ from: 'web-1', to: 'db-1', port: 5432, expect: 'reject', blockedBy: 'sg-db' }).failure).toMatch(/blocked by acl-db/);
    expect(run({ from: 'nope', to: 'db-1', port: 5432, expect: 'reject' }).failure).toMatch(/cannot run the assertion/);
  });

  it('runs assertions from a separate --assertions file', () => {
    const r = checkFiles(['scenarios/three-tier.yaml'], { assertionsFile: 'tests/fixtures/check/extra-assertions.yaml' });
    const extra = r.assertions.filter((a) => a.file.endsWith('extra-assertions.yaml'));
    expect(extra.map((a) => a.passed)).toEqual([true, false]);
    expect(extra[1]!.line).toBe(4);
    expect(exitCode(r)).toBe(1);
  });
});

describe('VPC021 vpc-addresses-unused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpcsim-vpc021-'));
  const run = (name: string, vpc: string, subnets: string[]) => {
    const file = join(dir, `${name}.yaml`);
    const subs = subnets.map((c, i) => `  - { id: s${i}, vpc: vpc-x, cidr: ${c}, az: us-east-1a }`).join('\n');
    writeFileSync(file, `version: 1\nvpcs:\n  - id: vpc-x\n    ${vpc}\n${subnets.length ? `subnets:\n${subs}\n` : ''}`);
    return checkFiles([file], { rules: ['VPC021'] });
  };

  it('fails: a /16 whose subnets use two /24s, reported as info on the cidr line with the numbers', () => {
    expect(checkFiles(['scenarios/broken/VPC021-vpc-addresses-unused.yaml']).findings).toEqual([]); // off by default
    const r = checkFiles(['scenarios/broken/VPC021-vpc-addresses-unused.yaml'], { enable: ['VPC021'] });
    const f = r.findings.filter((x) => x.ruleId === 'VPC021');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ line: 7, severity: 'info', message: 'subnets use 512 of 65,536 addresses (0.8%) of vpc-a 10.0.0.0/16' });
    expect(exitCode(r)).toBe(0); // info does not fail the default --fail-on error
    expect(exitCode(r, 'warning')).toBe(0);
    expect(exitCode(r, 'info')).toBe(1);
  });

  it('fails just under 25% and passes at 25% or more', () => {
    const under = run('under', 'cidr: 10.0.0.0/22', ['10.0.0.0/25', '10.0.0.128/26', '10.0.0.192/27', '10.0.0.224/28']);
    expect(under.findings.map((f) => [f.line, f.message])).toEqual([[4, 'subnets use 240 of 1,024 addresses (23.4%) of vpc-x 10.0.0.0/22']]);
    expect(run('exact', 'cidr: 10.0.0.0/22', ['10.0.1.0/24']).findings).toEqual([]);
    expect(run('most', 'cidr: 10.0.0.0/16', ['10.0.0.0/18', '10.0.64.0/18']).findings).toEqual([]);
  });

  it('counts secondary CIDRs, and skips a VPC without subnets', () => {
    const two = run('secondary', 'cidr: 10.0.0.0/24\n    secondaryCidrs: [10.1.0.0/22]', ['10.0.0.0/24']);
    expect(two.findings.map((f) => f.message)).toEqual(['subnets use 256 of 1,280 addresses (20.0%) of vpc-x 10.0.0.0/24, 10.1.0.0/22']);
    expect(run('covered', 'cidr: 10.0.0.0/24\n    secondaryCidrs: [10.1.0.0/24]', ['10.0.0.0/24']).findings).toEqual([]);
    expect(run('empty', 'cidr: 10.0.0.0/16', []).findings).toEqual([]);
  });

  it('notes the shipped scenarios without failing them, when switched on', () => {
    expect(checkFiles(good).findings.filter((f) => f.ruleId === 'VPC021')).toEqual([]);
    const r = checkFiles(good, { enable: ['VPC021'] });
    const notes = r.findings.filter((f) => f.ruleId === 'VPC021');
    expect(notes.length).toBeGreaterThan(0);
    for (const f of notes) expect(f.message).toMatch(/^subnets use [\d,]+ of [\d,]+ addresses \((<)?\d+\.\d%\) of \S+ /);
    expect(exitCode(r)).toBe(0);
  });
});

describe('inputs and exit codes', () => {
  it("checks a directory's own files, and expands globs (** for every level)", () => {
    expect(collectFiles(['scenarios/*.yaml'])).toEqual(good.sort());
    expect(collectFiles(['scenarios']).sort()).toEqual(good.sort());
    expect(collectFiles(['scenarios/**']).length).toBe(good.length + broken.length);
  });

  it('exits 2 only for an unreadable file', () => {
    expect(exitCode(checkFiles(['tests/fixtures/check/unparsable.yaml']))).toBe(2);
    expect(exitCode(checkFiles(['tests/fixtures/check/does-not-exist.yaml']))).toBe(2);
    expect(exitCode(checkFiles(['scenarios/broken/VPC014-cross-vpc-reference.yaml']))).toBe(1);
  });

  it('--fail-on: warnings fail only when asked', () => {
    const r = checkFiles(['scenarios/broken/VPC004-blackhole-route.yaml']);
    expect(exitCode(r)).toBe(0);
    expect(exitCode(r, 'warning')).toBe(1);
    const info = checkFiles(['scenarios/broken/VPC009-unused-sg.yaml']);
    expect(exitCode(info, 'warning')).toBe(0);
    expect(exitCode(info, 'info')).toBe(1);
  });

  it('--rules and --skip select rules', () => {
    const r = checkFiles(['scenarios/broken/VPC001-sg-open-ssh.yaml'], { rules: ['VPC004'] });
    expect(r.files[0]!.rulesRun).toEqual(['VPC004']);
    expect(r.findings).toEqual([]);
  });
});
