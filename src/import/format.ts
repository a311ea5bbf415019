// Writing an imported topology as YAML (readable: one line per small resource or rule) or JSON.
import { Document, isMap, isScalar, isSeq, visit, type Node } from 'yaml';
import type { TopologyData } from './aws-types.js';

const FLOW_MAX = 200;

function scalarOnly(n: unknown): boolean {
  if (isScalar(n)) return true;
  if (isSeq(n)) return n.items.every((i) => isScalar(i));
  return false;
}

function width(n: Node): number {
  return JSON.stringify(n.toJSON()).length;
}

export function formatTopology(topology: TopologyData, format: 'yaml' | 'json' = 'yaml', header?: string): string {
  if (format === 'json') return `${JSON.stringify(topology, null, 2)}\n`;
  const doc = new Document(topology);
  visit(doc, {
    Map(_key, node) {
      // Small resources and rules read best on one line, like the format reference: `- { id: ..., vpc: ... }`.
      if (node.items.length > 0 && node.items.every((p) => scalarOnly(p.value)) && width(node) <= FLOW_MAX) node.flow = true;
    },
    Seq(_key, node) {
      if (node.items.length > 0 && node.items.every((i) => isScalar(i)) && width(node) <= FLOW_MAX) node.flow = true;
    },
  });
  // The top-level document stays in block style.
  if (isMap(doc.contents)) doc.contents.flow = false;
  if (header) doc.commentBefore = header;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
