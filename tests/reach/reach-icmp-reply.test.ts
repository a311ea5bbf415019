// An ICMP request's reply has another type (echo 8 → echo reply 0, timestamp 13 → 14, …; one-way types have none),
// and a network ACL on the way back reads the reply's type. The engine keeps the types with a reply together and draws
// the return path's type rules over the requests they answer. The tracer is the oracle, for every ICMP type.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { reach } from '../../src/reach/reach.js';
import { trace } from '../../src/trace/trace.js';

// the bastion's subnet lets every ICMP type out, and only echo replies and the timestamp reply back in
function topology() {
  const text = readFileSync('scenarios/three-tier.yaml', 'utf8')
    .replace(
      '      - { rule: 130, protocol: tcp, ports: 1024-65535, cidr: 10.0.0.0/16,    action: allow }   # replies from the app and db tiers\n',
      '      - { rule: 130, protocol: tcp, ports: 1024-65535, cidr: 10.0.0.0/16,    action: allow }   # replies from the app and db tiers\n' +
        '      - { rule: 140, protocol: icmp, icmpType: 0, cidr: 0.0.0.0/0, action: allow }\n' +
        '      - { rule: 150, protocol: icmp, icmpType: 14, cidr: 198.51.100.0/24, action: allow }\n',
    )
    .replace(
      '      - { rule: 120, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0,      action: allow }   # replies to office and web clients\n',
      '      - { rule: 120, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0,      action: allow }   # replies to office and web clients\n' +
        '      - { rule: 130, protocol: icmp, cidr: 0.0.0.0/0, action: allow }\n',
    );
  const file = join(mkdtempSync(join(tmpdir(), 'vpcsim-icmp-')), 'three-tier-icmp.yaml');
  writeFileSync(file, text);
  return loadTopology(file).topology!;
}

describe('ICMP replies on the way back', () => {
  const t = topology();
  const r = reach(t, { from: 'bastion', to: 'internet', protocol: 'icmp' });
  const inRows = (dst: number, type: number) =>
    r.rows.some(
      (row) =>
        row.destination.kind === 'external' &&
        (row.icmpTypes ?? []).some(([lo, hi]) => type >= lo && type <= hi) &&
        row.destination.cidrs.some((c) => {
          const [base, len] = c.split('/');
          const b = base!.split('.').reduce((a, o) => a * 256 + Number(o), 0);
          return dst >= b && dst < b + 2 ** (32 - Number(len));
        }),
    );
  const addrs: [string, number][] = [
    ['198.51.100.7', 0xc6336407],
    ['8.8.8.8', 0x08080808],
  ];
  it.each(addrs)('to %s: every ICMP type is in a row exactly when trace accepts it', (text, value) => {
    const wrong: string[] = [];
    for (let type = 0; type < 256; type++) {
      const v = trace(t, { from: 'bastion', to: text, protocol: 1, icmpType: type, icmpCode: 0, explain: false, flowLogs: false }).verdict;
      if (inRows(value, type) !== (v === 'ACCEPT')) wrong.push(`type ${type}: trace ${v}`);
    }
    expect(wrong).toEqual([]);
  });
  it('echo gets its reply back, a timestamp request only from the range whose replies are let in, and an address-mask request never', () => {
    expect(inRows(0x08080808, 8)).toBe(true);
    expect(inRows(0x08080808, 13)).toBe(false);
    expect(inRows(0xc6336407, 13)).toBe(true);
    expect(inRows(0xc6336407, 17)).toBe(false);
    // a one-way type has no reply to refuse
    expect(inRows(0x08080808, 3)).toBe(true);
  });
});
