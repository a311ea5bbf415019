// A flow the tracer refuses is described in the library's own words; the CLI names the fields by flag and an
// assertion by key (issue #11: library errors stop naming CLI flags).
import { describe, expect, it } from 'vitest';
import { FlowError, loadTopology, trace } from '../../src/index.js';
import { FLOW_FLAGS } from '../../src/trace/flow-error.js';

const t = loadTopology('scenarios/three-tier.yaml').topology!;

function refusal(spec: Parameters<typeof trace>[1]): FlowError {
  try {
    trace(t, spec);
  } catch (e) {
    if (e instanceof FlowError) return e;
    throw e;
  }
  throw new Error('the flow was traced');
}

describe('FlowError', () => {
  it('says "destination port" to library callers and --port on the command line', () => {
    const e = refusal({ from: 'web-1', to: 'db-1', port: 70000 });
    expect(e.message).toBe('destination port must be 0-65535, got 70000');
    expect(e.describe(FLOW_FLAGS)).toBe('--port must be 0-65535, got 70000');
  });

  it('names both ends neutrally when they are the same interface', () => {
    const e = refusal({ from: 'web-1', to: 'web-1', port: 22 });
    expect(e.message).toMatch(/^source and destination are the same interface \(web-1\)/);
    expect(e.describe(FLOW_FLAGS)).toMatch(/^--from and --to are the same interface \(web-1\)/);
  });

  it("keeps another module's message as written", () => {
    const e = refusal({ from: 'web-1', to: 'nowhere', port: 22 });
    expect(e.message).toBe(e.describe(FLOW_FLAGS));
    expect(e.message).toMatch(/^unknown endpoint 'nowhere'/);
  });
});
