// `vpcsim import terraform`: a Terraform plan or state → a topology in vpcsim's format, describing the
// network as it will be after apply (a plan's planned values), before it (`before`: the prior state), or
// as it is (a state). Topology ids are resource addresses; AWS ids and Name tags go into descriptions
// and names.
import { basename } from 'node:path';
import { LIST_KEYS } from '../../aws/kinds.js';
import type { Diagnostic } from '../../load/diagnostics.js';
import type { ImportWarning, Obj, TopologyDraft } from '../aws-types.js';
import { Ctx, str } from './context.js';
import { awsDefaultAcl, awsDefaultSg, convertAclAssociation, convertAclRule, convertNetworkAcl, convertSecurityGroup, convertSgRule } from './convert-rules.js';
import { convertEip, convertEniAttachment, convertInstance, convertNatGateway, convertNetworkInterface } from './convert-hosts.js';
import * as M from './convert-more.js';
import * as N from './convert-net.js';
import { buildModel, isRec, type Rec, type TfResource } from './model.js';
import { readTerraformFile, TerraformImportError, type DocKind } from './read.js';

export { TerraformImportError, looksLikeTerraform } from './read.js';

export interface TerraformImportOptions {
  /** a plan's prior state instead of its planned values */
  before?: boolean;
}

export interface TerraformImportSummary {
  kind: DocKind;
  formatVersion: string;
  terraformVersion?: string;
  /** which values were read: planned (after apply), prior (before), or state */
  values: 'planned' | 'prior' | 'state';
  /** resource instances imported, by Terraform resource type */
  imported: Record<string, number>;
  /** resource instances not modelled, by type (data sources as data.<type>) */
  ignored: Record<string, number>;
  /** topology objects written, by topology list */
  counts: Record<string, number>;
  /** stand-ins for resources referred to but not in the file */
  placeholders: string[];
  notes: string[];
}

export interface TerraformImportResult {
  /** not checked against the schema: the loaders check it like any topology file */
  topology: TopologyDraft;
  /** what the import assumed about values unknown until apply, by topology id */
  assumptions: Record<string, string[]>;
  /** other names of topology ids: AWS ids the file knows, and Name tags that name one resource only */
  aliases: Record<string, string>;
  warnings: ImportWarning[];
  ignored: Record<string, number>;
  summary: TerraformImportSummary;
}

type Handler = (c: Ctx, r: TfResource) => void;
const counted: Handler = (c, r) => (c.imported[r.type] = (c.imported[r.type] ?? 0) + 1);

/** Handlers by phase: resources first, then what refers to them, then what adds to them. */
const PHASES: Record<string, Handler>[] = [
  {
    aws_vpc: N.convertVpc,
    aws_default_vpc: N.convertVpc,
    aws_ec2_managed_prefix_list: M.convertPrefixList,
    aws_ec2_transit_gateway: M.convertTgw,
    aws_customer_gateway: counted,
  },
  {
    aws_vpc_ipv4_cidr_block_association: N.convertCidrAssociation,
    aws_subnet: N.convertSubnet,
    aws_default_subnet: N.convertSubnet,
    aws_internet_gateway: N.convertGateway,
    aws_egress_only_internet_gateway: N.convertGateway,
    aws_vpn_gateway: N.convertGateway,
    aws_route_table: N.convertRouteTable,
    aws_default_route_table: N.convertRouteTable,
    aws_security_group: convertSecurityGroup,
    aws_default_security_group: convertSecurityGroup,
    aws_ec2_transit_gateway_route_table: M.convertTgwRouteTable,
    aws_vpn_connection: M.convertVpnConnection,
  },
  {
    aws_vpc_peering_connection: N.convertPeering,
    aws_internet_gateway_attachment: N.convertGatewayAttachment,
    aws_vpn_gateway_attachment: N.convertGatewayAttachment,
    aws_network_acl: convertNetworkAcl,
    aws_default_network_acl: convertNetworkAcl,
    aws_instance: convertInstance,
    aws_network_interface: convertNetworkInterface,
    aws_nat_gateway: convertNatGateway,
    aws_vpc_endpoint: M.convertEndpoint,
    aws_ec2_transit_gateway_vpc_attachment: M.convertTgwVpcAttachment,
    aws_ec2_transit_gateway_peering_attachment: M.convertTgwPeeringAttachment,
  },
  {
    aws_route: N.convertRoute,
    aws_route_table_association: N.convertRouteTableAssociation,
    aws_main_route_table_association: N.convertMainRouteTableAssociation,
    aws_vpn_gateway_route_propagation: N.convertVgwPropagation,
    aws_vpc_peering_connection_accepter: counted,
    aws_security_group_rule: convertSgRule,
    aws_vpc_security_group_ingress_rule: convertSgRule,
    aws_vpc_security_group_egress_rule: convertSgRule,
    aws_network_acl_rule: convertAclRule,
    aws_network_acl_association: convertAclAssociation,
    aws_network_interface_attachment: convertEniAttachment,
    aws_eip: convertEip,
    aws_eip_association: convertEip,
    aws_vpc_endpoint_route_table_association: M.convertEndpointAssociation,
    aws_vpc_endpoint_subnet_association: M.convertEndpointAssociation,
    aws_vpc_endpoint_security_group_association: M.convertEndpointAssociation,
    aws_ec2_transit_gateway_route_table_association: M.convertTgwRtPart,
    aws_ec2_transit_gateway_route_table_propagation: M.convertTgwRtPart,
    aws_ec2_transit_gateway_route: M.convertTgwRtPart,
    aws_vpn_connection_route: M.convertVpnRoute,
    aws_ec2_managed_prefix_list_entry: M.convertPrefixListEntry,
  },
];
const HANDLED = new Set(PHASES.flatMap((p) => Object.keys(p)));

