// Writing an imported topology as file text, through the one topology writer (src/load/write.ts): YAML with an
// optional comment header, lists padded `[ a, b ]` and one-line forms up to 200 characters, or indented JSON.
import { type WriteStyle, writeJsonIndented, writeYaml } from '../load/write.js';
import type { TopologyDraft } from './aws-types.js';

const IMPORT_STYLE: WriteStyle = { padLists: true, flowMax: 200, blankBeforeLists: false };

export function formatTopology(topology: TopologyDraft, format: 'yaml' | 'json' = 'yaml', header?: string): string {
  return format === 'json' ? writeJsonIndented(topology) : writeYaml(topology, IMPORT_STYLE, header);
}
