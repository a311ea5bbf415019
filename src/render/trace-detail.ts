// The words of a hop: each typed step of the tracer (src/trace/steps.ts) written as the sentence `detail` shows, one
// small function per step type. Hops whose step is not typed yet carry their own `detail` text.
import { hasPorts, isIcmp, PROTO, protocolName } from '../net/protocol.js';
import type { Hop, NetworkAclStep, SecurityGroupStep, StepDetail, Traffic } from '../trace/types.js';

/** The traffic in words: `tcp/443`, `icmp type 8 code 0`, `traffic of any protocol`. */
export function trafficText(t: Traffic): string {
  if (t.protocol === PROTO.ALL_PROBE) return 'traffic of any protocol';
  if (hasPorts(t.protocol)) return `${protocolName(t.protocol)}/${t.port}`;
  if (isIcmp(t.protocol)) return `${protocolName(t.protocol)} type ${t.icmpType} code ${t.icmpCode}`;
  return `protocol ${protocolName(t.protocol)}`;
}

const toward = (direction: 'inbound' | 'outbound'): string => (direction === 'inbound' ? 'from' : 'to');

function securityGroupText(s: SecurityGroupStep): string {
  if (s.by === 'connection-tracking') return `${s.direction} reply of an allowed flow: security groups are stateful (${s.groups.join(', ')})`;
  return `${s.direction} ${trafficText(s.traffic)} ${toward(s.direction)} ${s.peer} allowed`;
}

function networkAclText(s: NetworkAclStep): string {
  return `${s.direction} ${trafficText(s.traffic)} ${toward(s.direction)} ${s.peer}: rule ${s.ruleNumber} allows`;
}

/** The sentence for one step. */
export function stepText(s: StepDetail): string {
  switch (s.type) {
    case 'security-group':
      return securityGroupText(s);
    case 'network-acl':
      return networkAclText(s);
  }
}

/** A hop's detail: its step in words, or the text it carries. */
export function hopDetail(h: Hop): string {
  if (h.detail !== undefined) return h.detail;
  const s = h.step;
  return s ? stepText(s) : '';
}
