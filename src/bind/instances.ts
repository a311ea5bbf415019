import type * as M from './model.js';
import { type Binder, type Draft, src, str, subnetIn } from './context.js';
import { makeEni, writtenInterface } from './interfaces.js';

/** Instances, each with its primary interface. */
export function bindInstances(b: Binder, t: Draft): void {
  const { instances } = t;
  b.each('instances', (raw, path) => {
    const subnet = subnetIn(b, raw, path);
    if (!subnet) return;
    const eniId = str(raw.interfaceId) ?? `eni-${raw.id}`;
    const eni = makeEni(b, t, writtenInterface(raw, path, subnet, eniId, false));
    if (!eni) return;
    const inst = b.register<M.Instance>({ kind: 'instance', id: raw.id, name: str(raw.name), src: src(path), subnet, primary: eni, interfaces: [eni] });
    eni.owner = { type: 'instance', instance: inst };
    if (eniId !== `eni-${raw.id}` || !b.declared.has(eniId)) b.byId.set(eniId, eni);
    instances.push(inst);
  });
}
