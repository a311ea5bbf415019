// Inspection in the bound topology: Gateway Load Balancers with their appliances, AWS Network Firewall (firewalls,
// policies, rule groups). Their endpoints are VpcEndpoints (types gatewayLoadBalancer and networkFirewall), each with
// one interface in one subnet, and routes reach them through the 'inspection' route target (docs/inspection.md).
import type { Prefix } from '../net/ip.js';
import type { Match, NetworkInterface, PortRange, Src, Subnet, VpcEndpoint, Vpc } from './network-model.js';

// The fields of the VPC network that point at inspection resources.
declare module './network-model.js' {
  interface VpcEndpoint {
    /** type gatewayLoadBalancer: the load balancer behind the endpoint service */
    gatewayLoadBalancer?: GatewayLoadBalancer;
    /** type networkFirewall: the firewall this endpoint belongs to */
    firewall?: NetworkFirewall;
  }
}

interface Base {
  readonly id: string;
  readonly name?: string;
  readonly src: Src;
}

/** A 5-tuple rule: protocol and ports (Match), source and destination prefixes (undefined: any), source ports. */
export interface FiveTupleRule<A extends string> extends Match {
  readonly source?: Prefix;
  readonly destination?: Prefix;
  readonly sourcePorts?: PortRange;
  readonly action: A;
  readonly src: Src;
  /** the rule's number or priority, as written (for the trace) */
  readonly label: string;
}

/** What an appliance behind a Gateway Load Balancer does with a packet: the file says it (vpcsim cannot run the appliance). */
export type ApplianceAction =
  | { readonly type: 'allow-all'; readonly src: Src }
  | { readonly type: 'rules'; readonly rules: FiveTupleRule<'allow' | 'drop'>[]; readonly default: 'allow' | 'drop'; readonly src: Src };

export interface GwlbAppliance {
  readonly id: string;
  readonly eni: NetworkInterface;
  readonly az: string;
  readonly healthy: boolean;
  readonly action?: ApplianceAction;
}

export interface GatewayLoadBalancer extends Base {
  readonly kind: 'gateway-load-balancer';
  readonly vpc: Vpc;
  readonly subnets: Subnet[];
  readonly crossZone: boolean;
  readonly appliances: GwlbAppliance[];
  /** the default for appliances without their own action */
  readonly action?: ApplianceAction;
  readonly endpoints: VpcEndpoint[];
}

export type StatelessAction = 'aws:pass' | 'aws:drop' | 'aws:forward_to_sfe';
export type StatefulAction = 'pass' | 'drop' | 'alert' | 'reject';

export interface FirewallRuleGroup extends Base {
  readonly kind: 'firewall-rule-group';
  readonly type: 'stateless' | 'stateful';
  /** stateless: sorted by priority; stateful: in file order */
  readonly statelessRules: FiveTupleRule<StatelessAction>[];
  readonly statefulRules: FiveTupleRule<StatefulAction>[];
  /** what the group holds that vpcsim does not evaluate (domain lists, Suricata rules): reported, verdict assumes pass */
  readonly notEvaluated?: string;
}

export interface FirewallPolicy extends Base {
  readonly kind: 'firewall-policy';
  readonly statelessDefault: StatelessAction;
  /** sorted by priority */
  readonly statelessGroups: { readonly group: FirewallRuleGroup; readonly priority: number }[];
  /** strict order: sorted by priority; default order: in file order */
  readonly statefulGroups: { readonly group: FirewallRuleGroup; readonly priority?: number }[];
  readonly ruleOrder: 'default' | 'strict';
  /** strict order only: aws:drop_strict, aws:drop_established, aws:alert_strict, aws:alert_established */
  readonly statefulDefaultActions: string[];
}

export interface NetworkFirewall extends Base {
  readonly kind: 'network-firewall';
  readonly vpc: Vpc;
  policy: FirewallPolicy;
  readonly endpoints: VpcEndpoint[];
}
