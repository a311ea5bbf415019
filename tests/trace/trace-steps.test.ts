// Each hop carries what its component did as a typed step (docs/trace-json.md); the words are written in render/.
import { describe, expect, it } from 'vitest';
import { loadTopology } from '../../src/index.js';
import { hopDetail, hopFix, stepText } from '../../src/render/trace-detail.js';
import { traceJson } from '../../src/render/trace-text.js';
import { trace } from '../../src/trace/trace.js';
import type { Hop } from '../../src/trace/types.js';

const t = loadTopology('scenarios/three-tier.yaml').topology!;

describe('typed steps', () => {
  it('a security group hop has its step as data and, in --json, the detail written from it', () => {
    const r = trace(t, { from: 'web-1', to: 'db-1', port: 5432, flowLogs: false });
    const j = traceJson(r) as { forward: { hops: Hop[] } };
    const first = j.forward.hops[0]!;
    expect(first.step).toEqual({
      type: 'security-group',
      by: 'rule',
      group: 'sg-web',
      direction: 'outbound',
      traffic: { protocol: 6, port: 5432 },
      peer: '10.0.20.10',
    });
    expect(first.detail).toBe('outbound tcp/5432 to 10.0.20.10 allowed');
    expect(j.forward.hops[1]!.step).toMatchObject({ type: 'route', routeTable: 'rt-public', address: '10.0.20.10', target: 'local', origin: 'local' });
  });

  it('every hop with a step shows the step in words; hops without one carry their own text', () => {
    const nat = loadTopology('scenarios/nat-two-az.yaml').topology!;
    const r = trace(nat, { from: 'worker-a', to: 'internet', port: 443, flowLogs: false });
    const hops = [...r.forward.hops, ...(r.return?.hops ?? [])];
    expect(hops.some((h) => h.step?.type === 'nat')).toBe(true);
    for (const h of hops) expect(hopDetail(h)).toBe(h.step ? stepText(h.step) : h.detail);
  });

  it('a run without explanations builds no steps', () => {
    const r = trace(t, { from: 'web-1', to: 'db-1', port: 5432, explain: false, flowLogs: false });
    expect(r.forward.hops.length).toBeGreaterThan(0);
    expect(r.forward.hops.every((h) => h.step === undefined)).toBe(true);
  });

  it('inspection, Direct Connect, transit gateway attachment and load balancer hops carry typed steps', () => {
    const cases: [string, { from: string; to: string; via?: string; port: number }, string[]][] = [
      [
        'scenarios/gwlb-appliances.yaml',
        { from: 'internet', to: 'web-a', port: 443 },
        ['gateway-route', 'gwlb-endpoint', 'gateway-load-balancer', 'appliance'],
      ],
      ['scenarios/ingress-firewall.yaml', { from: 'internet', to: 'web-a', port: 443 }, ['network-firewall-endpoint', 'network-firewall']],
      ['scenarios/hybrid-dx-vpn.yaml', { from: 'app-1', to: '192.168.10.20', port: 443 }, ['vpn-gateway-route', 'direct-connect-gateway', 'virtual-interface']],
      ['scenarios/hybrid-dx-vpn.yaml', { from: 'shared-1', to: '172.16.4.4', port: 443 }, ['tgw-attachment']],
      ['scenarios/alb-web.yaml', { from: 'internet', to: 'web-a', via: 'alb-web', port: 443 }, ['load-balancer']],
    ];
    for (const [file, flow, types] of cases) {
      const r = trace(loadTopology(file).topology!, { ...flow, flowLogs: false });
      const hops = [...r.forward.hops, ...(r.return?.hops ?? [])];
      const seen = new Set(hops.map((h) => h.step?.type));
      for (const type of types) expect(seen, `${file}: ${type}`).toContain(type);
      for (const h of hops) if (h.step) expect(hopDetail(h)).toBe(stepText(h.step));
    }
  });

  it('a virtual private gateway route step says which routes it won over, and why, as data', () => {
    const hybrid = loadTopology('scenarios/hybrid-dx-vpn.yaml').topology!;
    const r = trace(hybrid, { from: 'app-1', to: '192.168.10.20', port: 443, flowLogs: false });
    const step = r.forward.hops.find((h) => h.step?.type === 'vpn-gateway-route')!.step!;
    expect(step).toMatchObject({
      gateway: 'vgw-app',
      chosen: { by: 'direct-connect-bgp', link: 'vif-dc1', prefix: '192.168.0.0/16' },
      preferredOver: [
        { by: 'vpn-static', link: 'vpn-static', why: 'lower-priority' },
        { by: 'vpn-bgp', link: 'vpn-bgp', why: 'lower-priority' },
      ],
    });
    expect(stepText(step)).toContain('to on-premises over vif-dc1: Direct Connect BGP route 192.168.0.0/16 over vif-dc1; preferred over VPN static');
  });

  it('a Gateway Load Balancer appliance that drops rejects with its step as data; the detail and fix are written in render/', () => {
    const g = loadTopology('scenarios/gwlb-appliances.yaml').topology!;
    const r = trace(g, { from: 'internet', to: 'web-a', port: 22, flowLogs: false });
    expect(r.reason).toBe('GWLB_APPLIANCE_DROP');
    const h = r.forward.hops[r.forward.blockedAt!]!;
    expect(h.detail).toBeUndefined();
    expect(h.fix).toBeUndefined();
    expect(h.step).toMatchObject({ type: 'appliance', action: 'drop', traffic: { protocol: 6, port: 22 } });
    expect(hopDetail(h)).toMatch(/^tcp\/22 .* drops$/);
    expect(hopFix(h)).toMatch(/^add an allow rule for this flow to .*'s action$/);
  });
});
