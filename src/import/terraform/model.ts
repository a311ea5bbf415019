// The resources of a Terraform document as one flat list, whichever form it came in (plan, show-json
// state, tfstate), each with its known values, what the plan leaves unknown, and its configuration block.
// Shapes: https://developer.hashicorp.com/terraform/internals/json-format (values representation,
// resource_changes, configuration representation) and the tfstate version 4 layout.
import type { Path } from '../../load/diagnostics.js';
import { type TerraformDoc, TerraformImportError, wrongType } from './read.js';

export type Rec = Record<string, unknown>;
export const isRec = (x: unknown): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x);

export interface TfResource {
  /** full instance address: module.vpc.aws_subnet.private[0] */
  address: string;
  /** module instance address ('' for the root): module.az["a"] */
  module: string;
  /** module call names from the root (configuration path): ['az'] */
  modulePath: string[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: number | string;
  values: Rec;
  /** after_unknown of the plan: true, or a tree of the unknown attributes */
  unknown: unknown;
  /** the configuration block (expressions) of this resource, when the document has one */
  config?: Rec;
  /** where the values are in the file */
  at: Path;
}

export interface TfModel {
  resources: TfResource[];
  /** configuration modules by call path ('' root, 'vpc', 'vpc.inner') */
  configModules: Map<string, Rec>;
  /** module instance addresses present ('' and every module.x[...] prefix) */
  moduleInstances: Set<string>;
}

function configKey(path: string[], type: string, name: string, mode = 'managed'): string {
  return `${path.join('.')}|${mode === 'data' ? 'data.' : ''}${type}.${name}`;
}

/** Module call names of a module instance address: module.a["x"].module.b[0] → ['a', 'b']. */
export function modulePathOf(module: string): string[] {
  const out: string[] = [];
  const re = /module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?/g;
  for (let m = re.exec(module); m; m = re.exec(module)) out.push(m[1]!);
  return out;
}

function indexConfig(doc: TerraformDoc): { modules: Map<string, Rec>; blocks: Map<string, Rec> } {
  const modules = new Map<string, Rec>();
  const blocks = new Map<string, Rec>();
  const cfg = doc.data.configuration;
  if (!isRec(cfg) || !isRec(cfg.root_module)) return { modules, blocks };
  const visit = (m: Rec, path: string[], depth: number) => {
    if (depth > 50) return;
    modules.set(path.join('.'), m);
    for (const r of Array.isArray(m.resources) ? m.resources : []) {
      if (isRec(r) && typeof r.type === 'string' && typeof r.name === 'string') blocks.set(configKey(path, r.type, r.name, String(r.mode ?? 'managed')), r);
    }
    if (isRec(m.module_calls)) {
      for (const [name, call] of Object.entries(m.module_calls)) if (isRec(call) && isRec(call.module)) visit(call.module, [...path, name], depth + 1);
    }
  };
  visit(cfg.root_module, [], 0);
  return { modules, blocks };
}

/** after_unknown of every planned resource instance, by address. */
function unknownsOf(doc: TerraformDoc): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const rc = doc.data.resource_changes;
  if (!Array.isArray(rc)) return out;
  rc.forEach((c, i) => {
    if (!isRec(c) || typeof c.address !== 'string') throw wrongType(doc, ['resource_changes', i], 'a resource change with an address');
    if (isRec(c.change) && c.change.after_unknown !== undefined) out.set(c.address, c.change.after_unknown);
  });
  return out;
}

