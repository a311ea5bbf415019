import type * as M from './model.js';
import { type Binder, type Draft, str, subnetIn } from './context.js';
import { makeEni, writtenInterface } from './interfaces.js';

/** Instances, each with its primary interface. */
export function bindInstances(b: Binder, t: Draft): void {
  const { instances } = t;
  b.each('instances', (raw, path) => {
    const subnet = subnetIn(b, raw, path);
    if (!subnet) return;
    const ownId = `eni-${raw.id}`;
    const eniId = str(raw.interfaceId) ?? ownId;
    const eni = makeEni(b, t, writtenInterface(raw, path, subnet, eniId, false));
    if (!eni) return;
    // The instance and its primary interface are written at the same place: one Src serves both.
    const inst = b.register<M.Instance>({ kind: 'instance', id: raw.id, name: str(raw.name), src: eni.src, subnet, primary: eni, interfaces: [eni] });
    eni.owner = { type: 'instance', instance: inst };
    if (eniId !== ownId || !b.declared.has(eniId)) b.byId.set(eniId, eni);
    instances.push(inst);
  });
}
