// The CI gate cannot be fooled: only real YAML comments suppress, each suppression names its rules and gives a
// reason, a stale one is itself a finding, and the config file decides what may be suppressed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkFiles, exitCode, type CheckOptions } from '../../src/check/check.js';
import { runCheck } from '../../src/cli/commands/check.js';
import { SUPPRESSION_INVALID, SUPPRESSION_UNUSED } from '../../src/check/suppress.js';

afterEach(() => vi.restoreAllMocks());
const dir = mkdtempSync(join(tmpdir(), 'vpcsim-gate-'));
let n = 0;
function file(text: string, ext = 'yaml'): string {
  const p = join(dir, `t${n++}.${ext}`);
  writeFileSync(p, text);
  return p;
}

/** A topology whose security group opens SSH to the world (VPC001, an error), with `before` written above the rule. */
const openSsh = (before: string, extra = '') => `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16 }
securityGroups:
  - id: sg-a
    vpc: vpc-a
${extra}    inbound:
${before}      - { protocol: tcp, ports: 22, source: 0.0.0.0/0 }
`;

/** The fixtures' group is attached to nothing: VPC009 (an info note) is left out to keep the expectations short. */
const check = (files: string[], opts: CheckOptions = {}) => checkFiles(files, { ...opts, skip: [...(opts.skip ?? []), 'VPC009'] });
const live = (f: string) =>
  check([f])
    .findings.filter((x) => !x.suppressed)
    .map((x) => x.ruleId);

describe('a string value can never suppress a finding', () => {
  it.each([
    ['double-quoted', `    description: "web # vpcsim-disable-next-line ALL sneaky"\n`],
    ['double-quoted with a rule id', `    description: "web\n      # vpcsim-disable-next-line VPC001 sneaky"\n`],
    ['single-quoted', `    description: '# vpcsim-disable-next-line VPC001 sneaky'\n`],
    ['literal block', `    description: |\n      # vpcsim-disable-next-line VPC001 sneaky\n`],
    ['folded block', `    description: >\n      # vpcsim-disable-next-line VPC001 sneaky\n`],
  ])('%s', (_, extra) => {
    const f = file(openSsh('', extra));
    const r = check([f]);
    expect(r.findings.filter((x) => x.ruleId === 'VPC001').map((x) => x.suppressed)).toEqual([undefined]);
    expect(exitCode(r)).toBe(1);
  });

  it('a JSON topology, which has no comments, cannot suppress through a string value', () => {
    const json = {
      version: 1,
      vpcs: [{ id: 'vpc-a', cidr: '10.0.0.0/16' }],
      securityGroups: [
        {
          id: 'sg-a',
          vpc: 'vpc-a',
          description: 'x\n# vpcsim-disable-next-line VPC001 sneaky\n',
          inbound: [{ protocol: 'tcp', ports: 22, source: '0.0.0.0/0' }],
        },
      ],
    };
    const f2 = file(JSON.stringify(json, null, 2), 'json');
    expect(live(f2)).toContain('VPC001');
    expect(exitCode(check([f2]))).toBe(1);
  });

  it('the CLI exits 1 and prints no "suppressed" for the issue\'s example', async () => {
    const f = file(openSsh('', `    description: "web # vpcsim-disable-next-line ALL sneaky"\n`));
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    const code = await runCheck([f], { config: false });
    expect(code).toBe(1);
    expect(out).not.toContain('suppressed');
    expect(out).toContain('VPC001');
  });
});

describe('real comments suppress, by rule id or name, with a reason', () => {
  it('a comment on the line above covers the finding, and the reason is kept', () => {
    const f = file(openSsh('      # vpcsim-disable-next-line VPC001 bastion behind an allow-list upstream\n'));
    const r = check([f]);
    expect(r.findings.map((x) => [x.ruleId, x.suppressed?.reason])).toEqual([['VPC001', 'bastion behind an allow-list upstream']]);
    expect(exitCode(r)).toBe(0);
  });

  it('a rule name works as well as its id', () => {
    const f = file(openSsh('      # vpcsim-disable-next-line sg-open-admin bastion\n'));
    expect(live(f)).toEqual([]);
  });

  it('a comment at the end of the line above (after a value) counts too: it is a YAML comment', () => {
    const f = file(openSsh('', `    description: web # vpcsim-disable-next-line VPC001 behind a VPN\n`));
    // the description line is above `inbound:`, not above the rule: the suppression covers `inbound:` and nothing
    const r = check([f]);
    expect(r.findings.map((x) => x.ruleId).sort()).toEqual(['SUPPRESSION_UNUSED', 'VPC001']);
  });
});

