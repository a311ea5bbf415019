// Following links between resources. A known attribute value (a state, or a plan's existing resources)
// is an AWS id, matched against the ids in the file. An unknown one (a create-only plan) is resolved from
// the `references` of its configuration expression, through module calls: `var.x` → the parent's
// module_calls[m].expressions.x, `module.m.o` → the child's outputs[o].expression
// (https://developer.hashicorp.com/terraform/internals/json-format#configuration-representation).
import { type Rec, type TfModel, type TfResource, isRec } from './model.js';

/** Where a link leads: a resource of the file (and the attribute named, for vpc.main_route_table_id and the like), or an AWS id not in the file. */
export type Target = { res: TfResource; attr?: string } | { external: string };

export interface Ctx {
  module: string;
  modulePath: string[];
  index?: number | string;
  /** the resource whose link this is, for messages */
  from: string;
}

interface Seg {
  name: string;
  index?: number | string;
  /** an index the JSON cannot evaluate ([count.index], [each.key], [local.i]) */
  dynamic?: boolean;
}

const SEG = /^([A-Za-z_][A-Za-z0-9_-]*|\*)(?:\[(\d+|"(?:[^"\\]|\\.)*"|[^\]]*)\])?/;

export function parseRef(ref: string): Seg[] {
  const segs: Seg[] = [];
  let rest = ref;
  while (rest.length > 0 && segs.length < 20) {
    const m = SEG.exec(rest);
    if (!m) break;
    const seg: Seg = { name: m[1]! };
    const ix = m[2];
    if (ix !== undefined) {
      if (/^\d+$/.test(ix)) seg.index = Number(ix);
      else if (ix.startsWith('"')) seg.index = JSON.parse(ix) as string;
      else seg.dynamic = true;
    }
    segs.push(seg);
    rest = rest.slice(m[0].length);
    if (rest.startsWith('.')) rest = rest.slice(1);
    else break;
  }
  return segs;
}

const UNFOLLOWABLE = new Set(['local', 'each', 'count', 'path', 'self', 'terraform']);
const sameIndex = (a: unknown, b: unknown) => a !== undefined && a === b;
/** count indexes in number order, then for_each keys in string order */
const byIndex = (a: TfResource, b: TfResource): number => {
  const x = a.index ?? -1;
  const y = b.index ?? -1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'number') return -1;
  if (typeof y === 'number') return 1;
  return x < y ? -1 : x > y ? 1 : 0;
};

export class Resolver {
  readonly byAddress = new Map<string, TfResource>();
  readonly byAwsId = new Map<string, TfResource>();
  private readonly groups = new Map<string, TfResource[]>();
  /** references of the last expression that could not be followed (local.*, each.value ...) */
  unfollowed: string[] = [];

  constructor(
    private readonly model: TfModel,
    private readonly variables: Rec,
    private readonly warn: (res: string, message: string) => void,
  ) {
    for (const r of model.resources) {
      this.byAddress.set(r.address, r);
      const id = r.values.id;
      if (r.mode === 'managed' && typeof id === 'string' && id !== '' && !this.byAwsId.has(id)) this.byAwsId.set(id, r);
      const key = `${r.module}|${r.mode}.${r.type}.${r.name}`;
      const g = this.groups.get(key);
      if (g) g.push(r);
      else this.groups.set(key, [r]);
    }
    for (const g of this.groups.values()) if (g.length > 1) g.sort(byIndex);
  }

  /** The instance of a group with an index key; groups are sorted, count indexes are positions. */
  private instance(group: TfResource[], index: number | string): TfResource | undefined {
    if (typeof index === 'number' && group[index]?.index === index) return group[index];
    return group.find((g) => g.index === index);
  }

  static ctxOf(r: TfResource): Ctx {
    return { module: r.module, modulePath: r.modulePath, ...(r.index !== undefined ? { index: r.index } : {}), from: r.address };
  }

  /** A known id value → its resource, or an external id. */
  fromId(v: unknown): Target | undefined {
    if (typeof v !== 'string' || v === '') return undefined;
    const r = this.byAwsId.get(v);
    return r ? { res: r } : { external: v };
  }

  /** The targets of one attribute (or nested expression), known value first, then the configuration. */
  link(r: TfResource, attr: string, many = false): Target[] {
    const v = r.values[attr];
    if (typeof v === 'string' && v !== '') return [this.fromId(v)!];
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v.map((x) => this.fromId(x)!);
    const expr = isRec(r.config) && isRec(r.config.expressions) ? r.config.expressions[attr] : undefined;
    return this.expr(Resolver.ctxOf(r), expr, many);
  }

