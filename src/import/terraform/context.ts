// What every converter shares: the resolver, the topology being built, topology ids for resources and
// AWS ids, placeholders for what the file refers to but does not hold, warnings and counts.
import type { ImportWarning, Obj, TopologyDraft } from '../aws-types.js';
import { type Rec, type TfModel, type TfResource, isRec } from './model.js';
import { Resolver, type Target } from './refs.js';

export type ListKey = Exclude<keyof TopologyDraft, 'version' | 'name' | 'account' | 'region'>;

/** Resource types an id attribute links to, for links the JSON cannot follow. */
const LINK_TYPES: Record<string, string[]> = {
  vpc_id: ['aws_vpc', 'aws_default_vpc'],
  subnet_id: ['aws_subnet', 'aws_default_subnet'],
  route_table_id: ['aws_route_table', 'aws_default_route_table'],
  nat_gateway_id: ['aws_nat_gateway'],
  allocation_id: ['aws_eip'],
  network_acl_id: ['aws_network_acl', 'aws_default_network_acl'],
  security_group_id: ['aws_security_group', 'aws_default_security_group'],
  transit_gateway_id: ['aws_ec2_transit_gateway'],
  vpn_gateway_id: ['aws_vpn_gateway'],
  internet_gateway_id: ['aws_internet_gateway'],
};

/** Placeholder kinds that can stand in for a resource outside the file. */
type PlaceholderKind = 'vpc' | 'security-group' | 'transit-gateway' | 'internet-gateway' | 'vpn-gateway' | 'prefix-list' | 'peering-connection';

export class Ctx {
  readonly topology: TopologyDraft = { version: 1 };
  readonly warnings: ImportWarning[] = [];
  readonly ignored: Record<string, number> = {};
  readonly imported: Record<string, number> = {};
  readonly notes: string[] = [];
  readonly resolver: Resolver;
  /** AWS id (and attributes such as a VPC's main_route_table_id) → topology id */
  readonly alias = new Map<string, string>();
  /** topology id of the main route table, default SG and default NACL of each VPC (by VPC id) */
  readonly mainRt = new Map<string, string>();
  readonly defaultSg = new Map<string, string>();
  readonly defaultAcl = new Map<string, string>();
  readonly placeholders = new Map<string, { kind: PlaceholderKind; obj: Obj; by: string[] }>();
  /** topology objects by id, to add to them (routes, rules, associations) */
  readonly objects = new Map<string, Obj>();
  private readonly kinds = new Map<string, ListKey>();
  /** map_public_ip_on_launch of each subnet (undefined: unknown) */
  readonly subnetPublic = new Map<string, boolean | undefined>();
  /** gateways whose VPC comes from an attachment resource */
  readonly pendingVpc = new Map<string, Obj>();
  /** assumptions by topology id, for traces */
  readonly assumptions = new Map<string, string[]>();
  /** resources given a stand-in private address */
  readonly standIns: string[] = [];
  private synth = 0;

  constructor(
    readonly model: TfModel,
    variables: Rec,
    readonly file: string,
  ) {
    this.resolver = new Resolver(model, variables, (res, message) => this.warn('UNRESOLVED', message, res));
  }

  warn(code: string, message: string, resource?: string): void {
    this.warnings.push({ code, message: resource ? `${resource}: ${message}` : message, file: this.file, ...(resource ? { path: resource } : {}) });
  }

  ignore(label: string): void {
    this.ignored[label] = (this.ignored[label] ?? 0) + 1;
  }

  add(key: ListKey, o: Obj, r?: TfResource): Obj {
    const list = (this.topology[key] ??= []);
    list.push(o);
    this.objects.set(String(o.id), o);
    this.kinds.set(String(o.id), key);
    if (r) this.imported[r.type] = (this.imported[r.type] ?? 0) + 1;
    return o;
  }

  /** A topology object taking another id (a managed default route table adopting the main one). */
  rekey(from: string, to: string): void {
    const o = this.objects.get(from);
    const k = this.kinds.get(from);
    if (!o || !k) return;
    this.objects.delete(from);
    this.kinds.delete(from);
    this.objects.set(to, o);
    this.kinds.set(to, k);
  }

  /** The topology object with this id when it is in the list `key` (a link may lead to the wrong kind). */
  get(id: string, key: ListKey): Obj | undefined {
    return this.kinds.get(id) === key ? this.objects.get(id) : undefined;
  }

  /** Topology id of a link target, or undefined (with a warning) when it cannot be one. */
  idOf(t: Target | undefined, from: TfResource, kind: PlaceholderKind | undefined, what: string): string | undefined {
    if (!t) return undefined;
    if ('res' in t) return resourceId(this, t.res, t.attr);
    const known = this.alias.get(t.external);
    if (known) return known;
    if (!kind) {
      this.warn('NOT_IN_FILE', `its ${what} ${t.external} is not in the file and cannot be a placeholder; the link is left out`, from.address);
      return undefined;
    }
    const p = this.placeholders.get(t.external);
    if (p) p.by.push(from.address);
    else this.placeholders.set(t.external, { kind, obj: { id: t.external, name: `placeholder: ${t.external} (not in the file)` }, by: [from.address] });
    return t.external;
  }

  /** The first link of an attribute as a topology id. */
  one(r: TfResource, attr: string, kind: PlaceholderKind | undefined, what: string): string | undefined {
    return this.idOf(this.target(r, attr, what), r, kind, what);
  }

