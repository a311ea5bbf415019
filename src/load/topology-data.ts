// The topology document as written (format version 1), as a TypeScript type. Generated from the schema
// (src/load/schema.ts) by scripts/write-schema.mjs: do not edit; change the schema and run `npm run schema`.
// tests/load/load-schema.test.ts fails when this file and the schema differ.

/** vpcsim topology, format version 1 */
export type TopologyData = {
  /** format version; must be 1 */
  version: 1;
  /** name of this topology */
  name?: string;
  /** 12-digit AWS account id used in flow logs */
  account?: string;
  /** AWS region, e.g. us-east-1 */
  region?: string;
  vpcs?: {
    /** id of this VPC */
    id: string;
    /** CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56 */
    cidr: string;
    secondaryCidrs?: string[];
    /** CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56 */
    ipv6Cidr?: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  subnets?: {
    /** id of this subnet */
    id: string;
    /** id of a VPC */
    vpc: string;
    /** IPv4 CIDR block; omit it (with ipv6Cidr given) for an IPv6-only subnet */
    cidr?: string;
    /** CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56 */
    ipv6Cidr?: string;
    /** Availability Zone name, e.g. us-east-1a */
    az?: string;
    /** Availability Zone id, e.g. use1-az1 (flow-log field az-id) */
    azId?: string;
    /** id of a route table (default: the VPC main route table) */
    routeTable?: string;
    /** id of a network ACL (default: the VPC default network ACL) */
    networkAcl?: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  internetGateways?: {
    /** id of this internet gateway */
    id: string;
    /** id of a VPC */
    vpc: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  egressOnlyInternetGateways?: {
    /** id of this egress-only internet gateway */
    id: string;
    /** id of a VPC */
    vpc: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  natGateways?: {
    /** id of this NAT gateway */
    id: string;
    /** id of a subnet */
    subnet: string;
    /** an IPv4 or IPv6 address */
    privateIp?: string;
    /** an IPv4 or IPv6 address */
    publicIp?: string;
    connectivity?: 'public' | 'private';
    /** id of its network interface (flow logs) */
    interfaceId?: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  vpnGateways?: {
    /** id of this virtual private gateway */
    id: string;
    /** id of a VPC */
    vpc?: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  vpnConnections?: {
    /** id of this VPN connection */
    id: string;
    /** id of a virtual private gateway */
    vpnGateway?: string;
    /** id of a transit gateway */
    transitGateway?: string;
    /** an IPv4 or IPv6 address */
    customerGatewayIp?: string;
    /** on-premises prefixes reached over this connection */
    onPremisesCidrs?: string[];
    /** true: the prefixes are VPN static routes; false or omitted: learned over BGP (route priority: Direct Connect BGP, VPN static, VPN BGP) */
    staticRoutesOnly?: boolean;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  peeringConnections?: {
    /** id of this peering connection */
    id: string;
    /** id of a VPC */
    requesterVpc: string;
    /** id of a VPC */
    accepterVpc: string;
    status?: 'active' | 'pending-acceptance' | 'rejected' | 'failed' | 'expired' | 'deleted' | 'provisioning' | 'initiating-request';
    /** region of the accepter VPC when it differs (inter-region peering) */
    accepterRegion?: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  routeTables?: {
    /** id of this route table */
    id: string;
    /** id of a VPC */
    vpc: string;
    /** the VPC's main route table */
    main?: boolean;
    propagatingGateways?: string[];
    routes?: {
      /** a CIDR or a prefix list id */
      destination: string;
      /** id of an internet/egress-only/VPN/transit gateway, NAT gateway, peering connection, endpoint, instance or network interface */
      target?: string;
      blackhole?: boolean;
      /** propagated: a route learned from a VPN gateway (ranks below static routes of the same prefix) */
      origin?: 'static' | 'propagated';
      description?: string;
    }[];
    gateways?: string[];
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  vpcEndpoints?: {
    /** id of this endpoint */
    id: string;
    /** id of a VPC */
    vpc: string;
    type: 'gateway' | 'interface' | 'gatewayLoadBalancer';
    /** id of the Gateway Load Balancer behind the endpoint service (type gatewayLoadBalancer) */
    gatewayLoadBalancer?: string;
    /** service name: s3, dynamodb, sqs, ... or a full com.amazonaws.<region>.<service> name */
    service?: string;
    routeTables?: string[];
    subnets?: string[];
    privateIps?: string[];
    securityGroups?: string[];
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  networkAcls?: {
    /** id of this network ACL */
    id: string;
    /** id of a VPC */
    vpc: string;
    /** the VPC's default network ACL (used by subnets without networkAcl) */
    default?: boolean;
    inbound?: {
      /** rule number 1-32766, evaluated lowest first */
      rule: number;
      /** tcp | udp | icmp | icmpv6 | all | -1 | an IP protocol number 0-255 */
      protocol: string | number;
      /** a port (443), a range ("1024-65535") or "all"; omitted means all ports */
      ports?: number | string;
      /** CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56 */
      cidr?: string;
      /** CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56 */
      ipv6Cidr?: string;
      action: 'allow' | 'deny';
      /** ICMP type; omitted means all */
      icmpType?: number;
      /** ICMP code; omitted means all */
      icmpCode?: number;
      description?: string;
    }[];
    outbound?: {
      /** rule number 1-32766, evaluated lowest first */
      rule: number;
      /** tcp | udp | icmp | icmpv6 | all | -1 | an IP protocol number 0-255 */
      protocol: string | number;
      /** a port (443), a range ("1024-65535") or "all"; omitted means all ports */
      ports?: number | string;
      /** CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56 */
      cidr?: string;
      /** CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56 */
      ipv6Cidr?: string;
      action: 'allow' | 'deny';
      /** ICMP type; omitted means all */
      icmpType?: number;
      /** ICMP code; omitted means all */
      icmpCode?: number;
      description?: string;
    }[];
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  securityGroups?: {
    /** id of this security group */
    id: string;
    /** id of a VPC */
    vpc: string;
    /** the VPC's default security group (used by interfaces without securityGroups) */
    default?: boolean;
    inbound?: {
      /** tcp | udp | icmp | icmpv6 | all | -1 | an IP protocol number 0-255 */
      protocol: string | number;
      /** a port (443), a range ("1024-65535"), "all", or a list of them; omitted means all ports */
      ports?: number | string | (number | string)[];
      /** an IPv4/IPv6 CIDR, a security group id, or a prefix list id; or a list of them */
      source?: string | string[];
      /** ICMP type; omitted means all */
      icmpType?: number;
      /** ICMP code; omitted means all */
      icmpCode?: number;
      description?: string;
    }[];
    /** omitted: all outbound allowed; []: none */
    outbound?: {
      /** tcp | udp | icmp | icmpv6 | all | -1 | an IP protocol number 0-255 */
      protocol: string | number;
      /** a port (443), a range ("1024-65535"), "all", or a list of them; omitted means all ports */
      ports?: number | string | (number | string)[];
      /** an IPv4/IPv6 CIDR, a security group id, or a prefix list id; or a list of them */
      destination?: string | string[];
      /** ICMP type; omitted means all */
      icmpType?: number;
      /** ICMP code; omitted means all */
      icmpCode?: number;
      description?: string;
    }[];
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  instances?: {
    /** id of this instance */
    id: string;
    /** id of a subnet */
    subnet: string;
    /** primary private IPv4 address; required except in an IPv6-only subnet, where it must be omitted */
    privateIp?: string;
    secondaryPrivateIps?: string[];
    /** an IPv4 or IPv6 address */
    publicIp?: string;
    /** Elastic IPs associated with secondary private IPs */
    secondaryPublicIps?: {
      /** an IPv4 or IPv6 address */
      privateIp: string;
      /** an IPv4 or IPv6 address */
      publicIp: string;
    }[];
    ipv6Addresses?: string[];
    securityGroups?: string[];
    /** false lets it forward traffic (NAT instance, appliance) */
    sourceDestCheck?: boolean;
    /** as a route target (sourceDestCheck: false): true (default) translates the source to its own address like a NAT instance; false forwards it unchanged like a firewall appliance */
    sourceNat?: boolean;
    /** id of its primary network interface (flow logs); default eni-<id> */
    interfaceId?: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  networkInterfaces?: {
    /** id of this network interface */
    id: string;
    /** id of a subnet */
    subnet: string;
    /** primary private IPv4 address; required except in an IPv6-only subnet, where it must be omitted */
    privateIp?: string;
    secondaryPrivateIps?: string[];
    /** an IPv4 or IPv6 address */
    publicIp?: string;
    /** Elastic IPs associated with secondary private IPs */
    secondaryPublicIps?: {
      /** an IPv4 or IPv6 address */
      privateIp: string;
      /** an IPv4 or IPv6 address */
      publicIp: string;
    }[];
    ipv6Addresses?: string[];
    securityGroups?: string[];
    /** false lets it forward traffic (NAT instance, appliance) */
    sourceDestCheck?: boolean;
    /** as a route target (sourceDestCheck: false): true (default) translates the source to its own address like a NAT instance; false forwards it unchanged like a firewall appliance */
    sourceNat?: boolean;
    /** id of the instance it is attached to */
    instance?: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  transitGateways?: {
    /** id of this transit gateway */
    id: string;
    /** security-group references across VPC attachments (AWS default: disabled) */
    securityGroupReferencingSupport?: boolean;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  transitGatewayAttachments?: {
    /** id of this attachment */
    id: string;
    /** id of a transit gateway */
    transitGateway: string;
    /** id of a VPC */
    vpc?: string;
    subnets?: string[];
    /** id of a VPN connection */
    vpnConnection?: string;
    /** id of a Direct Connect gateway (a Direct Connect gateway attachment) */
    directConnectGateway?: string;
    /** the peer transit gateway (may be outside this file) */
    peerTransitGateway?: string;
    /** prefixes behind the peer transit gateway */
    peerCidrs?: string[];
    /** id of the transit gateway route table it is associated with */
    routeTable?: string;
    applianceMode?: boolean;
    /** VPC attachments: IPv6 traffic passes only when true (AWS default: disabled); absent: not checked */
    ipv6Support?: boolean;
    /** VPC attachments: DNS support (recorded; traces use addresses, not names) */
    dnsSupport?: boolean;
    /** VPC attachments: security-group references across the transit gateway (AWS API default: enabled; needs the transit gateway option too) */
    securityGroupReferencingSupport?: boolean;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  transitGatewayRouteTables?: {
    /** id of this transit gateway route table */
    id: string;
    /** id of a transit gateway */
    transitGateway: string;
    propagations?: string[];
    routes?: {
      /** CIDR block, e.g. 10.0.0.0/16 or 2600:1f18::/56 */
      destination: string;
      /** id of a transit gateway attachment */
      attachment?: string;
      blackhole?: boolean;
      description?: string;
    }[];
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  prefixLists?: {
    /** id of this prefix list */
    id: string;
    cidrs?: string[];
    /** AWS-managed list of a service (s3, dynamodb): overrides the shipped ranges */
    service?: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  loadBalancers?: {
    /** id of this load balancer */
    id: string;
    type: 'application' | 'network' | 'classic';
    /** default internet-facing (as AWS) */
    scheme?: 'internet-facing' | 'internal';
    subnets: string[];
    securityGroups?: string[];
    ipAddressType?: 'ipv4' | 'dualstack';
    /** cross-zone load balancing: always on for application; default off for network and classic */
    crossZone?: boolean;
    /** per-zone node addresses */
    nodes?: {
      /** id of one of the load balancer subnets */
      subnet: string;
      /** the node's private IPv4 address (default: the first free address of the subnet) */
      privateIp?: string;
      /** internet-facing: the public IPv4 address of the node (for a Network Load Balancer, its Elastic IP) */
      publicIp?: string;
      /** dualstack: the node's IPv6 address (default: the first free address of the subnet's IPv6 CIDR) */
      ipv6Address?: string;
      /** Network Load Balancer: the allocation id of the Elastic IP (recorded) */
      allocationId?: string;
      /** the id of the node network interface (flow logs); default ela-<load balancer>-<subnet> */
      interfaceId?: string;
    }[];
    instances?: string[];
    /** classic: the health check of the registered instances */
    healthCheck?: {
      /** classic: TCP:<port>, SSL:<port>, HTTP:<port>/<path> or HTTPS:<port>/<path> */
      target: string;
    };
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  listeners?: {
    /** id of this listener */
    id: string;
    /** id of a load balancer */
    loadBalancer: string;
    /** HTTP | HTTPS (application); TCP | UDP | TLS | TCP_UDP (network); HTTP | HTTPS | TCP | SSL (classic) */
    protocol: string;
    port: number;
    /** id of the target group of the default forward action (application, network) */
    targetGroup?: string;
    /** classic: the port on the instances */
    instancePort?: number;
    /** classic: HTTP | HTTPS | TCP | SSL on the instances */
    instanceProtocol?: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  targetGroups?: {
    /** id of this target group */
    id: string;
    /** id of a VPC */
    vpc: string;
    /** default instance */
    targetType?: 'instance' | 'ip' | 'alb';
    /** HTTP | HTTPS (application); TCP | UDP | TLS | TCP_UDP (network) */
    protocol: string;
    port: number;
    /** network: targets see the client address (AWS default: on for instance targets and UDP/TCP_UDP; off for ip targets over TCP/TLS) */
    preserveClientIp?: boolean;
    healthCheck?: {
      /** HTTP | HTTPS | TCP | SSL (default: the target group protocol; TCP for UDP groups) */
      protocol?: string;
      /** traffic-port (default) or a port number */
      port?: number | string;
    };
    targets?: {
      /** id of an instance (instance targets) or a load balancer (alb targets) */
      id?: string;
      /** ip targets: the address */
      ip?: string;
      /** the port on the target (default: the target group port) */
      port?: number;
    }[];
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  gatewayLoadBalancers?: {
    /** id of this Gateway Load Balancer */
    id: string;
    subnets: string[];
    /** cross-zone load balancing (default off, as AWS) */
    crossZone?: boolean;
    /** the appliances registered in its GENEVE target group */
    targets?: (
      | string
      | {
          /** id of an instance or network interface */
          id: string;
          /** default true */
          healthy?: boolean;
          /** what the appliance does with a packet: allow-all, or ordered 5-tuple rules (first match wins) with a default */
          action?:
            | 'allow-all'
            | {
                rules: {
                  /** tcp | udp | icmp | all | a protocol number; omitted means all */
                  protocol?: string | number;
                  /** a CIDR, or any (default) */
                  source?: string;
                  /** a CIDR, or any (default) */
                  destination?: string;
                  /** a port (443), a range ("1024-65535") or "all"; omitted means all ports */
                  sourcePorts?: number | string;
                  /** destination ports; omitted means all */
                  ports?: number | string;
                  action: 'allow' | 'drop';
                  description?: string;
                }[];
                /** when no rule matches (default drop) */
                default?: 'allow' | 'drop';
              };
        }
    )[];
    /** what the appliance does with a packet: allow-all, or ordered 5-tuple rules (first match wins) with a default */
    action?:
      | 'allow-all'
      | {
          rules: {
            /** tcp | udp | icmp | all | a protocol number; omitted means all */
            protocol?: string | number;
            /** a CIDR, or any (default) */
            source?: string;
            /** a CIDR, or any (default) */
            destination?: string;
            /** a port (443), a range ("1024-65535") or "all"; omitted means all ports */
            sourcePorts?: number | string;
            /** destination ports; omitted means all */
            ports?: number | string;
            action: 'allow' | 'drop';
            description?: string;
          }[];
          /** when no rule matches (default drop) */
          default?: 'allow' | 'drop';
        };
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  networkFirewalls?: {
    /** id of this firewall */
    id: string;
    /** id of a VPC */
    vpc: string;
    /** id of a firewall policy */
    firewallPolicy: string;
    subnetMappings: (
      | string
      | {
          /** id of a firewall subnet (one per Availability Zone) */
          subnet: string;
          /** the endpoint id routes name (vpce-…); default <firewall>-<az> */
          endpointId?: string;
          /** an IPv4 or IPv6 address */
          privateIp?: string;
        }
    )[];
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  firewallPolicies?: {
    /** id of this firewall policy */
    id: string;
    /** for full packets (default aws:forward_to_sfe) */
    statelessDefaultActions?: ('aws:pass' | 'aws:drop' | 'aws:forward_to_sfe')[];
    /** recorded (vpcsim traces whole packets) */
    statelessFragmentDefaultActions?: string[];
    statelessRuleGroups?: {
      /** id of a stateless rule group */
      ruleGroup: string;
      priority: number;
    }[];
    statefulRuleGroups?: {
      /** id of a stateful rule group */
      ruleGroup: string;
      /** STRICT_ORDER only */
      priority?: number;
    }[];
    statefulEngineOptions?: {
      ruleOrder?: 'DEFAULT_ACTION_ORDER' | 'STRICT_ORDER';
    };
    statefulDefaultActions?: ('aws:drop_strict' | 'aws:drop_established' | 'aws:alert_strict' | 'aws:alert_established')[];
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  firewallRuleGroups?: {
    /** id of this rule group */
    id: string;
    type: 'STATELESS' | 'STATEFUL' | 'stateless' | 'stateful';
    /** recorded */
    capacity?: number;
    rules?: {
      /** stateless rules: 1-65535, lowest first */
      priority?: number;
      /** tcp | udp | icmp | all | a protocol number; omitted means all */
      protocol?: string | number;
      /** a CIDR, or any (default) */
      source?: string;
      /** a CIDR, or any (default) */
      destination?: string;
      /** a port (443), a range ("1024-65535") or "all"; omitted means all ports */
      sourcePorts?: number | string;
      /** destination ports; omitted means all */
      ports?: number | string;
      action: 'aws:pass' | 'aws:drop' | 'aws:forward_to_sfe' | 'PASS' | 'DROP' | 'ALERT' | 'REJECT' | 'pass' | 'drop' | 'alert' | 'reject';
      description?: string;
    }[];
    /** accepted, NOT EVALUATED: the trace says the verdict assumes it passes */
    domainList?: Record<string, unknown>;
    /** Suricata rules: accepted, NOT EVALUATED (the verdict assumes they pass) */
    rulesString?: string;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  directConnectGateways?: {
    /** id of this Direct Connect gateway */
    id: string;
    /** the Amazon side BGP ASN (recorded) */
    amazonSideAsn?: number;
    associations?: {
      /** id of the associated virtual private gateway or transit gateway */
      gateway: string;
      /** prefixes advertised to on-premises. Virtual private gateway: a filter, a VPC CIDR is advertised only when one of these is the same or wider (omitted: the VPC CIDRs). Transit gateway: advertised as written (required by AWS) */
      allowedPrefixes?: string[];
    }[];
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  virtualInterfaces?: {
    /** id of this virtual interface */
    id: string;
    /** private: reaches virtual private gateways; transit: reaches transit gateways */
    type: 'private' | 'transit';
    /** id of a Direct Connect gateway */
    directConnectGateway: string;
    /** prefixes advertised from on-premises over BGP */
    onPremisesCidrs?: string[];
    /** the 802.1Q VLAN (recorded) */
    vlan?: number;
    /** the on-premises BGP ASN (recorded) */
    asn?: number;
    /** a human-readable name (the AWS Name tag) */
    name?: string;
    description?: string;
  }[];
  assertions?: {
    name?: string;
    /** an endpoint: instance/interface id, IP, internet, s3, dynamodb, subnet:ID, sg:ID */
    from: string;
    /** an endpoint: instance/interface id, IP, internet, s3, dynamodb, subnet:ID, sg:ID */
    to: string;
    /** tcp | udp | icmp | icmpv6 | all | -1 | an IP protocol number 0-255 */
    protocol?: string | number;
    port?: number;
    /** a port (443), a range ("1024-65535") or "all"; omitted means all ports */
    ports?: number | string;
    srcPort?: number;
    /** ICMP type; omitted means all */
    icmpType?: number;
    /** ICMP code; omitted means all */
    icmpCode?: number;
    expect: 'accept' | 'reject';
    via?: string[];
    notVia?: string[];
    /** id of the component that must block the flow */
    blockedBy?: string;
  }[];
};
