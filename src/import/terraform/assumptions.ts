// Assumptions an imported Terraform plan rests on (a public IP assigned at launch whose address is
// unknown, a placeholder for a resource not in the file), kept beside the bound topology so a trace
// can say which of them its answer depends on.
const registry = new WeakMap<object, Record<string, string[]>>();

export function registerAssumptions(topology: object, assumptions: Record<string, string[]> | undefined): void {
  if (assumptions && Object.keys(assumptions).length > 0) registry.set(topology, assumptions);
}

/** The assumptions about the components a trace passed, in path order, as `component: text`. */
export function assumptionsOnPath(topology: object, components: readonly string[]): { component: string; assumption: string }[] {
  const a = registry.get(topology);
  if (!a) return [];
  const out: { component: string; assumption: string }[] = [];
  for (const id of new Set(components)) for (const text of a[id] ?? []) out.push({ component: id, assumption: text });
  return out;
}
