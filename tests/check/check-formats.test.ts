import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check/check.js';
import { RULES, ruleMeta } from '../../src/check/rules.js';
import { renderCheckGithub, renderCheckJson, renderCheckJunit, renderCheckSarif } from '../../src/render/check-formats.js';
import { renderCheckText } from '../../src/render/check-text.js';
import { scanSuppressions } from '../../src/check/suppress.js';
import { resolveRule } from '../../src/check/catalogue.js';

const metas = RULES.map((r) => ruleMeta(r.id)!);
const files = [
  'scenarios/tgw-hub.yaml',
  'scenarios/broken/VPC013-internet-exposure.yaml',
  'scenarios/broken/ASSERTION-expect-accept.yaml',
  'scenarios/broken/VPC014-cross-vpc-reference.yaml',
  'tests/fixtures/check/unparsable.yaml',
];

describe('SARIF output', () => {
  // tests/fixtures/sarif-schema-2.1.0.json is the verbatim OASIS SARIF 2.1.0 schema (errata01). It is JSON Schema draft-04
  // (`$schema: draft-04`, `id`); ajv-draft-04 is not a dependency, so the `$schema` key (which Ajv 8 would reject as an
  // unknown meta-schema) and the draft-04 `id` are removed and the schema is compiled by Ajv 8 with `strict: false`.
  // The keywords it uses (type, enum, pattern, minimum, items, required, anyOf, oneOf, additionalProperties, $ref to
  // #/definitions) mean the same in draft-04 and draft-07. The formats it names are checked by the small checkers below.
  const schema = JSON.parse(readFileSync('tests/fixtures/sarif-schema-2.1.0.json', 'utf8'));
  const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (s: string) => URI_CHARS.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s));
  ajv.addFormat('uri-reference', (s: string) => URI_CHARS.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile({ ...schema, $schema: undefined, id: undefined });

  it('uses the full SARIF 2.1.0 schema, not an abridged copy', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(schema.id).toMatch(/\/v2\.1\.0\/.*sarif-schema-2\.1\.0\.json$/);
    expect(Object.keys(schema.definitions)).toHaveLength(52);
    expect(schema.definitions.result.properties).toHaveProperty('webResponse');
  });

  it('validates against the SARIF 2.1.0 schema, with rule metadata, locations and suppressions', () => {
    const log = renderCheckSarif(checkFiles(files), metas) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; suppressions?: unknown[]; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
      }[];
    };
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['VPC001', 'VPC013', 'ASSERTION']));
    expect(run.results.some((r) => r.suppressions?.length)).toBe(true);
    expect(run.results.find((r) => r.ruleId === 'VPC013')!.locations[0]!.physicalLocation.region.startLine).toBe(32);
  });

  it('percent-encodes file paths into valid uri-references (a space, a colon)', () => {
    const finding = { file: 'my nets/a:b.yaml', line: 3, col: 5, ruleId: 'VPC021', severity: 'info' as const, message: 'm' };
    const log = renderCheckSarif({ files: [], findings: [finding], assertions: [] }, metas) as {
      runs: { results: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('my%20nets/a%3Ab.yaml');
    expect(log.runs[0]!.results[0]!.level).toBe('note');
  });

  it('the schema rejects a broken log (the validator is live)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);
    expect(
      validate({
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'x' } },
            results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a' }, region: { startLine: 0 } } }] }],
          },
        ],
      }),
    ).toBe(false);
    expect(
      validate({
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'x' } },
            results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a b.yaml' }, region: { startLine: 1 } } }] }],
          },
        ],
      }),
    ).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', informationUri: 'docs/rules' } }, results: [] }] })).toBe(false);
  });
});

describe('other formats', () => {
  const r = checkFiles(files);

  it('json: a stable array of findings with fixed keys', () => {
    const rows = JSON.parse(renderCheckJson(r)) as Record<string, unknown>[];
    expect(rows.length).toBe(r.findings.length);
    for (const row of rows) expect(Object.keys(row)).toEqual(['file', 'line', 'col', 'ruleId', 'severity', 'message', 'hint', 'suppressed', 'evidence']);
    expect(rows.find((x) => x.ruleId === 'VPC004')!.suppressed).toEqual({ reason: 'isolation of dev from prod is intended' });
  });

  it('junit: one testcase per assertion and per rule, failures for broken ones', () => {
    const xml = renderCheckJunit(r, metas);
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('<testcase name="VPC013 internet-exposure" classname="scenarios/broken/VPC013-internet-exposure.yaml.rules">\n      <failure');
    expect(xml).toContain('<testcase name="prod reaches shared services" classname="scenarios/tgw-hub.yaml.assertions"></testcase>');
    expect(xml).toMatch(/<testcase name="the internet reaches web-1 on HTTP"[^>]*>\s*<failure/);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(r.files.reduce((n, f) => n + 1 + f.rulesRun.length + f.assertions.length, 0));
  });

  it('github: workflow commands with file, line and col, escaped', () => {
    const out = renderCheckGithub(r);
    expect(out).toMatch(/^::error file=scenarios\/broken\/VPC013-internet-exposure\.yaml,line=32,col=5,title=VPC013::'db-1' is reachable/m);
    expect(out).not.toContain('VPC004'); // suppressed
    for (const line of out.trim().split('\n')) expect(line).toMatch(/^::(error|warning|notice) file=[^:]+,line=\d+,col=\d+,title=[A-Z0-9_]+::/);
  });

  it('text: grouped by file with file:line:col, rule id, severity, hint', () => {
    const out = renderCheckText(r);
    expect(out).toContain('scenarios/broken/VPC013-internet-exposure.yaml:32:5  error   VPC013');
    expect(out).toContain('hint: restrict');
    expect(out).toMatch(/assertions: \d+ passed, 1 failed/);
    expect(out).not.toContain('\u001b['); // no colour unless configured
  });
});

describe('suppressions', () => {
  it('covers the next non-comment line, several ids, and records the reason', () => {
    const s = scanSuppressions(
      'a: 1\n# vpcsim-disable-next-line VPC001,internet-exposure office only\n\n# another comment\nb: 2\n#vpcsim-disable-next-line VPC004 drop intended\nc: 3\n',
      'a.yaml',
      resolveRule,
    );
    expect(s.problems).toEqual([]);
    expect(s.suppressions).toEqual([
      { file: 'a.yaml', line: 2, col: 1, target: 5, rules: ['VPC001', 'VPC013'], reason: 'office only' },
      { file: 'a.yaml', line: 6, col: 1, target: 7, rules: ['VPC004'], reason: 'drop intended' },
    ]);
  });

  it('a suppressed finding no longer fails the check', () => {
    const r = checkFiles(['tests/fixtures/check/suppressed-exposure.yaml']);
    expect(r.findings.map((f) => [f.ruleId, f.suppressed?.reason])).toEqual([['VPC013', 'reporting replica reached over an allow-listed range']]);
  });
});

describe('rule documentation', () => {
  it('every rule has a docs/rules page with why and how to fix', () => {
    for (const rule of RULES) {
      const page = readFileSync(`docs/rules/${rule.id}.md`, 'utf8');
      expect(page).toContain(`# ${rule.id} ${rule.name}`);
      expect(page).toContain('## Why');
      expect(page).toContain('## How to fix');
    }
  });
});
