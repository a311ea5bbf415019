// The batch scanner and row templates against JSON.parse and JSON.stringify: whatever the scanner accepts, it reads
// as JSON.parse does; whatever it declines goes to JSON.parse (and its errors); rows are byte-identical.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvCell, CSV_COLUMNS, csvRow, Interner, JsonStrings, jsonRow, scanFlowObject, type RowFields } from '../../src/cli/batch-io.js';
import { parseFlows, parseFlowTable } from '../../src/cli/batch-cmd.js';
import { flowAt } from '../../src/cli/batch-flow.js';
import { writeRows } from '../../src/cli/batch-rows.js';
import { type BatchColumns, VERDICTS } from '../../src/cli/batch-run.js';

const key = fc.constantFrom('from', 'to', 'protocol', 'port', 'srcPort', 'expect', 'colour');
const value = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('i-1', 'a"b', 'a\\b', 'é', '\u2028', 'x\ny'),
  fc.integer({ min: 0, max: 70000 }),
  fc.constantFrom(1.5, -1, 1e3, true, null),
);
const space = fc.constantFrom('', ' ', '\t', '  ');

/** A line of JSON text in the flow schema's shape, with random spacing, or damaged. */
const line = fc
  .tuple(fc.array(fc.tuple(key, value, space, space), { maxLength: 7 }), fc.constantFrom('', 'drop-brace', 'trailing-comma', 'zero-number', 'raw'))
  .map(([members, damage]) => {
    let body = members
      .map(([k, v, s1, s2]) => `${s1}${JSON.stringify(k)}${s2}:${s1}${damage === 'zero-number' && typeof v === 'number' ? `0${v}` : JSON.stringify(v)}${s2}`)
      .join(',');
    if (damage === 'trailing-comma' && body) body += ',';
    if (damage === 'raw') body = body.replace(/\\n/g, '\n');
    return damage === 'drop-brace' ? `{${body}` : `{${body}}`;
  });

describe('Interner', () => {
  it('gives the text asked for, found again after the table grew', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `i-${(i * 7919) % 20_000}-${i % 3 ? 'app' : 'db'}`);
    const text = ids.join(',');
    const strings = new Interner();
    for (let round = 0; round < 2; round++) {
      for (let at = 0, k = 0; k < ids.length; k++) {
        expect(strings.at(text, at, at + ids[k]!.length)).toBe(ids[k]);
        at += ids[k]!.length + 1;
      }
    }
    // same length, same characters in another order: distinct texts
    expect(strings.at('ab|ba', 0, 2)).toBe('ab');
    expect(strings.at('ab|ba', 3, 5)).toBe('ba');
  });
});

