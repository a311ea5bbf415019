// Hostile and odd input to the Terraform importer: every case ends in one clear error (with line and
// column where the text tells), never a stack trace; a 100 MB plan imports in bounded memory.
import { closeSync, mkdtempSync, openSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { importTerraform, importTerraformForLoader, looksLikeTerraform, TerraformImportError } from '../../src/import/terraform/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vpcsim-tf-hostile-'));
let n = 0;
const file = (text: string | Buffer, name = `f${n++}.json`) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const fail = (p: string): TerraformImportError => {
  try {
    importTerraform(p);
  } catch (e) {
    if (e instanceof TerraformImportError) return e;
    throw e;
  }
  throw new Error('imported');
};

const PLAN_HEAD = '{"format_version":"1.2","terraform_version":"1.6.6",';

describe('hostile Terraform input', () => {
  it('truncated JSON: file:line:col and a hint', () => {
    const p = file(`${PLAN_HEAD}\n"planned_values":{"root_module":{"resources":[{"address":"aws_vpc.a",`);
    const e = fail(p);
    expect(e.code).toBe('TF_BAD_JSON');
    expect(e.message).toMatch(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: invalid JSON .* looks truncated`));
    expect(e.line).toBe(2);
  });

  it('wrong types: the JSON path and where it is', () => {
    const p = file(`${PLAN_HEAD}\n"planned_values":{"root_module":{"resources":[\n  {"address":"aws_vpc.a","type":"aws_vpc","name":"a","values":"oops"}]}}}`);
    const e = fail(p);
    expect(e.code).toBe('TF_WRONG_TYPE');
    expect(e.message).toBe(`${p}:3:63: $.planned_values.root_module.resources[0].values must be an object of attribute values`);
    const rc = fail(file(`${PLAN_HEAD}"planned_values":{},"resource_changes":{"a":1}}`));
    expect(rc.message).toMatch(/\$\.resource_changes must be a list/);
    const st = fail(file('{"version":4,"terraform_version":"1.6.0","resources":[{"type":"aws_vpc","name":"a","instances":[{"attributes":[]}]}]}'));
    expect(st.message).toMatch(/:1:\d+: \$\.resources\[0\]\.instances\[0\]\.attributes must be an object of attribute values$/);
  });

  it('a plan without planned_values or resource_changes says what is missing', () => {
    const e = fail(file(`${PLAN_HEAD}"configuration":{"root_module":{}},"prior_state":{}}`));
    expect(e.code).toBe('TF_NO_CHANGES');
    expect(e.message).toMatch(/a Terraform plan without planned_values or resource_changes/);
  });

  it('a plan with planned values but no resource_changes (nothing to change) imports', () => {
    const r = importTerraform(
      file(
        `${PLAN_HEAD}"planned_values":{"root_module":{"resources":[{"address":"aws_vpc.a","mode":"managed","type":"aws_vpc","name":"a","values":{"cidr_block":"10.0.0.0/16","id":"vpc-1"}}]}}}`,
      ),
    );
    expect(r.topology.vpcs).toHaveLength(1);
  });

  it('UTF-16 (PowerShell redirection) is named, with the way out', () => {
    const text = `${PLAN_HEAD}"planned_values":{}}`;
    const e = fail(file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])));
    expect(e.code).toBe('TF_NOT_UTF8');
    expect(e.message).toMatch(/is UTF-16 text; Terraform writes UTF-8 JSON.*Out-File -Encoding utf8/);
    expect(fail(file(Buffer.from(text, 'utf16le'))).code).toBe('TF_NOT_UTF8');
  });

  it('a binary plan file (terraform plan -out) is told to go through terraform show -json', () => {
    expect(fail(file(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]))).message).toMatch(/binary file .*`terraform show -json/);
  });

  it('a version 3 state is refused with how to upgrade', () => {
    const e = fail(file('{"version":3,"terraform_version":"0.11.14","serial":4,"lineage":"x","modules":[]}'));
    expect(e.code).toBe('TF_STATE_TOO_OLD');
    expect(e.message).toMatch(/version 3 state \(Terraform 0\.11 or older\).*terraform apply -refresh-only/);
  });

  it('JSON that is not Terraform is refused naming what was expected', () => {
    for (const text of ['{"Vpcs":[]}', '[1,2]', '"x"', '{"version":1,"vpcs":[]}']) {
      const e = fail(file(text));
      expect(e.code, text).toMatch(/TF_NOT_TERRAFORM|TF_UNSUPPORTED_VERSION/);
      expect(e.message).toMatch(/expected the output of `terraform show -json`|vpcsim reads version 4/);
    }
    expect(fail(file('{"format_version":"2.0","planned_values":{}}')).message).toMatch(/format_version 2\.0; vpcsim reads format versions 0\.1 to 1\.x/);
    expect(fail(file('   ')).code).toBe('TF_EMPTY');
  });

  it('a file above the size limit is refused before it is read', () => {
    const p = join(dir, 'huge.json');
    writeFileSync(p, PLAN_HEAD);
    truncateSync(p, 600 * 1024 * 1024); // sparse: no disk used
    expect(fail(p).code).toBe('TF_TOO_LARGE');
  });

  it('recognising a plan by content never opens a FIFO or a device (opening a FIFO blocks)', () => {
    const fifo = join(dir, 'plan-fifo.json');
    execFileSync('mkfifo', [fifo]);
    expect(looksLikeTerraform(fifo)).toBe(false);
    expect(looksLikeTerraform('/dev/zero')).toBe(false);
    expect(fail(fifo).code).toBe('TF_NOT_A_FILE');
  });

  it('a string value cannot change behaviour: addresses and names are data', () => {
    const r = importTerraform(
      file(
        `${PLAN_HEAD}"planned_values":{"root_module":{"resources":[{"address":"aws_vpc.a","mode":"managed","type":"aws_vpc","name":"a","values":{"cidr_block":"10.0.0.0/16","id":"vpc-1","tags":{"Name":"x\\u001b[31m; rm -rf /"}}}]}}}`,
      ),
    );
    expect(r.topology.vpcs![0]).toMatchObject({ id: 'aws_vpc.a', name: 'x\u001b[31m; rm -rf /' });
  });

  it('for a loader, a failed import is one error diagnostic with its position', () => {
    const p = file(`${PLAN_HEAD}\n"planned_values": [}`);
    const r = importTerraformForLoader(p);
    expect(r.data).toBeUndefined();
    expect(r.diagnostics).toEqual([{ code: 'TF_BAD_JSON', severity: 'error', message: expect.stringMatching(/^invalid JSON/), file: p, line: 2, col: 21 }]);
  });

  it('a 100 MB plan imports', () => {
    // 1,000 instances, each with 100 KB of user_data the importer does not read: the size of a large real plan.
    const p = join(dir, 'big.json');
    const fd = openSync(p, 'w');
    const blob = 'A'.repeat(100_000);
    writeSync(fd, `${PLAN_HEAD}"planned_values":{"root_module":{"resources":[`);
    writeSync(fd, '{"address":"aws_vpc.v","mode":"managed","type":"aws_vpc","name":"v","values":{"cidr_block":"10.0.0.0/16","id":"vpc-1"}},');
    writeSync(
      fd,
      '{"address":"aws_subnet.s","mode":"managed","type":"aws_subnet","name":"s","values":{"cidr_block":"10.0.0.0/20","id":"subnet-1","vpc_id":"vpc-1"}}',
    );
    for (let i = 0; i < 1000; i++) {
      const ip = `10.0.${(i >> 8) & 15}.${i & 255 || 4}`;
      writeSync(
        fd,
        `,{"address":"aws_instance.i[${i}]","mode":"managed","type":"aws_instance","name":"i","index":${i},"values":{"id":"i-${i}","subnet_id":"subnet-1","private_ip":"${ip}","public_ip":"","user_data":"${blob}"}}`,
      );
    }
    writeSync(fd, ']}}}');
    closeSync(fd);
    const r = importTerraform(p);
    expect(r.summary.imported.aws_instance).toBe(1000);
  });
});
