// A side of a diff for tests: the bound topology with the document it was bound from, as the CLI passes it.
import { bind } from '../../src/bind/bind.js';
import type { DiffInput } from '../../src/diff/types.js';
import { loadTopologyFromData } from '../../src/index.js';
import { loadFile, loadText } from '../../src/load/load.js';
import type { Loaded } from '../../src/load/load.js';

function side(loaded: Loaded): DiffInput {
  const r = bind(loaded);
  if (!r.topology) throw new Error(r.diagnostics.map((x) => x.message).join('\n'));
  return { topology: r.topology, data: loaded.data };
}

/** A topology file. */
export function diffInputFile(file: string): DiffInput {
  return side(loadFile(file));
}

/** A topology document, loaded from its JSON text like a file. */
export function diffInputText(data: unknown): DiffInput {
  return side(loadText(JSON.stringify(data), 'topology.json'));
}

/** An in-memory topology document (the generator's). */
export function diffInputData(data: unknown): DiffInput {
  const r = loadTopologyFromData(data);
  if (!r.topology) throw new Error(r.diagnostics.map((x) => x.message).join('\n'));
  return { topology: r.topology, data };
}