/** Imports a plan or state file. Throws TerraformImportError for input that cannot be imported. */
export function importTerraform(file: string, opts: TerraformImportOptions = {}): TerraformImportResult {
  const doc = readTerraformFile(file);
  const before = opts.before === true;
  if (before && doc.kind !== 'plan')
    throw new TerraformImportError('TF_BEFORE_NOT_PLAN', `--before reads a plan's prior state; ${file} is a state, which has no before`, file);
  const model = buildModel(doc, before);
  const c = new Ctx(model, isRec(doc.data.variables) ? doc.data.variables : {}, file);
  const managed = model.resources.filter((r) => r.mode === 'managed');
  N.assignVpcParts(c, managed);
  PHASES.forEach((phase, i) => {
    for (const r of managed) phase[r.type]?.(c, r);
    if (i === 0) addVpcDefaults(c);
  });
  for (const r of model.resources) {
    if (r.mode === 'data') c.ignore(`data.${r.type}`);
    else if (!HANDLED.has(r.type)) c.ignore(r.type);
  }
  for (const [, o] of c.pendingVpc) c.warn('SKIPPED', 'an internet gateway with no VPC attachment in the file is left out', String(o.id));
  const placeholders = addPlaceholders(c);
  if (c.standIns.length) {
    const list = c.standIns.slice(0, 3).join(', ') + (c.standIns.length > 3 ? `, and ${c.standIns.length - 3} more` : '');
    c.warn(
      'ASSUMPTION',
      `${c.standIns.length} private IP address${c.standIns.length === 1 ? ' is' : 'es are'} assigned at launch and unknown until apply (${list}); stand-ins from the start of each subnet are used (see the descriptions)`,
    );
  }
  c.topology.name = basename(file).replace(/\.json$|\.tfstate$/i, '');
  const region = regionOf(doc.data, c);
  if (region) c.topology.region = region;
  if (before && managed.length === 0) c.notes.push('the plan has no prior state (nothing exists yet): the topology before apply is empty');
  const topology = ordered(c.topology);
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(topology)) if (Array.isArray(v)) counts[k] = v.length;
  const values = doc.kind !== 'plan' ? 'state' : before ? 'prior' : 'planned';
  return {
    topology,
    assumptions: Object.fromEntries(c.assumptions),
    aliases: aliasesOf(c, topology),
    warnings: c.warnings,
    ignored: c.ignored,
    summary: {
      kind: doc.kind,
      formatVersion: doc.version,
      ...(doc.terraformVersion ? { terraformVersion: doc.terraformVersion } : {}),
      values,
      imported: c.imported,
      ignored: c.ignored,
      counts,
      placeholders,
      notes: c.notes,
    },
  };
}