/** Resources of a values-representation module (planned_values, prior_state.values, values) and its children. */
function fromValues(doc: TerraformDoc, root: unknown, at: Path, out: TfResource[]): void {
  const visit = (m: unknown, path: Path, depth: number) => {
    if (m === undefined || m === null) return;
    if (!isRec(m)) throw wrongType(doc, path, 'a module object (resources, child_modules)');
    if (depth > 50) throw new TerraformImportError('TF_TOO_DEEP', `${doc.file}: modules nested deeper than 50 levels`, doc.file);
    const rs = m.resources ?? [];
    if (!Array.isArray(rs)) throw wrongType(doc, [...path, 'resources'], 'a list of resources');
    rs.forEach((r, i) => {
      const p = [...path, 'resources', i];
      if (!isRec(r) || typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string')
        throw wrongType(doc, p, 'a resource with address, type and name strings');
      if (r.values !== undefined && !isRec(r.values)) throw wrongType(doc, [...p, 'values'], 'an object of attribute values');
      const module = typeof m.address === 'string' ? m.address : '';
      const index = typeof r.index === 'number' || typeof r.index === 'string' ? r.index : undefined;
      out.push({
        address: r.address,
        module,
        modulePath: modulePathOf(module),
        mode: r.mode === 'data' ? 'data' : 'managed',
        type: r.type,
        name: r.name,
        ...(index !== undefined ? { index } : {}),
        values: (r.values as Rec) ?? {},
        unknown: undefined,
        at: [...p, 'values'],
      });
    });
    const cs = m.child_modules ?? [];
    if (!Array.isArray(cs)) throw wrongType(doc, [...path, 'child_modules'], 'a list of modules');
    cs.forEach((c, i) => visit(c, [...path, 'child_modules', i], depth + 1));
  };
  visit(root, at, 0);
}

function indexText(k: unknown): string {
  return typeof k === 'number' ? `[${k}]` : typeof k === 'string' ? `[${JSON.stringify(k)}]` : '';
}

/** Resources of a terraform.tfstate version 4. */
function fromTfstate(doc: TerraformDoc, out: TfResource[]): void {
  (doc.data.resources as unknown[]).forEach((r, i) => {
    const p: Path = ['resources', i];
    if (!isRec(r) || typeof r.type !== 'string' || typeof r.name !== 'string') throw wrongType(doc, p, 'a resource with type and name strings');
    if (!Array.isArray(r.instances)) throw wrongType(doc, [...p, 'instances'], 'a list of instances');
    const module = typeof r.module === 'string' ? r.module : '';
    const mode = r.mode === 'data' ? 'data' : 'managed';
    r.instances.forEach((inst, j) => {
      const ip: Path = [...p, 'instances', j];
      if (!isRec(inst) || !isRec(inst.attributes)) throw wrongType(doc, [...ip, 'attributes'], 'an object of attribute values');
      const key = inst.index_key;
      const local = `${mode === 'data' ? 'data.' : ''}${r.type}.${r.name}${indexText(key)}`;
      const index = typeof key === 'number' || typeof key === 'string' ? key : undefined;
      out.push({
        address: module ? `${module}.${local}` : local,
        module,
        modulePath: modulePathOf(module),
        mode,
        type: r.type as string,
        name: r.name as string,
        ...(index !== undefined ? { index } : {}),
        values: inst.attributes,
        unknown: undefined,
        at: [...ip, 'attributes'],
      });
    });
  });
}

/** The resources after apply (a plan's planned values), or before (`before`: the plan's prior state). */
export function buildModel(doc: TerraformDoc, before = false): TfModel {
  const resources: TfResource[] = [];
  if (doc.kind === 'tfstate') fromTfstate(doc, resources);
  else if (doc.kind === 'state-json') fromValues(doc, (doc.data.values as Rec | undefined)?.root_module, ['values', 'root_module'], resources);
  else if (before) {
    const ps = doc.data.prior_state;
    if (isRec(ps) && ps.values !== undefined) {
      if (!isRec(ps.values)) throw wrongType(doc, ['prior_state', 'values'], 'an object with root_module');
      fromValues(doc, ps.values.root_module, ['prior_state', 'values', 'root_module'], resources);
    }
  } else {
    const pv = doc.data.planned_values;
    fromValues(doc, isRec(pv) ? pv.root_module : undefined, ['planned_values', 'root_module'], resources);
    const unknowns = unknownsOf(doc);
    for (const r of resources) r.unknown = unknowns.get(r.address);
    // Data sources read during planning are in the prior state only.
    const ps = doc.data.prior_state;
    if (isRec(ps) && isRec(ps.values)) {
      const data: TfResource[] = [];
      fromValues(doc, ps.values.root_module, ['prior_state', 'values', 'root_module'], data);
      const have = new Set(resources.map((r) => r.address));
      for (const d of data) if (d.mode === 'data' && !have.has(d.address)) resources.push(d);
    }
  }
  // One order whatever the form (a tfstate lists resources by type, the JSON forms by module): by address.
  resources.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const { modules, blocks } = indexConfig(doc);
  const moduleInstances = new Set<string>(['']);
  for (const r of resources) {
    const cfg = blocks.get(configKey(r.modulePath, r.type, r.name, r.mode));
    if (cfg) r.config = cfg;
    moduleInstances.add(r.module);
  }
  return { resources, configModules: modules, moduleInstances };
}