  /** The first link of an attribute; a link the JSON cannot follow is taken by type, with a warning. */
  target(r: TfResource, attr: string, what: string): Target | undefined {
    const t = this.resolver.link(r, attr)[0];
    if (t) return t;
    const unfollowed = this.resolver.unfollowed;
    const f = this.fallback(r, attr, what);
    if (!f && unfollowed.length > 0)
      this.warn('UNRESOLVED', `its ${what} (${unfollowed.join(', ')}) cannot be followed in the JSON, which does not hold the value`, r.address);
    return f;
  }

  /**
   * A link the JSON cannot follow (`local.vpc_id`, as in the community VPC module): the resource of the
   * expected type in the same module instance — the one with the referrer's index, else the first —
   * with a warning. Never silent.
   */
  private fallback(r: TfResource, attr: string, what: string): Target | undefined {
    const types = LINK_TYPES[attr];
    const e = isRec(r.config) && isRec(r.config.expressions) ? r.config.expressions[attr] : undefined;
    if (!types || !isRec(e) || !Array.isArray(e.references) || e.references.length === 0) return undefined;
    const cands = this.model.resources.filter((x) => x.module === r.module && x.mode === 'managed' && types.includes(x.type));
    if (cands.length === 0) return undefined;
    const pick = cands.find((x) => x.index !== undefined && x.index === r.index) ?? cands[0]!;
    this.warn(
      'UNRESOLVED',
      `its ${what} (${(e.references as unknown[]).join(', ')}) cannot be followed in the JSON; took ${pick.address}, ${cands.length === 1 ? `the only ${pick.type} in ${r.module || 'the root module'}` : `one of ${cands.length} candidates`} — check this link`,
      r.address,
    );
    return { res: pick };
  }

  many(r: TfResource, attr: string, kind: PlaceholderKind | undefined, what: string): string[] {
    const out = new Set<string>();
    for (const t of this.resolver.link(r, attr, true)) {
      const id = this.idOf(t, r, kind, what);
      if (id) out.add(id);
    }
    return [...out];
  }

  /** A stand-in public IPv4 address for one that will be assigned but is unknown: from 198.18.0.0/15 (RFC 2544), never a real host. */
  synthPublicIp(): string {
    const n = ++this.synth;
    return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
  }
}

/** The topology id of a resource, or of a part of it an attribute names (a VPC's main route table ...). */
export function resourceId(c: Ctx, r: TfResource, attr?: string): string {
  if (attr === 'main_route_table_id' || attr === 'default_route_table_id') return c.mainRt.get(r.address) ?? `${r.address}/main-rtb`;
  if (attr === 'default_security_group_id') return c.defaultSg.get(r.address) ?? `${r.address}/default-sg`;
  if (attr === 'default_network_acl_id') return c.defaultAcl.get(r.address) ?? `${r.address}/default-acl`;
  if (attr === 'association_default_route_table_id' || attr === 'propagation_default_route_table_id') return `${r.address}/default-rtb`;
  if (r.type === 'aws_vpc_peering_connection_accepter') {
    const v = r.values.vpc_peering_connection_id;
    const p = typeof v === 'string' ? c.alias.get(v) : undefined;
    if (p) return p;
    const t = c.resolver.link(r, 'vpc_peering_connection_id')[0];
    if (t && 'res' in t) return t.res.address;
  }
  return r.address;
}

export const str = (v: Rec, k: string): string | undefined => (typeof v[k] === 'string' && v[k] !== '' ? (v[k] as string) : undefined);
export const bool = (v: Rec, k: string): boolean | undefined => (typeof v[k] === 'boolean' ? (v[k] as boolean) : undefined);
export const num = (v: Rec, k: string): number | undefined => {
  const x = v[k];
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x === 'string' && /^-?\d+$/.test(x)) return Number(x);
  return undefined;
};
export const strs = (v: Rec, k: string): string[] =>
  Array.isArray(v[k]) ? (v[k] as unknown[]).filter((x): x is string => typeof x === 'string' && x !== '') : [];
export const recs = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRec) : []);

/** True when the plan marks this attribute (or a part of it) unknown. */
export function isUnknown(r: TfResource, attr: string): boolean {
  const u = r.unknown;
  if (u === true) return true;
  if (!isRec(u)) return false;
  const x = u[attr];
  return x === true || (Array.isArray(x) && x.length > 0) || isRec(x);
}

/** The Name tag, when known. */
export function nameOf(r: TfResource): string | undefined {
  const tags = isRec(r.values.tags) ? r.values.tags : isRec(r.values.tags_all) ? r.values.tags_all : undefined;
  return tags && typeof tags.Name === 'string' && tags.Name !== '' ? tags.Name : undefined;
}

/** A topology object for a resource: its address as id; the Name tag as name; the AWS id, when known, in the description. */
export function base(r: TfResource, id = r.address): Obj {
  const o: Obj = { id };
  const name = nameOf(r);
  if (name) o.name = name;
  const awsId = str(r.values, 'id');
  o.description = `${r.address}${awsId && awsId !== id ? ` (${awsId})` : ''}`;
  return o;
}

/**
 * Appends an assumption to an object's description and reports it: as a warning, and (unless `standIn`, a
 * stand-in private address that decides nothing by itself) in traces that pass the object.
 */
export function assume(c: Ctx, o: Obj, r: TfResource, text: string, standIn = false): void {
  o.description = `${o.description ? `${String(o.description)}; ` : ''}assumption: ${text}`;
  if (standIn) {
    c.standIns.push(r.address);
    return;
  }
  c.warn('ASSUMPTION', text, r.address);
  const id = String(o.id);
  c.assumptions.set(id, [...(c.assumptions.get(id) ?? []), text]);
}

/** Configuration expressions of a resource. */
export function exprs(r: TfResource): Rec {
  return isRec(r.config) && isRec(r.config.expressions) ? r.config.expressions : {};
}