/** AWS ids and unique Name tags → topology ids (for --from/--to; the format has no alias field). */
function aliasesOf(c: Ctx, t: TopologyDraft): Record<string, string> {
  const out: Record<string, string> = {};
  const ids = new Set<string>();
  const names = new Map<string, string | null>();
  for (const v of Object.values(t)) {
    if (!Array.isArray(v)) continue;
    for (const o of v as Obj[]) {
      ids.add(String(o.id));
      if (typeof o.name === 'string') names.set(o.name, names.has(o.name) ? null : String(o.id));
    }
  }
  for (const [aws, id] of c.alias) if (ids.has(id) && !ids.has(aws)) out[aws] = id;
  for (const [name, id] of names) if (id !== null && !ids.has(name) && !(name in out)) out[name] = id;
  return out;
}

/** The default security group and network ACL AWS creates with every VPC, unless Terraform manages them. */
function addVpcDefaults(c: Ctx): void {
  for (const vpc of [...(c.topology.vpcs ?? [])]) {
    const id = String(vpc.id);
    if (c.defaultSg.get(id) === `${id}/default-sg`) c.add('securityGroups', awsDefaultSg(c, vpc, `${id}/default-sg`));
    if (c.defaultAcl.get(id) === `${id}/default-acl`) c.add('networkAcls', awsDefaultAcl(vpc, `${id}/default-acl`));
  }
}

/** The header keys, then the resource lists in the format's order (src/aws/kinds.ts). */
function ordered(t: TopologyDraft): TopologyDraft {
  const out: TopologyDraft = { version: t.version };
  if (t.name !== undefined) out.name = t.name;
  if (t.region !== undefined) out.region = t.region;
  for (const k of LIST_KEYS) if (t[k] !== undefined) out[k] = t[k];
  return out;
}

/** Region from the aws provider block, else from an Availability Zone name. */
function regionOf(data: Rec, c: Ctx): string | undefined {
  const pc = isRec(data.configuration) && isRec(data.configuration.provider_config) ? data.configuration.provider_config : {};
  for (const p of Object.values(pc)) {
    const e = isRec(p) && p.name === 'aws' && isRec(p.expressions) && isRec(p.expressions.region) ? p.expressions.region.constant_value : undefined;
    if (typeof e === 'string' && /^[a-z]{2}(-[a-z]+)+-[0-9]+$/.test(e)) return e;
  }
  for (const s of c.topology.subnets ?? []) {
    const az = typeof s.az === 'string' ? /^([a-z]{2}(-[a-z]+)+-[0-9]+)[a-z]$/.exec(s.az) : null;
    if (az) return az[1];
  }
  return undefined;
}

/** The VPC of whatever refers to a placeholder (a route table's route, an instance's or a rule's group). */
function vpcNear(c: Ctx, id: string): string | undefined {
  const t = c.topology;
  const subnetVpc = (s: unknown) => (typeof s === 'string' ? (c.objects.get(s)?.vpc as string | undefined) : undefined);
  for (const rt of t.routeTables ?? []) if (((rt.routes as Obj[]) ?? []).some((r) => r.target === id)) return String(rt.vpc);
  for (const key of ['instances', 'networkInterfaces'] as const)
    for (const o of t[key] ?? []) if (((o.securityGroups as string[]) ?? []).includes(id)) return subnetVpc(o.subnet);
  for (const sg of t.securityGroups ?? [])
    if ([...((sg.inbound as Obj[]) ?? []), ...((sg.outbound as Obj[]) ?? [])].some((r) => r.source === id || r.destination === id)) return String(sg.vpc);
  for (const ep of t.vpcEndpoints ?? []) if (((ep.securityGroups as string[]) ?? []).includes(id)) return String(ep.vpc);
  return undefined;
}

