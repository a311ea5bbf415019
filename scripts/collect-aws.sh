#!/usr/bin/env bash
# Collect what `vpcsim import aws` reads: one JSON file per `aws ec2`/`aws elbv2`/`aws elb`/`aws directconnect` call, in <out>/<account>/<region>/.
#
#   scripts/collect-aws.sh [-o <out-dir>] [-p <profile>] <region> [<region>...]
#   vpcsim import aws <out-dir> --region <region> -o topology.yaml
#
# Read-only: every call is `aws ec2 describe-*`, `get-*` or `search-*`, `aws elbv2 describe-*`,
# `aws elb describe-*`, `aws directconnect describe-*` or `aws network-firewall list-*`/`describe-*` (plus `aws sts get-caller-identity` for the account id), so a role with the AWS managed
# policy ReadOnlyAccess (or AmazonEC2ReadOnlyAccess, ElasticLoadBalancingReadOnly and sts:GetCallerIdentity) is enough. Nothing is changed and nothing leaves your machine.
# VPN connections are saved without their tunnel options and customer gateway configuration, which hold
# the tunnels' pre-shared keys.
set -euo pipefail

out=aws-dump
profile=()
usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while getopts "o:p:h" opt; do
  case $opt in
    o) out=$OPTARG ;;
    p) profile=(--profile "$OPTARG") ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
regions=("$@")
if [ ${#regions[@]} -eq 0 ]; then
  r=${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws ${profile[@]+"${profile[@]}"} configure get region 2>/dev/null || true)}}
  [ -n "$r" ] || { echo "collect-aws: name at least one region (e.g. scripts/collect-aws.sh us-east-1)" >&2; exit 2; }
  regions=("$r")
fi
command -v aws >/dev/null || { echo "collect-aws: the AWS CLI (aws) is not installed" >&2; exit 2; }
export AWS_PAGER=""

account=$(aws ${profile[@]+"${profile[@]}"} sts get-caller-identity --query Account --output text)
failed=0

