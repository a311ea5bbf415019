// reach from an interface whose primary address has no public IPv4 but a secondary address has an Elastic IP: the
// tracer accepts the secondary address's connection to the internet and refuses the primary's, and reach must report
// exactly the accepted source address (tests/fixtures/reach/secondary-eip.yaml).
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { reach, reachJson } from '../../src/reach/reach.js';
import { exposure } from '../../src/reach/exposure.js';
import { trace } from '../../src/trace/trace.js';

const FILE = 'tests/fixtures/reach/secondary-eip.yaml';
const sources = (r: object) => (reachJson(r as never) as { rows: { source: { addresses?: string[] } }[] }).rows.flatMap((x) => x.source.addresses ?? []);

describe('an Elastic IP on a secondary private address', () => {
  it('the tracer accepts the secondary address and refuses the primary one', () => {
    const t = loadTopology(FILE).topology!;
    expect(trace(t, { from: '10.20.2.12', to: '1.1.1.1', protocol: 'tcp', port: 443 }).verdict).toBe('ACCEPT');
    const primary = trace(t, { from: '10.20.2.10', to: '1.1.1.1', protocol: 'tcp', port: 443 });
    expect([primary.verdict, primary.reason]).toEqual(['REJECT', 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS']);
  });

  it('exposure reports the secondary address reaching the internet, and only it', () => {
    const t = loadTopology(FILE).topology!;
    const out = exposure(t, 'out').interfaces.find((i) => i.id === 'i2b')!.outbound;
    expect([...new Set(out.flatMap((r) => (r.source.kind === 'interface' ? r.source.addresses : [])))]).toEqual(['10.20.2.12']);
  });

  it('reach from the secondary address alone finds it', () => {
    const t = loadTopology(FILE).topology!;
    expect(sources(reach(t, { from: '10.20.2.12', to: '1.1.1.1', protocol: 'tcp', ports: '443' }))).toEqual(['10.20.2.12']);
  });

  // Regression: the interface's addresses formed one class of senders (engine.ts memberKey kept an interface with a
  // public address apart from others, not its addresses apart from each other), so the representative 10.20.2.10 was
  // refused for both and the row was lost. Each private address is now its own class by the public address it maps to.
  it('reach from the instance reports its secondary address reaching the internet', () => {
    const t = loadTopology(FILE).topology!;
    expect(sources(reach(t, { from: 'i2b', to: '1.1.1.1', protocol: 'tcp', ports: '443' }))).toEqual(['10.20.2.12']);
  });
});
