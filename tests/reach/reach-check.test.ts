// `check` assertions with `expect: reject` over ports are proved over every source address and source port with the
// reach engine: a representative internet address is not enough.
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { runAssertion } from '../../src/check/assertions.js';
import { trace } from '../../src/trace/trace.js';
import { renderTraceText } from '../../src/render/trace-text.js';

const t = loadTopology('scenarios/three-tier.yaml').topology!;
const run = (raw: object) => runAssertion(t, { raw: raw as never, file: 'x', line: 1, col: 1 });

describe('reject assertions proved by the engine', () => {
  it('finds the office range a representative internet address misses, and shows its trace', () => {
    // the representative internet address (192.0.2.80) is refused by acl-public; 203.0.113.0/24 is let in
    const representative = trace(t, { from: 'internet', to: 'bastion', protocol: 'tcp', port: 22, flowLogs: false });
    expect(representative.verdict).toBe('REJECT');
    const r = run({ from: 'internet', to: 'bastion', protocol: 'tcp', ports: '22', expect: 'reject' });
    expect(r.passed).toBe(false);
    expect(r.failure).toMatch(
      /expected REJECT, got ACCEPT for 203\.0\.113\.\d+ -> 54\.210\.0\.10 tcp\/22 from source port \d+, found by proving the assertion over every source address and port/,
    );
    // the failure is the sentence; the trace that broke it is kept as data and written by the renderer
    expect(r.failure).not.toMatch(/\n/);
    expect(renderTraceText(r.trace!)).toMatch(/Verdict: ACCEPT/);
  });

  it('a source port the return path refuses is not a counterexample: the proof covers source ports too', () => {
    // bastion → db-1 on 22 works only from source ports 1024-65535 (acl-db outbound returns to 1024-65535 only)
    const r = run({ from: 'bastion', to: 'db-1', protocol: 'tcp', ports: '22', srcPort: 80, expect: 'reject' });
    expect(r.passed).toBe(true);
    const open = run({ from: 'bastion', to: 'db-1', protocol: 'tcp', ports: '22', srcPort: 1024, expect: 'reject' });
    expect(open.passed).toBe(false);
    expect(open.failure).toMatch(/expected REJECT, got ACCEPT/);
  });

  it('holds when no source address or port gets through', () => {
    expect(run({ from: 'internet', to: 'subnet:db-a', protocol: 'tcp', ports: '0-65535', expect: 'reject' }).passed).toBe(true);
    expect(run({ from: 'sg:sg-web', to: 'db-1', protocol: 'tcp', ports: '5432', expect: 'reject' }).passed).toBe(true);
  });
});
