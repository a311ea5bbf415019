// Stage 2: bind. Turns loaded data into the typed graph of model.ts, applying AWS defaults and limits,
// and reports every dangling or wrong reference with its position. Errors are collected, not thrown.
// Each kind binds in its own module; bindAll states the order of the passes and why.
import { sortDiagnostics, type Diagnostic } from '../load/diagnostics.js';
import { KIND_LABEL } from '../load/kinds.js';
import type { Loaded } from '../load/load.js';
import { addDefaultNetworkAcls, bindNetworkAcls } from './acls.js';
import { bindAssertions } from './assertions.js';
import { Binder, type Draft, newDraft, type Raw, str } from './context.js';
import { bindDirectConnect, type DirectConnectLists } from './direct-connect.js';
import { addEndpointRoutes, bindVpcEndpoints } from './endpoints.js';
import { bindEgressOnlyInternetGateways, bindInternetGateways, bindVpnGateways } from './gateways.js';
import { addressIndexes } from './indexes.js';
import { bindGatewayRouteTables, bindInspection, type InspectionLists } from './inspection.js';
import { bindInstances } from './instances.js';
import { bindNetworkInterfaces } from './interfaces.js';
import { bindListenersAndTargetGroups, bindLoadBalancers, type ElbLists } from './load-balancers.js';
import type * as M from './model.js';
import { bindNatGateways } from './nat.js';
import { bindPeeringConnections } from './peering.js';
import { bindPrefixLists } from './prefix-lists.js';
import { addMainRouteTables, bindRouteTables, buildRouteLookups } from './route-tables.js';
import { serviceRanges } from './service-prefixes.js';
import { addDefaultSecurityGroups, bindSecurityGroups, bindSgRules } from './security-groups.js';
import { associateSubnets, bindSubnets, checkSubnetOverlaps } from './subnets.js';
import { associateTgwRouteTables, bindTgwAttachments, bindTgwRouteTables, bindTransitGateways } from './transit-gateways.js';
import { bindVpcs } from './vpcs.js';
import { bindVpnConnections } from './vpn.js';

// The binder's helpers, for the modules and tests that import them from here.
export { Binder, type Draft, type Raw, subnetRef, vpcRef } from './context.js';
export { allocate, checkPrivate, claim, claimPublic, isPrivateSpace, reservedReason } from './addresses.js';
export { type EniSpec, makeEni } from './interfaces.js';
export { bindMatch } from './factories.js';

export interface BindResult {
  topology?: M.Topology;
  diagnostics: Diagnostic[];
}

export function kindLabel(k: M.ResourceKind): string {
  return KIND_LABEL[k];
}

export function bind(loaded: Loaded): BindResult {
  const diagnostics = [...loaded.diagnostics];
  if (loaded.data === undefined || loaded.data === null || typeof loaded.data !== 'object') return { diagnostics };
  const b = new Binder(loaded, loaded.data as Raw);
  try {
    const topology = bindAll(b);
    if (b.dropped > 0) {
      const pos = loaded.source.position(b.droppedAt ?? []);
      const message = `${b.dropped.toLocaleString('en-US')} more errors and warnings from here on are not shown; fix the first ones and run again`;
      b.diags.push({ code: 'TOO_MANY_ERRORS', severity: b.droppedErrors > 0 ? 'error' : 'warning', message, file: b.file, line: pos.line, col: pos.col });
    }
    // concat, not push(...): a file with a hundred thousand mistakes must not overflow the call stack.
    const all = sortDiagnostics(diagnostics.concat(b.diags));
    return { topology: all.some((d) => d.severity === 'error') ? undefined : topology, diagnostics: all };
  } catch (e) {
    if (e instanceof RangeError) {
      diagnostics.push({ code: 'TOO_COMPLEX', severity: 'error', message: `the topology is too complex to bind: ${e.message}`, file: b.file, line: 1, col: 1 });
      return { diagnostics };
    }
    throw e;
  }
}

