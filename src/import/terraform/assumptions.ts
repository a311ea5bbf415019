// Assumptions an imported Terraform plan rests on (a public IP assigned at launch whose address is
// unknown, a placeholder for a resource not in the file), kept beside the bound topology so a trace
// can say which of them its answer depends on.
const registry = new WeakMap<object, Record<string, string[]>>();
const aliasRegistry = new WeakMap<object, Record<string, string>>();

export function registerAssumptions(topology: object, assumptions: Record<string, string[]> | undefined, aliases?: Record<string, string>): void {
  if (assumptions && Object.keys(assumptions).length > 0) registry.set(topology, assumptions);
  if (aliases && Object.keys(aliases).length > 0) aliasRegistry.set(topology, aliases);
}

/** An endpoint given as an AWS id or a unique Name tag of an imported Terraform resource → its address; else unchanged. */
export function resolveAlias(topology: object & { byId: ReadonlyMap<string, unknown> }, endpoint: string): string {
  if (topology.byId.has(endpoint)) return endpoint;
  return aliasRegistry.get(topology)?.[endpoint.trim()] ?? endpoint;
}

/** The assumptions about the components a trace passed, in path order, as `component: text`. */
export function assumptionsOnPath(topology: object, components: readonly string[]): { component: string; assumption: string }[] {
  const a = registry.get(topology);
  if (!a) return [];
  const out: { component: string; assumption: string }[] = [];
  for (const id of new Set(components)) for (const text of a[id] ?? []) out.push({ component: id, assumption: text });
  return out;
}