  /** The targets of a configuration expression ({ references } or { constant_value }). */
  expr(ctx: Ctx, expr: unknown, many = false, depth = 0): Target[] {
    if (!isRec(expr) || depth > 20) return [];
    if ('constant_value' in expr) return constants(expr.constant_value).map((s) => this.fromId(s)!);
    const refs = Array.isArray(expr.references) ? expr.references.filter((x): x is string => typeof x === 'string') : [];
    const hint = refs.some((x) => /^(count\.index|each\.(key|value))/.test(x));
    // Terraform lists a reference and its prefixes (aws_vpc.a.id, aws_vpc.a): keep the longest.
    const kept = refs.filter((x) => !refs.some((y) => y !== x && (y.startsWith(`${x}.`) || y.startsWith(`${x}[`))));
    const out: Target[] = [];
    const unfollowed: string[] = [];
    for (const ref of kept) {
      const segs = parseRef(ref);
      if (segs.length === 0 || UNFOLLOWABLE.has(segs[0]!.name)) {
        if (!/^(count\.index|each\.key)$/.test(ref)) unfollowed.push(ref);
        continue;
      }
      out.push(...this.ref(ctx, segs, many, hint, depth));
    }
    this.unfollowed = out.length === 0 ? unfollowed : [];
    return out;
  }

  private ref(ctx: Ctx, segs: Seg[], many: boolean, hint: boolean, depth: number): Target[] {
    const [head, second] = segs;
    if (head!.name === 'var') return second ? this.variable(ctx, second.name, many, depth) : [];
    if (head!.name === 'module') return second ? this.moduleOutput(ctx, segs, many, hint, depth) : [];
    const data = head!.name === 'data';
    const rest = data ? segs.slice(1) : segs;
    if (rest.length < 2) return [];
    const [type, name, attr] = rest;
    const group = this.groups.get(`${ctx.module}|${data ? 'data' : 'managed'}.${type!.name}.${name!.name}`) ?? [];
    if (group.length === 0) {
      this.warn(ctx.from, `refers to ${data ? 'data.' : ''}${type!.name}.${name!.name}, which is not in the file`);
      return [];
    }
    const picked = this.pick(ctx, group, name!, many, hint, `${type!.name}.${name!.name}`);
    return picked.flatMap((res) => this.attrTarget(res, attr?.name, depth));
  }

  /** Instances meant by a reference: its literal index, the referrer's own count.index/each.key, or all of them. */
  private pick(ctx: Ctx, group: TfResource[], seg: Seg, many: boolean, hint: boolean, label: string): TfResource[] {
    if (seg.index !== undefined) {
      const r = this.instance(group, seg.index);
      return r ? [r] : [];
    }
    if (group.length === 1 && !seg.dynamic) return group;
    // aws_x.y[count.index], element(aws_x.y[*].id, count.index): the referrer's own index, even in a list
    if (hint) {
      const same = ctx.index === undefined ? undefined : this.instance(group, ctx.index);
      if (same) return [same];
    }
    if (many && !seg.dynamic) return group;
    if (group.length === 1) return group;
    this.warn(
      ctx.from,
      `refers to one of ${group.length} instances of ${label} by an index the JSON cannot evaluate; picked ${group[0]!.address} (the first) — check this link`,
    );
    return [group[0]!];
  }

  private attrTarget(res: TfResource, attr: string | undefined, depth: number): Target[] {
    if (res.mode === 'data') {
      // a data source: the AWS id(s) it read, which are resources of the file or placeholders
      const v = res.values[attr ?? 'id'];
      return constants(v ?? res.values.id).map((s) => this.fromId(s)!);
    }
    if (attr === undefined || attr === 'id' || attr === 'arn') return [{ res }];
    if (/(_id|_ids)$/.test(attr) && !SELF_ATTRS.has(attr)) {
      // aws_subnet.a.vpc_id: the subnet's own link
      return depth < 10 ? this.link(res, attr, attr.endsWith('_ids')) : [];
    }
    return [{ res, attr }];
  }

