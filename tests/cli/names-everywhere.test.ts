// A Name tag works wherever an id does: trace (and so batch files and check assertions, which trace) and reach;
// a name two resources carry is refused with the candidates.
import { describe, expect, it } from 'vitest';
import { loadTopologyText, trace, FlowError } from '../../src/index.js';
import { reach } from '../../src/reach/reach.js';

const TEXT = `version: 1
vpcs: [ { id: vpc-a, cidr: 10.0.0.0/16 } ]
subnets: [ { id: s1, vpc: vpc-a, cidr: 10.0.1.0/24 } ]
securityGroups:
  - { id: sg-db, vpc: vpc-a, name: database, inbound: [ { protocol: tcp, ports: 5432, source: 10.0.1.10/32 } ] }
instances:
  - { id: i-0a1, name: web, subnet: s1, privateIp: 10.0.1.10 }
  - { id: i-0b2, name: db, subnet: s1, privateIp: 10.0.1.20, securityGroups: [sg-db] }
  - { id: i-0c3, name: twin, subnet: s1, privateIp: 10.0.1.30 }
  - { id: i-0d4, name: twin, subnet: s1, privateIp: 10.0.1.40 }
`;
const t = loadTopologyText(TEXT, 'names.yaml').topology!;

describe('names wherever ids are accepted', () => {
  it('trace: a name gives the same answer as the id', () => {
    for (const port of [5432, 22]) {
      const byName = trace(t, { from: 'web', to: 'db', port });
      const byId = trace(t, { from: 'i-0a1', to: 'i-0b2', port });
      expect([byName.verdict, byName.blockedBy, byName.reason]).toEqual([byId.verdict, byId.blockedBy, byId.reason]);
    }
    expect(trace(t, { from: 'web', to: 'db', port: 5432 }).verdict).toBe('ACCEPT');
  });

  it('trace: an ambiguous name is refused with its candidates', () => {
    expect(() => trace(t, { from: 'twin', to: 'db', port: 5432 })).toThrow(FlowError);
    expect(() => trace(t, { from: 'twin', to: 'db', port: 5432 })).toThrow(/'twin' is the name of 2 resources: i-0c3 \(instance\), i-0d4 \(instance\)/);
  });

  it('reach: --to by name, and sg:NAME', () => {
    const r = reach(t, { to: 'db', protocol: 'tcp', ports: '0-65535', srcPorts: '1024-65535' });
    expect(r.rows.map((x) => [x.source.kind === 'interface' ? x.source.id : 'external', x.ports])).toEqual([['i-0a1', [[5432, 5432]]]]);
    const s = reach(t, { to: 'sg:database', protocol: 'tcp', ports: '0-65535', srcPorts: '1024-65535' });
    expect(s.rows).toEqual(r.rows);
  });
});

describe('names in check assertions', () => {
  it('an assertion may name its ends by Name tag', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { checkFile } = await import('../../src/check/check.js');
    const file = join(mkdtempSync(join(tmpdir(), 'vpcsim-names-')), 'names.yaml');
    writeFileSync(
      file,
      `${TEXT}assertions:\n  - { from: web, to: db, protocol: tcp, port: 5432, expect: accept }\n  - { from: web, to: db, protocol: tcp, port: 22, expect: accept }\n`,
    );
    const report = checkFile(file, {});
    expect(report.assertions.map((a) => a.passed)).toEqual([true, false]);
  });
});
