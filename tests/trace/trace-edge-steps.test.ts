// Rejecting hops at the edges of the walk carry what stopped the packet as data; render/ writes their detail and fix.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hopFix } from '../../src/render/trace-detail.js';
import { trace } from '../../src/trace/trace.js';
import type { Hop, TraceResult } from '../../src/trace/types.js';
import { load, run } from '../helpers/trace.js';

const blocking = (r: TraceResult): Hop => {
  const path = r.blocking?.path === 'return' ? r.return! : r.forward;
  return path.hops[path.blockedAt!]!;
};

describe('a packet carried somewhere other than asked', () => {
  const peers = readFileSync('scenarios/overlapping-peers.yaml', 'utf8');

  it('forward: the blamed route hop keeps where the packet arrived and what was asked for; the words are written from them', () => {
    const x = run(peers, { from: 'a1', to: 'c77', port: 443 });
    expect(x.reason).toBe('DESTINATION_NOT_REACHED');
    const h = blocking(x.r);
    expect(h.component).toBe('rt-a');
    expect(h.misdirected).toEqual({
      reply: false,
      address: '10.0.0.77',
      expected: { input: 'c77', owner: 'c77', vpc: 'vpc-c' },
      reached: { type: 'arrived', target: 'b77', address: '10.0.0.77', vpc: 'vpc-b' },
      routed: true,
    });
    expect(h.fix).toBeUndefined();
    expect(hopFix(h)).toBe('make the route toward 10.0.0.77 lead to c77 in vpc-c (a more specific or overlapping route sends it elsewhere)');
    expect(x.r.explanation).toMatch(
      /^The packet never reaches c77 in vpc-c: it arrives at b77 \(10\.0\.0\.77 in vpc-b\): rt-a routed it \(.+\)\. To let it pass: make the route/,
    );
  });

  it('the reply: the hop keeps that it is the reply and the sender it must reach', () => {
    const x = run(peers, { from: 'b88', to: 'a1', port: 443 });
    expect(x.reason).toBe('REPLY_DELIVERED_ELSEWHERE');
    const h = blocking(x.r);
    expect(h.misdirected).toMatchObject({ reply: true, expected: { input: 'b88', owner: 'b88', vpc: 'vpc-b' }, routed: true });
    expect(hopFix(h)).toBe(`make the route toward ${h.misdirected!.address} lead back to b88 in vpc-b`);
    expect(x.r.explanation).toMatch(
      /^The reply is blocked: it never reaches b88 in vpc-b, which opened the connection; it .+ AWS does not check the reverse path/,
    );
  });

  it('a run without explanations keeps no misdirection', () => {
    const r = trace(load(peers), { from: 'a1', to: 'c77', port: 443, explain: false, flowLogs: false });
    expect(r.reason).toBe('DESTINATION_NOT_REACHED');
    expect(blocking(r).misdirected).toBeUndefined();
  });
});