describe('malformed and stale suppressions are findings', () => {
  it.each([
    ['ALL', 'VPC001 ', `'ALL' is not accepted`],
    ['*', '', `'*' is not accepted`],
    ['VPC001', '', 'gives no reason'],
    ['VPC999 because', '', `'VPC999' is not a rule id or name`],
    ['', '', 'names no rule'],
  ])('# vpcsim-disable-next-line %s', (words, _x, message) => {
    const f = file(openSsh(`      # vpcsim-disable-next-line ${words}\n`));
    const r = check([f]);
    const bad = r.findings.find((x) => x.ruleId === SUPPRESSION_INVALID)!;
    expect(bad).toMatchObject({ line: 8, col: 7, severity: 'error' });
    expect(bad.message).toContain(message);
    expect(r.findings.find((x) => x.ruleId === 'VPC001')!.suppressed).toBeUndefined();
    expect(exitCode(r)).toBe(1);
  });

  it('an unknown directive is refused, not ignored', () => {
    const f = file(openSsh('      # vpcsim-disable VPC001 whole file please\n'));
    expect(check([f]).findings.find((x) => x.ruleId === SUPPRESSION_INVALID)!.message).toMatch(/unknown suppression 'vpcsim-disable'/);
  });

  it('a suppression that covers nothing is reported where it is written', () => {
    const f = file(openSsh('', '    # vpcsim-disable-next-line VPC004 nothing here drops traffic\n'));
    const r = check([f]);
    const stale = r.findings.find((x) => x.ruleId === SUPPRESSION_UNUSED)!;
    expect(stale).toMatchObject({ line: 7, severity: 'warning' });
    expect(stale.message).toBe('suppression of VPC004 covers no finding on line 8');
  });

  it('a suppression of a rule that was not run is not called stale', () => {
    const f = file(openSsh('', '    # vpcsim-disable-next-line VPC004 nothing here drops traffic\n'));
    expect(check([f], { skip: ['VPC004'] }).findings.map((x) => x.ruleId)).toEqual(['VPC001']);
  });
});

describe('the config decides what may be suppressed', () => {
  it('inlineSuppressions: false refuses every comment', () => {
    const f = file(openSsh('      # vpcsim-disable-next-line VPC001 bastion\n'));
    const r = check([f], { inlineSuppressions: false });
    expect(r.findings.map((x) => x.ruleId).sort()).toEqual([SUPPRESSION_INVALID, 'VPC001']);
    expect(exitCode(r)).toBe(1);
  });

  it('a list allows only those rules', () => {
    const f = file(openSsh('      # vpcsim-disable-next-line VPC001 bastion\n'));
    expect(check([f], { inlineSuppressions: ['VPC004'] }).findings.find((x) => x.ruleId === SUPPRESSION_INVALID)!.message).toContain('VPC001');
    expect(live(f)).toEqual([]);
  });

  it('suppresses a JSON file from the config, with a reason, by file and line', () => {
    const f = file(
      JSON.stringify(
        {
          version: 1,
          vpcs: [{ id: 'vpc-a', cidr: '10.0.0.0/16' }],
          securityGroups: [{ id: 'sg-a', vpc: 'vpc-a', inbound: [{ protocol: 'tcp', ports: 22, source: '0.0.0.0/0' }] }],
        },
        null,
        2,
      ),
      'json',
    );
    const line = check([f]).findings.find((x) => x.ruleId === 'VPC001')!.line;
    const sup = (target?: number) => ({
      file: '.vpcsim.yaml',
      from: '.vpcsim.yaml',
      line: 3,
      col: 5,
      target,
      rules: ['VPC001'],
      reason: 'lab account',
      files: [f],
    });
    expect(check([f], { suppressions: [sup(line)] }).findings.map((x) => [x.ruleId, x.suppressed?.reason])).toEqual([['VPC001', 'lab account']]);
    expect(check([f], { suppressions: [sup()] }).findings.map((x) => x.suppressed?.reason)).toEqual(['lab account']);
    const wrong = check([f], { suppressions: [sup(line + 1)] });
    expect(wrong.findings.map((x) => [x.file, x.ruleId])).toEqual([
      ['.vpcsim.yaml', SUPPRESSION_UNUSED],
      [f, 'VPC001'],
    ]);
  });
});

describe("VPC002 fires only when the default group differs from AWS's defaults", () => {
  const sg = (rules: string) => `version: 1
vpcs:
  - { id: vpc-a, cidr: 10.0.0.0/16, ipv6Cidr: 2600:1f18::/56 }
securityGroups:
  - id: sg-default
    vpc: vpc-a
    default: true
${rules}`;
  const defaults = `    inbound:
      - { protocol: all, source: sg-default }
    outbound:
      - { protocol: all, destination: 0.0.0.0/0 }
      - { protocol: all, destination: "::/0" }
`;
  it("AWS's own rules written out (as every import has them) are not a finding", () => {
    expect(live(file(sg(defaults)))).toEqual([]);
  });
  it('a rule added to them is, at that rule', () => {
    const f = file(sg(defaults.replace('    outbound:', '      - { protocol: tcp, ports: 443, source: 10.0.0.0/16 }\n    outbound:')));
    const r = check([f]).findings;
    expect(r.map((x) => [x.ruleId, x.line])).toEqual([['VPC002', 10]]);
    expect(r[0]!.message).toContain("has a rule beyond AWS's defaults (port 443 from 10.0.0.0/16)");
  });
  it('an import of a real account does not warn on every default group', () => {
    expect(check(['tests/fixtures/aws/hybrid-cloud/us-west-2']).findings.filter((x) => x.ruleId === 'VPC002')).toEqual([]);
  });
});
