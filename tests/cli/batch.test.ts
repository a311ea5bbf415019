// trace --batch: many flows against one topology, CSV or JSON lines in and out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlows, runFlows } from '../../src/cli/batch-cmd.js';
import { loadTopology } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vpcsim-batch-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['bin/vpcsim.js', 'trace', 'scenarios/three-tier.yaml', ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1' },
  });
const t = loadTopology('scenarios/three-tier.yaml').topology!;

describe('parsing flows', () => {
  it('reads CSV with a header and JSON lines, keeping line numbers', () => {
    const csv = parseFlows('from,to,protocol,port,expect\n# comment\nbastion,app-1,tcp,22,accept\n"web-1",db-1,tcp,5432,REJECT\n', 'f.csv');
    expect(csv).toEqual([
      { from: 'bastion', to: 'app-1', protocol: 'tcp', port: 22, srcPort: undefined, expect: 'accept', line: 3 },
      { from: 'web-1', to: 'db-1', protocol: 'tcp', port: 5432, srcPort: undefined, expect: 'reject', line: 4 },
    ]);
    const jsonl = parseFlows('{"from":"bastion","to":"app-1","port":22}\n\n{"from":"web-1","to":"db-1","port":5432,"srcPort":40000}\n', 'f.jsonl');
    expect(jsonl.map((f) => [f.line, f.port, f.srcPort])).toEqual([
      [1, 22, undefined],
      [3, 5432, 40000],
    ]);
  });

  it('says which line and column is wrong', () => {
    expect(() => parseFlows('from,to,colour\na,b,red\n', 'f.csv')).toThrow("f.csv:1: unknown column 'colour'");
    expect(() => parseFlows('from,to,port\na,b\n', 'f.csv')).toThrow('f.csv:2: 2 columns, the header has 3');
    expect(() => parseFlows('from,to,port\na,b,99999\n', 'f.csv')).toThrow("f.csv:2: 'port' must be a port 0-65535, got '99999'");
    expect(() => parseFlows('{"from":"a","to":"b"}\n{"from":"a"\n', 'f.jsonl')).toThrow('f.jsonl:2: invalid JSON');
    expect(() => parseFlows('{"from":"a","to":"b","expect":"maybe"}\n', 'f.jsonl')).toThrow("'expect' must be accept or reject");
    expect(() => parseFlows('{"to":"b"}\n', 'f.jsonl')).toThrow("'from' and 'to' are required");
    expect(() => parseFlows('\n# only comments\n', 'f.csv')).toThrow('has no flows');
  });

  it('names the mistake in a line of the wrong shape', () => {
    expect(() => parseFlows('["bastion","app-1"]\n', 'f.jsonl')).toThrow('f.jsonl:1: expected a JSON object per line');
    expect(() => parseFlows('{"from":"a","to":"b"}\n[1,2]\n', 'f.jsonl')).toThrow('f.jsonl:2: expected a JSON object per line');
    expect(() => parseFlows('{"from":1,"to":"b"}\n', 'f.jsonl')).toThrow("f.jsonl:1: 'from' must be a string, got 1");
    expect(() => parseFlows('{"from":"a","to":["b"]}\n', 'f.jsonl')).toThrow("f.jsonl:1: 'to' must be a string");
    expect(parseFlows('{"from":"a","to":"b","protocol":6}\n', 'f.jsonl')[0]!.protocol).toBe('6');
  });

  it('a CSV with only its header row has no flows', () => {
    expect(() => parseFlows('from,to,port\n', 'f.csv')).toThrow('f.csv has no flows');
    expect(() => parseFlows('from,to,port\n\n# later\n', 'f.csv')).toThrow('f.csv has no flows');
  });
});

describe('running flows', () => {
  it('gives the same verdicts as single traces, with expect matched', () => {
    const rows = runFlows(
      t,
      parseFlows('from,to,protocol,port,expect\nbastion,app-1,tcp,22,accept\nweb-1,db-1,tcp,5432,accept\nbastion,nope,tcp,22,\n', 'f.csv'),
    );
    expect(rows.map((r) => [r.verdict, r.blockedBy, r.match])).toEqual([
      ['ACCEPT', null, true],
      ['REJECT', 'acl-db', false],
      ['ERROR', null, undefined],
    ]);
    expect(rows[2]!.error).toContain("unknown endpoint 'nope'");
  });
});

