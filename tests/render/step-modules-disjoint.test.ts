// The rejecting steps are written by three modules (gateways, links, edges), each claiming the steps by a (type, action)
// table. A pair claimed by two would be written by whichever stepText asks first: every pair must have one owner.
import { describe, expect, it } from 'vitest';
import { isEdgeStep, EDGE_ACTIONS } from '../../src/render/trace-detail-edges.js';
import { isGatewaysStep } from '../../src/render/trace-detail-gateways.js';
import { ACTIONS as LINKS_ACTIONS, isLinksStep } from '../../src/render/trace-detail-links.js';
import { ACTIONS as GATEWAYS_ACTIONS } from '../../src/trace/steps-gateways.js';

const guards = { gateways: isGatewaysStep, links: isLinksStep, edges: isEdgeStep };
const tables: Record<keyof typeof guards, Readonly<Record<string, readonly string[]>>> = {
  gateways: GATEWAYS_ACTIONS,
  links: LINKS_ACTIONS,
  edges: EDGE_ACTIONS,
};

describe('the three rejecting-step modules', () => {
  const pairs = Object.entries(tables).flatMap(([module, table]) =>
    Object.entries(table).flatMap(([type, actions]) => actions.map((action) => ({ module, type, action }))),
  );

  it('list about as many (type, action) pairs as the step unions have', () => {
    expect(pairs.length).toBeGreaterThan(50);
  });

  it.each(pairs)('$type/$action is claimed by $module only', ({ module, type, action }) => {
    const claimedBy = Object.entries(guards)
      .filter(([, is]) => is({ type, action } as never))
      .map(([name]) => name);
    expect(claimedBy).toEqual([module]);
  });

  it('a routing loop is a links step only, and a step without an action (an allowed hop) is none of them', () => {
    const claims = (s: object) =>
      Object.entries(guards)
        .filter(([, is]) => is(s as never))
        .map(([name]) => name);
    expect(claims({ type: 'routing-loop', routeTable: 'rt-a', components: [] })).toEqual(['links']);
    expect(claims({ type: 'route', routeTable: 'rt-a', address: '10.0.0.1', destination: '10.0.0.0/16', target: 'local', origin: 'local' })).toEqual([]);
  });
});
