// The topology's own `assertions:`, bound last: each keeps its position, and a `subnet:ID` / `sg:ID` side is resolved
// here to the interfaces it stands for, so that the check stage reads the bound model instead of looking ids up.
import type { Binder } from './context.js';
import type { BoundAssertion, BoundMembers, NetworkInterface } from './model.js';

/** Interfaces a `subnet:ID` / `sg:ID` endpoint stands for (not a transit gateway attachment's, nor a load balancer node: name the load balancer). */
export function boundMembers(byId: Binder['byId'], text: string): BoundMembers | undefined {
  const m = /^(subnet|sg):(.+)$/.exec(text.trim());
  if (!m) return undefined;
  const r = byId.get(m[2]!);
  const own = (e: NetworkInterface) => e.owner.type !== 'tgw-attachment' && e.owner.type !== 'load-balancer';
  if (m[1] === 'subnet') return r?.kind === 'subnet' ? { interfaces: r.interfaces.filter(own) } : { error: `'${m[2]}' is not a subnet` };
  return r?.kind === 'security-group' ? { interfaces: r.members.filter(own) } : { error: `'${m[2]}' is not a security group` };
}

/** The written assertions that are mappings, positioned at ['assertions', i]; called once every resource is bound. */
export function bindAssertions(b: Binder, list: unknown[]): BoundAssertion[] {
  return list.flatMap((raw, i) => {
    if (!raw || typeof raw !== 'object') return [];
    const pos = b.loaded.source.position(['assertions', i]);
    const side = (v: unknown) => (typeof v === 'string' ? boundMembers(b.byId, v) : undefined);
    const r = raw as Record<string, unknown>;
    return [{ raw, line: pos.line, col: pos.col, from: side(r.from), to: side(r.to) }];
  });
}