describe('scanFlowObject', () => {
  it('reads what JSON.parse reads, or declines', () => {
    fc.assert(
      fc.property(line, (text) => {
        const got = scanFlowObject(text, 0, text.length, new Interner());
        if (got !== undefined) expect(got).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the usual form itself', () => {
    const text = '{"from":"i-1","to":"10.0.0.5", "protocol":"tcp","port":443,"expect":"accept"}';
    expect(scanFlowObject(text, 0, text.length, new Interner())).toEqual({ from: 'i-1', to: '10.0.0.5', protocol: 'tcp', port: 443, expect: 'accept' });
    for (const declined of ['{"from":"a\\"b"}', '{"port":1.5}', '{"port":012}', '{"from":"a",}', '{"colour":"red"}', '{"port":-1}', '{"port":12345678901}']) {
      expect(scanFlowObject(declined, 0, declined.length, new Interner())).toBeUndefined();
    }
  });
});

const row: fc.Arbitrary<RowFields> = fc.record(
  {
    line: fc.integer({ min: 1, max: 1e6 }),
    from: fc.string(),
    to: fc.string(),
    protocol: fc.constantFrom('tcp', 'udp', 'all', 'icmp'),
    port: fc.integer({ min: 0, max: 65535 }),
    verdict: fc.constantFrom('ACCEPT', 'REJECT', 'ERROR'),
    blockedBy: fc.option(fc.string(), { nil: null }),
    reason: fc.option(fc.constantFrom('SUBNET_ACL_RESTRICTION', 'ENI_SG_RULES_MISMATCH'), { nil: null }),
    expect: fc.constantFrom('accept', 'reject'),
    match: fc.boolean(),
    error: fc.string(),
  },
  { requiredKeys: ['line', 'from', 'to', 'protocol', 'port', 'verdict', 'blockedBy', 'reason'] },
);

describe('row templates', () => {
  it('jsonRow is JSON.stringify of the row', () => {
    const j = new JsonStrings();
    fc.assert(
      fc.property(row, (r) => {
        expect(jsonRow(r, j)).toBe(
          JSON.stringify({
            line: r.line,
            from: r.from,
            to: r.to,
            protocol: r.protocol,
            port: r.port,
            verdict: r.verdict,
            blockedBy: r.blockedBy,
            reason: r.reason,
            expect: r.expect,
            match: r.match,
            error: r.error,
          }),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('csvRow is the row cell by cell', () => {
    const memo = new Map<string, string>();
    fc.assert(
      fc.property(row, (r) => {
        expect(csvRow(r, memo)).toBe(CSV_COLUMNS.map((c) => csvCell(r[c])).join(','));
      }),
      { numRuns: 1000 },
    );
  });
});

/** A JSON-lines file of flow-shaped lines (some damaged), blank lines, comments, non-ASCII and odd spacing. */
const flowFile = fc
  .array(
    fc.oneof(
      line,
      fc.constantFrom('', '  ', '# a comment', '\uFEFF{"from":"a","to":"b"}', '{"from":"é-1","to":"b","port":22}', '{"from":"a","to":"b","expect":"ACCEPT"}'),
      fc
        .record({ from: fc.constantFrom('a', 'b', 'i-1', 'é'), to: fc.constantFrom('a', 'c', '10.0.0.5'), port: fc.integer({ min: 0, max: 65535 }) })
        .map((o) => JSON.stringify(o)),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));

function outcome<T>(f: () => T): T | { error: string } {
  try {
    return f();
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('parseFlowTable', () => {
  it('reads a JSON-lines file as parseFlows does: the same flows, or the same error', () => {
    fc.assert(
      fc.property(flowFile, (text) => {
        const want = outcome(() => parseFlows(text, 'f.jsonl'));
        const got = outcome(() => {
          const t = parseFlowTable(Buffer.from(text), 'f.jsonl');
          return Array.from({ length: t.count }, (_, i) => flowAt(t, i));
        });
        expect(got).toEqual(want);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('writeRows', () => {
  it('writes what jsonRow and csvRow write for the same rows', () => {
    const columns = fc.array(
      fc.record({
        verdict: fc.constantFrom(0, 1, 2),
        port: fc.integer({ min: 0, max: 65535 }),
        blockedBy: fc.option(fc.constantFrom('acl-1', 'sg-"x"', 'a,b'), { nil: null }),
        reason: fc.option(fc.constantFrom('SUBNET_ACL_RESTRICTION'), { nil: null }),
        error: fc.option(fc.constantFrom('unknown endpoint', 'x "y", z'), { nil: undefined }),
      }),
      { minLength: 20, maxLength: 20 },
    );
    const lines = fc.array(
      fc.record({
        from: fc.string({ minLength: 1 }),
        to: fc.constantFrom('b', 'a,"c"'),
        protocol: fc.constantFrom(undefined, 'udp', 'TCP'),
        expect: fc.constantFrom(undefined, 'accept', 'reject'),
      }),
      { minLength: 1, maxLength: 20 },
    );
    fc.assert(
      fc.property(lines, columns, fc.constantFrom('jsonl' as const, 'csv' as const), (flows, cols, format) => {
        const t = parseFlowTable(Buffer.from(flows.map((f) => JSON.stringify(f)).join('\n')), 'f.jsonl');
        const c: BatchColumns = {
          verdict: Uint8Array.from(cols, (x) => x.verdict),
          port: Int32Array.from(cols, (x) => x.port),
          blockedBy: cols.map((x) => x.blockedBy),
          reason: cols.map((x) => x.reason),
          error: cols.map((x) => x.error),
        };
        let got = '';
        writeRows(t, c, format, (s) => {
          got += s;
        });
        const memo = new Map<string, string>();
        const j = new JsonStrings();
        const want = flows.map((f, i) => {
          const verdict = VERDICTS[c.verdict[i]!]!;
          const r: RowFields = {
            line: i + 1,
            from: f.from,
            to: f.to,
            protocol: f.protocol ?? 'tcp',
            port: c.port[i]!,
            verdict,
            blockedBy: c.blockedBy[i]!,
            reason: c.reason[i]!,
            expect: f.expect,
            match: f.expect ? verdict.toLowerCase() === f.expect : undefined,
            error: c.error[i],
          };
          return `${format === 'csv' ? csvRow(r, memo) : jsonRow(r, j)}\n`;
        });
        expect(got).toBe((format === 'csv' ? `${CSV_COLUMNS.join(',')}\n` : '') + want.join(''));
      }),
      { numRuns: 500 },
    );
  });
});
