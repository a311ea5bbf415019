// A Network Load Balancer with an Application Load Balancer target (target type alb): traced through both load
// balancers. https://docs.aws.amazon.com/elasticloadbalancing/latest/network/application-load-balancer-target.html
import { describe, expect, it } from 'vitest';
import { explanationText } from '../../src/render/trace-explanation.js';
import { loadTopologyFromData } from '../../src/index.js';
import { trace } from '../../src/trace/trace.js';
import { lbData } from '../helpers/load-balancer-fixture.js';

type Raw = Record<string, unknown>;

/** An internet-facing NLB (no security groups) whose TCP listener 80 forwards to the internal ALB 'lb' on `albPort`. */
function chain(o: { albPort?: number; albSgIn?: Raw[]; targetSg?: Raw[] } = {}) {
  const d = lbData({ lb: { scheme: 'internal' }, ...(o.albSgIn ? { lbSgIn: o.albSgIn } : {}), ...(o.targetSg ? { targetSg: o.targetSg } : {}) }) as Raw & {
    loadBalancers: Raw[];
    listeners: Raw[];
    targetGroups: Raw[];
  };
  d.loadBalancers.push({ id: 'nlb', type: 'network', scheme: 'internet-facing', subnets: ['pub-a', 'pub-b'] });
  d.listeners.push({ id: 'nlb-80', loadBalancer: 'nlb', protocol: 'TCP', port: 80, targetGroup: 'tg-alb' });
  d.targetGroups.push({ id: 'tg-alb', vpc: 'vpc-a', targetType: 'alb', protocol: 'TCP', port: o.albPort ?? 80, targets: [{ id: 'lb' }] });
  const r = loadTopologyFromData(d, 'chain.json');
  if (!r.topology) throw new Error(r.diagnostics.map((x) => x.message).join('\n'));
  return r.topology;
}

describe('network load balancer → application load balancer → targets', () => {
  it('ACCEPT: through the NLB to the ALB listener on the target port, then the ALB to web-a on 8080', () => {
    const r = trace(chain(), { from: 'internet', to: 'web-a', via: 'nlb', port: 80 });
    expect(r.verdict).toBe('ACCEPT');
    expect(r.loadBalancer?.legs.map((l) => [l.leg, l.loadBalancer ?? r.loadBalancer?.id, l.verdict])).toEqual([
      ['client-to-listener', 'nlb', 'ACCEPT'],
      ['listener-to-target', 'nlb', 'ACCEPT'],
      ['listener-to-target', 'lb', 'ACCEPT'],
    ]);
    expect(r.loadBalancer?.targets).toEqual([expect.objectContaining({ target: 'web-a', port: 8080, via: 'lb', sourceIp: '10.0.0.4' })]);
    expect(r.forward.hops.filter((h) => h.component === 'lb' || h.component === 'nlb').map((h) => `${h.component}:${h.decision}`)).toContain('lb:FORWARD');
  });

  it('the ALB sees the NLB node, not the client: an ALB security group admitting only the internet rejects (ENI_SG_RULES_MISMATCH at sg-lb)', () => {
    const r = trace(chain({ albSgIn: [{ protocol: 'tcp', ports: 80, source: '198.18.0.0/15' }] }), { from: '198.18.0.1', to: 'web-a', via: 'nlb', port: 80 });
    expect([r.verdict, r.blockedBy, r.reason]).toEqual(['REJECT', 'sg-lb', 'ENI_SG_RULES_MISMATCH']);
    expect(r.loadBalancer?.legs[1]).toMatchObject({ leg: 'listener-to-target', verdict: 'REJECT', blockedBy: 'sg-lb' });
  });

  it('REJECT at the ALB when the target group port is not one of its listener ports (LB_NO_LISTENER)', () => {
    const r = trace(chain({ albPort: 81 }), { from: 'internet', to: 'lb', via: 'nlb', port: 80 });
    expect([r.verdict, r.blockedBy, r.reason]).toEqual(['REJECT', 'lb', 'LB_NO_LISTENER']);
    expect(explanationText(r)).toMatch(/no listener on port 81/);
    expect(r.loadBalancer?.legs.at(-1)).toMatchObject({ loadBalancer: 'lb', verdict: 'REJECT', reason: 'LB_NO_LISTENER' });
    expect(trace(chain({ albPort: 81 }), { from: 'internet', to: 'nlb:80' }).reason).toBe('LB_NO_LISTENER');
  });

  it("REJECT at the target when its security group does not admit the ALB (the ALB's own leg decides)", () => {
    const r = trace(chain({ targetSg: [{ protocol: 'tcp', ports: 8080, source: '203.0.113.0/24' }] }), { from: 'internet', to: 'web-b', via: 'nlb', port: 80 });
    expect([r.verdict, r.blockedBy, r.reason]).toEqual(['REJECT', 'sg-web', 'ENI_SG_RULES_MISMATCH']);
    expect(r.loadBalancer?.legs.at(-1)).toMatchObject({ loadBalancer: 'lb', verdict: 'REJECT' });
  });

  it('<nlb>:80 reaches every target of the ALB listener; --to <alb> --via <nlb> stops at its listener', () => {
    const all = trace(chain(), { from: 'internet', to: 'nlb:80' });
    expect(all.verdict).toBe('ACCEPT');
    expect(all.loadBalancer?.targets?.map((x) => [x.target, x.via])).toEqual([
      ['web-a', 'lb'],
      ['web-b', 'lb'],
    ]);
    const alb = trace(chain(), { from: 'internet', to: 'lb', via: 'nlb', port: 80 });
    expect(alb.verdict).toBe('ACCEPT');
    expect(alb.loadBalancer?.targets?.map((x) => x.target)).toEqual(['lb']);
  });

  it('an instance behind neither load balancer is not registered (LB_TARGET_NOT_REGISTERED at the NLB)', () => {
    const r = trace(chain(), { from: 'internet', to: 'web-c', via: 'nlb', port: 80 });
    expect([r.verdict, r.blockedBy, r.reason]).toEqual(['REJECT', 'nlb', 'LB_TARGET_NOT_REGISTERED']);
  });
});
