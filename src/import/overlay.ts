// Merging a user's overlay (a partial topology in vpcsim's format) over an imported one: facts a
// describe dump cannot hold, such as on-premises prefixes learned over BGP.
// Lists of resources merge by `id` (an overlay item updates the imported one key by key, or is added);
// nested objects merge key by key; lists and scalars replace; `null` removes a key.
import { AwsImportError, type TopologyDraft } from './aws-types.js';
import { isRec, type Rec } from './aws-util.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function clone(v: unknown, depth = 0): unknown {
  if (depth > 64) throw new AwsImportError('BAD_OVERLAY', 'the overlay is nested too deeply');
  if (Array.isArray(v)) return v.map((x) => clone(x, depth + 1));
  return isRec(v) ? cloneRec(v, depth) : v;
}

function cloneRec(v: Rec, depth = 0): Rec {
  const o: Rec = {};
  for (const k of Object.keys(v)) if (!FORBIDDEN.has(k)) o[k] = clone(v[k], depth + 1);
  return o;
}

function mergeInto(target: Rec, patch: Rec, depth: number): void {
  for (const k of Object.keys(patch)) {
    if (FORBIDDEN.has(k)) continue;
    const pv = patch[k];
    if (pv === null) delete target[k];
    else if (isRec(pv) && isRec(target[k])) mergeInto(target[k] as Rec, pv, depth + 1);
    else target[k] = clone(pv, depth + 1);
  }
}

/**
 * Returns a new document: `base` with `overlay` merged over it, which may hold any key the overlay wrote (the schema
 * check says whether it is a topology). `label` names the overlay in errors.
 */
export function mergeOverlay(base: TopologyDraft, overlay: unknown, label = 'overlay'): { topology: Rec; added: number; updated: number } {
  if (!isRec(overlay)) throw new AwsImportError('BAD_OVERLAY', `${label} must be a mapping of topology keys (vpnConnections: ..., etc.)`);
  if (overlay.version !== undefined && overlay.version !== 1)
    throw new AwsImportError('BAD_OVERLAY', `${label} has version ${String(overlay.version)}; only format version 1 exists`);
  const out = cloneRec(base);
  let added = 0;
  let updated = 0;
  for (const key of Object.keys(overlay)) {
    if (FORBIDDEN.has(key) || key === 'version') continue;
    const value = overlay[key];
    if (Array.isArray(value) && key !== 'assertions') {
      const current = Array.isArray(out[key]) ? (out[key] as Rec[]) : [];
      const byId = new Map<string, Rec>();
      for (const item of current) if (typeof item.id === 'string') byId.set(item.id, item);
      value.forEach((item, i) => {
        if (!isRec(item) || typeof item.id !== 'string' || item.id === '') {
          throw new AwsImportError('BAD_OVERLAY', `${label}: ${key}[${i}] needs an id (overlay resources are matched to imported ones by id)`);
        }
        const existing = byId.get(item.id);
        if (existing) {
          mergeInto(existing, item, 0);
          updated++;
        } else {
          const fresh = cloneRec(item);
          current.push(fresh);
          byId.set(item.id, fresh);
          added++;
        }
      });
      out[key] = current;
    } else if (value === null) {
      delete out[key];
    } else {
      out[key] = clone(value);
    }
  }
  return { topology: out, added, updated };
}
