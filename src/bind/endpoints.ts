// VPC endpoints: gateway endpoints add prefix-list routes; interface endpoints are interfaces with groups.
import type { Path } from '../load/diagnostics.js';
import { formatAddr } from '../net/ip.js';
import type * as M from './model.js';
import { bindGwlbEndpoint } from './inspection.js';
import { allocate } from './addresses.js';
import { type Binder, type Draft, type Mutable, arr, src, str, subnetRef, vpcIn } from './context.js';
import { routeOf } from './factories.js';
import { makeEni } from './interfaces.js';
import { serviceList } from './prefix-lists.js';

/** Endpoints: gateway endpoints become prefix-list routes; interface endpoints are interfaces with groups. */
export function bindVpcEndpoints(b: Binder, t: Draft): void {
  const { vpcIps, pendingAlloc, vpcEndpoints, endpointRouteTables } = t;
  b.each('vpcEndpoints', (raw, path) => {
    const vpc = vpcIn(b, raw, path);
    if (!vpc) return;
    const type = raw.type === 'interface' ? 'interface' : raw.type === 'gatewayLoadBalancer' ? 'gatewayLoadBalancer' : 'gateway';
    const service = (str(raw.service) ?? '').replace(/^com\.amazonaws\.[a-z0-9-]+\./, '');
    const ep = b.register<M.VpcEndpoint>({
      kind: 'vpc-endpoint',
      id: raw.id,
      name: str(raw.name),
      src: src(path),
      vpc,
      type,
      service,
      routeTables: [],
      subnets: [],
      interfaces: [],
    });
    vpcEndpoints.push(ep);
    if (type === 'gatewayLoadBalancer') return bindGwlbEndpoint(b, t, raw, path, ep);
    if (raw.service === undefined) return b.error('MISSING_KEY', `${type} endpoint '${raw.id}' needs service`, path);
    if (type === 'gateway') {
      // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html — gateway endpoints exist for S3 and DynamoDB only
      if (service !== 's3' && service !== 'dynamodb') {
        b.error('INVALID_VALUE', `gateway endpoint '${raw.id}' is for '${service}'; gateway endpoints exist only for s3 and dynamodb`, [...path, 'service'], {
          hint: 'use type: interface',
        });
      } else {
        (ep as Mutable<M.VpcEndpoint>).prefixList = serviceList(b, t, service, [...path, 'service']);
      }
      vpc.gatewayEndpoints.push(ep);
      endpointRouteTables.set(ep, { ids: arr(raw.routeTables), path });
    } else {
      const ips = arr(raw.privateIps);
      arr(raw.subnets).forEach((sv, j) => {
        const sp: Path = [...path, 'subnets', j];
        const subnet = subnetRef(b, sv, sp);
        if (!subnet) return;
        if (subnet.vpc !== vpc)
          return b.error('CROSS_VPC_REFERENCE', `subnet '${subnet.id}' is in VPC '${subnet.vpc.id}', not in endpoint '${raw.id}''s VPC '${vpc.id}'`, sp);
        const eniId = `eni-${raw.id}-${subnet.id}`;
        const mk = (ipText: unknown, ipPath: Path) => {
          const eni = makeEni(b, t, { id: eniId, path, subnet, rawIp: ipText, ipPath, sgs: raw.securityGroups, explicit: false });
          if (!eni) return;
          eni.owner = { type: 'vpc-endpoint', endpoint: ep };
          ep.subnets.push(subnet);
          ep.interfaces.push(eni);
          b.byId.set(eniId, eni);
        };
        if (ips[j] !== undefined) mk(ips[j], [...path, 'privateIps', j]);
        else
          pendingAlloc.push(() => {
            const a = allocate(b, t, subnet, eniId, sp);
            if (a !== undefined) {
              (vpcIps.get(subnet.vpc) ?? new Map()).delete(a);
              mk(formatAddr(a), sp);
            }
          });
      });
    }
  });
}

/** Gateway endpoints add their service's prefix-list route to each route table they name. */
export function addEndpointRoutes(b: Binder, t: Draft): void {
  const { endpointRouteTables } = t;
  for (const [ep, { ids, path }] of endpointRouteTables) {
    const target: M.RouteTarget = { type: 'endpoint', endpoint: ep };
    ids.forEach((v, j) => {
      const p: Path = [...path, 'routeTables', j];
      const rt = b.ref(v, ['route-table'], p, 'route table');
      if (!rt) return;
      if (rt.vpc !== ep.vpc)
        return b.error('CROSS_VPC_REFERENCE', `route table '${rt.id}' is in VPC '${rt.vpc.id}', not in endpoint '${ep.id}''s VPC '${ep.vpc.id}'`, p);
      ep.routeTables.push(rt);
      // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html — the route uses the service's prefix list as its destination
      if (!ep.prefixList) return;
      const at = src(p);
      for (const c of ep.prefixList.cidrs) rt.routes.push(routeOf(c, ep.prefixList, target, 'endpoint', ep.id, at, 2));
    });
  }
}
