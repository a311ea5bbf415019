// After an overlay is merged, the topology must still load: the overlay is written by hand, and a misspelt key
// (`vpnConnection:`), an added resource without its required keys or a removed list (`vpcs: null`) would make
// `import aws` write a file that `vpcsim validate` refuses. Each error is placed in the overlay when it is about
// something the overlay wrote (matched by top-level key and resource id), else at its path in the merged topology.
import { bind } from '../bind/bind.js';
import type { Diagnostic, Path } from '../load/diagnostics.js';
import { pathText } from '../load/load.js';
import { SourceFile } from '../load/source.js';
import { validateSchema } from '../load/validate.js';
import { isRec, type Rec } from './aws-util.js';

const MAX_LISTED = 10;

/** The path in the overlay that wrote what `path` points at in the merged topology, if the overlay wrote it. */
export function overlayPathOf(path: Path, merged: Rec, overlay: Rec): Path | undefined {
  const key = path[0];
  if (typeof key !== 'string' || !Object.hasOwn(overlay, key)) return undefined;
  const written = overlay[key];
  if (path.length >= 2 && typeof path[1] === 'number' && Array.isArray(written) && key !== 'assertions') {
    const item = (merged[key] as unknown[] | undefined)?.[path[1]];
    const id = isRec(item) ? item.id : undefined;
    const j = written.findIndex((x) => isRec(x) && x.id === id);
    return j < 0 ? undefined : [key, j, ...path.slice(2)];
  }
  return path;
}

/** The errors of the merged topology (count 0 when it loads), the first ones as lines `where: CODE message`. */
export function mergedTopologyErrors(merged: Rec, overlay: Rec, overlaySource: SourceFile | undefined, label: string): { count: number; lines: string[] } {
  const source = new SourceFile('(merged topology).json', () => JSON.stringify(merged, null, 2));
  const schema = validateSchema(merged, source);
  const diagnostics: Diagnostic[] = schema.some((d) => d.severity === 'error') ? schema : bind({ source, data: merged, diagnostics: schema }).diagnostics;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  let outside = 0;
  const lines = errors.slice(0, MAX_LISTED).map((d) => {
    const inOverlay = d.path ? overlayPathOf(d.path, merged, overlay) : undefined;
    if (!inOverlay) outside++;
    let where: string;
    if (inOverlay && overlaySource) {
      const pos = overlaySource.position(inOverlay, d.code === 'UNKNOWN_KEY');
      where = `${overlaySource.file}:${pos.line}:${pos.col}`;
    } else if (inOverlay) where = `${label} ${pathText(inOverlay)}`;
    else where = `merged topology${d.path && d.path.length ? ` ${pathText(d.path)}` : ''}`;
    return `${where}: ${d.code} ${d.message}`;
  });
  if (errors.length > MAX_LISTED) lines.push(`... and ${errors.length - MAX_LISTED} more`);
  // Errors outside the overlay usually come from what it removed (`vpcs: null`): say where it did.
  if (outside > 0) {
    for (const k of Object.keys(overlay).filter((k) => overlay[k] === null)) {
      const pos = overlaySource?.position([k], true);
      lines.push(`note: ${pos ? `${overlaySource!.file}:${pos.line}:${pos.col}` : label} removes '${k}' (${k}: null)`);
    }
  }
  return { count: errors.length, lines };
}
