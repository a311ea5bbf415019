// The bound Elastic Load Balancing resources: load balancers (with one node per zone), listeners and target groups.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html
import type { Addr } from '../net/ip.js';
import type { Instance, NetworkInterface, SecurityGroup, Src, Subnet, Vpc } from './network-model.js';

// A load balancer node's interface is owned by its load balancer.
declare module './network-model.js' {
  interface InterfaceOwners {
    'load-balancer': { readonly type: 'load-balancer'; readonly loadBalancer: LoadBalancer };
  }
}

interface Base {
  readonly id: string;
  readonly name?: string;
  readonly src: Src;
}

export type LoadBalancerType = 'application' | 'network' | 'classic';

/** A load balancer node: one per enabled zone, an interface in the subnet given for that zone. */
export interface LoadBalancerNode {
  readonly subnet: Subnet;
  readonly eni: NetworkInterface;
}

export interface LoadBalancer extends Base {
  readonly kind: 'load-balancer';
  readonly type: LoadBalancerType;
  readonly scheme: 'internet-facing' | 'internal';
  readonly vpc: Vpc;
  readonly subnets: Subnet[];
  /** empty for a Network Load Balancer created without security groups (its traffic is not filtered there) */
  readonly securityGroups: SecurityGroup[];
  readonly ipAddressType: 'ipv4' | 'dualstack';
  readonly crossZone: boolean;
  readonly nodes: LoadBalancerNode[];
  readonly listeners: Listener[];
  /** Classic Load Balancer: its registered instances */
  readonly instances: Instance[];
  /** Classic Load Balancer: its health check (`healthCheck.target`, e.g. TCP:80 or HTTP:80/index.html); absent: not modelled */
  readonly healthCheck?: ClassicHealthCheck;
}

export interface ClassicHealthCheck {
  readonly protocol: 'TCP' | 'SSL' | 'HTTP' | 'HTTPS';
  readonly port: number;
  readonly path?: string;
  readonly src: Src;
}

export interface Listener extends Base {
  readonly kind: 'listener';
  readonly loadBalancer: LoadBalancer;
  readonly protocol: string;
  readonly port: number;
  /** default forward action (Application and Network Load Balancers) */
  readonly targetGroup?: TargetGroup;
  /** Classic Load Balancer: the port and protocol on the instances */
  readonly instancePort?: number;
  readonly instanceProtocol?: string;
}

export interface HealthCheck {
  readonly protocol: string;
  /** 'traffic-port': each target's own port */
  readonly port: number | 'traffic-port';
  readonly src?: Src;
}

export interface Target {
  readonly type: 'instance' | 'ip' | 'alb';
  /** the interface the traffic reaches: an instance's primary interface, or the interface holding an ip target's address */
  readonly eni?: NetworkInterface;
  readonly instance?: Instance;
  /** an ip target's address (may be outside the VPC: a peered VPC or on-premises) */
  readonly ip?: Addr;
  readonly loadBalancer?: LoadBalancer;
  readonly port: number;
  readonly src: Src;
}

export interface TargetGroup extends Base {
  readonly kind: 'target-group';
  readonly vpc: Vpc;
  readonly targetType: 'instance' | 'ip' | 'alb';
  readonly protocol: string;
  readonly port: number;
  /** Network Load Balancer: whether targets see the client's address (defaults per AWS, see the binder) */
  readonly preserveClientIp: boolean;
  readonly healthCheck: HealthCheck;
  readonly targets: Target[];
  /** the load balancers whose listeners forward here */
  readonly loadBalancers: LoadBalancer[];
}