describe('the CLI', () => {
  it('prints one JSON line per flow, a summary on stderr, and exits 1 on a mismatch', () => {
    const f = file('flows.csv', 'from,to,port,expect\nbastion,app-1,22,accept\nweb-1,db-1,5432,accept\n');
    const r = cli(['--batch', f]);
    expect(r.status).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.line, l.verdict, l.match])).toEqual([
      [2, 'ACCEPT', true],
      [3, 'REJECT', false],
    ]);
    expect(r.stderr).toMatch(/^2 flows: 1 ACCEPT, 1 REJECT; 1 mismatch with expect/);
  });

  it('reads stdin with -, writes CSV, and exits 0 when every expect holds', () => {
    const r = cli(['--batch', '-', '--format', 'csv'], '{"from":"bastion","to":"app-1","port":22,"expect":"accept"}\n');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'line,from,to,protocol,port,verdict,blockedBy,reason,expect,match,error',
      '1,bastion,app-1,tcp,22,ACCEPT,,,accept,true,',
    ]);
  });

  it('bad input is one line and exit 2', () => {
    const r = cli(['--batch', join(dir, 'missing.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^vpcsim: cannot read .*missing\.csv: file not found$/);
    const bad = cli(['--batch', file('bad.csv', 'from,to\nbastion,app-1\n'), '--format', 'xml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--format must be jsonl or csv, got 'xml'");
  });

  it('one flow is "1 flow" in the summary', () => {
    const r = cli(['--batch', file('one.csv', 'from,to,port\nbastion,app-1,22\n')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^1 flow: 1 ACCEPT, 0 REJECT; 0 mismatches with expect/);
  });

  it('a header-only CSV exits 2 like an empty file', () => {
    for (const f of [file('header.csv', 'from,to,port\n'), file('empty.csv', '')]) {
      const r = cli(['--batch', f]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toMatch(/^vpcsim: .* has no flows/);
    }
  });

  it('a device, a pipe or a directory is refused before it is read', () => {
    const fifo = join(dir, 'flows-fifo.csv');
    const paths = ['/dev/zero', dir, ...(spawnSync('mkfifo', [fifo]).status === 0 ? [fifo] : [])];
    for (const p of paths) {
      // Reading /dev/zero or a FIFO without a writer never ends: the spawn's timeout would leave no exit status.
      const r = spawnSync(process.execPath, ['bin/vpcsim.js', 'trace', 'scenarios/three-tier.yaml', '--batch', p], { encoding: 'utf8', timeout: 20_000 });
      expect(r.status, p).toBe(2);
      expect(r.stderr.trim().split('\n'), p).toHaveLength(1);
      expect(r.stderr).toMatch(p === dir ? /is a directory/ : /not a regular file/);
    }
  });

  it('stdin is read up to 32 MiB, then refused', () => {
    const r = cli(['--batch', '-'], 'x'.repeat(33 * 1024 * 1024));
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('vpcsim: --batch - read more than 32 MiB from stdin, above the limit for a batch; split the flows into several runs');
  });
});

describe('--jobs', () => {
  it('gives the same output with worker threads as on one thread, in input order', () => {
    // more flows than one chunk of a worker, so that two workers take part; unknown endpoints, internet
    // destinations (through the NAT gateway and the internet gateway) and UDP mixed in
    const ids = ['bastion', 'web-1', 'web-2', 'app-1', 'db-1', 'nope', '10.0.1.10', 'internet', '93.184.216.34'];
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++)
      lines.push(
        JSON.stringify({
          from: ids[i % 5]!,
          to: ids[(i * 7 + 3) % ids.length]!,
          protocol: i % 11 === 0 ? 'udp' : 'tcp',
          port: [22, 80, 443, 5432, 8080][i % 5],
        }),
      );
    const f = file('many.jsonl', `${lines.join('\n')}\n`);
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['bin/vpcsim.js', 'trace', 'scenarios/three-tier.yaml', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    for (const format of ['jsonl', 'csv']) {
      const one = run(['--batch', f, '--format', format, '--jobs', '1']);
      const two = run(['--batch', f, '--format', format, '--jobs', '2']);
      expect(two.status).toBe(one.status);
      expect(two.stdout.split('\n').length).toBe(format === 'csv' ? 20_002 : 20_001);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr.replace(/\(.* s\)/, '')).toBe(one.stderr.replace(/\(.* s\)/, ''));
    }
  });

  it('refuses a value that is not a whole number from 1 to 64, and --jobs without --batch', () => {
    const f = file('jobs.csv', 'from,to,port\nbastion,app-1,22\n');
    for (const v of ['0', '-1', 'x', '65', '1.5']) {
      const r = cli(['--batch', f, '--jobs', v]);
      expect(r.status, v).toBe(2);
      expect(r.stderr.trim(), v).toBe(`vpcsim: --jobs must be a whole number from 1 to 64 (worker threads), got '${v}'`);
    }
    const alone = cli(['--from', 'bastion', '--to', 'app-1', '--jobs', '2']);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--jobs applies only with --batch');
  });
});
