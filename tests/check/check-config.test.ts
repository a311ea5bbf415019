// .vpcsim.yaml: found by walking up from the working directory, or named with --config; rules on/off and severity,
// excludes, default format, assertion files, suppressions. And `check --list-rules`, rule names, SARIF metadata.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ruleHelpUri } from '../../src/check/catalogue.js';
import { checkFiles } from '../../src/check/check.js';
import { ConfigError, findConfig, loadConfig } from '../../src/check/config.js';
import { RULES } from '../../src/check/rules.js';
import { runCheck } from '../../src/cli/commands/check.js';
import { UsageError } from '../../src/cli/exit.js';
import { renderCheckSarif } from '../../src/render/check-formats.js';
import { VERSION } from '../../src/version.js';

afterEach(() => vi.restoreAllMocks());
const ROOT = process.cwd();
const tmp = () => mkdtempSync(join(tmpdir(), 'vpcsim-config-'));

async function run(inputs: string[], opts: Record<string, unknown>): Promise<{ code?: number; error?: unknown; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  try {
    return { code: await runCheck(inputs, opts), out };
  } catch (error) {
    return { error, out };
  }
}

describe('finding the config', () => {
  it('walks up from a folder to the nearest .vpcsim.yaml', () => {
    const d = tmp();
    mkdirSync(join(d, 'a', 'b'), { recursive: true });
    writeFileSync(join(d, '.vpcsim.yaml'), 'rules: {}\n');
    expect(findConfig(join(d, 'a', 'b'))).toBe(join(d, '.vpcsim.yaml'));
    writeFileSync(join(d, 'a', '.vpcsim.yml'), 'rules: {}\n');
    expect(findConfig(join(d, 'a', 'b'))).toBe(join(d, 'a', '.vpcsim.yml'));
  });
});

describe('reading the config', () => {
  const cfg = (text: string) => {
    const d = tmp();
    writeFileSync(join(d, '.vpcsim.yaml'), text);
    return loadConfig(join(d, '.vpcsim.yaml'));
  };

  it('rules by id or name: on, off, or a severity', () => {
    const c = cfg('rules:\n  VPC021: on\n  default-sg-rules: off\n  nat-cross-az: error\n');
    expect(c.enable).toEqual(['VPC021', 'VPC008']);
    expect(c.disable).toEqual(['VPC002']);
    expect(c.severity).toEqual({ VPC008: 'error' });
  });

  it.each([
    ['rules:\n  VPC999: on\n', ":2:3: 'VPC999' is not a rule id or name"],
    ['rules:\n  VPC001: loud\n', ':2:11: rule VPC001: expected on, off, error, warning or info'],
    ['format: xml\n', ":1:9: 'format' must be one of text, json, sarif, junit, github, html, got 'xml'"],
    ['colour: red\n', ":1:1: unknown key 'colour'"],
    ['suppressions:\n  - { file: a.json, rule: ALL, reason: x }\n', ":2:27: 'ALL' is not accepted"],
    ['suppressions:\n  - { file: a.json, rule: VPC001 }\n', ':2:5: a suppression needs a reason'],
    ['rules: [\n', ':2:1:'],
  ])('%j is refused with its position', (text, message) => {
    expect(() => cfg(text)).toThrow(ConfigError);
    expect(() => cfg(text)).toThrow(message);
  });
});