for region in "${regions[@]}"; do
  dir="$out/$account/$region"
  mkdir -p "$dir"
  echo "collect-aws: account $account, region $region → $dir" >&2

  # save_in <service> <file> <command and arguments>: one call, one file; a failed call leaves no file and is reported.
  save_in() {
    local svc=$1 file=$2
    shift 2
    if aws ${profile[@]+"${profile[@]}"} "$svc" "$@" --region "$region" --output json >"$dir/$file.json.part"; then
      mv "$dir/$file.json.part" "$dir/$file.json"
    else
      rm -f "$dir/$file.json.part"
      echo "collect-aws: aws $svc $1 failed in $region; $file.json not written" >&2
      failed=1
    fi
  }
  save() { save_in ec2 "$@"; }
  ids_in() { local svc=$1; shift; aws ${profile[@]+"${profile[@]}"} "$svc" "$@" --region "$region" --output text 2>/dev/null | tr '\t' '\n' | grep -v '^None$' || true; }
  ids() { ids_in ec2 "$@"; }

  save Vpcs describe-vpcs
  save Subnets describe-subnets
  save RouteTables describe-route-tables
  save NetworkAcls describe-network-acls
  save SecurityGroups describe-security-groups
  save Reservations describe-instances
  save NetworkInterfaces describe-network-interfaces
  save Addresses describe-addresses
  save InternetGateways describe-internet-gateways
  save EgressOnlyInternetGateways describe-egress-only-internet-gateways
  save NatGateways describe-nat-gateways
  save VpcPeeringConnections describe-vpc-peering-connections
  save VpcEndpoints describe-vpc-endpoints
  # Endpoint services of this account: a Gateway Load Balancer endpoint's service names the GWLB behind it.
  save ServiceConfigurations describe-vpc-endpoint-service-configurations
  save VpnGateways describe-vpn-gateways
  save VpnConnections describe-vpn-connections --query '{VpnConnections: VpnConnections[].{VpnConnectionId: VpnConnectionId, State: State, Type: Type, Category: Category, CustomerGatewayId: CustomerGatewayId, VpnGatewayId: VpnGatewayId, TransitGatewayId: TransitGatewayId, Routes: Routes, Tags: Tags, Options: {StaticRoutesOnly: Options.StaticRoutesOnly}}}'
  save CustomerGateways describe-customer-gateways
  save TransitGateways describe-transit-gateways
  save TransitGatewayAttachments describe-transit-gateway-attachments
  save TransitGatewayVpcAttachments describe-transit-gateway-vpc-attachments
  save TransitGatewayPeeringAttachments describe-transit-gateway-peering-attachments
  save TransitGatewayRouteTables describe-transit-gateway-route-tables
  save PrefixLists describe-prefix-lists
  save ManagedPrefixLists describe-managed-prefix-lists

  # Per transit gateway route table: its routes (static, propagated, blackhole) and its propagations.
  for rtb in $(ids describe-transit-gateway-route-tables --query 'TransitGatewayRouteTables[].TransitGatewayRouteTableId'); do
    save "TransitGatewayRoutes.$rtb" search-transit-gateway-routes --transit-gateway-route-table-id "$rtb" --filters Name=state,Values=active,blackhole
    save "TransitGatewayPropagations.$rtb" get-transit-gateway-route-table-propagations --transit-gateway-route-table-id "$rtb"
  done
  # Per customer-managed prefix list: its entries.
  for pl in $(ids describe-managed-prefix-lists --query "PrefixLists[?OwnerId!='AWS'].PrefixListId"); do
    save "PrefixListEntries.$pl" get-managed-prefix-list-entries --prefix-list-id "$pl"
  done

  # Load balancers: Application, Network and Gateway (elbv2), Classic (elb), per Application/Network load balancer
  # its listeners, per Gateway Load Balancer its attributes (cross-zone), per target group its registered targets.
  # describe-target-health and describe-load-balancer-attributes do not name their target group or load balancer,
  # so the output gets its ARN beside the list (a JMESPath raw string).
  save_in elbv2 LoadBalancers describe-load-balancers
  save_in elbv2 TargetGroups describe-target-groups
  save_in elb ClassicLoadBalancers describe-load-balancers
  for lb in $(ids_in elbv2 describe-load-balancers --query "LoadBalancers[?Type!='gateway'].LoadBalancerArn"); do
    save_in elbv2 "Listeners.$(echo "${lb#*:loadbalancer/}" | tr / .)" describe-listeners --load-balancer-arn "$lb"
  done
  for lb in $(ids_in elbv2 describe-load-balancers --query "LoadBalancers[?Type=='gateway'].LoadBalancerArn"); do
    save_in elbv2 "LoadBalancerAttributes.$(echo "${lb#*:loadbalancer/}" | tr / .)" describe-load-balancer-attributes --load-balancer-arn "$lb" \
      --query "{LoadBalancerArn: '$lb', Attributes: Attributes}"
  done
  for tg in $(ids_in elbv2 describe-target-groups --query 'TargetGroups[].TargetGroupArn'); do
    save_in elbv2 "TargetHealth.$(echo "${tg#*:targetgroup/}" | tr / .)" describe-target-health --target-group-arn "$tg" \
      --query "{TargetGroupArn: '$tg', TargetHealthDescriptions: TargetHealthDescriptions}"
  done

  # Direct Connect: gateways (global; the same list in every region), per gateway its associations with virtual
  # private gateways and transit gateways (the call needs a gateway id), and this region's virtual interfaces.
  save_in directconnect DirectConnectGateways describe-direct-connect-gateways
  for dxgw in $(ids_in directconnect describe-direct-connect-gateways --query 'directConnectGateways[].directConnectGatewayId'); do
    save_in directconnect "DirectConnectGatewayAssociations.$dxgw" describe-direct-connect-gateway-associations --direct-connect-gateway-id "$dxgw"
  done
  save_in directconnect VirtualInterfaces describe-virtual-interfaces
  # AWS Network Firewall: each firewall (with its endpoints per zone), each firewall policy, each rule group.
  # One resource per output, so one file each; `list-*` only names them.
  for arn in $(ids_in network-firewall list-firewalls --query 'Firewalls[].FirewallArn'); do
    save_in network-firewall "Firewall.${arn##*/}" describe-firewall --firewall-arn "$arn"
  done
  for arn in $(ids_in network-firewall list-firewall-policies --query 'FirewallPolicies[].Arn'); do
    save_in network-firewall "FirewallPolicy.${arn##*/}" describe-firewall-policy --firewall-policy-arn "$arn"
  done
  for arn in $(ids_in network-firewall list-rule-groups --query 'RuleGroups[].Arn'); do
    save_in network-firewall "RuleGroup.${arn##*/}" describe-rule-group --rule-group-arn "$arn"
  done
done

echo "collect-aws: done; now run: vpcsim import aws $out --region ${regions[0]} -o topology.yaml" >&2
exit $failed
