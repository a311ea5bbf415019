// The `explanation` of a REJECT: one sentence written from the trace's `blocking` data (the path whose hop blocked,
// where a packet carried elsewhere went, a load balancer's hint, the failing targets of `<lb>:<port>`) and the blocking hop's detail and fix.
import type { Blocking, TargetSecurityGroupHint, TraceResult } from '../trace/types.js';
import { hopDetail, hopFix } from './trace-detail.js';
import { misdirectionText } from './trace-detail-edges.js';

/** A target's security group refused the load balancer: what address the target sees, and the rule that admits it. */
function hintText(h: TargetSecurityGroupHint): string {
  const sg = h.securityGroup;
  if (h.kind === 'client-ip-preserved')
    return `With client IP preservation ${h.target} sees the client's address ${h.source}, not the load balancer's${sg ? `; a rule with source ${sg} admits the load balancer's traffic whatever the client` : ''}.`;
  return `${h.target} sees the address of node ${h.node} (${h.source}), not the client's${sg ? `; a rule with source ${sg} admits every node of ${h.loadBalancer}` : `; admit the subnets of ${h.loadBalancer}`}.`;
}

function blockedText(r: TraceResult, b: Blocking): string | null {
  const path = b.path === 'forward' ? r.forward : r.return;
  const h = path && path.blockedAt !== undefined ? path.hops[path.blockedAt] : undefined;
  if (!h) return null;
  const hFix = hopFix(h);
  const fix = hFix ? ` To let it pass: ${hFix}.` : '';
  const reply = b.path === 'return';
  if (h.misdirected) return `${misdirectionText(h.misdirected, h, hopDetail)}${fix}`;
  const detail = hopDetail(h);
  if (detail) return `${reply ? 'The reply is blocked: ' : ''}${detail}.${fix}`;
  return `${reply ? 'The reply is' : 'Blocked'} by ${h.component} (${h.reason}).`;
}

/** The sentence: what blocked the flow and what change would let it pass; null on ACCEPT. */
export function explanationText(r: TraceResult): string | null {
  const b = r.blocking;
  if (!b) return r.explanation;
  const text = blockedText(r, b);
  if (text === null) return null;
  const t = b.targets;
  const prefix = t ? `Target ${t.target} (${t.failing} of ${t.of} targets fail): ` : '';
  return `${prefix}${text}${b.hint ? ` ${hintText(b.hint)}` : ''}`;
}
