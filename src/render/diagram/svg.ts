// SVG rendered in-process by Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz: the wasm is inlined in the
// package, so nothing is downloaded and no system binary is needed). Loaded on first use only.
import { Graphviz } from '@hpcc-js/wasm-graphviz';

let loaded: Promise<Graphviz> | undefined;

/** Lays out DOT text with the `dot` engine and returns the SVG document. */
export async function dotToSvg(dot: string): Promise<string> {
  loaded ??= Graphviz.load();
  const gv = await loaded;
  return gv.layout(dot, 'svg', 'dot');
}