/** Stand-ins for resources the file refers to but does not hold, each with a warning saying what it assumes. */
function addPlaceholders(c: Ctx): string[] {
  const out: string[] = [];
  const say = (id: string, by: string[], what: string) => {
    out.push(id);
    if (!c.assumptions.has(id)) c.assumptions.set(id, [`placeholder for ${id}, which is not in the file: ${what}`]);
    c.warn(
      'PLACEHOLDER',
      `${id} is not in the file (referred to by ${[...new Set(by)].slice(0, 3).join(', ')}${by.length > 3 ? ', ...' : ''}); a placeholder stands in: ${what}`,
    );
  };
  for (const [id, p] of c.placeholders) {
    const o = p.obj;
    if (p.kind === 'vpc') {
      const cidrs = (c.topology.subnets ?? []).filter((s) => s.vpc === id && typeof s.cidr === 'string').map((s) => String(s.cidr));
      if (cidrs.length === 0) {
        dropReferrers(c, id);
        c.warn('PLACEHOLDER', `${id} is not in the file and nothing in it tells its CIDR; what is in it (${p.by.slice(0, 3).join(', ')}) is left out`);
        continue;
      }
      c.add('vpcs', { ...o, cidr: cidrs[0], ...(cidrs.length > 1 ? { secondaryCidrs: cidrs.slice(1, 5) } : {}) });
      addVpcDefaults1(c, id);
      c.assumptions.set(id, [`placeholder for a VPC not in the file; its CIDRs are taken from its subnets`]);
      say(
        id,
        p.by,
        `its CIDRs are taken from its subnets in the file (${cidrs.slice(0, 5).join(', ')}); its route tables, gateways and other subnets are unknown`,
      );
    } else if (p.kind === 'security-group') {
      const vpc = vpcNear(c, id) ?? String((c.topology.vpcs ?? [])[0]?.id ?? '');
      if (!vpc) continue;
      c.add('securityGroups', { ...o, vpc, inbound: [], outbound: [] });
      say(id, p.by, 'its rules are unknown; modelled with none, so traffic it would have to allow is rejected');
    } else if (p.kind === 'prefix-list') {
      c.add('prefixLists', { ...o, cidrs: [] });
      say(id, p.by, 'its CIDRs are unknown; routes and rules naming it match nothing');
    } else if (p.kind === 'internet-gateway') {
      const vpc = vpcNear(c, id);
      if (vpc) c.add('internetGateways', { ...o, vpc });
      say(id, p.by, 'taken for an internet gateway of the VPC whose route names it');
    } else if (p.kind === 'transit-gateway' || p.kind === 'vpn-gateway') {
      c.add(p.kind === 'transit-gateway' ? 'transitGateways' : 'vpnGateways', o);
      say(id, p.by, `what is attached to it outside the file is unknown`);
    }
  }
  return out;
}

function addVpcDefaults1(c: Ctx, id: string): void {
  const vpc = c.objects.get(id)!;
  c.add('routeTables', { id: `${id}/main-rtb`, vpc: id, main: true, routes: [], description: `main route table of placeholder ${id}` });
  c.add('securityGroups', awsDefaultSg(c, vpc, `${id}/default-sg`));
  c.add('networkAcls', awsDefaultAcl(vpc, `${id}/default-acl`));
}

/** Removes objects that sit in a VPC that cannot be built. */
function dropReferrers(c: Ctx, vpc: string): void {
  for (const k of LIST_KEYS) {
    const list = c.topology[k];
    if (list) c.topology[k] = list.filter((o) => o.vpc !== vpc && o.requesterVpc !== vpc && o.accepterVpc !== vpc);
  }
}

/**
 * For a loader that reports diagnostics instead of catching exceptions: warnings become warnings and a
 * failed import one error (with line and column where the file tells them).
 */
export function importTerraformForLoader(
  file: string,
  opts: TerraformImportOptions = {},
): { data?: TopologyDraft; assumptions?: Record<string, string[]>; aliases?: Record<string, string>; diagnostics: Diagnostic[] } {
  try {
    const r = importTerraform(file, opts);
    const diagnostics: Diagnostic[] = r.warnings.map((w) => ({ code: `TF_${w.code}`, severity: 'warning', message: w.message, file, line: 0, col: 0 }));
    return { data: r.topology, assumptions: r.assumptions, aliases: r.aliases, diagnostics };
  } catch (e) {
    if (!(e instanceof TerraformImportError)) throw e;
    const message = e.line
      ? e.message.replace(`${file}:${e.line}:${e.col}: `, '')
      : e.message.replace(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `), '');
    return { diagnostics: [{ code: e.code, severity: 'error', message, file, line: e.line ?? 0, col: e.col ?? 0 }] };
  }
}

export { str };