/** The passes, in order. A pass may resolve references only to kinds an earlier pass has bound. */
function bindAll(b: Binder): M.Topology {
  b.declare(); // every id first: any pass may refer to any declared id
  const t = newDraft();
  bindPrefixLists(b, t); // routes, rules and gateway endpoints name prefix lists
  bindVpcs(b, t); // almost everything lives in a VPC
  bindSubnets(b, t); // interfaces, gateways and attachments live in subnets
  checkSubnetOverlaps(b, t); // once a VPC's subnets are all known
  bindInternetGateways(b, t); // gateways before the routes that target them
  bindEgressOnlyInternetGateways(b, t);
  bindVpnGateways(b, t);
  bindTransitGateways(b, t); // before VPN connections, which may terminate on one
  bindVpnConnections(b, t);
  const dx = bindDirectConnect(b, t); // its gateways, before the attachments and propagations that use them
  bindPeeringConnections(b, t); // before security groups: a peered VPC's group may be referenced
  bindSecurityGroups(b, t); // groups before interfaces, which join them
  addDefaultSecurityGroups(b, t); // an interface without groups joins its VPC's default one
  bindNetworkAcls(b, t);
  addDefaultNetworkAcls(b, t);
  bindInstances(b, t); // explicit addresses first, so that addresses vpcsim assigns never collide with them
  bindNetworkInterfaces(b, t); // after instances, which they attach to
  bindNatGateways(b, t);
  const inspection = bindInspection(b, t); // firewalls and GWLBs before the endpoints and routes that use them
  bindVpcEndpoints(b, t);
  bindTgwAttachments(b, t); // after VPN connections and Direct Connect gateways, which they attach
  const elb = bindLoadBalancers(b, t);
  for (const f of t.pendingAlloc) f(); // assigned addresses, now that every explicit one is claimed
  bindTgwRouteTables(b, t); // after attachments, which routes and propagations name
  associateTgwRouteTables(b, t);
  bindRouteTables(b, t); // after every route target kind
  addMainRouteTables(b, t);
  addEndpointRoutes(b, t); // into route tables, which now all exist
  buildRouteLookups(b, t); // once no pass adds routes any more
  associateSubnets(b, t); // once main route tables and default ACLs exist
  bindGatewayRouteTables(b); // edge associations, after route tables
  bindSgRules(b, t); // after every group, prefix list and peering the rules may name
  bindListenersAndTargetGroups(b, t, elb); // targets are interfaces and instances, all bound by now
  // topologyOf indexes the addresses last: every interface is bound by now.
  return topologyOf(b, t, { ...elb, ...inspection, ...dx });
}

/** The bound topology: the draft's lists, and what the kinds bound in their own modules add. */
function topologyOf(b: Binder, t: Draft, parts: ElbLists & InspectionLists & DirectConnectLists): M.Topology {
  return {
    name: str(b.data.name) ?? b.file,
    account: str(b.data.account) ?? '123456789012',
    region: b.region,
    file: b.file,
    source: b.loaded.source,
    byId: b.byId,
    vpcs: t.vpcs,
    subnets: t.subnets,
    internetGateways: t.internetGateways,
    egressOnlyInternetGateways: t.egressOnlyInternetGateways,
    natGateways: t.natGateways,
    vpnGateways: t.vpnGateways,
    vpnConnections: t.vpnConnections,
    peeringConnections: t.peeringConnections,
    routeTables: t.routeTables,
    vpcEndpoints: t.vpcEndpoints,
    networkAcls: t.networkAcls,
    securityGroups: t.securityGroups,
    instances: t.instances,
    interfaces: t.interfaces,
    transitGateways: t.transitGateways,
    tgwAttachments: t.tgwAttachments,
    tgwRouteTables: t.tgwRouteTables,
    prefixLists: t.prefixLists,
    ...parts,
    interfaceByIp: t.interfaceByIp,
    interfaceByPublicIp: t.interfaceByPublicIp,
    ...addressIndexes(t),
    serviceRanges: serviceRanges(b.region),
    assertions: Array.isArray(b.data.assertions) ? b.data.assertions : [],
    boundAssertions: bindAssertions(b, Array.isArray(b.data.assertions) ? b.data.assertions : []),
    derived: {},
  };
}
