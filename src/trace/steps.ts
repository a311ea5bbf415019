// What a component did with the packet, as data (after Batfish's Step detail): ids, numbers and addresses, no words.
// src/render/trace-detail.ts writes each one as the hop's `detail` text; docs/trace-json.md documents the fields.

/** The traffic a filter judged: the protocol number, and the port or ICMP type and code when the protocol has them. */
export interface Traffic {
  protocol: number;
  port?: number;
  icmpType?: number;
  icmpCode?: number;
}

/** A security group rule admitted the packet, or connection tracking let a reply through. */
export type SecurityGroupStep =
  | { type: 'security-group'; by: 'rule'; group: string; direction: 'inbound' | 'outbound'; traffic: Traffic; peer: string }
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html — replies of a tracked flow pass
  | { type: 'security-group'; by: 'connection-tracking'; groups: string[]; direction: 'inbound' | 'outbound' };

/** A network ACL rule allowed the packet (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html). */
export interface NetworkAclStep {
  type: 'network-acl';
  acl: string;
  direction: 'inbound' | 'outbound';
  ruleNumber: number;
  traffic: Traffic;
  peer: string;
}

export type StepDetail = SecurityGroupStep | NetworkAclStep;