describe('check with a config', () => {
  it('switches VPC021 on, sets a severity, and the default format comes from the config', async () => {
    const d = tmp();
    writeFileSync(join(d, 'c.yaml'), 'rules:\n  vpc-addresses-unused: warning\nformat: json\n');
    const r = await run([join(ROOT, 'scenarios/broken/VPC021-vpc-addresses-unused.yaml')], { config: join(d, 'c.yaml') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((f: { ruleId: string; severity: string }) => [f.ruleId, f.severity])).toEqual([['VPC021', 'warning']]);
  });

  it('failOn from the config, a flag wins over it', async () => {
    const d = tmp();
    writeFileSync(join(d, 'c.yaml'), 'rules: { VPC021: on }\nfailOn: info\n');
    const file = join(ROOT, 'scenarios/broken/VPC021-vpc-addresses-unused.yaml');
    expect((await run([file], { config: join(d, 'c.yaml') })).code).toBe(1);
    expect((await run([file], { config: join(d, 'c.yaml'), failOn: 'error' })).code).toBe(0);
  });

  it('excludes (relative to the config file) and assertion files', async () => {
    const d = tmp();
    mkdirSync(join(d, 'net', 'legacy'), { recursive: true });
    writeFileSync(join(d, 'net', 'ok.yaml'), readFileSync('scenarios/three-tier.yaml'));
    writeFileSync(join(d, 'net', 'legacy', 'old.yaml'), 'version: 1\nvpcs: [ { id: x, cidr: nope } ]\n');
    writeFileSync(join(d, 'flows.yaml'), '- { name: bastion reaches app on SSH, from: bastion, to: app-1, port: 22, expect: accept }\n');
    writeFileSync(join(d, '.vpcsim.yaml'), 'exclude: [net/legacy]\nassertions: flows.yaml\nformat: json\n');
    const r = await run([join(d, 'net/**')], { config: join(d, '.vpcsim.yaml') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([]);
    const noCfg = await run([join(d, 'net/**')], { config: false, format: 'json' });
    expect(noCfg.code).toBe(1); // without the config the legacy file is checked, and fails
    expect(noCfg.out).toContain('old.yaml');
  });

  it('a suppression entry may name its files with a glob', async () => {
    const d = tmp();
    mkdirSync(join(d, 'lab'));
    const open = JSON.stringify(
      {
        version: 1,
        vpcs: [{ id: 'vpc-a', cidr: '10.0.0.0/16' }],
        securityGroups: [{ id: 'sg-a', vpc: 'vpc-a', inbound: [{ protocol: 'tcp', ports: 22, source: '0.0.0.0/0' }] }],
      },
      null,
      2,
    );
    writeFileSync(join(d, 'lab', 'one.json'), open);
    writeFileSync(join(d, 'lab', 'two.json'), open);
    writeFileSync(
      join(d, '.vpcsim.yaml'),
      "rules: { unused-security-group: off }\nformat: json\nsuppressions:\n  - { file: 'lab/*.json', rule: sg-open-admin, reason: lab accounts }\n",
    );
    const r = await run([join(d, 'lab')], { config: join(d, '.vpcsim.yaml') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).map((f: { ruleId: string; suppressed: { reason: string } }) => [f.ruleId, f.suppressed?.reason])).toEqual([
      ['VPC001', 'lab accounts'],
      ['VPC001', 'lab accounts'],
    ]);
  });

  it('a broken config is bad input (exit 2) before anything is checked', async () => {
    const d = tmp();
    writeFileSync(join(d, 'c.yaml'), 'rules:\n  nope: on\n');
    const r = await run(['scenarios/three-tier.yaml'], { config: join(d, 'c.yaml') });
    expect(r.error).toBeInstanceOf(UsageError);
    expect((r.error as Error).message).toBe(`${join(d, 'c.yaml')}:2:3: 'nope' is not a rule id or name (see vpcsim check --list-rules)`);
  });
});

describe('check --list-rules and rule names', () => {
  it('lists id, name, severity, on/off and description; --json gives the same as data', async () => {
    const text = await run([], { listRules: true, config: false });
    expect(text.code).toBe(0);
    const lines = text.out.trim().split('\n');
    expect(lines.filter((l) => /^VPC\d{3} /.test(l))).toHaveLength(RULES.length);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines[0]).toMatch(/^VPC001 {2}sg-open-admin +error +on$/);
    expect(lines[1]).toMatch(/^ {8}Security group allows/);
    expect(lines.find((l) => l.startsWith('VPC021'))).toMatch(/ info +off$/);
    const json = JSON.parse((await run([], { listRules: true, json: true, config: false })).out);
    expect(json[0]).toEqual({
      id: 'VPC001',
      name: 'sg-open-admin',
      severity: 'error',
      description: RULES[0]!.description,
      enabledByDefault: true,
      helpUri: ruleHelpUri('VPC001'),
    });
  });

  it('--rules and --skip accept names as well as ids', () => {
    const file = 'scenarios/broken/VPC001-sg-open-ssh.yaml';
    expect(checkFiles([file], { rules: ['VPC001'] }).findings.map((f) => f.ruleId)).toEqual(['VPC001']);
  });

  it('an unknown rule name is a usage error naming it', async () => {
    const r = await run(['scenarios/three-tier.yaml'], { rules: 'sg-open-admn', config: false });
    expect((r.error as Error).message).toBe("--rules: unknown rule 'sg-open-admn' (see vpcsim check --list-rules)");
    const ok = await run(['scenarios/broken/VPC001-sg-open-ssh.yaml'], { rules: 'sg-open-admin', config: false, format: 'json' });
    expect(JSON.parse(ok.out).map((f: { ruleId: string }) => f.ruleId)).toEqual(['VPC001']);
  });
});

describe('SARIF metadata', () => {
  it('helpUri for every rule to a stable URL, a full stop before Fix:, the version from package.json', () => {
    const r = checkFiles(['scenarios/broken/VPC001-sg-open-ssh.yaml']);
    const log = renderCheckSarif(r, RULES) as {
      runs: { tool: { driver: { version: string; rules: { id: string; helpUri: string }[] } }; results: { message: { text: string } }[] }[];
    };
    const driver = log.runs[0]!.tool.driver;
    expect(driver.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(driver.version).toBe(VERSION);
    for (const rule of driver.rules) expect(rule.helpUri).toMatch(/^https:\/\/[^ ]+\/docs\/(rules\/VPC\d{3}\.md|check\.md#[a-z-]+)$/);
    expect(driver.rules[0]!.helpUri).toMatch(/\/blob\/main\/docs\/rules\/VPC001\.md$/);
    expect(log.runs[0]!.results[0]!.message.text).toMatch(/0\.0\.0\.0\/0\. Fix: allow only/);
  });
});