  private variable(ctx: Ctx, name: string, many: boolean, depth: number): Target[] {
    if (ctx.modulePath.length === 0) {
      const v = this.variables[name];
      return isRec(v) ? constants(v.value).map((s) => this.fromId(s)!) : [];
    }
    const parentPath = ctx.modulePath.slice(0, -1);
    const call = this.model.configModules.get(parentPath.join('.'))?.module_calls;
    const callName = ctx.modulePath[ctx.modulePath.length - 1]!;
    const expr =
      isRec(call) && isRec(call[callName]) && isRec((call[callName] as Rec).expressions) ? ((call[callName] as Rec).expressions as Rec)[name] : undefined;
    if (expr === undefined) {
      const v = this.model.configModules.get(ctx.modulePath.join('.'))?.variables;
      const dflt = isRec(v) && isRec(v[name]) ? (v[name] as Rec).default : undefined;
      return constants(dflt).map((s) => this.fromId(s)!);
    }
    const parentModule = parentInstance(ctx.module);
    const idx = lastIndex(ctx.module);
    return this.expr({ module: parentModule, modulePath: parentPath, ...(idx !== undefined ? { index: idx } : {}), from: ctx.from }, expr, many, depth + 1);
  }

  private moduleOutput(ctx: Ctx, segs: Seg[], many: boolean, hint: boolean, depth: number): Target[] {
    const call = segs[1]!;
    const output = segs[2]?.name;
    const childPath = [...ctx.modulePath, call.name];
    const child = this.model.configModules.get(childPath.join('.'));
    const prefix = `${ctx.module ? `${ctx.module}.` : ''}module.${call.name}`;
    const instances = [...this.model.moduleInstances]
      .filter((m) => m === prefix || (m.startsWith(`${prefix}[`) && !m.slice(prefix.length).includes('.module.')))
      .sort();
    if (!child || output === undefined || instances.length === 0) return [];
    const expr = isRec(child.outputs) && isRec(child.outputs[output]) ? (child.outputs[output] as Rec).expression : undefined;
    if (!isRec(expr)) {
      this.warn(ctx.from, `refers to module.${call.name}.${output}, an output the configuration does not show`);
      return [];
    }
    let chosen = instances;
    if (call.index !== undefined) {
      const want = `${prefix}${indexTextOf(call.index)}`;
      chosen = instances.filter((m) => m === want);
    } else if (instances.length > 1 && !many) {
      const same = hint ? instances.find((m) => sameIndex(lastIndex(m), ctx.index)) : undefined;
      if (!same)
        this.warn(
          ctx.from,
          `refers to one of ${instances.length} instances of module.${call.name} by an index the JSON cannot evaluate; picked ${instances[0]} (the first) — check this link`,
        );
      chosen = [same ?? instances[0]!];
    }
    // module.vpc.private_subnets[count.index]: a list output indexed by the referrer's own index
    const outIndex = segs[2]?.index;
    const listIndexed = (hint && !many && ctx.index !== undefined) || typeof outIndex === 'number';
    const out = chosen.flatMap((m) => {
      const idx = lastIndex(m);
      return this.expr(
        { module: m, modulePath: childPath, ...(idx !== undefined ? { index: idx } : {}), from: ctx.from },
        expr,
        many || listIndexed,
        depth + 1,
      );
    });
    if (typeof outIndex === 'number' && out.length > 1) {
      // module.vpc.public_subnets[0]: the list output's element, when the list is a counted resource
      const at = out.find((t) => 'res' in t && t.res.index === outIndex);
      if (at) return [at];
    }
    if (!listIndexed || out.length <= 1) return out;
    const same = out.find((t) => 'res' in t && t.res.index === ctx.index);
    if (same) return [same];
    this.warn(
      ctx.from,
      `refers to one of ${out.length} values of module.${call.name}.${output} by an index the JSON cannot evaluate; picked the first — check this link`,
    );
    return [out[0]!];
  }
}

/** Attributes that name another part of the same resource (the VPC's main route table ...), not a link to follow. */
const SELF_ATTRS = new Set([
  'main_route_table_id',
  'default_route_table_id',
  'default_security_group_id',
  'default_network_acl_id',
  'network_interface_id',
  'primary_network_interface_id',
  'association_id',
  'allocation_id',
  'owner_id',
]);

function constants(v: unknown): string[] {
  if (typeof v === 'string' && v !== '') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x !== '');
  return [];
}

function indexTextOf(k: number | string): string {
  return typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`;
}

/** module.a["x"].module.b[0] → module.a["x"] */
function parentInstance(module: string): string {
  const i = module.lastIndexOf('.module.');
  return i < 0 ? '' : module.slice(0, i);
}

/** The index of the last module call in an instance address, if any. */
function lastIndex(module: string): number | string | undefined {
  const m = /\[(\d+|"(?:[^"\\]|\\.)*")\]$/.exec(module);
  if (!m) return undefined;
  return /^\d+$/.test(m[1]!) ? Number(m[1]) : (JSON.parse(m[1]!) as string);
}
